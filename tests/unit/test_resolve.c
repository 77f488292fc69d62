/* Unit tests of the text stage: direction, normalisation, white space, isolation (checked
 * with ICU's own bidi algorithm on the result), dates in each calendar, hyphenation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicode/ubidi.h>
#include <unicode/ustring.h>

#include "dump.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

/* A one-paragraph appeal in LANGS (source SOURCE) whose unit p has TEXTS[i] in LANGS[i]. */
struct fixture {
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

static struct fixture resolve_xml(const char *xml, bool hyphenate)
{
	struct fixture f = {0};
	support_load(xml, NULL, &f.doc);
	struct resolve_options options = {.hyphenate = hyphenate};
	assert_int_equal(resolve_document(f.doc, &options, &f.rdoc), 0);
	return f;
}

/* An appeal with source en and langs "en fa de", unit p1 with the three texts. */
static struct fixture resolve_p(const char *en, const char *fa, const char *de, bool hyphenate)
{
	char *xml = NULL;
	assert_true(asprintf(&xml,
			     "<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\"><head>"
			     "<title id=\"t\"><t xml:lang=\"en\">T</t><t xml:lang=\"fa\">ت</t>"
			     "<t xml:lang=\"de\">T</t></title></head><body>"
			     "<p id=\"p1\"><t xml:lang=\"en\">%s</t><t xml:lang=\"fa\">%s</t>"
			     "<t xml:lang=\"de\">%s</t></p></body></appeal>",
			     en, fa, de) > 0);
	struct fixture f = resolve_xml(xml, hyphenate);
	free(xml);
	return f;
}

static void fixture_free(struct fixture *f)
{
	resolved_doc_free(f->rdoc);
	model_doc_free(f->doc);
}

/* The resolved text of unit 1 (p1) in language index L. */
static const struct resolved_text *p1(const struct fixture *f, size_t l)
{
	return &f->rdoc->units[1].texts[l];
}

/* The text in visual order (left to right on the page), as the bidi algorithm lays it out
 * in a paragraph of direction DIR. */
static char *visual(const char *text, enum resolve_dir dir)
{
	UChar in[1024], out[1024];
	int32_t n = 0;
	UErrorCode status = U_ZERO_ERROR;
	u_strFromUTF8(in, 1024, &n, text, -1, &status);
	UBiDi *bidi = ubidi_openSized(n, 0, &status);
	ubidi_setPara(bidi, in, n, dir == RESOLVE_RTL ? UBIDI_RTL : UBIDI_LTR, NULL, &status);
	int32_t m = ubidi_writeReordered(bidi, out, 1024, UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
	ubidi_close(bidi);
	assert_false(U_FAILURE(status));
	char *utf8 = malloc(4096);
	u_strToUTF8(utf8, 4096, NULL, out, m, &status);
	return utf8;
}

static void direction_comes_from_the_language(void **state)
{
	(void)state;
	assert_int_equal(resolve_lang_dir("fa"), RESOLVE_RTL);
	assert_int_equal(resolve_lang_dir("ar"), RESOLVE_RTL);
	assert_int_equal(resolve_lang_dir("he"), RESOLVE_RTL);
	assert_int_equal(resolve_lang_dir("ckb"), RESOLVE_RTL);
	assert_int_equal(resolve_lang_dir("ur"), RESOLVE_RTL);
	assert_int_equal(resolve_lang_dir("en"), RESOLVE_LTR);
	assert_int_equal(resolve_lang_dir("de"), RESOLVE_LTR);
	assert_int_equal(resolve_lang_dir("az-Latn"), RESOLVE_LTR);
	assert_int_equal(resolve_lang_dir("az-Arab"), RESOLVE_RTL);
	/* A Farsi paragraph that starts with a Latin name is still right-to-left. */
	struct fixture f = resolve_p("ISC calls", "<foreign xml:lang=\"en\">ISC</foreign> فرا می‌خواند", "ISC ruft", false);
	assert_int_equal(p1(&f, 1)->dir, RESOLVE_RTL);
	assert_string_equal(p1(&f, 1)->text, "\u2066ISC\u2069 فرا می‌خواند");
	char *v = visual(p1(&f, 1)->text, p1(&f, 1)->dir);
	/* On the page, ISC stands at the right end, where a right-to-left line starts. */
	assert_non_null(strstr(v, "ISC"));
	assert_string_equal(v + strlen(v) - 3, "ISC");
	free(v);
	fixture_free(&f);
}

static void text_is_nfc_and_white_space_collapsed(void **state)
{
	(void)state;
	struct fixture f = resolve_p("  Cafe\xcc\x81 \n\t a  <em> b </em> c <br/>  d  ", "ب", "c", false);
	const struct resolved_text *rt = p1(&f, 0);
	assert_string_equal(rt->text, "Caf\xc3\xa9 a b c\u2028d");
	assert_int_equal(rt->n_spans, 1);
	assert_int_equal(rt->spans[0].style, STYLE_EM);
	assert_int_equal(rt->spans[0].start, strlen("Café a "));
	assert_int_equal(rt->spans[0].end, strlen("Café a b "));
	fixture_free(&f);
}

static void other_direction_runs_are_isolated(void **state)
{
	(void)state;
	struct fixture f = resolve_p("We shout <foreign xml:lang=\"fa\">آزادی</foreign>! 5 times",
				     "کمیته‌ی <foreign xml:lang=\"en\">IEC</foreign>.",
				     "Wir rufen <foreign xml:lang=\"fa\">آزادی</foreign>!", false);
	assert_string_equal(p1(&f, 0)->text, "We shout \u2067آزادی\u2069! 5 times");
	assert_string_equal(p1(&f, 1)->text, "کمیته‌ی \u2066IEC\u2069.");
	/* On the page: the "!" and the 5 stay after the Farsi word, reading left to right… */
	char *v = visual(p1(&f, 0)->text, RESOLVE_LTR);
	assert_string_equal(v, "We shout یدازآ! 5 times");
	free(v);
	/* …and the full stop ends the Farsi sentence at its left end (ICU drops the ZWNJ
	 * with the other controls when it reorders). */
	v = visual(p1(&f, 1)->text, RESOLVE_RTL);
	assert_string_equal(v, ".IEC یهتیمک");
	free(v);
	const struct resolved_span *s = &p1(&f, 0)->spans[0];
	assert_int_equal(s->style, STYLE_FOREIGN);
	assert_true(s->isolated);
	assert_int_equal(s->dir, RESOLVE_RTL);
	assert_string_equal(s->lang, "fa");
	fixture_free(&f);
}

static void names_and_links_are_isolated_by_their_text(void **state)
{
	(void)state;
	struct fixture f = resolve_p("Free <name>نرگس</name> and <name>Nahid</name> <a href=\"https://e.org/\">e</a>",
				     "<name>Narges</name> و <name>نرگس</name> و <a href=\"https://e.org/\">e.org</a>",
				     "<a href=\"https://e.org/\">12</a>", false);
	assert_string_equal(p1(&f, 0)->text, "Free \u2067نرگس\u2069 and Nahid e");
	assert_string_equal(p1(&f, 1)->text, "\u2066Narges\u2069 و نرگس و \u2066e.org\u2069");
	assert_string_equal(p1(&f, 2)->text, "12"); /* digits alone have no direction */
	assert_false(p1(&f, 2)->spans[0].isolated);
	assert_string_equal(p1(&f, 1)->spans[2].href, "https://e.org/");
	fixture_free(&f);
}

static void dates_in_each_language_and_calendar(void **state)
{
	(void)state;
	char *s;
	assert_string_equal(s = resolve_format_range("fa", "2023-06-17", "2023-06-22"), "۲۷\u00a0خرداد\u00a0تا ۱\u00a0تیر\u00a0۱۴۰۲");
	free(s);
	assert_string_equal(s = resolve_format_range("de", "2023-06-17", "2023-06-22"), "17.–22.\u00a0Juni\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_range("de", "2023-06-17", "2023-07-02"), "17.\u00a0Juni\u202f–\u20092.\u00a0Juli\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_range("en", "2023-06-17", "2023-06-22"), "June\u00a017\u202f–\u200922,\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_range("de", "2023-06-17", "2023-06-17"), "17.\u00a0Juni\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_date("fa", "2023-06-17"), "۲۷\u00a0خرداد\u00a0۱۴۰۲");
	free(s);
	assert_string_equal(s = resolve_format_date("de", "2023-06-17"), "17.\u00a0Juni\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_date("th", "2023-06-17"), "17\u00a0มิถุนายน\u00a02566"); /* Buddhist era */
	free(s);
	assert_string_equal(s = resolve_format_date("ar", "2023-06-17"), "١٧\u00a0يونيو\u00a0٢٠٢٣");
	free(s);
	/* ICU 72's full Farsi style would put the year first; the weekday goes in front. */
	assert_string_equal(s = resolve_format_weekday_date("fa", "2023-07-01"), "شنبه ۱۰\u00a0تیر\u00a0۱۴۰۲");
	free(s);
	assert_string_equal(s = resolve_format_weekday_date("de", "2023-07-01"), "Samstag, 1.\u00a0Juli\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_weekday_date("en", "2023-07-01"), "Saturday, July\u00a01,\u00a02023");
	free(s);
	assert_string_equal(s = resolve_format_time("de", "19:00"), "19:00");
	free(s);
	assert_string_equal(s = resolve_format_time("fa", "19:00"), "۱۹:۰۰");
	free(s);
	assert_string_equal(s = resolve_format_time("en", "19:05"), "7:05\u202fPM");
	free(s);
	assert_null(resolve_format_date("de", "2023-02-30"));
	assert_null(resolve_format_time("de", "25:00"));
}

static void dates_in_text_become_spans(void **state)
{
	(void)state;
	struct fixture f = resolve_p("From <date from=\"2023-06-17\" to=\"2023-06-22\"/>.",
				     "از <date from=\"2023-06-17\" to=\"2023-06-22\"/>.",
				     "Vom <date from=\"2023-06-17\" to=\"2023-06-22\"/>.", false);
	assert_string_equal(p1(&f, 1)->text, "از ۲۷\u00a0خرداد\u00a0تا ۱\u00a0تیر\u00a0۱۴۰۲.");
	assert_string_equal(p1(&f, 2)->text, "Vom 17.–22.\u00a0Juni\u00a02023.");
	const struct resolved_span *s = &p1(&f, 2)->spans[0];
	assert_int_equal(s->style, STYLE_DATE);
	assert_string_equal(s->date, "2023-06-17/2023-06-22");
	assert_int_equal(s->start, 4);
	assert_int_equal(s->end, strlen("Vom 17.–22.\u00a0Juni\u00a02023"));
	fixture_free(&f);
}

static bool has_soft_hyphen(const char *s)
{
	return strstr(s, "\xc2\xad") != NULL;
}

static void hyphenation_points_where_a_dictionary_allows(void **state)
{
	(void)state;
	struct fixture f = resolve_p(
		"Human rights activist <name>Constantinople</name> at https://example.org/international "
		"<a href=\"https://e.org/\">x</a>",
		"فعال حقوق بشر <a href=\"https://e.org/\">x</a>",
		"Menschenrechtsaktivistin <name>Schwarzenbergerin</name> <foreign xml:lang=\"en\">internationalism</foreign> "
		"<a href=\"https://e.org/\">Menschenrechtsaktivistin</a> ISC ABCDEFG",
		true);
	const char *de = p1(&f, 2)->text;
	/* The compound breaks at its syllables (Debian's hyphen-de dictionary)… */
	assert_true(strncmp(de, "Men\u00adschen\u00adrechts\u00adak\u00adti\u00advis\u00adtin ",
			    strlen("Men\u00adschen\u00adrechts\u00adak\u00adti\u00advis\u00adtin ")) == 0);
	const char *end = strchr(de, ' ');
	char first[128];
	snprintf(first, sizeof first, "%.*s", (int)(end - de), de);
	assert_true(has_soft_hyphen(first));
	/* …and the hyphens removed give the word back. */
	char plain[128];
	size_t k = 0;
	for (const char *c = first; *c; c++)
		if (!((unsigned char)c[0] == 0xC2 && (unsigned char)c[1] == 0xAD))
			plain[k++] = *c;
		else
			c++;
	plain[k] = '\0';
	assert_string_equal(plain, "Menschenrechtsaktivistin");
	/* Never in names, links or acronyms; a foreign run with its own language's points. */
	assert_non_null(strstr(de, " Schwarzenbergerin "));
	assert_non_null(strstr(de, " in\u00adter\u00adna\u00adtion\u00adal\u00adism "));
	assert_non_null(strstr(de, "Menschenrechtsaktivistin ISC ABCDEFG"));
	/* English has its own dictionary; URLs are left alone; Farsi has none. */
	const char *en = p1(&f, 0)->text;
	assert_true(has_soft_hyphen(en));
	assert_non_null(strstr(en, "Constantinople at https://example.org/international"));
	assert_false(has_soft_hyphen(p1(&f, 1)->text));
	fixture_free(&f);
}

static void missing_translations_stay_missing(void **state)
{
	(void)state;
	const char *xml = "<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\"><head>"
			  "<title id=\"t\"><t xml:lang=\"en\">T</t></title></head><body/></appeal>";
	struct fixture f = resolve_xml(xml, false);
	assert_non_null(f.rdoc->units[0].texts[0].t);
	assert_null(f.rdoc->units[0].texts[1].t);
	assert_null(f.rdoc->units[0].texts[1].text);
	fixture_free(&f);
}

static void events_have_dates_and_times_per_language(void **state)
{
	(void)state;
	const char *xml = "<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\"><head>"
			  "<title id=\"t\"><t xml:lang=\"en\">T</t><t xml:lang=\"fa\">ت</t><t xml:lang=\"de\">T</t></title>"
			  "<date when=\"2023-06-12\"/></head><body>"
			  "<event when=\"2023-07-01\" time=\"19:00\"><p id=\"e\"><t xml:lang=\"en\">C</t>"
			  "<t xml:lang=\"fa\">ک</t><t xml:lang=\"de\">K</t></p></event>"
			  "<event when=\"2023-06-17\" until=\"2023-06-22\"><p id=\"e2\"><t xml:lang=\"en\">C</t>"
			  "<t xml:lang=\"fa\">ک</t><t xml:lang=\"de\">K</t></p></event></body></appeal>";
	struct fixture f = resolve_xml(xml, false);
	assert_string_equal(f.rdoc->published.date[1], "۲۲\u00a0خرداد\u00a0۱۴۰۲");
	assert_string_equal(f.rdoc->events[0].date[2], "Samstag, 1.\u00a0Juli\u00a02023");
	assert_string_equal(f.rdoc->events[0].time[1], "۱۹:۰۰");
	assert_string_equal(f.rdoc->events[1].date[1], "۲۷\u00a0خرداد\u00a0تا ۱\u00a0تیر\u00a0۱۴۰۲");
	assert_null(f.rdoc->events[1].time[0]);
	fixture_free(&f);
}

static void dump_shows_controls_visibly(void **state)
{
	(void)state;
	struct fixture f = resolve_p("We shout <foreign xml:lang=\"fa\">آزادی</foreign>!<br/><strong>Now</strong>",
				     "ب", "c", false);
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);
	dump_document(f.rdoc, out);
	fclose(out);
	assert_non_null(strstr(text, "  en     ltr final      We shout ⟨RLI⟩⟨foreign fa⟩آزادی⟨/foreign⟩⟨PDI⟩!⟨br⟩⟨strong⟩Now⟨/strong⟩\n"));
	free(text);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(direction_comes_from_the_language),
		cmocka_unit_test(text_is_nfc_and_white_space_collapsed),
		cmocka_unit_test(other_direction_runs_are_isolated),
		cmocka_unit_test(names_and_links_are_isolated_by_their_text),
		cmocka_unit_test(dates_in_each_language_and_calendar),
		cmocka_unit_test(dates_in_text_become_spans),
		cmocka_unit_test(hyphenation_points_where_a_dictionary_allows),
		cmocka_unit_test(missing_translations_stay_missing),
		cmocka_unit_test(events_have_dates_and_times_per_language),
		cmocka_unit_test(dump_shows_controls_visibly),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
