/* Unit tests of applying byte edits (edit.h): an empty list gives the source's bytes,
 * edits are sorted (insertions before a replacement at the same offset, then in the order
 * they were made), and edits that do not fit are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "edit.h"
#include "source.h"

static void an_empty_list_gives_the_source_bytes(void **state)
{
	(void)state;
	struct source *src = NULL;
	assert_int_equal(source_from_memory("x.xml", "<doc/>\n", 7, &src), SOURCE_OK);
	struct edit_list edits;
	edit_list_init(&edits);
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(edit_apply(src, &edits, &out, &len), 0);
	assert_int_equal(len, 7);
	assert_memory_equal(out, "<doc/>\n", 8); /* NUL-terminated */
	free(out);
	edit_list_clear(&edits);
	source_free(src);
}

static void edits_are_applied_in_order_of_offset(void **state)
{
	(void)state;
	struct source *src = NULL;
	assert_int_equal(source_from_memory("x.xml", "abcdef", 6, &src), SOURCE_OK);
	struct edit items[3] = {
		{.offset = 4, .length = 1, .text = "E", .seq = 0},
		{.offset = 1, .length = 2, .text = "X", .seq = 1},
		{.offset = 4, .length = 0, .text = "+", .seq = 2},
	};
	struct edit_list edits = {.items = items, .n = 3, .cap = 3};
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(edit_apply(src, &edits, &out, &len), 0);
	assert_string_equal(out, "aXd+Ef"); /* the insertion before the replacement */
	assert_int_equal(len, 6);
	free(out);
	items[2] = (struct edit){.offset = 2, .length = 1, .text = "Y", .seq = 2};
	assert_int_equal(edit_apply(src, &edits, &out, &len), -1); /* overlapping */
	assert_null(out);
	assert_int_equal(edit_splice(src, items, 0, &out, &len), 0);
	assert_string_equal(out, "abcdef");
	free(out);
	source_free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_empty_list_gives_the_source_bytes),
		cmocka_unit_test(edits_are_applied_in_order_of_offset),
	};
	return cmocka_run_group_tests_name("edit", tests, NULL, NULL);
}
