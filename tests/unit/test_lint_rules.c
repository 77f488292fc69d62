/* Unit tests of lint's rule table (lint_rules.h): every rule has a name of its own that
 * lint_rule_known accepts, unknown names are refused, each rule finds what its sample
 * shows and makes safe fixes exactly when the table says it is fixable, and a language's
 * rule stays out of other languages' text.  Also uri_token_address, which the engine asks
 * about URLs typed as text, and the check lint --fix relies on: fixed bytes that would
 * not validate are not written (rewrite_replace). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint.h"
#include "lint_rules.h"
#include "pipeline.h"
#include "rewrite.h"
#include "support.h"
#include "uri.h"

/* For each rule, a text that breaks it once, in the rule's language (NULL: English). */
static const struct {
	const char *rule, *text;
} samples[] = {
	{"fa-arabic-yeh", "علي"},
	{"fa-arabic-kaf", "كتاب"},
	{"fa-heh", "خانہ"},
	{"fa-presentation-form", "ﻻ"},
	{"fa-digits", "سال 2023"},
	{"fa-punctuation", "سلام, دنیا"},
	{"fa-zwnj-missing", "می خواهیم"},
	{"fa-zwnj-misplaced", "کتاب \u200C ها"},
	{"fa-tatweel", "کـتاب"},
	{"fa-guillemets", "»آزادی«"},
	{"de-quotes", "\"Frei\""},
	{"de-abbreviation", "z.B. jetzt"},
	{"de-dash", "Frei - jetzt"},
	{"space-doubled", "Free  them"},
	{"space-edge", " Free them"},
	{"invisible-char", "Free\u200Bthem"},
	{"bidi-mark", "Free\u200Ethem"},
};

static const char *sample_of(const char *rule)
{
	for (size_t k = 0; k < sizeof samples / sizeof samples[0]; k++)
		if (strcmp(samples[k].rule, rule) == 0)
			return samples[k].text;
	return NULL;
}

/* A valid document with TEXT in the <t> of LANG ("en", "fa" or "de"). */
static char *document_with(const char *lang, const char *text)
{
	const char *en = strcmp(lang, "en") == 0 ? text : "Free them";
	const char *fa = strcmp(lang, "fa") == 0 ? text : "آزادشان کنید";
	const char *de = strcmp(lang, "de") == 0 ? text : "Freiheit";
	char *xml = NULL;
	int n = asprintf(&xml,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"
			 "<head><title id=\"title\"><t xml:lang=\"en\">Free them</t>"
			 "<t xml:lang=\"fa\">آزادشان کنید</t><t xml:lang=\"de\">Freiheit</t></title>"
			 "</head>\n<body>\n<p id=\"p\"><t xml:lang=\"en\">%s</t><t xml:lang=\"fa\">%s"
			 "</t><t xml:lang=\"de\">%s</t></p>\n</body>\n</appeal>\n",
			 en, fa, de);
	assert_true(n > 0);
	return xml;
}

struct linted {
	size_t findings, fixes;         /* of RULE */
	size_t other_findings, other_fixes; /* of any other rule */
};

/* Lints TEXT in LANG's <t> with only RULE enabled, and counts what it finds. */
static struct linted lint_sample(const char *rule, const char *lang, const char *text)
{
	char *xml = document_with(lang, text);
	struct diag_list checked, diags;
	diag_list_init(&checked);
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	assert_int_equal(pipeline_check_memory("t.xml", xml, strlen(xml), &checked, &src, &doc),
			 PIPELINE_OK);
	diag_print_text(&checked, stderr);
	assert_int_equal(checked.n, 0);
	struct lint_fixes fixes;
	lint_fixes_init(&fixes);
	const char *enable[] = {rule};
	struct lint_options options = {NULL, 0, enable, 1};
	assert_int_equal(lint_document_with(doc, src, &options, &diags, &fixes), 0);
	struct linted r = {0};
	for (size_t i = 0; i < diags.n; i++)
		*(strcmp(diags.items[i].rule, rule) == 0 ? &r.findings : &r.other_findings) += 1;
	for (size_t i = 0; i < fixes.n; i++)
		*(strcmp(fixes.items[i].rule, rule) == 0 ? &r.fixes : &r.other_fixes) += 1;
	lint_fixes_clear(&fixes);
	diag_list_clear(&diags);
	diag_list_clear(&checked);
	model_doc_free(doc);
	source_free(src);
	free(xml);
	return r;
}

static size_t n_rules(void)
{
	size_t n = 0;
	while (lint_rules[n].name)
		n++;
	return n;
}

static void rule_names_are_unique_and_known(void **state)
{
	(void)state;
	size_t n = n_rules();
	assert_int_equal(n, 17);
	for (size_t i = 0; i < n; i++) {
		assert_true(lint_rule_known(lint_rules[i].name));
		assert_non_null(lint_rules[i].check);
		for (size_t k = i + 1; k < n; k++)
			assert_string_not_equal(lint_rules[i].name, lint_rules[k].name);
		/* a language's rules carry its subtag in their name */
		assert_non_null(lint_rules[i].lang);
		if (strcmp(lint_rules[i].lang, "*") != 0) {
			size_t len = strlen(lint_rules[i].lang);
			assert_memory_equal(lint_rules[i].name, lint_rules[i].lang, len);
			assert_int_equal(lint_rules[i].name[len], '-');
		}
	}
}

/* --enable and --disable refuse these (cmd_check.c asks lint_rule_known). */
static void unknown_rule_names_are_refused(void **state)
{
	(void)state;
	static const char *const unknown[] = {"", "no-such-rule", "fa", "fa-", "fa-arabic",
					      "FA-DIGITS", "fa-digits ", "space-doubled,"};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		assert_false(lint_rule_known(unknown[i]));
}

/* Each rule finds its sample, and makes fixes if and only if the table says fixable. */
static void every_fixable_rule_has_a_fix(void **state)
{
	(void)state;
	for (const struct lint_rule *r = lint_rules; r->name; r++) {
		const char *text = sample_of(r->name);
		if (!text)
			fail_msg("rule %s has no sample in this test", r->name);
		bool every = strcmp(r->lang, "*") == 0;
		struct linted got = lint_sample(r->name, every ? "en" : r->lang, text);
		if (got.findings == 0 || got.other_findings != 0 || got.other_fixes != 0 ||
		    (got.fixes > 0) != r->fixable)
			fail_msg("rule %s (fixable: %d): %zu findings, %zu fixes, %zu of other rules",
				 r->name, r->fixable, got.findings, got.fixes,
				 got.other_findings + got.other_fixes);
	}
}

/* A language's rule finds nothing in English text, even where its own would. */
static void language_rules_stay_in_their_language(void **state)
{
	(void)state;
	for (const struct lint_rule *r = lint_rules; r->name; r++) {
		if (strcmp(r->lang, "*") == 0)
			continue;
		struct linted got = lint_sample(r->name, "en", sample_of(r->name));
		if (got.findings != 0 || got.fixes != 0)
			fail_msg("rule %s checks English text", r->name);
	}
}

/* --disable leaves a rule out, fixes and all. */
static void disabled_rule_finds_nothing(void **state)
{
	(void)state;
	char *xml = document_with("fa", "علي 2023");
	struct diag_list diags;
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	assert_int_equal(pipeline_check_memory("t.xml", xml, strlen(xml), &diags, &src, &doc),
			 PIPELINE_OK);
	struct lint_fixes fixes;
	lint_fixes_init(&fixes);
	const char *disable[] = {"fa-digits"};
	struct lint_options options = {disable, 1, NULL, 0};
	assert_int_equal(lint_document_with(doc, src, &options, &diags, &fixes), 0);
	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.items[0].rule, "fa-arabic-yeh");
	assert_int_equal(fixes.n, 1);
	assert_string_equal(fixes.items[0].rule, "fa-arabic-yeh");
	lint_fixes_clear(&fixes);
	diag_list_clear(&diags);
	model_doc_free(doc);
	source_free(src);
	free(xml);
}

static void urls_typed_as_text(void **state)
{
	(void)state;
	static const char *const urls[] = {
		"https://example.org/x", "HTTP://X", "mailto:a", "www.x", "example.org",
		"example.org/page2", "Example.ORG/page", "a@example.org", "sub.example.co-op.de",
	};
	static const char *const words[] = {
		"Mr.Smith", "Example.ORG", "www.", "1.5", "z.B.", "a@b", "@example.org",
		"example.o", "example.org2", "ex_ample.org", "und/oder", "example..org", "",
	};
	size_t start, n;
	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++)
		if (!uri_token_address(urls[i], strlen(urls[i]), &start, &n) || start != 0 ||
		    n != strlen(urls[i]))
			fail_msg("\"%s\" is a URL, all of it", urls[i]);
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (uri_token_address(words[i], strlen(words[i]), &start, &n))
			fail_msg("\"%s\" is no URL", words[i]);
}

/* lint --fix hands its fixed bytes to rewrite_replace: when they would not validate,
 * nothing is written and the reason is an error. */
static void invalid_fixed_bytes_are_not_written(void **state)
{
	(void)state;
	char path[] = "/tmp/broadside-lint-rules-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char *xml = document_with("fa", "علي");
	assert_int_equal(write(fd, xml, strlen(xml)), (ssize_t)strlen(xml));
	close(fd);
	struct diag_list diags;
	diag_list_init(&diags);
	struct rewrite *rw = NULL;
	assert_int_equal(rewrite_open(path, &pipeline_loader, &rw, &diags), REWRITE_OK);
	char *broken = strdup(xml);
	*strstr(broken, "</p>") = 'x'; /* no longer well-formed */
	assert_int_equal(rewrite_replace(rw, broken, strlen(broken), false, &diags),
			 REWRITE_INVALID);
	rewrite_close(rw);
	assert_true(diags.n > 0);
	assert_int_equal(diags.items[0].severity, DIAG_ERROR);
	assert_string_equal(diags.items[0].rule, "rewrite");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char buf[4096];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_int_equal(n, strlen(xml));
	assert_memory_equal(buf, xml, n);
	unlink(path);
	diag_list_clear(&diags);
	free(broken);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_names_are_unique_and_known),
		cmocka_unit_test(unknown_rule_names_are_refused),
		cmocka_unit_test(every_fixable_rule_has_a_fix),
		cmocka_unit_test(language_rules_stay_in_their_language),
		cmocka_unit_test(disabled_rule_finds_nothing),
		cmocka_unit_test(urls_typed_as_text),
		cmocka_unit_test(invalid_fixed_bytes_are_not_written),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
