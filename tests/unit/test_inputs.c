/* Unit tests of the input checks of issue 10: the strict UTF-8 decoder, e-mail addresses
 * and mailto: links, escaped file names, the character checks on what the parser
 * reports (comments, PIs, CDATA, attributes), empty translations and odd ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "model.h"
#include "pipeline.h"
#include "utf8.h"
#include "textcheck.h"
#include "validate.h"
#include "support.h"

static void decoder_rejects_what_is_not_a_scalar_value(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF0\x80\x80\xAF",
		"\xF0\x8F\xBF\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xF4\x90\x80\x80",
		"\xF5\x80\x80\x80", "\xFF", "\x80", "\xE2\x82",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0;
		utf8_decode(bad[i], strlen(bad[i]), &cp);
		assert_int_equal(cp, 0xFFFD);
		assert_false(utf8_valid(bad[i], strlen(bad[i]), NULL));
	}
	static const struct {
		const char *s;
		uint32_t cp;
	} good[] = {
		{"\xC2\x80", 0x80}, {"\xE0\xA0\x80", 0x800}, {"\xED\x9F\xBF", 0xD7FF},
		{"\xEE\x80\x80", 0xE000}, {"\xF0\x90\x80\x80", 0x10000}, {"\xF4\x8F\xBF\xBF", 0x10FFFF},
		{"\xEF\xBF\xBD", 0xFFFD},
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		uint32_t cp = 0;
		assert_int_equal(utf8_decode(good[i].s, strlen(good[i].s), &cp), strlen(good[i].s));
		assert_int_equal(cp, good[i].cp);
		assert_true(utf8_valid(good[i].s, strlen(good[i].s), NULL));
	}
	size_t bad_at = 0;
	assert_false(utf8_valid("ab\xED\xA0\x80", 5, &bad_at));
	assert_int_equal(bad_at, 2);
}

static void email_addresses_are_addr_specs(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"committee@example.org", "o'brien+news@mail.example.org", "a.b.c@x-y.example",
		"#!$%&*/=?^_`{|}~-@example.org", "δοκιμή@παράδειγμα.δοκιμή",
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		assert_true(textcheck_email(ok[i]));
	static const char *const refused[] = {
		"a)/S/Launch/F(calc.exe@example.org", "a(b@example.org", "a b@example.org",
		"\"quoted\"@example.org", ".a@example.org", "a.@example.org", "a..b@example.org",
		"a@example", "a@-example.org", "a@example-.org", "a@exa_mple.org", "a@example..org",
		"a@[127.0.0.1]", "@example.org", "a@", "a", "", "a@b@example.org",
		"a\\@example.org", "a<b>@example.org", "a@example.org\n",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		if (textcheck_email(refused[i]))
			fail_msg("accepted \"%s\"", refused[i]);
	}
	assert_true(textcheck_link("mailto:isc@example.org"));
	assert_true(textcheck_link("MAILTO:isc@example.org?subject=Free%20them"));
	assert_true(textcheck_link("mailto:a@example.org,b@example.org"));
	assert_true(textcheck_link("mailto:a%40b@example.org") == false);
	assert_false(textcheck_link("mailto:a)/S/Launch/F(calc.exe@example.org"));
	assert_false(textcheck_link("mailto:"));
	assert_false(textcheck_link("mailto:?subject=x"));
	assert_false(textcheck_link("mailto:a%00@example.org"));
	assert_false(textcheck_link("mailto:a%29b@example.org"));
}

static void names_with_controls_are_escaped(void **state)
{
	(void)state;
	char *s = diag_escaped("plain/näme.xml");
	assert_string_equal(s, "plain/näme.xml");
	free(s);
	s = diag_escaped("evil\nx.xml:1:1: error: \"forged\"\t\\\x1b[31m\xc2\x9b.xml");
	assert_string_equal(s, "evil\\nx.xml:1:1: error: \\\"forged\\\"\\t\\\\\\x1B[31m\\xC2\\x9B.xml");
	free(s);

	struct diag_list diags;
	diag_list_init(&diags);
	diag_add(&diags, DIAG_ERROR, "a\nb.xml", 2, 3, "rule", "what\rnow");
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	diag_print_text(&diags, out);
	diag_print_json(&diags, out);
	fclose(out);
	assert_string_equal(text, "a\\nb.xml:2:3: error: what now [rule]\n"
				  "[\n  {\"file\": \"a\\\\nb.xml\", \"line\": 2, \"column\": 3, "
				  "\"severity\": \"error\", \"rule\": \"rule\", \"message\": \"what now\"}\n]\n");
	free(text);
	diag_list_clear(&diags);
}

/* A valid appeal; %s is what the body holds. */
static const char *const head =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     /* 1 */
	"<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\">\n"              /* 2 */
	"<head>\n"                                                         /* 3 */
	"<title id=\"title\"><t xml:lang=\"en\">Free them</t><t xml:lang=\"de\">Freiheit</t></title>\n"
	"</head>\n"                                                        /* 5 */
	"<body>\n";                                                        /* 6: body from line 7 */

static size_t check(const char *body, const char *rule, unsigned line, unsigned col,
		    size_t *total)
{
	char *xml = NULL;
	assert_true(asprintf(&xml, "%s%s\n</body>\n</appeal>\n", head, body) > 0);
	struct diag_list diags;
	diag_list_init(&diags);
	struct model_doc *doc = NULL;
	pipeline_check_memory("t.xml", xml, strlen(xml), &diags, NULL, &doc);
	size_t n = 0;
	for (size_t i = 0; i < diags.n; i++) {
		const struct diag *d = &diags.items[i];
		n += strcmp(d->rule, rule) == 0 && d->line == line && d->col == col;
	}
	if (total)
		*total = diags.n;
	if (n == 0)
		diag_print_text(&diags, stderr);
	diag_list_clear(&diags);
	model_doc_free(doc);
	free(xml);
	return n;
}

#define P2(en, de) "<p id=\"p\"><t xml:lang=\"en\">" en "</t><t xml:lang=\"de\">" de "</t></p>"

static void characters_are_checked_where_the_parser_found_them(void **state)
{
	(void)state;
	size_t total;
	/* after a CDATA section holding "<?", which once made the check skip ahead */
	assert_int_equal(check(P2("<![CDATA[<?]]>Pay &#x202E;0016 now", "x"), "bidi-control", 7,
			       46, &total), 1);
	assert_int_equal(total, 1);
	/* in a comment and in a PI inside a <t>; in an attribute value */
	assert_int_equal(check(P2("Do <!--\xe2\x81\xa7-->not", "x"), "bidi-control", 7, 35, NULL), 1);
	assert_int_equal(check(P2("Do <?x \xe2\x80\xae?>not", "x"), "bidi-control", 7, 35, NULL), 1);
	assert_int_equal(check("<p id=\"p\" xmlns:z=\"urn:a\" z:n=\"a&#x2066;\"><t xml:lang=\"en\">a</t>"
			       "<t xml:lang=\"de\">b</t></p>", "bidi-control", 7, 33, NULL), 1);
	/* a CDATA section's "&#x202E;" is the text "&#x202E;", no bidi control */
	assert_int_equal(check(P2("<![CDATA[&#x202E;]]>", "x"), "bidi-control", 7, 1, &total), 0);
	assert_int_equal(total, 0);
	/* after a line end written as CR LF and an entity, the column still fits */
	assert_int_equal(check(P2("a\r\nb &amp; c\xc2\x85", "x"), "control-char", 8, 10, NULL), 1);
}

static void empty_translations_are_missing(void **state)
{
	(void)state;
	size_t total;
	assert_int_equal(check(P2("Free", ""), "translation-missing", 7, 36, &total), 1);
	assert_int_equal(total, 1);
	assert_int_equal(check(P2("Free", " \n\t "), "translation-missing", 7, 36, NULL), 1);
	assert_int_equal(check(P2("Free", "<em> </em><br/>"), "translation-missing", 7, 36, NULL), 1);
	assert_int_equal(check(P2("<date when=\"2023-06-17\"/>", "<date when=\"2023-06-17\"/>"),
			       "translation-missing", 7, 36, &total), 0);
	assert_int_equal(total, 0);
}

static void ids_hold_no_white_space(void **state)
{
	(void)state;
	assert_int_equal(check("<p id=\" p\t\"><t xml:lang=\"en\">a</t><t xml:lang=\"de\">b</t></p>",
			       "id-invalid", 7, 8, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decoder_rejects_what_is_not_a_scalar_value),
		cmocka_unit_test(email_addresses_are_addr_specs),
		cmocka_unit_test(names_with_controls_are_escaped),
		cmocka_unit_test(characters_are_checked_where_the_parser_found_them),
		cmocka_unit_test(empty_translations_are_missing),
		cmocka_unit_test(ids_hold_no_white_space),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
