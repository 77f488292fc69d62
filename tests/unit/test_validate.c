/* Unit tests of loading, building and every rule of `broadside validate`.
 * Each case is a small document in memory; the assertions name the rule and the exact
 * LINE:COL that must be reported, and cases that must NOT be reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lang.h"
#include "model.h"
#include "pipeline.h"
#include "textcheck.h"
#include "validate.h"
#include "support.h"

/* A valid appeal; %s is replaced by the body's content. */
static const char *const appeal_head =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     /* 1 */
	"<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"           /* 2 */
	"<head>\n"                                                         /* 3 */
	"<title id=\"title\"><t xml:lang=\"en\">Free them</t>"
	"<t xml:lang=\"fa\">آزادشان کنید</t><t xml:lang=\"de\">Freiheit</t></title>\n" /* 4 */
	"</head>\n"                                                        /* 5 */
	"<body>\n";                                                        /* 6: body from line 7 */

struct result {
	struct diag_list diags;
	enum pipeline_status status;
	struct model_doc *doc;
};

static struct result check_bytes(const char *xml)
{
	struct result r;
	diag_list_init(&r.diags);
	r.status = pipeline_check_memory("t.xml", xml, strlen(xml), &r.diags, NULL, &r.doc);
	return r;
}

static struct result check_body(const char *body)
{
	char *xml = NULL;
	assert_true(asprintf(&xml, "%s%s\n</body>\n</appeal>\n", appeal_head, body) > 0);
	struct result r = check_bytes(xml);
	free(xml);
	return r;
}

static void result_free(struct result *r)
{
	diag_list_clear(&r->diags);
	model_doc_free(r->doc);
}

/* How many diagnostics of RULE there are; with LINE > 0, only those at LINE:COL. */
static size_t count(const struct result *r, const char *rule, unsigned line, unsigned col)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct diag *d = &r->diags.items[i];
		if (strcmp(d->rule, rule) == 0 && (!line || (d->line == line && d->col == col)))
			n++;
	}
	return n;
}

static void print_diags(const struct result *r)
{
	diag_print_text(&r->diags, stderr);
}

#define P3(id, en, fa, de)                                                                \
	"<p id=\"" id "\"><t xml:lang=\"en\">" en "</t><t xml:lang=\"fa\">" fa              \
	"</t><t xml:lang=\"de\">" de "</t></p>"

static void valid_document_passes(void **state)
{
	(void)state;
	struct result r = check_body(P3("p1", "Join us on <date when=\"2023-06-17\"/>.",
					"<date when=\"2023-06-17\"/> بیایید.",
					"Am <date when=\"2023-06-17\"/> kommen."));
	print_diags(&r);
	assert_int_equal(r.status, PIPELINE_OK);
	assert_int_equal(r.diags.n, 0);
	assert_non_null(r.doc);
	assert_int_equal(r.doc->n_units, 2);
	assert_int_equal(r.doc->n_head_units, 1);
	assert_string_equal(r.doc->units[1].id, "p1");
	assert_int_equal(r.doc->units[1].texts[0].state, STATE_FINAL);
	assert_int_equal(r.doc->units[1].texts[1].state, STATE_TRANSLATED);
	result_free(&r);
}

static void doctype_is_refused_before_any_declaration(void **state)
{
	(void)state;
	struct result r = check_bytes("<?xml version=\"1.0\"?>\n"
				      "<!DOCTYPE appeal [<!ENTITY a \"aaaaaaaaaa\">\n"
				      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
				      "<appeal>&b;</appeal>\n");
	assert_int_equal(r.status, PIPELINE_REFUSED);
	assert_int_equal(count(&r, "doctype", 2, 1), 1);
	assert_int_equal(r.diags.n, 1); /* nothing after the DOCTYPE was even parsed */
	result_free(&r);
}

static void not_utf8_is_refused(void **state)
{
	(void)state;
	struct result r = check_bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<appeal/>\n");
	assert_int_equal(count(&r, "encoding", 1, 31), 1);
	result_free(&r);
	r = check_bytes("<appeal>\n  f\xfcr</appeal>");
	assert_int_equal(count(&r, "encoding", 2, 4), 1);
	result_free(&r);
	r = check_bytes("<appeal>\xed\xa0\x80</appeal>"); /* an encoded surrogate */
	assert_int_equal(count(&r, "encoding", 1, 9), 1);
	result_free(&r);
}

static void malformed_xml_reports_libxml2_position(void **state)
{
	(void)state;
	struct result r = check_bytes("<appeal>\n<head></appeal>\n");
	assert_int_equal(r.status, PIPELINE_REFUSED);
	assert_true(count(&r, "xml-syntax", 0, 0) >= 1);
	assert_int_equal(r.diags.items[0].line, 2);
	result_free(&r);
	r = check_bytes("");
	assert_int_equal(count(&r, "xml-syntax", 0, 0), 1);
	result_free(&r);
}

static void xinclude_is_reported_not_followed(void **state)
{
	(void)state;
	struct result r = check_body(
		P3("p1", "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>",
		   "a", "b"));
	assert_int_equal(count(&r, "xinclude", 7, 29), 1);
	assert_null(strstr(r.diags.items[0].message, "root:"));
	result_free(&r);
}

static void schema_errors_have_element_positions(void **state)
{
	(void)state;
	struct result r = check_body("  <script/>");
	assert_int_equal(count(&r, "schema", 7, 3), 1);
	result_free(&r);
}

static void duplicate_ids(void **state)
{
	(void)state;
	struct result r = check_body(P3("p1", "a", "b", "c") "\n" P3("p1", "a", "b", "c") "\n"
				     P3("title", "a", "b", "c"));
	assert_int_equal(count(&r, "id-unique", 8, 8), 1);
	assert_int_equal(count(&r, "id-unique", 9, 8), 1);
	assert_int_equal(count(&r, "id-unique", 0, 0), 2);
	result_free(&r);
}

static void languages(void **state)
{
	(void)state;
	/* a language not in langs, a second <t> in one language, the source missing */
	struct result r = check_body(
		"<p id=\"p1\"><t xml:lang=\"en\">a</t><t xml:lang=\"fa\">b</t><t xml:lang=\"de\">c</t>"
		"<t xml:lang=\"it\">d</t></p>\n"
		"<p id=\"p2\"><t xml:lang=\"en\">a</t><t xml:lang=\"fa\">b</t><t xml:lang=\"fa\">c</t>"
		"<t xml:lang=\"de\">d</t></p>\n"
		"<p id=\"p3\"><t xml:lang=\"fa\">b</t><t xml:lang=\"de\">c</t></p>");
	print_diags(&r);
	assert_int_equal(count(&r, "lang-unknown", 7, 91), 1);
	assert_int_equal(count(&r, "lang-duplicate", 8, 56), 1);
	assert_int_equal(count(&r, "source-missing", 9, 1), 1);
	assert_int_equal(r.diags.n, 3);
	result_free(&r);
}

static void language_tags_are_checked_with_icu(void **state)
{
	(void)state;
	assert_true(lang_tag_valid("en"));
	assert_true(lang_tag_valid("fa"));
	assert_true(lang_tag_valid("ckb"));
	assert_true(lang_tag_valid("pt-BR"));
	assert_true(lang_tag_valid("sr-Latn-RS"));
	assert_true(lang_tag_valid("de-CH-1996"));
	assert_false(lang_tag_valid(""));
	assert_false(lang_tag_valid("english"));
	assert_false(lang_tag_valid("xx"));
	assert_false(lang_tag_valid("en_US"));
	assert_false(lang_tag_valid("en-"));
	assert_false(lang_tag_valid("e1"));
	assert_false(lang_tag_valid("und"));

	struct result r = check_bytes("<appeal id=\"a\" xml:lang=\"en\" langs=\"en en xx\"><head>"
				      "<title id=\"t\"><t xml:lang=\"en\">a</t></title></head>"
				      "<body/></appeal>");
	assert_int_equal(count(&r, "lang-duplicate", 1, 37), 1);
	assert_int_equal(count(&r, "lang-tag", 1, 37), 1);
	result_free(&r);
	r = check_bytes("<appeal id=\"a\" xml:lang=\"de\" langs=\"en fa\"><head>"
			"<title id=\"t\"><t xml:lang=\"en\">a</t><t xml:lang=\"fa\">b</t></title></head>"
			"<body/></appeal>");
	assert_int_equal(count(&r, "lang-source", 1, 26), 1);
	result_free(&r);
}

static void missing_translation_is_a_warning(void **state)
{
	(void)state;
	struct result r = check_body("<p id=\"p1\"><t xml:lang=\"en\">a</t><t xml:lang=\"fa\">b</t></p>");
	assert_int_equal(r.status, PIPELINE_OK);
	assert_int_equal(count(&r, "translation-missing", 7, 1), 1);
	assert_int_equal(r.diags.items[0].severity, DIAG_WARNING);
	result_free(&r);
}

static void dates_are_real_and_ranges_in_order(void **state)
{
	(void)state;
	struct model_date d;
	assert_true(model_date_parse("2024-02-29", &d));
	assert_false(model_date_parse("2023-02-29", &d));
	assert_false(model_date_parse("2023-02-30", &d));
	assert_false(model_date_parse("2023-13-01", &d));
	assert_false(model_date_parse("2023-00-10", &d));
	assert_false(model_date_parse("0000-01-01", &d));
	assert_false(model_date_parse("1900-02-29", &d));
	assert_true(model_date_parse("2000-02-29", &d));
	assert_false(model_date_parse("2023-6-17", &d));

	struct result r = check_body(
		P3("p1", "<date when=\"2023-02-30\"/>", "<date when=\"2023-02-30\"/>",
		   "<date when=\"2023-02-30\"/>") "\n"
		P3("p2", "<date from=\"2023-06-22\" to=\"2023-06-17\"/>",
		   "<date from=\"2023-06-22\" to=\"2023-06-17\"/>",
		   "<date from=\"2023-06-22\" to=\"2023-06-17\"/>") "\n"
		"<event when=\"2023-07-01\" until=\"2023-06-30\">"
		P3("p3", "x", "y", "z") "</event>");
	print_diags(&r);
	assert_int_equal(count(&r, "date-invalid", 7, 41), 1);
	assert_int_equal(count(&r, "date-invalid", 0, 0), 3);
	assert_int_equal(count(&r, "date-range", 8, 41), 1);
	assert_int_equal(count(&r, "date-range", 0, 0), 4);
	assert_int_equal(count(&r, "date-range", 9, 33), 1);
	result_free(&r);
}

static void links_are_http_https_or_mailto(void **state)
{
	(void)state;
	assert_true(textcheck_link("https://example.org/"));
	assert_true(textcheck_link("http://example.org"));
	assert_true(textcheck_link("HTTPS://example.org/a?b=c"));
	assert_true(textcheck_link("mailto:info@example.org"));
	assert_true(textcheck_link("  https://example.org/  "));
	assert_false(textcheck_link("javascript:alert(1)"));
	assert_false(textcheck_link(" JaVaScRiPt:alert(1)"));
	assert_false(textcheck_link("java\tscript:alert(1)"));
	assert_false(textcheck_link("\x01javascript:alert(1)"));
	assert_false(textcheck_link("data:text/html,<script>"));
	assert_false(textcheck_link("vbscript:x"));
	assert_false(textcheck_link("page.html"));
	assert_false(textcheck_link("//evil.example/"));
	assert_false(textcheck_link("https:"));
	assert_false(textcheck_link("https:///path"));
	assert_false(textcheck_link("mailto:"));
	assert_false(textcheck_link("ftp://example.org/"));
	assert_false(textcheck_link(""));

	struct result r = check_body(P3("p1", "<a href=\" JaVaScRiPt:x\">a</a>",
					"<a href=\" JaVaScRiPt:x\">b</a>",
					"<a href=\" JaVaScRiPt:x\">c</a>"));
	assert_int_equal(count(&r, "link-scheme", 7, 38), 1);
	assert_int_equal(count(&r, "link-scheme", 0, 0), 3);
	result_free(&r);
}

static void translations_keep_dates_and_links(void **state)
{
	(void)state;
	struct result r = check_body(
		P3("p1", "<date when=\"2023-06-17\"/> <a href=\"https://e.org/\">x</a>",
		   "<a href=\"https://e.org/\">y</a> <date when=\"2023-06-17\"/>", /* reordered: fine */
		   "<date when=\"2023-06-18\"/> <a href=\"https://e.org/de\">z</a>"));
	print_diags(&r);
	assert_int_equal(count(&r, "date-mismatch", 0, 0), 2);
	assert_int_equal(count(&r, "link-mismatch", 0, 0), 2);
	/* each surplus is named where it stands, each lack at the <t> */
	assert_int_equal(count(&r, "date-mismatch", 7, 183), 1);
	assert_int_equal(count(&r, "date-mismatch", 7, 166), 1);
	result_free(&r);
}

static void control_and_bidi_characters(void **state)
{
	(void)state;
	assert_true(textcheck_is_control(0x7F));
	assert_true(textcheck_is_control(0x85));
	assert_true(textcheck_is_control(0x9B));
	assert_false(textcheck_is_control('\t'));
	assert_false(textcheck_is_control('\n'));
	assert_false(textcheck_is_control(0xA0));
	assert_true(textcheck_is_bidi_control(0x202E));
	assert_true(textcheck_is_bidi_control(0x2066));
	assert_true(textcheck_is_bidi_control(0x2069));
	assert_false(textcheck_is_bidi_control(0x200E)); /* LRM: the linter's business */
	assert_false(textcheck_is_bidi_control(0x200C)); /* ZWNJ is Persian orthography */

	struct result r = check_body(P3("p1", "a\xc2\x85 b&#x7F;", "ب&#x202E;", "c\xe2\x81\xa7"));
	print_diags(&r);
	assert_int_equal(count(&r, "control-char", 7, 30), 1);
	assert_int_equal(count(&r, "control-char", 7, 33), 1);
	assert_int_equal(count(&r, "bidi-control", 7, 61), 1);
	assert_int_equal(count(&r, "bidi-control", 7, 91), 1);
	assert_int_equal(r.diags.n, 4);
	result_free(&r);
	/* in comments nothing is rendered, but a reviewer reads them: reported too */
	r = check_body("<!-- \xe2\x80\xae -->");
	assert_int_equal(count(&r, "bidi-control", 7, 6), 1);
	assert_int_equal(r.diags.n, 1);
	result_free(&r);
}

static void text_runs_know_their_source_offsets(void **state)
{
	(void)state;
	struct result r = check_body(P3("p1", "a&amp;b\r\nc<![CDATA[<x>]]>d", "ی", "e"));
	assert_int_equal(r.status, PIPELINE_OK);
	const struct model_text *en = &r.doc->units[1].texts[0];
	assert_int_equal(en->n_runs, 3);
	assert_string_equal(en->runs[0].text, "a&b\nc");
	assert_string_equal(en->runs[1].text, "<x>");
	/* 'b' comes after the 5-byte reference; 'c' after CR LF */
	uint32_t start = en->runs[0].text_offsets[0];
	assert_int_equal(en->runs[0].text_offsets[1], start + 1);
	assert_int_equal(en->runs[0].text_offsets[2], start + 6);
	assert_int_equal(en->runs[0].text_offsets[4], start + 9);
	assert_int_equal(en->runs[1].text_offsets[0], en->runs[0].text_offsets[4] + 10);
	result_free(&r);
}

static void diagnostics_print_as_text_and_json(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	diag_add(&list, DIAG_ERROR, "b.xml", 3, 4, "rule-b", "second \"quoted\"");
	diag_add(&list, DIAG_WARNING, "a.xml", 1, 2, "rule-a", "first\nline");
	diag_sort(&list);
	char *text = NULL, *json = NULL;
	size_t text_len, json_len;
	FILE *out = open_memstream(&text, &text_len);
	diag_print_text(&list, out);
	fclose(out);
	assert_string_equal(text, "a.xml:1:2: warning: first line [rule-a]\n"
				  "b.xml:3:4: error: second \"quoted\" [rule-b]\n");
	out = open_memstream(&json, &json_len);
	diag_print_json(&list, out);
	fclose(out);
	assert_non_null(strstr(json, "\"message\": \"second \\\"quoted\\\"\""));
	assert_non_null(strstr(json, "\"severity\": \"warning\""));
	diag_promote_warnings(&list);
	assert_int_equal(diag_count(&list, DIAG_ERROR), 2);
	free(text);
	free(json);
	diag_list_clear(&list);
}

static void diagnostics_sort_stably_by_place(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	for (unsigned i = 0; i < 3000; i++) {
		char rule[16]; /* one rule each: a list keeps only DIAG_MAX_PER_RULE of one */
		snprintf(rule, sizeof rule, "r%u", i);
		diag_add(&list, DIAG_WARNING, "f.xml", 1 + (2999 - i) / 3, 1, rule, "%u", i);
	}
	assert_int_equal(list.n, 3000);
	diag_sort(&list);
	for (size_t i = 1; i < list.n; i++) {
		const struct diag *a = &list.items[i - 1], *b = &list.items[i];
		assert_true(a->line < b->line || (a->line == b->line && atoi(a->message) < atoi(b->message)));
	}
	diag_list_clear(&list);
}

static void positions_count_code_points(void **state)
{
	(void)state;
	struct source *src = NULL;
	assert_int_equal(source_from_memory("x", "ab\nدرود x\n", 14, &src), SOURCE_OK);
	unsigned line, col;
	source_position(src, 12, &line, &col); /* the 'x' after four Persian letters */
	assert_int_equal(line, 2);
	assert_int_equal(col, 6);
	assert_int_equal(source_offset(src, 2, 6), 12);
	source_position(src, 3, &line, &col); /* back to an earlier line: the cache must not lie */
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	source_position(src, 1, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	assert_int_equal(source_offset(src, 9, 1), SOURCE_NO_OFFSET);
	source_position(src, SOURCE_NO_OFFSET, &line, &col);
	assert_int_equal(line, 0);
	source_free(src);
	source_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_document_passes),
		cmocka_unit_test(doctype_is_refused_before_any_declaration),
		cmocka_unit_test(not_utf8_is_refused),
		cmocka_unit_test(malformed_xml_reports_libxml2_position),
		cmocka_unit_test(xinclude_is_reported_not_followed),
		cmocka_unit_test(schema_errors_have_element_positions),
		cmocka_unit_test(duplicate_ids),
		cmocka_unit_test(languages),
		cmocka_unit_test(language_tags_are_checked_with_icu),
		cmocka_unit_test(missing_translation_is_a_warning),
		cmocka_unit_test(dates_are_real_and_ranges_in_order),
		cmocka_unit_test(links_are_http_https_or_mailto),
		cmocka_unit_test(translations_keep_dates_and_links),
		cmocka_unit_test(control_and_bidi_characters),
		cmocka_unit_test(text_runs_know_their_source_offsets),
		cmocka_unit_test(diagnostics_print_as_text_and_json),
		cmocka_unit_test(diagnostics_sort_stably_by_place),
		cmocka_unit_test(positions_count_code_points),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
