/* libFuzzer entry point for the renderer, with the link invariant of issue 10: any bytes as
 * a document; a valid one is resolved, laid out on a small page and drawn as a PDF.  Then,
 * independently of what pdf.c collected, every link the model holds (each <a href>, the
 * contact url and e-mail) is encoded with uri_encode and must be an encoded URI, and the
 * finished PDF's every link annotation must be a /S /URI action to exactly one of those
 * URIs, with no other action anywhere (pdfmeta_check_links).  The same document is also
 * fitted onto one page and streamed page by page (the paragraph models of para.c measure
 * the trials), with the same link check; and every paragraph's lines are held to Pango's
 * (layout_check_models, the differential test of tests/unit/test_para.c on any input):
 * where the lines are Pango's lines, a ragged one must start and end where Pango's does
 * and a justified one fill its width.  A broken invariant aborts.  `make fuzz` builds it with clang and runs it
 * after fuzz_validate.  Inputs over FUZZ_RENDER_MAX bytes are passed over, so that one run
 * (an A6 page) stays short; `make test` replays tests/fuzz/corpus/render. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "fuzz.h"
#include "layout.h"
#include "pdf.h"
#include "pdfmeta.h"
#include "resolve.h"
#include "uri.h"

/* The longest input rendered (libFuzzer's -max_len in `make fuzz` is the same). */
#define FUZZ_RENDER_MAX 8192

struct uri_list {
	struct pdfmeta_uris uris;
	size_t cap;
};

static void add(struct uri_list *list, const char *prefix, const char *value)
{
	if (list->uris.n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->uris.items = realloc(list->uris.items, list->cap * sizeof *list->uris.items);
		if (!list->uris.items)
			abort();
	}
	char *joined = NULL;
	if (asprintf(&joined, "%s%s", prefix, value) < 0)
		abort();
	char *encoded = strcmp(prefix, "mailto:") == 0 ? uri_mailto(value) : uri_encode(joined);
	free(joined);
	if (!encoded || !uri_is_encoded(encoded) || strpbrk(encoded, "()\\<> \"")) {
		fprintf(stderr, "link invariant: \"%s\" encodes as \"%s\"\n", value,
			encoded ? encoded : "(null)");
		abort();
	}
	list->uris.items[list->uris.n++] = encoded;
}

static void add_runs(struct uri_list *list, const struct model_inline *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (runs[i].kind == INLINE_LINK && runs[i].href)
			add(list, "", runs[i].href);
		add_runs(list, runs[i].children, runs[i].n_children);
	}
}

static void collect(const struct model_doc *doc, struct uri_list *list)
{
	if (doc->contact_url)
		add(list, "", doc->contact_url);
	if (doc->contact_email)
		add(list, "mailto:", doc->contact_email);
	for (size_t u = 0; u < doc->n_units; u++)
		for (size_t t = 0; t < doc->units[u].n_texts; t++)
			add_runs(list, doc->units[u].texts[t].runs, doc->units[u].texts[t].n_runs);
}

static int sink_begin(void *ctx)
{
	return pdf_writer_restart(ctx);
}

static int sink_page(void *ctx, const struct layout *layout, int page)
{
	return pdf_writer_page(ctx, layout, page);
}

/* Fitted onto one page, streamed: the models measure; the link check holds again. */
static void stream(const struct resolved_doc *rdoc, const struct source *src,
		   const struct layout_options *options, const struct uri_list *list)
{
	struct pdf_info info = {.title = "fuzz", .lang = rdoc->doc->langs[0]};
	struct pdf_writer *w = pdf_writer_new(options->page_width, options->page_height, &info, NULL);
	if (!w)
		return;
	struct layout_sink sink = {.begin = sink_begin, .page = sink_page, .ctx = w};
	struct diag_list diags;
	diag_list_init(&diags);
	int pages = 0;
	double body = 0;
	char *bytes = NULL;
	size_t len = 0;
	const char *why = NULL;
	if (layout_stream(rdoc, src, options, 1, 6.5, &sink, &diags, &pages, &body, NULL) == 0 &&
	    pdf_writer_finish(w, &bytes, &len, &why) == 0 &&
	    pdfmeta_check_links(bytes, len, &list->uris, &why) != 0) {
		fprintf(stderr, "link invariant (streamed): %s\n", why);
		abort();
	}
	free(bytes);
	pdf_writer_free(w);
	diag_list_clear(&diags);
}

/* Every paragraph's model breaks into Pango's lines. */
static void models_agree(const struct resolved_doc *rdoc, const struct source *src,
			 const struct layout_options *options)
{
	struct layout_model_check check = {.first_fit = true};
	struct diag_list diags;
	diag_list_init(&diags);
	if (layout_check_models(rdoc, src, options, &diags, &check) == 0 &&
	    (check.unfilled || check.worst_x > 0.5)) {
		fprintf(stderr, "lines unlike Pango's: %zu justified lines short, ragged lines off by "
			"%.2f pt\n", check.unfilled, check.worst_x);
		abort();
	}
	layout_model_check_clear(&check);
	diag_list_clear(&diags);
}

static void render(const struct resolved_doc *rdoc, const struct source *src,
		   const struct uri_list *list)
{
	struct layout_options options = {.kind = LAYOUT_PARALLEL, .type_scale = 1.0,
					 .allow_missing = true, .qr = rdoc->doc->contact_url};
	layout_paper_size("a6", &options.page_width, &options.page_height);
	struct diag_list diags;
	diag_list_init(&diags);
	struct layout *layout = NULL;
	if (layout_document(rdoc, src, &options, &diags, &layout) == 0) {
		struct pdf_info info = {.title = "fuzz", .lang = rdoc->doc->langs[0]};
		char *bytes = NULL;
		size_t len = 0;
		const char *why = NULL;
		if (pdf_render(layout, options.page_width, options.page_height, &info, NULL, &bytes,
			       &len, &why) == 0 &&
		    pdfmeta_check_links(bytes, len, &list->uris, &why) != 0) {
			fprintf(stderr, "link invariant: %s\n", why);
			abort();
		}
		free(bytes);
	}
	layout_free(layout);
	diag_list_clear(&diags);
	stream(rdoc, src, &options, list);
	models_agree(rdoc, src, &options);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool registered;
	if (size > FUZZ_RENDER_MAX || !fuzz_ready())
		return 0;
	/* The font map lives for the whole run; freed at exit, before LeakSanitizer looks
	 * (the replay in the sanitize build counts what is left as leaks). */
	if (!registered)
		registered = atexit(fonts_cleanup) == 0;
	struct diag_list diags;
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	if (pipeline_check_memory("fuzz.xml", (const char *)data, size, &diags, &src, &doc) ==
		    PIPELINE_OK &&
	    doc->n_langs > 0) {
		struct uri_list list = {0};
		collect(doc, &list);
		struct resolve_options options = {.hyphenate = false};
		struct resolved_doc *rdoc = NULL;
		if (resolve_document(doc, &options, &rdoc) == 0)
			render(rdoc, src, &list);
		resolved_doc_free(rdoc);
		for (size_t i = 0; i < list.uris.n; i++)
			free(list.uris.items[i]);
		free(list.uris.items);
	}
	model_doc_free(doc);
	source_free(src);
	diag_list_clear(&diags);
	return 0;
}
