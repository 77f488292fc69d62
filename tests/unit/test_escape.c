/* Unit tests of escape (escape.h) and memfile (memfile.h): what each format's table
 * makes of its special bytes and of the other control characters, and a memory stream
 * that hands back its text only when every write succeeded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "escape.h"
#include "memfile.h"

static void check(const struct escape *table, const char *in, const char *want)
{
	char *got = escape_string(in, table);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void json_escapes_quotes_backslashes_and_controls(void **state)
{
	(void)state;
	check(&escape_json, "a\"b\\c\nd\re\tf\x01g\x1fh", "a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh");
	check(&escape_json, "سلام «x»", "سلام «x»"); /* UTF-8 passes through */
}

static void c_strings_escape_controls_in_octal(void **state)
{
	(void)state;
	check(&escape_c, "say \"hi\"\\\n\t\r\x07", "say \\\"hi\\\"\\\\\\n\\t\\r\\007");
}

static void xml_drops_controls_it_cannot_hold(void **state)
{
	(void)state;
	check(&escape_xml, "<a href=\"x\">&'\x01\n\t", "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\n\t");
	check(&escape_xml_content, "a<b>&\"'", "a&lt;b&gt;&amp;\"'");
	check(&escape_xml_attr, "a<b>&\"'", "a&lt;b>&amp;&quot;'");
	check(&escape_xml_attr_single, "a<b>&\"'", "a&lt;b>&amp;\"&apos;");
	check(&escape_xml_minimal, "a<b>&\"'\x01", "a&lt;b>&amp;\"'\x01");
}

static void tsv_and_github_escape_their_separators(void **state)
{
	(void)state;
	check(&escape_tsv, "a\tb\nc\\d", "a\\tb\\nc\\\\d");
	check(&escape_github_data, "50% a:b,c\r\n", "50%25 a:b,c%0D%0A");
	check(&escape_github_property, "50% a:b,c\r\n", "50%25 a%3Ab%2Cc%0D%0A");
}

static void null_is_empty(void **state)
{
	(void)state;
	check(&escape_json, NULL, "");
}

static void memfile_gives_back_what_was_written(void **state)
{
	(void)state;
	struct memfile m;
	FILE *f = memfile_open(&m);
	assert_non_null(f);
	fputs("abc", f);
	fputc('\0', f);
	fputs("d", f);
	size_t len = 99;
	char *text = memfile_close(&m, &len);
	assert_non_null(text);
	assert_int_equal(len, 5);
	assert_memory_equal(text, "abc\0d", 5);
	free(text);
}

static void memfile_gives_nothing_when_it_never_opened(void **state)
{
	(void)state;
	struct memfile m = {.f = NULL}; /* as memfile_open leaves it when memory ran out */
	size_t len = 99;
	assert_null(memfile_close(&m, &len));
	assert_int_equal(len, 0);
}

static void memfile_closes_once(void **state)
{
	(void)state;
	struct memfile m;
	assert_non_null(memfile_open(&m));
	fputs("x", m.f);
	char *text = memfile_close(&m, NULL);
	assert_string_equal(text, "x");
	assert_null(m.f);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_escapes_quotes_backslashes_and_controls),
		cmocka_unit_test(c_strings_escape_controls_in_octal),
		cmocka_unit_test(xml_drops_controls_it_cannot_hold),
		cmocka_unit_test(tsv_and_github_escape_their_separators),
		cmocka_unit_test(null_is_empty),
		cmocka_unit_test(memfile_gives_back_what_was_written),
		cmocka_unit_test(memfile_gives_nothing_when_it_never_opened),
		cmocka_unit_test(memfile_closes_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
