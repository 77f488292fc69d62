/* order.h — comparing for qsort and merge sorts.
 *
 * ORDER(A, B) is -1, 0 or 1 as A sorts before, with or after B (numbers).  Comparators
 * chain keys with GNU C's `?:`: ORDER(a->line, b->line) ?: ORDER(a->col, b->col). */
#ifndef BROADSIDE_ORDER_H
#define BROADSIDE_ORDER_H

#define ORDER(a, b) (((a) > (b)) - ((a) < (b)))

#endif
