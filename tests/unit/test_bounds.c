/* Unit tests of the bounds on diagnostics: at most DIAG_MAX_PER_RULE of one file, rule and
 * severity are kept, the rest are counted in one summary that survives copying, counting,
 * sorting, removing and printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

static size_t summaries(const struct diag_list *list, size_t *more)
{
	size_t n = 0;
	*more = 0;
	for (size_t i = 0; i < list->n; i++)
		if (list->items[i].more) {
			n++;
			*more += list->items[i].more;
		}
	return n;
}

static void a_rule_keeps_a_hundred_and_counts_the_rest(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	for (unsigned i = 0; i < 5000; i++)
		diag_add(&list, DIAG_ERROR, "f.xml", 1 + i, 1, "lang-duplicate", "finding %u", i);
	diag_add(&list, DIAG_ERROR, "f.xml", 1, 1, "other", "another rule");
	diag_add(&list, DIAG_ERROR, "g.xml", 1, 1, "lang-duplicate", "another file");
	diag_add(&list, DIAG_WARNING, "f.xml", 1, 1, "lang-duplicate", "another severity");
	size_t more;
	assert_int_equal(list.n, DIAG_MAX_PER_RULE + 1 + 3);
	assert_int_equal(summaries(&list, &more), 1);
	assert_int_equal(more, 5000 - DIAG_MAX_PER_RULE);
	assert_int_equal(diag_count(&list, DIAG_ERROR), 5002);

	diag_sort(&list);
	char *text = NULL, *json = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	diag_print_text(&list, out);
	fclose(out);
	/* the summary is the last line of f.xml's, after every placed one */
	assert_non_null(strstr(text, "f.xml: error: … and 4900 more [lang-duplicate]\ng.xml:"));
	out = open_memstream(&json, &len);
	diag_print_json(&list, out);
	fclose(out);
	assert_non_null(strstr(json, "\"message\": \"… and 4900 more\", \"more\": 4900"));
	free(text);
	free(json);

	/* a copy keeps the count; a second copy adds to it */
	struct diag_list copy;
	diag_list_init(&copy);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < list.n; i++)
			diag_copy(&copy, &list.items[i]);
	assert_int_equal(summaries(&copy, &more), 1);
	assert_int_equal(more, 2 * (5000 - DIAG_MAX_PER_RULE) + DIAG_MAX_PER_RULE);
	assert_int_equal(diag_count(&copy, DIAG_ERROR), 2 * 5002);
	diag_list_clear(&copy);

	/* removed with its rule; the rule then starts again from nothing */
	diag_remove(&list, DIAG_ERROR, "lang-duplicate");
	assert_int_equal(diag_count(&list, DIAG_ERROR), 1);
	diag_add(&list, DIAG_ERROR, "f.xml", 1, 1, "lang-duplicate", "again");
	assert_int_equal(summaries(&list, &more), 0);
	diag_list_clear(&list);
}

static void promoted_warnings_stay_capped(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	for (unsigned i = 0; i < DIAG_MAX_PER_RULE + 90; i++)
		diag_add(&list, DIAG_WARNING, "f.xml", 1, 1, "translation-missing", "%u", i);
	diag_promote_warnings(&list);
	for (unsigned i = 0; i < 10; i++)
		diag_add(&list, DIAG_ERROR, "f.xml", 1, 1, "translation-missing", "%u", i);
	size_t more;
	assert_int_equal(summaries(&list, &more), 1);
	assert_int_equal(more, 90 + 10);
	assert_int_equal(diag_count(&list, DIAG_ERROR), DIAG_MAX_PER_RULE + 100);
	diag_list_clear(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_rule_keeps_a_hundred_and_counts_the_rest),
		cmocka_unit_test(promoted_warnings_stay_capped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
