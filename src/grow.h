/* grow.h — the one way an array in src/ grows.
 *
 * An array that grows is a pointer, a length and a capacity.  grow() makes room for NEED
 * elements by doubling the capacity (from 16), so that appending N elements costs O(N)
 * in all; it checks the sizes for overflow.  The array stays the caller's: grow() only
 * reallocates it.  grow_zeroed() is grow() for an array read where nothing was written
 * (indexed, not appended) and for many small arrays: it zeroes what it adds, and starts
 * from a capacity the caller chooses. */
#ifndef BROADSIDE_GROW_H
#define BROADSIDE_GROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

/* Makes *ITEMS_PTR (the address of a pointer to elements of SIZE bytes, CAP of them
 * allocated) hold at least NEED elements.  False if memory ran out or the size would
 * overflow; then the array and *CAP are as they were. */
bool grow(void *items_ptr, size_t *cap, size_t need, size_t size);

/* grow() for an array ITEMS and its capacity CAP, both lvalues: room for NEED elements. */
#define GROW(items, cap, need) grow(&(items), &(cap), (need), sizeof *(items))

/* Frees each of the N elements of the array ITEMS with FREE_ONE (given a pointer to the
 * element), then the array itself: how every array of owning elements is let go. */
#define GROW_FREE(items, n, free_one)                              \
	do {                                                       \
		for (size_t grow_i_ = 0; grow_i_ < (n); grow_i_++) \
			free_one(&(items)[grow_i_]);               \
		free(items);                                       \
	} while (0)

/* As grow(), but an empty array's capacity doubles from FIRST (at least 1), and the
 * elements added to the capacity are zero bytes. */
bool grow_zeroed(void *items_ptr, size_t *cap, size_t need, size_t size, size_t first);

/* grow_zeroed() for an array ITEMS and its capacity CAP, both lvalues. */
#define GROW_ZEROED(items, cap, need, first) \
	grow_zeroed(&(items), &(cap), (need), sizeof *(items), (first))

#endif
