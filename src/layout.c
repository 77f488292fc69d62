/* layout.c — the leaflet laid out with Pango (layout.h): the engine's set-up, fitting
 * to pages, streaming.  The parts are named in layout_engine.h. */
#include "layout_engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A4_AREA (595.28 * 841.89)

/* ---- paper ------------------------------------------------------------------------- */

bool layout_paper_size(const char *name, double *width, double *height)
{
	static const struct {
		const char *name;
		double w, h;
	} papers[] = {
		{"a3", 841.89, 1190.55}, {"a4", 595.28, 841.89},   {"a5", 419.53, 595.28},
		{"a6", 297.64, 419.53},  {"letter", 612, 792},     {"legal", 612, 1008},
		{"tabloid", 792, 1224},
	};
	for (size_t i = 0; name && i < sizeof papers / sizeof papers[0]; i++)
		if (strcmp(name, papers[i].name) == 0) {
			*width = papers[i].w;
			*height = papers[i].h;
			return true;
		}
	return false;
}

/* ---- the document ------------------------------------------------------------------ */

void layout_free(struct layout *layout)
{
	if (!layout)
		return;
	layout_free_items(layout);
	free(layout->items);
	free(layout);
}

static PangoContext *new_context(PangoFontMap *map, PangoDirection dir)
{
	PangoContext *ctx = pango_font_map_create_context(map);
	/* Device-independent metrics: no hinting, no rounding, 72 units per inch. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_base_dir(ctx, dir);
	return ctx;
}

/* How run_layout lays out. */
struct run {
	GHashTable *models;     /* measure with paragraph models (kept here when keep) ... */
	bool keep;
	struct layout_model_check *check; /* ... or draw, comparing models (tests) ... */
	const struct layout_sink *sink;   /* ... or draw, streaming pages to a sink */
	int total_pages;        /* with sink: the page count measured beforehand */
};

/* Lays out RDOC as HOW says (NULL: to be drawn, the pages held in *OUT). */
static int run_layout(const struct resolved_doc *rdoc, const struct source *src,
		      const struct layout_options *options, struct diag_list *diags,
		      const struct run *how, struct layout **out)
{
	static const struct run draw = {0};
	if (!how)
		how = &draw;
	*out = NULL;
	const char *why = NULL;
	PangoFontMap *map = fonts_font_map(&why);
	if (!map) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fonts", "%s", why);
		return -1;
	}
	size_t n_langs = rdoc->doc->n_langs;
	if ((options->kind == LAYOUT_PARALLEL && n_langs > MAX_COLUMNS) || n_langs > MAX_LANGS) {
		diag_at(diags, src, rdoc->doc->langs_offset, DIAG_ERROR, "layout-columns",
			"the document has %zu languages; the parallel layout sets at most %d side "
			"by side (and a leaflet at most %d): use --layout stacked or --layout single",
			n_langs, MAX_COLUMNS, MAX_LANGS);
		return -1;
	}
	struct engine e = {.rdoc = rdoc, .doc = rdoc->doc, .src = src, .opt = options, .diags = diags,
			   .models = how->models, .keep = how->keep, .check = how->check,
			   .sink = how->sink, .total_pages = how->total_pages};
	e.out = calloc(1, sizeof *e.out);
	if (!e.out)
		return -1;
	e.ctx[0] = new_context(map, PANGO_DIRECTION_LTR);
	e.ctx[1] = new_context(map, PANGO_DIRECTION_RTL);
	double area = options->page_width * options->page_height;
	/* Body sizes for A4, smaller for narrower columns; scaled gently with the paper. */
	double base = options->kind == LAYOUT_STACKED ? 11.5 : options->kind == LAYOUT_SINGLE ? 12.5
		      : n_langs <= 1 ? 12.5 : n_langs == 2 ? 10.5 : 9.5;
	e.body = base * pow(area / A4_AREA, 0.3) * (options->type_scale > 0 ? options->type_scale : 1);
	e.out->body_size = e.body;
	e.margin = fmin(options->page_width, options->page_height) * 0.075;
	e.left = e.margin;
	e.width = options->page_width - 2 * e.margin;
	e.top = e.margin;
	e.bottom = options->page_height - e.margin * 1.35;
	e.page = 1;
	e.y = e.top;
	e.out->text_top = e.top;
	e.out->text_bottom = e.bottom;
	layout_set_columns(&e);
	layout_emit_head(&e);
	layout_emit_body(&e);
	if (!e.failed && options->qr)
		layout_emit_qr(&e, options->qr);
	if (!e.failed && e.sink)
		layout_finish_page(&e);
	else if (!e.failed)
		layout_emit_footers(&e);
	e.out->n_pages = e.page;
	g_object_unref(e.ctx[0]);
	g_object_unref(e.ctx[1]);
	if (e.failed || e.refused) {
		layout_free(e.out);
		return -1;
	}
	*out = e.out;
	return 0;
}

int layout_document(const struct resolved_doc *rdoc, const struct source *src,
		    const struct layout_options *options, struct diag_list *diags,
		    struct layout **out)
{
	return run_layout(rdoc, src, options, diags, NULL, out);
}

/* The pages RDOC takes at SCALE, measured with MODELS; -1 when it cannot be laid out.
 * Diagnostics go to DIAGS, or are dropped when it is NULL. */
static int pages_at(const struct resolved_doc *rdoc, const struct source *src,
		    const struct layout_options *options, double scale, GHashTable *models,
		    struct diag_list *diags, double *body)
{
	struct layout_options trial = *options;
	trial.type_scale = scale;
	struct diag_list quiet;
	diag_list_init(&quiet);
	struct layout *layout = NULL;
	struct run how = {.models = models, .keep = true};
	run_layout(rdoc, src, &trial, diags ? diags : &quiet, &how, &layout);
	diag_list_clear(&quiet);
	int pages = layout ? layout->n_pages : -1;
	if (layout && body)
		*body = layout->body_size;
	layout_free(layout);
	return pages;
}

static void free_model(gpointer model)
{
	para_model_free(model);
}

int layout_check_models(const struct resolved_doc *rdoc, const struct source *src,
			const struct layout_options *options, struct diag_list *diags,
			struct layout_model_check *check)
{
	struct layout *layout = NULL;
	struct run how = {.check = check};
	int rc = run_layout(rdoc, src, options, diags, &how, &layout);
	layout_free(layout);
	return rc;
}

void layout_model_check_clear(struct layout_model_check *check)
{
	free(check->first);
	memset(check, 0, sizeof *check);
}

/* The largest scale at which RDOC fits on MAX_PAGES pages (not below a body of MIN_BODY),
 * measured with the paragraph models in MODELS: into *SCALE, with the pages it takes in
 * *PAGES and the body size at scale 1 in *NATURAL.  -1 with errors in DIAGS. */
static int fit_scale(const struct resolved_doc *rdoc, const struct source *src,
		     const struct layout_options *options, int max_pages, double min_body,
		     GHashTable *models, struct diag_list *diags, double *scale, int *pages,
		     double *natural)
{
	*scale = 1;
	/* At full size, with every error reported (a missing translation or glyph). */
	int full_pages = pages_at(rdoc, src, options, 1.0, models, diags, natural);
	*pages = full_pages;
	if (full_pages < 0)
		return -1;
	if (full_pages <= max_pages)
		return 0;
	double lo = min_body / *natural; /* the smallest scale allowed */
	int at_lo = lo < 1 ? pages_at(rdoc, src, options, lo, models, NULL, NULL) : -1;
	if (at_lo < 0 || at_lo > max_pages) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fit",
			"does not fit on %d page%s: at the smallest body size, %.1f pt, it needs %d "
			"(at full size, %d)", max_pages, max_pages == 1 ? "" : "s", min_body,
			at_lo < 0 ? full_pages : at_lo, full_pages);
		return -1;
	}
	/* Bisection: lo always fits, hi never does; stop at a hundredth of a point. */
	double hi = 1.0;
	*pages = at_lo;
	while ((hi - lo) * *natural > 0.01) {
		double mid = (lo + hi) / 2;
		int n = pages_at(rdoc, src, options, mid, models, NULL, NULL);
		if (n >= 0 && n <= max_pages) {
			lo = mid;
			*pages = n;
		} else {
			hi = mid;
		}
	}
	*scale = lo;
	return 0;
}

static void fit_failed(const struct source *src, int max_pages, double min_body,
		       struct diag_list *diags)
{
	diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fit",
		"does not fit on %d page%s at %.1f pt or more", max_pages, max_pages == 1 ? "" : "s",
		min_body);
}

/* Fitting measures: each trial breaks every paragraph by the model made from its one
 * shaping (para.h), at the trial's width; only the size chosen is set in lines to be
 * drawn, and those are the model's lines.  The page count is checked all the same: should
 * it come out larger, the type is made a little smaller until it fits. */
int layout_fit(const struct resolved_doc *rdoc, const struct source *src,
	       const struct layout_options *options, int max_pages, double min_body,
	       struct diag_list *diags, struct layout **out)
{
	*out = NULL;
	GHashTable *models = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_model);
	double scale, natural;
	int pages, rc = fit_scale(rdoc, src, options, max_pages, min_body, models, diags, &scale,
				  &pages, &natural);
	g_hash_table_destroy(models);
	if (rc != 0)
		return -1;
	rc = -1;
	for (int step = 0; step < 50 && rc != 0 && scale * natural >= min_body; step++) {
		struct layout_options final = *options;
		final.type_scale = scale;
		struct layout *layout = NULL;
		if (run_layout(rdoc, src, &final, diags, NULL, &layout) != 0)
			return -1;
		if (layout->n_pages <= max_pages) {
			*out = layout;
			rc = 0;
		} else {
			layout_free(layout);
			scale -= 0.002; /* measured otherwise than drawn: never seen */
		}
	}
	if (rc != 0)
		fit_failed(src, max_pages, min_body, diags);
	return rc;
}

/* Streaming: the pages are measured first (with the paragraph models: fitting does that
 * anyway; otherwise it is one pass that shapes each paragraph once and keeps nothing), so
 * that every footer can say "3 / 12"; then each page is set in lines, handed to the sink
 * and released.  Should the pages come out otherwise than measured, the sink is
 * told to start over with the right count. */
int layout_stream(const struct resolved_doc *rdoc, const struct source *src,
		  const struct layout_options *options, int max_pages, double min_body,
		  const struct layout_sink *sink, struct diag_list *diags, int *n_pages,
		  double *body_size)
{
	GHashTable *models = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_model);
	double scale = 1, natural = 0;
	int pages, rc;
	if (max_pages > 0) {
		rc = fit_scale(rdoc, src, options, max_pages, min_body, models, diags, &scale,
			       &pages, &natural);
	} else {
		struct layout_options full = *options;
		full.type_scale = 1;
		struct layout *measured = NULL;
		struct run how = {.models = models, .keep = false};
		rc = run_layout(rdoc, src, &full, diags, &how, &measured);
		pages = measured ? measured->n_pages : 0;
		layout_free(measured);
	}
	g_hash_table_destroy(models);
	for (int step = 0; rc == 0 && step < 50; step++) {
		struct layout_options final = *options;
		final.type_scale = scale;
		struct run how = {.sink = sink, .total_pages = pages};
		struct layout *layout = NULL;
		if (sink->begin(sink->ctx) != 0 || run_layout(rdoc, src, &final, diags, &how, &layout) != 0)
			return -1;
		int drawn = layout->n_pages;
		*body_size = layout->body_size;
		layout_free(layout);
		if (drawn == pages && (max_pages <= 0 || drawn <= max_pages)) {
			*n_pages = drawn;
			return 0;
		}
		if (max_pages > 0 && drawn > max_pages) {
			scale -= 0.002; /* measured otherwise than drawn: never seen */
			if (scale * natural < min_body)
				break;
		} else {
			pages = drawn; /* the footers must say so: again */
		}
	}
	if (rc == 0)
		fit_failed(src, max_pages, min_body, diags);
	return -1;
}
