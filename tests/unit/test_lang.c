/* Unit tests of the language module: the facts every stage reads of a language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "lang.h"

static void facts_of_persian(void **state)
{
	(void)state;
	struct lang_facts f;
	lang_facts_init(&f, "fa");
	assert_string_equal(f.tag, "fa");
	assert_true(f.rtl);
	assert_string_equal(f.script, "Arab");
	assert_string_equal(f.numbers, "persian");
	assert_string_equal(f.fonts, LANG_FONTS_ARABIC);
	assert_string_equal(f.name, "فارسی");
	assert_string_equal(f.label, "فارسی");
	assert_string_equal(f.english, "Persian");
	assert_string_equal(f.quote_open, "«");
	assert_string_equal(f.quote_close, "»");
	assert_string_equal(f.subtags.language, "fa");
	assert_string_equal(f.subtags.region, "");
	assert_string_equal(f.subtags.likely_region, "IR");
}

static void facts_of_swiss_german(void **state)
{
	(void)state;
	struct lang_facts f;
	lang_facts_init(&f, "de-CH");
	assert_false(f.rtl);
	assert_string_equal(f.script, "Latn");
	assert_string_equal(f.numbers, "decimal");
	assert_string_equal(f.fonts, LANG_FONTS_LATIN);
	assert_string_equal(f.label, "Deutsch");
	assert_string_equal(f.english, "German (Switzerland)");
	assert_string_equal(f.subtags.region, "CH");
	lang_facts_init(&f, "de");
	assert_string_equal(f.quote_open, "„");
	assert_string_equal(f.quote_close, "“");
	assert_string_equal(f.subtags.likely_region, "DE");
}

static void bare_tags(void **state)
{
	(void)state;
	char script[16];
	assert_true(lang_is_rtl("ckb"));
	assert_false(lang_is_rtl(NULL));
	assert_true(lang_script("sr-Latn-RS", script));
	assert_string_equal(script, "Latn");
	assert_string_equal(lang_fonts("ar"), LANG_FONTS_ARABIC);
	assert_string_equal(lang_fonts(NULL), LANG_FONTS_LATIN);
	assert_true(lang_tag_valid("pt-BR"));
	assert_false(lang_tag_valid("xx"));
	assert_false(lang_tag_valid("en_US"));
	char *n = lang_format_number("fa", 12);
	assert_string_equal(n, "۱۲");
	free(n);
	struct lang_subtags t;
	assert_false(lang_subtags("", &t));
}

/* German's quotation marks: „…“, but «…» where the tag names Switzerland or Liechtenstein
 * (lang.c overrides ICU 72, which gives them „…“ too); lint's de-quotes reads these. */
static void quotes_of_german(void **state)
{
	(void)state;
	static const struct {
		const char *tag, *open, *close;
	} cases[] = {
		{"de", "„", "“"},      {"de-DE", "„", "“"},      {"de-AT", "„", "“"},
		{"de-CH", "«", "»"},   {"de-LI", "«", "»"},      {"de-Latn-CH", "«", "»"},
		{"fr-CH", "«", "»"},   {"en-CH", "“", "”"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct lang_facts f;
		lang_facts_init(&f, cases[i].tag);
		assert_string_equal(f.quote_open, cases[i].open);
		assert_string_equal(f.quote_close, cases[i].close);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(facts_of_persian),
		cmocka_unit_test(facts_of_swiss_german),
		cmocka_unit_test(bare_tags),
		cmocka_unit_test(quotes_of_german),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
