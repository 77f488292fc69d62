/* What para_set_line_info (src/para.c) says of a paragraph's lines, the figures of the
 * layout trace (`broadside dump --layout`): the natural and drawn widths, the word spaces
 * and their gap ratio, a hyphen the breaker added, a line ended by a forced break or the
 * paragraph's end, and the line's text; left to right, right to left and mixed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fonts.h"
#include "para.h"
#include "support.h"

static const char english[] =
	"The campaign asks the government to free every prisoner held for a peaceful "
	"protest, to let their families visit them, and to publish the names of all who "
	"are held without charge in the prisons of the country.";

/* Farsi with an English name isolated in it (LRI … PDI), as the text stage writes it. */
static const char farsi[] =
	"ما از دولت می‌خواهیم همهٔ زندانیانی را که برای اعتراض مسالمت‌آمیز در بند هستند "
	"آزاد کند و به خانواده‌هایشان اجازهٔ ملاقات بدهد؛ \xE2\x81\xA6" "Amnesty International\xE2\x81\xA9 "
	"نیز همین را از دولت خواسته است و ما صدای آنها هستیم.";

/* TEXT set in lines WIDTH points wide at 10 pt in FAMILY, right to left when RTL. */
static struct para_set *set_text(const char *text, const char *family, bool rtl, double width,
				 bool justify, bool hyphenate)
{
	const char *why = NULL;
	PangoFontMap *map = fonts_font_map(&why);
	assert_non_null(map);
	PangoContext *ctx = pango_font_map_create_context(map);
	pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
	PangoLayout *layout = pango_layout_new(ctx);
	PangoFontDescription *font = pango_font_description_from_string(family);
	pango_font_description_set_size(font, 10 * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_text(layout, text, -1);
	struct para_set_options o = {.width = (int)(width * PANGO_SCALE),
				     .align = rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
				     .justify = justify, .hyphenate = hyphenate};
	struct para_set *set = para_set_new(layout, &o);
	g_object_unref(layout);
	g_object_unref(ctx);
	assert_non_null(set);
	return set;
}

/* What holds for every line of SET, however it is set: the lines' texts follow one
 * another through the whole text, only the last ends its paragraph, and the natural
 * width differs from the drawn one by what the word spaces were stretched or shrunk. */
static void check_lines(const struct para_set *set, bool justify)
{
	int n = para_set_lines(set);
	const char *text = para_set_text(set);
	assert_true(n > 2);
	for (int i = 0; i < n; i++) {
		struct para_line_info m;
		para_set_line_info(set, i, &m);
		assert_int_equal(m.start, para_set_line_start(set, i));
		assert_true(m.end > m.start);
		assert_true(m.end == (i + 1 < n ? para_set_line_start(set, i + 1) - 1
						: (int)strlen(text)));
		assert_true(m.last == (i == n - 1));
		assert_false(m.hyphen);
		int x, top, width, bottom;
		para_set_line_extents(set, i, &x, &top, &width, &bottom);
		assert_int_equal(m.width, width);
		if (justify && !m.last) {
			assert_true(m.spaces > 0);
			assert_true(m.gap_ratio > 1.0);
			/* the room added is the word spaces' stretch: natural × (ratio − 1) */
			double space = (double)(m.width - m.natural) / (m.gap_ratio - 1);
			assert_true(space > 0 && space < m.natural);
		} else {
			assert_int_equal(m.natural, m.width);
			assert_true(m.gap_ratio == 1.0);
		}
	}
}

static void latin_justified_and_ragged(void **state)
{
	(void)state;
	for (int justify = 0; justify < 2; justify++) {
		struct para_set *set = set_text(english, "Roboto", false, 150, justify, false);
		check_lines(set, justify);
		/* a justified line is as wide as the column */
		struct para_line_info m;
		para_set_line_info(set, 0, &m);
		if (justify)
			assert_int_equal(m.width, 150 * PANGO_SCALE);
		else
			assert_true(m.width < 150 * PANGO_SCALE);
		para_set_unref(set);
	}
}

static void farsi_with_latin_isolate(void **state)
{
	(void)state;
	for (int justify = 0; justify < 2; justify++) {
		struct para_set *set = set_text(farsi, "Vazirmatn", true, 140, justify, false);
		check_lines(set, justify);
		para_set_unref(set);
	}
}

/* A soft hyphen the breaker takes ends its line with a hyphen; a real hyphen at a line's
 * end is the text's, not the breaker's. */
static void hyphens(void **state)
{
	(void)state;
	static const char text[] = "Solidarit\u00ADäts\u00ADak\u00ADtio\u00ADnen "
				   "Solidarit\u00ADäts\u00ADak\u00ADtio\u00ADnen "
				   "Solidarit\u00ADäts\u00ADak\u00ADtio\u00ADnen";
	for (int hyphenate = 0; hyphenate < 2; hyphenate++) {
		struct para_set *set = set_text(text, "Roboto", false, 60, true, hyphenate);
		int hyphenated = 0;
		for (int i = 0; i < para_set_lines(set); i++) {
			struct para_line_info m;
			para_set_line_info(set, i, &m);
			if (m.hyphen) {
				hyphenated++;
				/* it ends at the soft hyphen the breaker took */
				assert_memory_equal(text + m.end - 2, "\xC2\xAD", 2);
			}
		}
		assert_true(hyphenate ? hyphenated > 0 : hyphenated == 0);
		para_set_unref(set);
	}
	struct para_set *set = set_text("well-known well-known well-known well-known", "Roboto",
					false, 40, true, true);
	for (int i = 0; i < para_set_lines(set); i++) {
		struct para_line_info m;
		para_set_line_info(set, i, &m);
		assert_false(m.hyphen);
	}
	para_set_unref(set);
}

/* A line ended by a forced break (U+2028, the text stage's <br/>) or a paragraph
 * separator is its paragraph's last; ragged, whatever justification asked. */
static void forced_breaks(void **state)
{
	(void)state;
	static const char text[] = "one two\xE2\x80\xA8three four five six seven eight nine ten\n"
				   "eleven twelve";
	struct para_set *set = set_text(text, "Roboto", false, 100, true, false);
	int n = para_set_lines(set);
	assert_true(n >= 4);
	int lasts = 0;
	for (int i = 0; i < n; i++) {
		struct para_line_info m;
		para_set_line_info(set, i, &m);
		lasts += m.last;
		if (i == 0) {
			assert_true(m.last);
			assert_int_equal(m.start, 0);
			assert_int_equal(m.end, 7); /* "one two" */
		}
		if (m.last)
			assert_true(m.gap_ratio == 1.0);
	}
	assert_int_equal(lasts, 3);
	para_set_unref(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(latin_justified_and_ragged),
		cmocka_unit_test(farsi_with_latin_isolate),
		cmocka_unit_test(hyphens),
		cmocka_unit_test(forced_breaks),
	};
	return cmocka_run_group_tests(tests, support_setup_fonts, support_teardown_fonts);
}
