/* Unit tests of streamed pages (layout_stream and pdf_writer): each page reaches the sink
 * alone and is released after it, the footers count the pages right, and the PDF is byte
 * for byte the one drawn from the whole layout held at once (layout_document or layout_fit,
 * then pdf_render). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fonts.h"
#include "layout.h"
#include "pdf.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

struct doc {
	struct source *src;
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

static struct doc open_doc(const char *path)
{
	struct doc d = {0};
	support_load_file(path, &d.src, &d.doc, &d.rdoc);
	return d;
}

static void close_doc(struct doc *d)
{
	resolved_doc_free(d->rdoc);
	model_doc_free(d->doc);
	source_free(d->src);
}

struct watch {
	struct pdf_writer *w;
	int begun, pages, last;
	bool alone;             /* every call saw only its own page's items */
	char footer[64];        /* the page number of the last page seen: "5 / 6" */
};

static int watch_begin(void *ctx)
{
	struct watch *watch = ctx;
	watch->begun++;
	watch->pages = 0;
	watch->last = 0;
	return watch->w ? pdf_writer_restart(watch->w) : 0;
}

static int watch_page(void *ctx, const struct layout *layout, int page)
{
	struct watch *watch = ctx;
	if (page != watch->last + 1)
		watch->alone = false;
	watch->last = page;
	watch->pages++;
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->page != page)
			watch->alone = false;
		const char *text = item->set ? para_set_text(item->set) : "";
		int a, b, n = 0;
		if (sscanf(text, "%d / %d%n", &a, &b, &n) == 2 && text[n] == '\0')
			snprintf(watch->footer, sizeof watch->footer, "%s", text);
	}
	return watch->w ? pdf_writer_page(watch->w, layout, page) : 0;
}

/* Parallel on A4 and larger; stacked on smaller paper (three columns on A5 are refused). */
static struct layout_options options_for(const struct doc *d, const char *paper)
{
	bool small = paper[0] == 'a' && paper[1] >= '5';
	struct layout_options o = {.kind = small ? LAYOUT_STACKED : LAYOUT_PARALLEL, .type_scale = 1,
				   .qr = d->doc->contact_url};
	assert_true(layout_paper_size(paper, &o.page_width, &o.page_height));
	return o;
}

/* The PDF of D streamed (into *STREAMED) and held (into *HELD), fitted to MAX_PAGES. */
static void both_ways(const struct doc *d, const char *paper, int max_pages, char **streamed,
		      size_t *streamed_len, char **held, size_t *held_len, struct watch *watch)
{
	struct layout_options o = options_for(d, paper);
	struct pdf_info info = {.title = "t", .lang = d->doc->langs[0], .date = 1};
	struct diag_list diags;
	diag_list_init(&diags);
	watch->w = pdf_writer_new(o.page_width, o.page_height, &info, NULL);
	watch->alone = true;
	struct layout_sink sink = {.begin = watch_begin, .page = watch_page, .ctx = watch};
	int pages = 0;
	double body = 0;
	assert_int_equal(layout_stream(d->rdoc, d->src, &o, max_pages, 6.5, &sink, &diags, &pages,
				       &body, NULL), 0);
	assert_int_equal(pages, watch->pages);
	const char *why = NULL;
	assert_int_equal(pdf_writer_finish(watch->w, streamed, streamed_len, &why), 0);
	pdf_writer_free(watch->w);
	watch->w = NULL;
	struct layout *layout = NULL;
	/* Without a limit, streaming still settles the pages (a nearly empty last page, one
	 * under 70 % full) as fitting with room to spare does. */
	assert_int_equal(layout_fit(d->rdoc, d->src, &o, max_pages > 0 ? max_pages : 999, 6.5,
				    &diags, &layout), 0);
	assert_int_equal(layout->n_pages, pages);
	assert_true(fabs(layout->body_size - body) < 1e-9);
	assert_int_equal(pdf_render(layout, o.page_width, o.page_height, &info, NULL, held,
				    held_len, &why), 0);
	layout_free(layout);
	diag_list_clear(&diags);
}

static void streamed_pdf_is_the_held_one(void **state)
{
	(void)state;
	static const struct {
		const char *path, *paper;
		int max_pages;
	} cases[] = {
		{"xml/appeal-free-them.xml", "a4", 2},
		{"xml/appeal-free-them.xml", "a5", 0},
		{"xml/letter-to-rapporteur.xml", "a4", 0},
		{"tests/pdf/three-pages.xml", "a5", 0},
		{"tests/bench/leaflet.xml", "a6", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc d = open_doc(cases[i].path);
		char *a = NULL, *b = NULL;
		size_t na = 0, nb = 0;
		struct watch watch = {0};
		both_ways(&d, cases[i].paper, cases[i].max_pages, &a, &na, &b, &nb, &watch);
		print_message("%s on %s: %d pages, %zu bytes\n", cases[i].path, cases[i].paper,
			      watch.pages, na);
		assert_true(watch.alone);
		assert_int_equal(watch.begun, 1);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		free(a);
		free(b);
		close_doc(&d);
	}
}

/* A document of many pages: every page reaches the sink once, in order, holding only its
 * own items (the pages before it were released), and the last footer says "N / N". */
static void pages_are_released_one_by_one(void **state)
{
	(void)state;
	struct doc d = open_doc("tests/bench/leaflet.xml");
	struct layout_options o = options_for(&d, "a6");
	struct diag_list diags;
	diag_list_init(&diags);
	struct watch watch = {.alone = true};
	struct layout_sink sink = {.begin = watch_begin, .page = watch_page, .ctx = &watch};
	int pages = 0;
	double body = 0;
	assert_int_equal(layout_stream(d.rdoc, d.src, &o, 0, 6.5, &sink, &diags, &pages, &body, NULL), 0);
	assert_true(pages >= 4);
	assert_int_equal(watch.pages, pages);
	assert_int_equal(watch.last, pages);
	assert_true(watch.alone);
	char last[64];
	snprintf(last, sizeof last, "%d / %d", pages, pages);
	assert_string_equal(watch.footer, last);
	diag_list_clear(&diags);
	close_doc(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(streamed_pdf_is_the_held_one),
		cmocka_unit_test(pages_are_released_one_by_one),
	};
	return cmocka_run_group_tests(tests, support_setup_fonts, support_teardown_fonts);
}
