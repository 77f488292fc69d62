/* Unit tests of grow (grow.h): doubling from 16, room for what is needed in one step,
 * sizes that would overflow refused with the array left as it was; grow_zeroed doubling
 * from the capacity asked for, with what it adds zeroed and what was there kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "grow.h"

static void an_empty_array_gets_sixteen_then_doubles(void **state)
{
	(void)state;
	int *items = NULL;
	size_t cap = 0;
	assert_true(GROW(items, cap, 1));
	assert_non_null(items);
	assert_int_equal(cap, 16);
	for (int i = 0; i < 16; i++)
		items[i] = i;
	assert_true(GROW(items, cap, 16)); /* room already */
	assert_int_equal(cap, 16);
	assert_true(GROW(items, cap, 17));
	assert_int_equal(cap, 32);
	assert_int_equal(items[15], 15); /* kept */
	assert_true(GROW(items, cap, 1000));
	assert_int_equal(cap, 1024);
	free(items);
}

static void sizes_that_overflow_are_refused(void **state)
{
	(void)state;
	char *items = NULL;
	size_t cap = 0;
	assert_true(GROW(items, cap, 10));
	char *before = items;
	assert_false(GROW(items, cap, SIZE_MAX));
	assert_ptr_equal(items, before);
	assert_int_equal(cap, 16);
	double *wide = NULL;
	size_t wide_cap = 0;
	assert_false(GROW(wide, wide_cap, SIZE_MAX / 4));
	assert_null(wide);
	assert_int_equal(wide_cap, 0);
	free(items);
}

static void grow_zeroed_starts_where_asked_and_zeroes_what_it_adds(void **state)
{
	(void)state;
	long *items = NULL;
	size_t cap = 0;
	assert_true(GROW_ZEROED(items, cap, 1, 1));
	assert_int_equal(cap, 1);
	assert_int_equal(items[0], 0);
	items[0] = -1;
	assert_true(GROW_ZEROED(items, cap, 2, 1));
	assert_int_equal(cap, 2);
	assert_true(GROW_ZEROED(items, cap, 3, 1));
	assert_int_equal(cap, 4);
	assert_int_equal(items[0], -1); /* kept */
	for (size_t i = 1; i < cap; i++)
		assert_int_equal(items[i], 0);
	items[3] = 7;
	assert_true(GROW_ZEROED(items, cap, 100, 1)); /* an index far out: one step */
	assert_int_equal(cap, 128);
	assert_int_equal(items[3], 7);
	for (size_t i = 4; i < cap; i++)
		assert_int_equal(items[i], 0);
	free(items);
	unsigned char *seen = NULL;
	size_t n_seen = 0;
	assert_true(GROW_ZEROED(seen, n_seen, 65, 64));
	assert_int_equal(n_seen, 128);
	assert_false(GROW_ZEROED(seen, n_seen, SIZE_MAX, 64)); /* refused, left as it was */
	assert_int_equal(n_seen, 128);
	assert_int_equal(seen[127], 0);
	free(seen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_empty_array_gets_sixteen_then_doubles),
		cmocka_unit_test(sizes_that_overflow_are_refused),
		cmocka_unit_test(grow_zeroed_starts_where_asked_and_zeroes_what_it_adds),
	};
	return cmocka_run_group_tests_name("grow", tests, NULL, NULL);
}
