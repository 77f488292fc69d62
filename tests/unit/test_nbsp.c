/* Unit tests of the text stage's no-break spaces (issue 12): dates and times written by
 * ICU never break inside, and in running text a number stays with its unit, currency or
 * month and its digit groups stay together, in English, German and Farsi; and each run
 * is hyphenated with its own language's patterns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dump.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

#define NBSP "\u00a0"
#define SHY "\u00ad"

struct fixture {
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

/* An appeal in en, de, fa (source en) with one unit p whose <t>s are EN, DE and FA. */
static struct fixture resolve3(const char *en, const char *de, const char *fa, bool hyphenate)
{
	char *xml = NULL;
	assert_true(asprintf(&xml,
			     "<appeal id=\"a\" xml:lang=\"en\" langs=\"en de fa\"><head>"
			     "<title id=\"t\"><t xml:lang=\"en\">T</t><t xml:lang=\"de\">T</t>"
			     "<t xml:lang=\"fa\">ت</t></title>"
			     "<date when=\"2023-06-17\"/></head><body>"
			     "<event when=\"2023-07-01\" time=\"14:00\"><p id=\"e\"><t xml:lang=\"en\">E</t>"
			     "<t xml:lang=\"de\">E</t><t xml:lang=\"fa\">ا</t></p></event>"
			     "<p id=\"p\"><t xml:lang=\"en\">%s</t><t xml:lang=\"de\">%s</t>"
			     "<t xml:lang=\"fa\">%s</t></p></body></appeal>",
			     en, de, fa) > 0);
	struct fixture f = {0};
	support_load(xml, NULL, &f.doc);
	free(xml);
	struct resolve_options options = {.hyphenate = hyphenate};
	assert_int_equal(resolve_document(f.doc, &options, &f.rdoc), 0);
	return f;
}

static void fixture_free(struct fixture *f)
{
	resolved_doc_free(f->rdoc);
	model_doc_free(f->doc);
}

/* The text of unit p (the last one) in language L (0 en, 1 de, 2 fa). */
static const char *text_of(const struct fixture *f, size_t l)
{
	return f->rdoc->units[f->doc->n_units - 1].texts[l].text;
}

static void dates_and_times_written_by_icu_do_not_break(void **state)
{
	(void)state;
	struct fixture f = resolve3("On <date when=\"2023-07-01\"/>.", "Am <date when=\"2023-07-01\"/>.",
				    "در <date when=\"2023-07-01\"/>.", false);
	assert_string_equal(text_of(&f, 0), "On July" NBSP "1," NBSP "2023.");
	assert_string_equal(text_of(&f, 1), "Am 1." NBSP "Juli" NBSP "2023.");
	assert_string_equal(text_of(&f, 2), "در ۱۰" NBSP "تیر" NBSP "۱۴۰۲.");
	/* The head's date, and an event's: the weekday may stand on the line before. */
	assert_string_equal(f.rdoc->published.date[2], "۲۷" NBSP "خرداد" NBSP "۱۴۰۲");
	assert_string_equal(f.rdoc->events[0].date[1], "Samstag, 1." NBSP "Juli" NBSP "2023");
	assert_string_equal(f.rdoc->events[0].date[2], "شنبه ۱۰" NBSP "تیر" NBSP "۱۴۰۲");
	/* ICU's own narrow no-break space before PM stays narrow. */
	assert_string_equal(f.rdoc->events[0].time[0], "2:00\u202fPM");
	/* No breakable space is left in a single date in any of these languages. */
	for (size_t l = 0; l < 3; l++)
		assert_null(strchr(f.rdoc->published.date[l], ' '));
	fixture_free(&f);
}

static void a_range_breaks_only_before_its_second_date(void **state)
{
	(void)state;
	char *s = resolve_format_range("fa", "2023-06-17", "2023-06-22");
	assert_string_equal(s, "۲۷" NBSP "خرداد" NBSP "تا ۱" NBSP "تیر" NBSP "۱۴۰۲");
	free(s);
	s = resolve_format_range("de", "2023-06-17", "2023-06-22");
	assert_string_equal(s, "17.–22." NBSP "Juni" NBSP "2023");
	free(s);
	s = resolve_format_range("en", "2023-06-28", "2023-07-02");
	assert_null(strchr(s, ' '));
	assert_non_null(strstr(s, "June" NBSP "28"));
	assert_non_null(strstr(s, "July" NBSP "2," NBSP "2023"));
	free(s);
}

static void numbers_stay_with_their_units_in_running_text(void **state)
{
	(void)state;
	struct fixture f = resolve3(
		"25 % more, 3.5 km, 12 kg, € 40, 10 000 people, 1 000 000 signatures, on 5 July 2023, "
		"on Aug. 17, at 2 pm; 120 prisoners, page 5 of 12 letters.",
		"Um 14:00 Uhr, am 1. Juli, 25 % mehr, 3,5 km Weg, 12 € Eintritt, 10 000 Menschen, "
		"§ 12, im Mai 2023; 120 Gefangene, 5 von 12 Briefen.",
		"۲۵ درصد، ۱۰ ۰۰۰ نفر، ۲۷ خرداد ۱۴۰۲، ۳ کیلومتر، ۱۲۰ زندانی.", false);
	assert_string_equal(text_of(&f, 0),
			    "25" NBSP "% more, 3.5" NBSP "km, 12" NBSP "kg, €" NBSP "40, 10" NBSP "000 people, "
			    "1" NBSP "000" NBSP "000 signatures, on 5" NBSP "July" NBSP "2023, on Aug." NBSP
			    "17, at 2" NBSP "pm; 120 prisoners, page 5 of 12 letters.");
	assert_string_equal(text_of(&f, 1),
			    "Um 14:00" NBSP "Uhr, am 1." NBSP "Juli, 25" NBSP "% mehr, 3,5" NBSP "km Weg, 12" NBSP
			    "€ Eintritt, 10" NBSP "000 Menschen, §" NBSP "12, im Mai" NBSP "2023; 120 Gefangene, "
			    "5 von 12 Briefen.");
	/* Persian digits, the Solar Hijri months, Persian unit words. */
	assert_string_equal(text_of(&f, 2),
			    "۲۵" NBSP "درصد، ۱۰" NBSP "۰۰۰ نفر، ۲۷" NBSP "خرداد" NBSP "۱۴۰۲، ۳" NBSP
			    "کیلومتر، ۱۲۰ زندانی.");
	fixture_free(&f);
}

static void a_unit_in_another_element_still_joins(void **state)
{
	(void)state;
	struct fixture f = resolve3("<strong>25</strong> % and <em>40</em> kg", "x", "ا", false);
	assert_string_equal(text_of(&f, 0), "25" NBSP "% and 40" NBSP "kg");
	fixture_free(&f);
}

static void dump_shows_the_no_break_spaces(void **state)
{
	(void)state;
	struct fixture f = resolve3("<date when=\"2023-07-01\"/>", "<date when=\"2023-07-01\"/>",
				    "<date when=\"2023-07-01\"/>", false);
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);
	dump_document(f.rdoc, out);
	fclose(out);
	assert_non_null(strstr(text, "⟨date 2023-07-01⟩July⍽1,⍽2023⟨/date⟩"));
	assert_non_null(strstr(text, "⟨date⟩۲۷⍽خرداد⍽۱۴۰۲⟨/date⟩"));
	assert_non_null(strstr(text, "⟨time⟩2:00˽PM⟨/time⟩"));
	free(text);
	fixture_free(&f);
}

static void each_run_is_hyphenated_with_its_own_patterns(void **state)
{
	(void)state;
	struct fixture f = resolve3(
		"solidarity <foreign xml:lang=\"de\">Gefangenenbefreiung</foreign>",
		"Solidarität <foreign xml:lang=\"en\">internationalism</foreign> internationalism "
		"<foreign xml:lang=\"tr\">dayanışmacılarımızdan</foreign>",
		"همبستگی <foreign xml:lang=\"en\">internationalism</foreign>", true);
	/* German text, an English title: English points, not German ones. */
	const char *de = text_of(&f, 1);
	assert_non_null(strstr(de, " in" SHY "ter" SHY "na" SHY "tion" SHY "al" SHY "ism "));
	assert_non_null(strstr(de, " in" SHY "ter" SHY "na" SHY "ti" SHY "o" SHY "na" SHY "lism "));
	/* Turkish has no patterns here: no points at all. */
	assert_non_null(strstr(de, " dayanışmacılarımızdan"));
	/* German inside English gets German points; English isolated in Farsi stays whole. */
	assert_non_null(strstr(text_of(&f, 0), "Ge" SHY "fange" SHY "nen" SHY "be" SHY "frei" SHY "ung"));
	assert_non_null(strstr(text_of(&f, 2), "\u2066internationalism\u2069"));
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_and_times_written_by_icu_do_not_break),
		cmocka_unit_test(a_range_breaks_only_before_its_second_date),
		cmocka_unit_test(numbers_stay_with_their_units_in_running_text),
		cmocka_unit_test(a_unit_in_another_element_still_joins),
		cmocka_unit_test(dump_shows_the_no_break_spaces),
		cmocka_unit_test(each_run_is_hyphenated_with_its_own_patterns),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
