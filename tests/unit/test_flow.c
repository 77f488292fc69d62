/* Unit tests of the page flow (layout_flow.c): whatever size the type comes out at, on
 * whatever paper and in every layout,
 *   - a heading, an event's date line and a letter's closing are never the last thing on
 *     a page: the rows kept with them (their group) go on below them on the same page;
 *   - a paragraph split across pages leaves at least two lines on each side;
 *   - a quote's author is on the page where the quote ends;
 *   - the QR code is never alone on a page;
 * and a last page that would hold less than a fifth of a page is saved by type made at
 * most 8% smaller, where that saves it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"
#include "support.h"

struct doc {
	struct source *src;
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

static const char *const documents[] = {
	"tests/flow/long-appeal.xml", "xml/letter-to-rapporteur.xml", "xml/appeal-free-them.xml",
};

static const char *const papers[] = {"a4", "a5"};

static bool is_role(const struct layout_item *item, const char *role)
{
	return item->kind == ITEM_TEXT && item->role && strcmp(item->role, role) == 0;
}

/* Whether ITEM is followed on its page by something kept with it. */
static bool followed_on_its_page(const struct layout *layout, const struct layout_item *item)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *other = &layout->items[i];
		if (other != item && other->group == item->group && other->page == item->page &&
		    other->kind == ITEM_TEXT && other->y > item->y + 0.01 &&
		    !is_role(other, "label"))
			return true;
	}
	return false;
}

static void check_keeps(const struct layout *layout, const char *what)
{
	static const char *const kept[] = {"heading", "when", "closing"};
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		for (size_t k = 0; k < 3; k++) {
			if (!is_role(item, kept[k]) || item->first_line + item->n_lines <
							   para_set_lines(item->set))
				continue;
			if (item->group == 0 || !followed_on_its_page(layout, item)) {
				fail_msg("%s: a %s is the last thing on page %d (y %.1f)", what, kept[k],
					 item->page, item->y);
			}
		}
	}
}

static size_t cuts, cut_mid_word; /* over every layout: paragraphs cut, of them after a hyphen */

static void check_splits(const struct layout *layout, const char *what)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->kind != ITEM_TEXT || !item->set)
			continue;
		int total = para_set_lines(item->set);
		if (item->n_lines == total)
			continue;
		if (item->first_line + item->n_lines < total) {
			struct para_line_info info;
			para_set_line_info(item->set, item->first_line + item->n_lines - 1, &info);
			cuts++;
			cut_mid_word += info.hyphen;
		}
		if (item->n_lines < 2)
			fail_msg("%s: %s lines %d–%d of %d alone on page %d (a widow or an orphan)",
				 what, item->role, item->first_line + 1, item->first_line + item->n_lines,
				 total, item->page);
		/* Its parts on pages one after another (or frames of one page), in order. */
		for (size_t k = 0; k < i; k++) {
			const struct layout_item *before = &layout->items[k];
			if (before->set == item->set && before->first_line < item->first_line &&
			    !(before->page < item->page || before->x != item->x))
				fail_msg("%s: %s lines from %d go on on the page they were cut from (%d)",
					 what, item->role, item->first_line + 1, item->page);
		}
	}
}

static void check_cites_and_qr(const struct layout *layout, const char *what)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		bool found = false;
		if (is_role(item, "cite")) {
			for (size_t k = 0; k < layout->n_items && !found; k++)
				found = is_role(&layout->items[k], "quote") &&
					layout->items[k].page == item->page &&
					layout->items[k].group == item->group;
			if (!found) {
				for (size_t k = 0; k < layout->n_items; k++)
					if (layout->items[k].kind == ITEM_TEXT &&
					    layout->items[k].page >= item->page - 1 &&
					    layout->items[k].page <= item->page)
						print_message("p%d y%.1f %s g%d lines %d+%d/%d\n",
							      layout->items[k].page, layout->items[k].y,
							      layout->items[k].role, layout->items[k].group,
							      layout->items[k].first_line,
							      layout->items[k].n_lines,
							      layout->items[k].set ? para_set_lines(layout->items[k].set) : 0);
				fail_msg("%s: a quote's author on page %d without its quote", what,
					 item->page);
			}
		}
		if (item->kind == ITEM_QR) {
			for (size_t k = 0; k < layout->n_items && !found; k++)
				found = layout->items[k].page == item->page &&
					layout->items[k].kind == ITEM_TEXT &&
					!is_role(&layout->items[k], "footer");
			if (!found)
				fail_msg("%s: the QR code alone on page %d", what, item->page);
		}
	}
}

static struct layout_options options_for(const struct doc *d, const char *paper, int kind,
					 size_t lang, double scale)
{
	struct layout_options o = {.kind = kind, .single_lang = lang, .type_scale = scale,
				   .qr = d->doc->contact_url};
	assert_true(layout_paper_size(paper, &o.page_width, &o.page_height));
	if (kind == LAYOUT_PARALLEL && d->doc->n_langs > 2 && o.page_width < 500) {
		/* Three columns side by side on A5 are refused as too narrow: A5 across. */
		double w = o.page_width;
		o.page_width = o.page_height;
		o.page_height = w;
	}
	return o;
}

/* Every layout of every document on every paper, the type at 80 % to 130 % of its size:
 * the breaks fall everywhere, next to every kind of block. */
static void keeps_hold_at_every_size(void **state)
{
	(void)state;
	size_t laid_out = 0, kept = 0;
	for (size_t d = 0; d < sizeof documents / sizeof *documents; d++) {
		struct doc doc = {0};
		support_load_file(documents[d], &doc.src, &doc.doc, &doc.rdoc);
		for (size_t p = 0; p < sizeof papers / sizeof *papers; p++)
			for (int kind = 0; kind < 2 + (int)doc.doc->n_langs; kind++)
				for (double scale = 0.8; scale < 1.31; scale += 0.05) {
					int k = kind < 2 ? kind : LAYOUT_SINGLE;
					size_t lang = kind < 2 ? 0 : (size_t)(kind - 2);
					struct layout_options o = options_for(&doc, papers[p], k, lang, scale);
					struct diag_list diags;
					diag_list_init(&diags);
					struct layout *layout = NULL;
					assert_int_equal(layout_document(doc.rdoc, doc.src, &o, &diags,
									 &layout), 0);
					char what[160];
					snprintf(what, sizeof what, "%s, %s, layout %d (%s), scale %.2f",
						 documents[d], papers[p], k, doc.doc->langs[lang], scale);
					check_keeps(layout, what);
					check_splits(layout, what);
					check_cites_and_qr(layout, what);
					for (size_t i = 0; i < layout->n_items; i++)
						kept += layout->items[i].group > 0;
					laid_out++;
					layout_free(layout);
					diag_list_clear(&diags);
				}
		resolved_doc_free(doc.rdoc);
		model_doc_free(doc.doc);
		source_free(doc.src);
	}
	assert_true(laid_out > 100);
	assert_true(kept > 0); /* the groups are there to be checked */
	/* A word hyphenated across a page or column break only where no other cut keeps
	 * two lines on each side. */
	print_message("%zu paragraphs cut at a page or column break, %zu of them mid-word\n",
		      cuts, cut_mid_word);
	assert_true(cuts > 50 && cut_mid_word * 20 < cuts);
}

/* Where the last page holds under a fifth of a page, fitting without a page limit (as
 * layout_fit with room to spare) takes a page less with type at most 8 % smaller, or
 * leaves it when even that would not save it; where a page but the last is under 70 %
 * full, it evens the pages out with type at most 8 % smaller where it can; and it
 * changes nothing where neither is the case. */
static void a_nearly_empty_last_page_is_saved(void **state)
{
	(void)state;
	static const char *const more_papers[] = {"a4", "a5", "a6", "letter", "legal"};
	int sparse = 0, saved = 0, short_pages = 0, evened = 0;
	for (size_t d = 0; d < sizeof documents / sizeof *documents; d++) {
		struct doc doc = {0};
		support_load_file(documents[d], &doc.src, &doc.doc, &doc.rdoc);
		for (size_t p = 0; p < sizeof more_papers / sizeof *more_papers; p++)
			for (int kind = 0; kind < 2 + (int)doc.doc->n_langs; kind++) {
				int k = kind < 2 ? kind : LAYOUT_SINGLE;
				size_t lang = kind < 2 ? 0 : (size_t)(kind - 2);
				struct layout_options o = options_for(&doc, more_papers[p], k, lang, 1);
				struct diag_list diags;
				diag_list_init(&diags);
				struct layout *natural = NULL, *fitted = NULL;
				assert_int_equal(layout_document(doc.rdoc, doc.src, &o, &diags, &natural), 0);
				assert_int_equal(layout_fit(doc.rdoc, doc.src, &o, 99, 8.5, &diags, &fitted), 0);
				bool changed = fabs(fitted->body_size - natural->body_size) > 0.001;
				assert_true(fitted->body_size >= natural->body_size * 0.92 - 0.01);
				assert_true(fitted->n_pages <= natural->n_pages);
				if (natural->n_pages > 1 && natural->last_fill < 0.2) {
					sparse++;
					saved += fitted->n_pages == natural->n_pages - 1;
				} else if (natural->n_pages > 1 && natural->least_fill < 0.7) {
					short_pages++;
					if (changed) {
						evened++;
						assert_true(fitted->least_fill >= 0.7);
						assert_true(fitted->n_pages == 1 || fitted->last_fill >= 0.2);
					}
				} else {
					assert_int_equal(fitted->n_pages, natural->n_pages);
					assert_false(changed);
				}
				layout_free(natural);
				layout_free(fitted);
				diag_list_clear(&diags);
			}
		resolved_doc_free(doc.rdoc);
		model_doc_free(doc.doc);
		source_free(doc.src);
	}
	print_message("%d pages under 70 %% full, %d of them evened out\n", short_pages, evened);
	print_message("%d nearly empty last pages, %d saved\n", sparse, saved);
	assert_true(saved > 0); /* otherwise this test proves nothing: add a case */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_hold_at_every_size),
		cmocka_unit_test(a_nearly_empty_last_page_is_saved),
	};
	return cmocka_run_group_tests(tests, support_setup_fonts, support_teardown_fonts);
}
