/* Unit tests of the layout stage: paper sizes, columns in reading order, direction and
 * alignment per language, refusals, and fitting to a number of pages. */
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

struct fixture {
	struct source *src;
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

static struct fixture load(const char *xml)
{
	struct fixture f = {0};
	support_load(xml, &f.src, &f.doc);
	struct resolve_options options = {.hyphenate = false};
	assert_int_equal(resolve_document(f.doc, &options, &f.rdoc), 0);
	return f;
}

static void fixture_free(struct fixture *f)
{
	resolved_doc_free(f->rdoc);
	model_doc_free(f->doc);
	source_free(f->src);
}

static struct layout_options a4(enum layout_kind kind)
{
	struct layout_options o = {.kind = kind, .type_scale = 1.0};
	assert_true(layout_paper_size("a4", &o.page_width, &o.page_height));
	return o;
}

/* The first text item of unit paragraph TEXT's language column: its x. */
static double x_of(const struct layout *layout, const char *lang)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->kind == ITEM_TEXT && item->text && strcmp(item->text->lang, lang) == 0 &&
		    item->text->t && item->text->t->runs && item->page == 1)
			return item->x;
	}
	fail_msg("no text in %s", lang);
	return 0;
}

static const char *const letter_fa =
	"<letter id=\"l\" xml:lang=\"fa\" langs=\"fa en\"><head>"
	"<title id=\"t\"><t xml:lang=\"fa\">نامه</t><t xml:lang=\"en\">Letter</t></title>"
	"<from id=\"f\"><t xml:lang=\"fa\">کمیته</t><t xml:lang=\"en\">Committee</t></from>"
	"<to id=\"o\"><t xml:lang=\"fa\">گزارشگر</t><t xml:lang=\"en\">Rapporteur</t></to></head>"
	"<body><p id=\"p\"><t xml:lang=\"fa\">متن نامه</t><t xml:lang=\"en\">The letter</t></p>"
	"</body></letter>";


static void paper_sizes_in_points(void **state)
{
	(void)state;
	double w, h;
	assert_true(layout_paper_size("a4", &w, &h));
	assert_float_equal(w, 595.28, 0.01);
	assert_float_equal(h, 841.89, 0.01);
	assert_true(layout_paper_size("a6", &w, &h));
	assert_float_equal(w, 297.64, 0.01);
	assert_true(layout_paper_size("letter", &w, &h));
	assert_float_equal(h, 792, 0.01);
	assert_false(layout_paper_size("b5", &w, &h));
	assert_false(layout_paper_size(NULL, &w, &h));
}

static void columns_follow_the_source_direction(void **state)
{
	(void)state;
	struct fixture f = load(letter_fa);
	struct layout_options o = a4(LAYOUT_PARALLEL);
	struct diag_list diags;
	diag_list_init(&diags);
	struct layout *layout = NULL;
	assert_int_equal(layout_document(f.rdoc, f.src, &o, &diags, &layout), 0);
	/* A Farsi source reads from the right: its column is the right-hand one. */
	assert_true(x_of(layout, "fa") > x_of(layout, "en"));
	/* Each paragraph keeps its own direction and is aligned to its start side. */
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->kind != ITEM_TEXT || !item->text)
			continue;
		bool rtl = item->text->dir == RESOLVE_RTL;
		assert_int_equal(rtl, strcmp(item->text->lang, "fa") == 0);
		PangoLayout *shaped = para_set_layout(item->set);
		PangoContext *ctx = pango_layout_get_context(shaped);
		assert_int_equal(pango_context_get_base_dir(ctx),
				 rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
		assert_false(pango_layout_get_auto_dir(shaped));
	}
	layout_free(layout);
	diag_list_clear(&diags);
	fixture_free(&f);
}

static void missing_glyphs_and_translations_are_refused(void **state)
{
	(void)state;
	struct fixture f = load("<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\"><head>"
				"<title id=\"t\"><t xml:lang=\"en\">人</t></title></head>"
				"<body/></appeal>");
	struct layout_options o = a4(LAYOUT_PARALLEL);
	struct diag_list diags;
	diag_list_init(&diags);
	struct layout *layout = NULL;
	assert_int_equal(layout_document(f.rdoc, f.src, &o, &diags, &layout), -1);
	assert_null(layout);
	bool glyph = false, missing = false;
	for (size_t i = 0; i < diags.n; i++) {
		glyph |= strcmp(diags.items[i].rule, "missing-glyph") == 0 &&
			 strstr(diags.items[i].message, "U+4EBA") != NULL;
		missing |= strcmp(diags.items[i].rule, "translation-missing") == 0;
	}
	assert_true(glyph);
	assert_true(missing);
	diag_list_clear(&diags);
	fixture_free(&f);
}

static void fitting_shrinks_as_little_as_needed(void **state)
{
	(void)state;
	/* Enough text for two A6 pages. */
	char *body = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&body, &len);
	for (int i = 0; i < 14; i++)
		fprintf(out, "<p id=\"p%d\"><t xml:lang=\"en\">Write to a prisoner. A card with a few "
			"words is enough: your name, your town, and that you think of them. Cards "
			"are opened and read by guards, and that is part of the point.</t></p>", i);
	fclose(out);
	char *xml = NULL;
	assert_true(asprintf(&xml, "<appeal id=\"a\" xml:lang=\"en\" langs=\"en\"><head><title id=\"t\">"
				   "<t xml:lang=\"en\">Cards</t></title></head><body>%s</body></appeal>",
			     body) > 0);
	free(body);
	struct fixture f = load(xml);
	free(xml);
	struct layout_options o = {.kind = LAYOUT_PARALLEL, .type_scale = 1.0};
	layout_paper_size("a6", &o.page_width, &o.page_height);
	struct diag_list diags;
	diag_list_init(&diags);
	struct layout *full = NULL, *fit = NULL, *tight = NULL;
	assert_int_equal(layout_document(f.rdoc, f.src, &o, &diags, &full), 0);
	assert_true(full->n_pages >= 2);
	assert_int_equal(layout_fit(f.rdoc, f.src, &o, full->n_pages - 1, 4.0, &diags, &fit), 0);
	assert_true(fit->n_pages <= full->n_pages - 1);
	assert_true(fit->body_size < full->body_size);
	assert_true(fit->body_size >= 4.0);
	/* As little as needed: a hundredth of a point more would not fit. */
	struct layout_options bigger = o;
	bigger.type_scale = (fit->body_size + 0.02) / full->body_size;
	assert_int_equal(layout_document(f.rdoc, f.src, &bigger, &diags, &tight), 0);
	assert_true(tight->n_pages > fit->n_pages);
	struct layout *never = NULL;
	assert_int_equal(layout_fit(f.rdoc, f.src, &o, 1, full->body_size, &diags, &never), -1);
	assert_null(never);
	assert_string_equal(diags.items[diags.n - 1].rule, "fit");
	layout_free(full);
	layout_free(fit);
	layout_free(tight);
	diag_list_clear(&diags);
	fixture_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paper_sizes_in_points),
		cmocka_unit_test(columns_follow_the_source_direction),
		cmocka_unit_test(missing_glyphs_and_translations_are_refused),
		cmocka_unit_test(fitting_shrinks_as_little_as_needed),
	};
	return cmocka_run_group_tests(tests, support_setup_fonts, support_teardown_fonts);
}
