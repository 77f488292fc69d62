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

/* Parallel columns narrower than this many characters of the body (half an em each) break
 * a German compound or a headline between letters and justify nothing well: three
 * languages side by side on A5 (about 21) are refused with what to do instead. */
#define MIN_COLUMN_CHARS 22

static bool columns_too_narrow(struct engine *e, size_t n_langs, struct diag_list *diags)
{
	if (e->opt->kind != LAYOUT_PARALLEL || n_langs < 2)
		return false;
	double scale = e->opt->type_scale > 0 ? e->opt->type_scale : 1;
	double body = e->body / scale; /* as at full size: fitting only makes more room */
	double gutter = body * 1.6;
	double w = (e->width - gutter * (double)(n_langs - 1)) / (double)n_langs;
	double chars = w / (0.5 * body);
	if (chars >= MIN_COLUMN_CHARS)
		return false;
	diag_at(diags, e->src, e->rdoc->doc->langs_offset, DIAG_ERROR, "layout-columns",
		"%zu languages side by side on this paper leave columns of about %.0f characters, "
		"too narrow to read; use --layout stacked, --orientation landscape or a larger paper",
		n_langs, floor(chars));
	return true;
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
	e.out->least_fill = 1;
	e.ctx[0] = new_context(map, PANGO_DIRECTION_LTR);
	e.ctx[1] = new_context(map, PANGO_DIRECTION_RTL);
	double area = options->page_width * options->page_height;
	/* Body sizes read at arm's length: never below 10 pt by default (Latin; Arabic script
	 * is set larger, see layout_para.c), larger on larger paper; fitting to pages may
	 * shrink them, down to --min-size. */
	bool letter = rdoc->doc->root == MODEL_LETTER;
	double base = options->kind == LAYOUT_STACKED ? 11 : options->kind == LAYOUT_SINGLE ? 11.5
		      : n_langs <= 1 ? 11.5 : n_langs == 2 ? 10.5 : 10;
	e.body = fmax(10, base * pow(area / A4_AREA, 0.3)) *
		 (options->type_scale > 0 ? options->type_scale : 1);
	e.out->body_size = e.body;
	e.margin = fmin(options->page_width, options->page_height) * 0.075;
	e.left = e.margin;
	e.width = options->page_width - 2 * e.margin;
	/* A line a reader follows without losing it: about 70 characters.  A wider single
	 * column gets wider margins (a letter, the stacked layout); a leaflet in one
	 * language sets its body in two columns instead (layout_blocks.c). */
	double measure = MEASURE_CHARS * 0.5 * e.body;
	if (options->kind != LAYOUT_PARALLEL && (letter || options->kind == LAYOUT_STACKED) &&
	    e.width > measure) {
		e.left += (e.width - measure) / 2;
		e.width = measure;
	}
	e.top = e.margin;
	e.bottom = options->page_height - e.margin * 1.35;
	if (columns_too_narrow(&e, n_langs, diags)) {
		layout_free(e.out);
		g_object_unref(e.ctx[0]);
		g_object_unref(e.ctx[1]);
		return -1;
	}
	e.page = 1;
	e.y = e.frame_top = e.top;
	e.n_frames = 1;
	e.frame_w = e.width;
	e.out->text_top = e.top;
	e.out->text_bottom = e.bottom;
	layout_set_columns(&e);
	layout_emit_head(&e);
	layout_emit_body(&e);
	if (!e.failed && options->qr)
		layout_emit_qr(&e, options->qr);
	layout_flush(&e);
	free(e.queue);
	e.out->last_fill = layout_page_fill(&e);
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
		    struct diag_list *diags, double *body, double *fill, double *least)
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
	if (layout && fill)
		*fill = layout->last_fill;
	if (layout && least)
		*least = layout->least_fill;
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

/* RDOC needs NEEDED pages at MIN_BODY (FULL at full size), more than MAX_PAGES: the
 * refusal says what would fit instead. */
static void does_not_fit(const struct resolved_doc *rdoc, const struct source *src,
			 const struct layout_options *options, int max_pages, double min_body,
			 GHashTable *models, struct diag_list *diags, int needed, int full)
{
	char stacked[96] = "";
	if (options->kind == LAYOUT_PARALLEL && rdoc->doc->n_langs > 1) {
		struct layout_options other = *options;
		other.kind = LAYOUT_STACKED;
		double natural;
		int at_full = pages_at(rdoc, src, &other, 1.0, models, NULL, &natural, NULL, NULL);
		int at_min = at_full > max_pages && natural > min_body
			     ? pages_at(rdoc, src, &other, min_body / natural, models, NULL, NULL, NULL, NULL)
			     : at_full;
		if (at_min > 0 && at_min <= max_pages)
			snprintf(stacked, sizeof stacked, ", or --layout stacked (it fits on %d)", at_min);
	}
	diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fit",
		"does not fit on %d page%s: at the smallest body size, %.1f pt, it needs %d (at full "
		"size, %d); give --pages %d%s, or a larger paper", max_pages, max_pages == 1 ? "" : "s",
		min_body, needed, full, needed, stacked);
}

/* A last page a fifth full or less wastes a sheet and looks unfinished.  When type made
 * at most SPARE_SHRINK smaller (never below MIN_BODY), with the space between paragraphs
 * as it is or else tightened, saves that page, it is made so: *SCALE, *PAGES and
 * OPTIONS->space_scale change (the caller reports the size, with the natural one). */
#define SPARE_FILL 0.2
#define SPARE_SHRINK 0.92

static bool spare_last_page(const struct resolved_doc *rdoc, const struct source *src,
			    struct layout_options *options, double min_body, GHashTable *models,
			    double natural, double *scale, int *pages)
{
	static const double spacing[] = {1, 0.75, 0.5};
	double fill = 1;
	if (*pages < 2 || pages_at(rdoc, src, options, *scale, models, NULL, NULL, &fill, NULL) < 0 ||
	    fill >= SPARE_FILL)
		return false;
	double lo = fmax(*scale * SPARE_SHRINK, min_body / natural), hi = *scale;
	int target = *pages - 1, got = -1;
	struct layout_options trial = *options;
	for (size_t s = 0; s < sizeof spacing / sizeof *spacing && (got < 0 || got > target); s++) {
		trial.space_scale = spacing[s];
		got = lo < hi ? pages_at(rdoc, src, &trial, lo, models, NULL, NULL, NULL, NULL) : -1;
	}
	if (got < 0 || got > target)
		return false;
	while ((hi - lo) * natural > 0.01) {
		double mid = (lo + hi) / 2;
		int n = pages_at(rdoc, src, &trial, mid, models, NULL, NULL, NULL, NULL);
		if (n >= 0 && n <= target) {
			lo = mid;
			got = n;
		} else {
			hi = mid;
		}
	}
	options->space_scale = trial.space_scale;
	*scale = lo;
	*pages = got;
	return true;
}

/* A page but the last under 70 % full (a block kept with what follows went over
 * whole, the QR code with the lines before it) looks unfinished too: when type a few
 * hundredths smaller (at most SPARE_SHRINK, never below MIN_BODY) lays the document out
 * on no more pages with every page at least EVEN_FILL full and the last not nearly
 * empty, it is made so. */
#define EVEN_FILL 0.7

static bool even_pages(const struct resolved_doc *rdoc, const struct source *src,
		       const struct layout_options *options, double min_body, GHashTable *models,
		       double natural, double *scale, int *pages)
{
	double fill = 1, least = 1;
	if (*pages < 2 ||
	    pages_at(rdoc, src, options, *scale, models, NULL, NULL, &fill, &least) < 0 ||
	    least >= EVEN_FILL)
		return false;
	for (double s = *scale * 0.99; s >= *scale * SPARE_SHRINK - 1e-9; s -= *scale * 0.01) {
		if (s * natural < min_body)
			break;
		int n = pages_at(rdoc, src, options, s, models, NULL, NULL, &fill, &least);
		if (n > 0 && n <= *pages && least >= EVEN_FILL && fill >= SPARE_FILL) {
			*scale = s;
			*pages = n;
			return true;
		}
	}
	return false;
}

/* The last touches of fitting (see spare_last_page, even_pages): what was done, in words
 * for the report, or NULL. */
static const char *settle(const struct resolved_doc *rdoc, const struct source *src,
			  struct layout_options *options, double min_body, GHashTable *models,
			  double natural, double *scale, int *pages)
{
	if (spare_last_page(rdoc, src, options, min_body, models, natural, scale, pages))
		return "so that the last page is not nearly empty";
	if (even_pages(rdoc, src, options, min_body, models, natural, scale, pages))
		return "so that no page but the last is under 70% full";
	return NULL;
}

/* The largest scale at which RDOC fits on MAX_PAGES pages (not below a body of MIN_BODY),
 * measured with the paragraph models in MODELS: into *SCALE, with the pages it takes in
 * *PAGES and the body size at scale 1 in *NATURAL.  -1 with errors in DIAGS. */
static int fit_scale(const struct resolved_doc *rdoc, const struct source *src,
		     struct layout_options *options, int max_pages, double min_body,
		     GHashTable *models, struct diag_list *diags, double *scale, int *pages,
		     double *natural, const char **why)
{
	*scale = 1;
	/* At full size, with every error reported (a missing translation or glyph). */
	int full_pages = pages_at(rdoc, src, options, 1.0, models, diags, natural, NULL, NULL);
	*pages = full_pages;
	if (full_pages < 0)
		return -1;
	if (full_pages <= max_pages) {
		*why = settle(rdoc, src, options, min_body, models, *natural, scale, pages);
		return 0;
	}
	double lo = min_body / *natural; /* the smallest scale allowed */
	int at_lo = lo < 1 ? pages_at(rdoc, src, options, lo, models, NULL, NULL, NULL, NULL) : -1;
	if (at_lo < 0 || at_lo > max_pages) {
		does_not_fit(rdoc, src, options, max_pages, min_body, models, diags,
			     at_lo < 0 ? full_pages : at_lo, full_pages);
		return -1;
	}
	/* Bisection: lo always fits, hi never does; stop at a hundredth of a point. */
	double hi = 1.0;
	*pages = at_lo;
	while ((hi - lo) * *natural > 0.01) {
		double mid = (lo + hi) / 2;
		int n = pages_at(rdoc, src, options, mid, models, NULL, NULL, NULL, NULL);
		if (n >= 0 && n <= max_pages) {
			lo = mid;
			*pages = n;
		} else {
			hi = mid;
		}
	}
	*scale = lo;
	*why = settle(rdoc, src, options, min_body, models, *natural, scale, pages);
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
	struct layout_options fitted = *options;
	options = &fitted; /* fitting may tighten the spacing */
	const char *why = NULL;
	int pages, rc = fit_scale(rdoc, src, &fitted, max_pages, min_body, models, diags, &scale,
				  &pages, &natural, &why);
	g_hash_table_destroy(models);
	if (rc != 0)
		return -1;
	rc = -1;
	for (int step = 0; step < 50 && rc != 0 && (step == 0 || scale * natural >= min_body); step++) {
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
		  double *body_size, struct layout_fit_report *report)
{
	GHashTable *models = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_model);
	double scale = 1, natural = 0;
	int pages, rc;
	struct layout_options fitted = *options;
	options = &fitted; /* fitting may tighten the spacing */
	const char *why = NULL;
	if (max_pages > 0) {
		rc = fit_scale(rdoc, src, &fitted, max_pages, min_body, models, diags, &scale,
			       &pages, &natural, &why);
	} else {
		struct layout_options full = *options;
		full.type_scale = 1;
		struct layout *measured = NULL;
		struct run how = {.models = models, .keep = false};
		rc = run_layout(rdoc, src, &full, diags, &how, &measured);
		pages = measured ? measured->n_pages : 0;
		natural = measured ? measured->body_size : 0;
		if (measured && pages > 1 &&
		    (measured->last_fill < SPARE_FILL || measured->least_fill < EVEN_FILL))
			why = settle(rdoc, src, &fitted, min_body, models, natural, &scale, &pages);
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
			if (report) {
				report->natural_size = *body_size / scale;
				report->space_scale = fitted.space_scale > 0 ? fitted.space_scale : 1;
				report->why = why;
			}
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
