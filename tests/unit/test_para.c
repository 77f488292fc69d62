/* Differential test of the paragraph lines (src/para.c) against Pango, their reference:
 * every paragraph of the samples, of the benchmark leaflet and of tests/para/edges.xml
 * (paragraphs at the edges of line breaking), hyphenated as the pdf command hyphenates, in
 * every layout, on A4 and A5, at the sizes layout_fit tries, is set in lines by broadside
 * (broken by its model, drawn from its one shaping) and laid out by Pango with a width.
 * The lines must be the same — how many, where each starts, its top and bottom — in all
 * but one paragraph in a thousand (Pango measures a candidate break by shaping the piece
 * again, the model with the widths of the one shaping: a kerning pair with the hyphen can
 * let Pango fit one syllable more); a ragged line must start and end within half a point
 * of Pango's (at 10 pt); a justified line must fill its width (Pango 1.50 overshoots by a
 * space or falls short by a hyphen, counting that width twice). */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fonts.h"
#include "layout.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

static const double scales[] = {1.0, 0.91, 0.83, 0.76, 0.69, 0.62};

/* Checks DOC in layout KIND (language L for single) on PAPER at every scale into CHECK. */
static void check_layout(const struct resolved_doc *rdoc, const struct source *src,
			 enum layout_kind kind, size_t l, const char *paper,
			 struct layout_model_check *check)
{
	struct layout_options o = {.kind = kind, .single_lang = l, .allow_missing = true};
	assert_true(layout_paper_size(paper, &o.page_width, &o.page_height));
	if (kind == LAYOUT_PARALLEL && strcmp(paper, "a5") == 0) {
		/* Three columns side by side on A5 are refused as too narrow: A5 across. */
		double w = o.page_width;
		o.page_width = o.page_height;
		o.page_height = w;
	}
	for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
		o.type_scale = scales[s];
		struct diag_list diags;
		diag_list_init(&diags);
		assert_int_equal(layout_check_models(rdoc, src, &o, &diags, check), 0);
		diag_list_clear(&diags);
	}
}

static void check_file(const char *path, size_t *compared, size_t *different, double *worst_x)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	struct resolved_doc *rdoc = NULL;
	support_load_file(path, &src, &doc, &rdoc);
	struct layout_model_check check = {.first_fit = true};
	static const char *const papers[] = {"a4", "a5"};
	for (size_t p = 0; p < 2; p++) {
		check_layout(rdoc, src, LAYOUT_PARALLEL, 0, papers[p], &check);
		check_layout(rdoc, src, LAYOUT_STACKED, 0, papers[p], &check);
		for (size_t l = 0; l < doc->n_langs; l++)
			check_layout(rdoc, src, LAYOUT_SINGLE, l, papers[p], &check);
	}
	print_message("%s: %zu paragraphs compared, %zu different%s%s%s; ragged lines start and "
		      "end within %.4f pt of Pango's; %zu justified lines short of their width; %zu not "
		      "hyphenated (display and machine text)\n",
		      path, check.compared, check.different, check.first ? " (the first: " : "",
		      check.first ? check.first : "", check.first ? ")" : "", check.worst_x, check.unfilled,
		      check.unhyphenated);
	assert_true(check.unhyphenated > 0 && check.unhyphenated < check.compared);
	assert_int_equal(check.unfilled, 0);
	*compared += check.compared;
	*different += check.different;
	if (check.worst_x > *worst_x)
		*worst_x = check.worst_x;
	layout_model_check_clear(&check);
	resolved_doc_free(rdoc);
	model_doc_free(doc);
	source_free(src);
}

static void models_break_as_pango_does(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("xml/*.xml", 0, NULL, &g), 0);
	size_t compared = 0, different = 0;
	double worst_x = 0;
	for (size_t i = 0; i < g.gl_pathc; i++)
		check_file(g.gl_pathv[i], &compared, &different, &worst_x);
	check_file("tests/bench/leaflet.xml", &compared, &different, &worst_x);
	check_file("tests/para/edges.xml", &compared, &different, &worst_x);
	globfree(&g);
	print_message("all: %zu paragraphs compared, %zu different; ragged lines start and end "
		      "within %.4f pt of Pango's (at 10 pt)\n", compared, different, worst_x);
	assert_true(compared > 5000);
	assert_true(different * 1000 <= compared);
	assert_true(worst_x < 0.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(models_break_as_pango_does),
	};
	return cmocka_run_group_tests(tests, support_setup_fonts, support_teardown_fonts);
}
