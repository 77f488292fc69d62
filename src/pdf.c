/* pdf.c — cairo drawing of the display list; see pdf.h. */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include <cairo-pdf.h>
#include <qrencode.h>
#include <pango/pangocairo.h>

#include "grow.h"
#include "pdfmeta.h"
#include "uri.h"

/* Tagging: what the drawing tells the structure tree (pdfmeta.h).  NULL: untagged (an
 * imposed sheet is for the print shop). */
struct tagging {
	struct pdfmeta_tags *tags;
	double slug, media_height; /* for a figure's box in PDF units */
	bool failed;            /* out of memory */
};

/* Begins a structure element of ROLE (NULL: an artifact) for cairo, and says what it is. */
static void tag_begin(cairo_t *cr, struct tagging *t, const char *role, const char *lang,
		      uintptr_t key, const char *alt, const double *bbox)
{
	if (!t)
		return;
	if (pdfmeta_tags_add(t->tags, role, lang, key, alt, bbox) != 0)
		t->failed = true;
	/* cairo 1.16's own "Artifact" tag writes a broken file: a Div, made an artifact in
	 * pdftags.c */
	cairo_tag_begin(cr, role ? role : "Div", "");
}

static void tag_end(cairo_t *cr, struct tagging *t, const char *role)
{
	if (t)
		cairo_tag_end(cr, role ? role : "Div");
}

/* What says that two pieces of text are one paragraph: its lines' serial. */
static uintptr_t item_key(const struct layout_item *item)
{
	return item->set ? (uintptr_t)para_set_serial(item->set) : 0;
}

/* What a paragraph of ITEM's style is in the structure tree; NULL: an artifact (repeated on
 * every page, or there for the eye: page numbers, footers, language labels, list
 * markers). */
static const char *struct_role(const struct layout_item *item)
{
	static const char *const roles[][2] = {
		{"title", "H1"}, {"heading", "H2"}, {"subject", "H2"}, {"item", "LI"},
		{"demand", "LI"}, {"quote", "BlockQuote"}, {"footer", NULL}, {"label", NULL},
		{"marker", NULL},
	};
	for (size_t i = 0; item->role && i < sizeof roles / sizeof *roles; i++)
		if (strcmp(item->role, roles[i][0]) == 0)
			return roles[i][1];
	return "P";
}

struct sink {
	char *data;
	size_t len, cap;
	int failed;
};

static cairo_status_t write_sink(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *sink = closure;
	if (!GROW(sink->data, sink->cap, sink->len + length)) {
		sink->failed = 1;
		return CAIRO_STATUS_NO_MEMORY;
	}
	memcpy(sink->data + sink->len, data, length);
	sink->len += length;
	return CAIRO_STATUS_SUCCESS;
}

/* A value for a cairo tag attribute: single-quoted, with ' and \ escaped.  cairo then
 * writes it into the PDF as a string, escaping what PDF needs ( ( ) \ ). */
static char *quoted(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p; p++)
		n += (*p == '\'' || *p == '\\') ? 2 : 1;
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	char *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\'' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/* A link annotation over the given rectangles (x y w h each, in points), a Link in the
 * structure tree with ITEM's paragraph. */
static void add_link(cairo_t *cr, struct tagging *t, const struct layout_item *item,
		     const char *href, const double *rects, int n_rects)
{
	char *encoded = uri_encode(href);
	char *uri = encoded ? quoted(encoded) : NULL;
	free(encoded);
	size_t cap = 64 + strlen(uri ? uri : "") + (size_t)n_rects * 4 * 16;
	char *attrs = malloc(cap);
	if (uri && attrs) {
		int used = snprintf(attrs, cap, "uri='%s' rect=[", uri);
		for (int i = 0; i < n_rects * 4 && used > 0 && (size_t)used < cap; i++)
			used += snprintf(attrs + used, cap - (size_t)used, "%s%.2f", i ? " " : "", rects[i]);
		if (used > 0 && (size_t)used + 2 < cap) {
			strcat(attrs, "]");
			if (t && pdfmeta_tags_add(t->tags, "Link", item->lang,
						  item_key(item), NULL, NULL) != 0)
				t->failed = true;
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
	}
	free(uri);
	free(attrs);
}

/* Pango units of ITEM's layout in points on the page. */
static double points(const struct layout_item *item, int units)
{
	return (double)units / PANGO_SCALE * item->scale;
}

/* The links of a paragraph's lines [first, first + n), each as one annotation. */
static void draw_links(cairo_t *cr, struct tagging *t, const struct layout_item *item)
{
	const struct resolved_text *rt = item->text;
	for (size_t s = 0; rt && s < rt->n_spans; s++) {
		const struct resolved_span *span = &rt->spans[s];
		if (span->style != STYLE_LINK || !span->href)
			continue;
		double rects[4 * 64];
		int n_rects = 0;
		for (int i = item->first_line; i < item->first_line + item->n_lines; i++) {
			int x, top, width, bottom, ranges[2 * 16];
			para_set_line_extents(item->set, i, &x, &top, &width, &bottom);
			int n = para_set_x_ranges(item->set, i, (int)span->start, (int)span->end, ranges, 16);
			for (int r = 0; r < n && n_rects < 64; r++) {
				double *rect = &rects[4 * n_rects++];
				rect[0] = item->x + points(item, ranges[2 * r]);
				rect[1] = item->y + points(item, top) - item->line_offset;
				rect[2] = points(item, ranges[2 * r + 1] - ranges[2 * r]);
				rect[3] = points(item, bottom - top);
			}
		}
		if (n_rects)
			add_link(cr, t, item, span->href, rects, n_rects);
	}
}

/* A paragraph, then its links (cairo 1.16 does not mark the text of an element that has
 * a child element: the links are the paragraph's in pdftags.c). */
static void draw_text(cairo_t *cr, struct tagging *t, const struct layout_item *item)
{
	const char *role = struct_role(item);
	tag_begin(cr, t, role, item->lang, item_key(item), NULL, NULL);
	for (int i = item->first_line; i < item->first_line + item->n_lines; i++) {
		cairo_save(cr);
		cairo_translate(cr, item->x, item->y - item->line_offset);
		cairo_scale(cr, item->scale, item->scale);
		para_set_draw_line(item->set, cr, i);
		cairo_restore(cr);
	}
	tag_end(cr, t, role);
	draw_links(cr, t, item);
	for (int k = 0; k < 2; k++)
		if (item->hrefs[k]) {
			int x, top, width, bottom;
			para_set_line_extents(item->set, 0, &x, &top, &width, &bottom);
			double rect[4] = {item->x + points(item, x) + item->href_x[k], item->y,
					  item->href_w[k], item->height};
			add_link(cr, t, item, item->hrefs[k], rect, 1);
		}
}

/* A QR code of DATA, SIZE points square including its quiet zone, as vector squares: a
 * Figure whose alternative text says where it leads. */
static void draw_qr(cairo_t *cr, struct tagging *t, const struct layout_item *item)
{
	char *uri = uri_encode(item->qr);
	QRcode *code = uri ? QRcode_encodeString(uri, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
	char *alt = NULL;
	if (code && t && asprintf(&alt, "QR code: %s", uri) < 0)
		alt = NULL;
	free(uri);
	if (!code)
		return;
	double bbox[4] = {0};
	if (t) {
		bbox[0] = t->slug + item->x;
		bbox[1] = t->media_height - t->slug - item->y - item->width;
		bbox[2] = bbox[0] + item->width;
		bbox[3] = bbox[1] + item->width;
	}
	tag_begin(cr, t, "Figure", "", 0, alt, bbox);
	free(alt);
	int quiet = 4; /* modules of white around it, as the standard asks */
	double module = item->width / (code->width + 2 * quiet);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, item->x, item->y, item->width, item->width);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int y = 0; y < code->width; y++)
		for (int x = 0; x < code->width; x++)
			if (code->data[y * code->width + x] & 1)
				cairo_rectangle(cr, item->x + (x + quiet) * module,
						item->y + (y + quiet) * module, module, module);
	cairo_fill(cr);
	tag_end(cr, t, "Figure");
	QRcode_free(code);
}

static int add_uri(struct pdfmeta_uris *uris, size_t *cap, const char *href)
{
	if (!GROW(uris->items, *cap, uris->n + 1))
		return -1;
	if (!(uris->items[uris->n] = uri_encode(href)))
		return -1;
	uris->n++;
	return 0;
}

/* The URIs of every link on PAGE of LAYOUT, encoded as add_link encodes them, added to
 * URIS (of *CAP): what the finished PDF's link annotations are checked against.  0, or
 * -1 when out of memory. */
static int collect_uris(const struct layout *layout, int page, struct pdfmeta_uris *uris,
			size_t *cap)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->page != page)
			continue;
		const struct resolved_text *rt = item->kind == ITEM_TEXT ? item->text : NULL;
		for (size_t s = 0; rt && s < rt->n_spans; s++)
			if (rt->spans[s].style == STYLE_LINK && rt->spans[s].href &&
			    add_uri(uris, cap, rt->spans[s].href) != 0)
				return -1;
		for (int k = 0; k < 2; k++)
			if (item->hrefs[k] && add_uri(uris, cap, item->hrefs[k]) != 0)
				return -1;
	}
	return 0;
}

static void free_uris(struct pdfmeta_uris *uris)
{
	for (size_t i = 0; i < uris->n; i++)
		free(uris->items[i]);
	free(uris->items);
}

/* A fill that touches an edge of the page runs on into the bleed. */
static void draw_fill(cairo_t *cr, struct tagging *t, const struct layout_item *item,
		      double width, double height, double bleed)
{
	double x0 = item->x, y0 = item->y, x1 = item->x + item->width, y1 = item->y + item->height;
	if (x0 <= 0.01)
		x0 -= bleed;
	if (y0 <= 0.01)
		y0 -= bleed;
	if (x1 >= width - 0.01)
		x1 += bleed;
	if (y1 >= height - 0.01)
		y1 += bleed;
	tag_begin(cr, t, NULL, "", 0, NULL, NULL);
	cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
	cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
	cairo_fill(cr);
	tag_end(cr, t, NULL);
}

static void draw_item(cairo_t *cr, struct tagging *t, const struct layout_item *item)
{
	switch (item->kind) {
	case ITEM_RULE:
		tag_begin(cr, t, NULL, "", 0, NULL, NULL);
		cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, item->x, item->y);
		cairo_line_to(cr, item->x2, item->y2);
		cairo_stroke(cr);
		tag_end(cr, t, NULL);
		break;
	case ITEM_TEXT:
		cairo_set_source_rgb(cr, 0, 0, 0); /* pure black: one ink (see pdfmeta.c) */
		draw_text(cr, t, item);
		break;
	case ITEM_QR:
		draw_qr(cr, t, item);
		break;
	case ITEM_FILL:
		break; /* drawn first, under everything */
	}
}

/* Page PAGE of the leaflet, its top left at the current origin. */
static void draw_page(cairo_t *cr, struct tagging *t, const struct layout *layout, int page,
		      double width, double height, double bleed)
{
	for (size_t i = 0; i < layout->n_items; i++)
		if (layout->items[i].page == page && layout->items[i].kind == ITEM_FILL)
			draw_fill(cr, t, &layout->items[i], width, height, bleed);
	for (size_t i = 0; i < layout->n_items; i++)
		if (layout->items[i].page == page)
			draw_item(cr, t, &layout->items[i]);
}

/* Crop marks at the corners of the trim W × H at (X, Y), outside it and clear of the
 * bleed, in registration black, hairline. */
static void draw_crop_marks(cairo_t *cr, double x, double y, double w, double h, double bleed)
{
	double gap = bleed + 3, len = 14;
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.3);
	double xs[2] = {x, x + w}, ys[2] = {y, y + h};
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++) {
			double sx = i ? 1 : -1, sy = j ? 1 : -1;
			cairo_move_to(cr, xs[i] + sx * gap, ys[j]);
			cairo_line_to(cr, xs[i] + sx * (gap + len), ys[j]);
			cairo_move_to(cr, xs[i], ys[j] + sy * gap);
			cairo_line_to(cr, xs[i], ys[j] + sy * (gap + len));
		}
	cairo_stroke(cr);
}

/* Cut marks for pages butted on a sheet: short lines at the sheet's edges where each cut
 * runs, in the pages' blank margins. */
static void draw_cut_marks(cairo_t *cr, double sheet_w, double sheet_h, double x0, double y0,
			   int cols, int rows, double w, double h)
{
	double len = 12;
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.3);
	for (int c = 0; c <= cols; c++) {
		double x = x0 + c * w;
		cairo_move_to(cr, x, 0);
		cairo_line_to(cr, x, fmin(len, y0 + len));
		cairo_move_to(cr, x, sheet_h);
		cairo_line_to(cr, x, sheet_h - fmin(len, sheet_h - (y0 + rows * h) + len));
	}
	for (int r = 0; r <= rows; r++) {
		double y = y0 + r * h;
		cairo_move_to(cr, 0, y);
		cairo_line_to(cr, fmin(len, x0 + len), y);
		cairo_move_to(cr, sheet_w, y);
		cairo_line_to(cr, sheet_w - fmin(len, sheet_w - (x0 + cols * w) + len), y);
	}
	cairo_stroke(cr);
}

static void set_metadata(cairo_surface_t *surface, const struct pdf_info *info)
{
	char date[32];
	struct tm tm;
	gmtime_r(&info->date, &tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "broadside " BROADSIDE_VERSION);
	if (info->title)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info->title);
	if (info->author)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
	if (info->subject)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
	if (info->keywords)
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
}

/* The outline entries of leaflet page PAGE, which is drawn on output page ON. */
static void add_bookmarks(cairo_surface_t *surface, const struct layout *layout, int page, int on)
{
	static int parent = CAIRO_PDF_OUTLINE_ROOT;
	if (page == 1)
		parent = CAIRO_PDF_OUTLINE_ROOT;
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->page != page || !item->bookmark)
			continue;
		char link[96];
		snprintf(link, sizeof link, "page=%d pos=[%.2f %.2f]", on, item->x, item->y);
		int id = cairo_pdf_surface_add_outline(surface,
						       item->bookmark_level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
						       item->bookmark, link, 0);
		if (item->bookmark_level <= 1)
			parent = id;
	}
}

/* The sheets of an imposed run: N leaflet pages (or N copies of one) per sheet. */
static void draw_sheets(cairo_t *cr, cairo_surface_t *surface, const struct layout *layout,
			double w, double h, const struct pdf_press *press)
{
	int cols = (int)(press->sheet_width / w + 0.01), rows = (int)(press->sheet_height / h + 0.01);
	double x0 = (press->sheet_width - cols * w) / 2, y0 = (press->sheet_height - rows * h) / 2;
	int per_sheet = cols * rows;
	int sheets = press->duplicate ? layout->n_pages : (layout->n_pages + per_sheet - 1) / per_sheet;
	for (int s = 0; s < sheets; s++) {
		for (int k = 0; k < per_sheet; k++) {
			int page = press->duplicate ? s + 1 : s * per_sheet + k + 1;
			if (page > layout->n_pages)
				break;
			cairo_save(cr);
			cairo_translate(cr, x0 + (k % cols) * w, y0 + (k / cols) * h);
			if (k == 0 || !press->duplicate)
				add_bookmarks(surface, layout, page, s + 1);
			draw_page(cr, NULL, layout, page, w, h, 0);
			cairo_restore(cr);
		}
		draw_cut_marks(cr, press->sheet_width, press->sheet_height, x0, y0, cols, rows, w, h);
		cairo_show_page(cr);
	}
}

struct pdf_writer {
	double width, height;   /* the trim */
	struct pdf_info info;
	struct pdf_press press;
	double bleed, slug;     /* the slug: room outside the trim for the bleed and marks */
	struct sink sink;
	cairo_surface_t *surface;
	cairo_t *cr;
	struct pdfmeta_uris uris;
	size_t uris_cap;
	struct pdfmeta_tags tags; /* plain pages: what each structure element is */
	bool failed;            /* out of memory */
};

/* Starts the cairo surface of W. */
static int writer_start(struct pdf_writer *w)
{
	bool imposed = w->press.nup > 1;
	double media_w = imposed ? w->press.sheet_width : w->width + 2 * w->slug;
	double media_h = imposed ? w->press.sheet_height : w->height + 2 * w->slug;
	w->surface = cairo_pdf_surface_create_for_stream(write_sink, &w->sink, media_w, media_h);
	cairo_pdf_surface_restrict_to_version(w->surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(w->surface, &w->info);
	w->cr = cairo_create(w->surface);
	return cairo_status(w->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Drops what W has drawn. */
static void writer_stop(struct pdf_writer *w)
{
	if (w->cr)
		cairo_destroy(w->cr);
	if (w->surface)
		cairo_surface_destroy(w->surface);
	w->cr = NULL;
	w->surface = NULL;
	free(w->sink.data);
	memset(&w->sink, 0, sizeof w->sink);
	free_uris(&w->uris);
	memset(&w->uris, 0, sizeof w->uris);
	w->uris_cap = 0;
	pdfmeta_tags_clear(&w->tags);
}

struct pdf_writer *pdf_writer_new(double width, double height, const struct pdf_info *info,
				  const struct pdf_press *press)
{
	struct pdf_writer *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->width = width;
	w->height = height;
	w->info = *info;
	w->press = press ? *press : (struct pdf_press){.nup = 1};
	w->tags.lang = w->info.lang;
	bool imposed = w->press.nup > 1;
	w->bleed = imposed ? 0 : w->press.bleed;
	w->slug = imposed ? 0 : w->press.marks ? w->bleed + 3 + 14 + 3 : w->bleed;
	if (writer_start(w) != 0) {
		pdf_writer_free(w);
		return NULL;
	}
	return w;
}

int pdf_writer_restart(struct pdf_writer *w)
{
	writer_stop(w);
	return writer_start(w);
}

int pdf_writer_page(struct pdf_writer *w, const struct layout *layout, int page)
{
	if (collect_uris(layout, page, &w->uris, &w->uris_cap) != 0) {
		w->failed = true;
		return -1;
	}
	add_bookmarks(w->surface, layout, page, page);
	struct tagging t = {.tags = &w->tags, .slug = w->slug,
			    .media_height = w->height + 2 * w->slug};
	cairo_save(w->cr);
	cairo_translate(w->cr, w->slug, w->slug);
	draw_page(w->cr, &t, layout, page, w->width, w->height, w->bleed);
	cairo_restore(w->cr);
	if (t.failed) {
		w->failed = true;
		return -1;
	}
	if (w->press.marks)
		draw_crop_marks(w->cr, w->slug, w->slug, w->width, w->height, w->bleed);
	cairo_show_page(w->cr);
	return 0;
}

int pdf_writer_finish(struct pdf_writer *w, char **bytes, size_t *len, const char **why)
{
	*bytes = NULL;
	*len = 0;
	cairo_destroy(w->cr);
	w->cr = NULL;
	cairo_surface_finish(w->surface);
	cairo_status_t status = cairo_surface_status(w->surface);
	cairo_surface_destroy(w->surface);
	w->surface = NULL;
	if (status != CAIRO_STATUS_SUCCESS || w->sink.failed || w->failed) {
		*why = w->sink.failed || w->failed ? "out of memory" : cairo_status_to_string(status);
		return -1;
	}
	/* What cairo cannot say: the document's language and reading direction, the page
	 * boxes, a reproducible /ID. */
	double s = w->slug, b = w->bleed;
	struct pdfmeta_boxes boxes = {
		.trim = {s, s, s + w->width, s + w->height},
		.bleed = {s - b, s - b, s + w->width + b, s + w->height + b},
		.has_bleed = b > 0,
	};
	if (w->press.nup > 1) {
		boxes.trim[0] = boxes.trim[1] = 0;
		boxes.trim[2] = w->press.sheet_width;
		boxes.trim[3] = w->press.sheet_height;
	}
	int rc = pdfmeta_finish(w->sink.data, w->sink.len, w->info.lang, w->info.rtl, &boxes,
				&w->uris, &w->tags, bytes, len, why);
	/* The PDF cairo wrote is not needed any more: qpdf's copy is the one to keep. */
	free(w->sink.data);
	memset(&w->sink, 0, sizeof w->sink);
	return rc;
}

void pdf_writer_free(struct pdf_writer *w)
{
	if (!w)
		return;
	writer_stop(w);
	free(w);
}

int pdf_render(const struct layout *layout, double width, double height,
	       const struct pdf_info *info, const struct pdf_press *press, char **bytes,
	       size_t *len, const char **why)
{
	*bytes = NULL;
	*len = 0;
	struct pdf_writer *w = pdf_writer_new(width, height, info, press);
	if (!w) {
		*why = "out of memory";
		return -1;
	}
	int rc = 0;
	if (w->press.nup > 1) {
		for (int page = 1; page <= layout->n_pages && rc == 0; page++)
			rc = collect_uris(layout, page, &w->uris, &w->uris_cap);
		draw_sheets(w->cr, w->surface, layout, width, height, &w->press);
	} else {
		for (int page = 1; page <= layout->n_pages && rc == 0; page++)
			rc = pdf_writer_page(w, layout, page);
	}
	if (rc != 0)
		w->failed = true;
	rc = pdf_writer_finish(w, bytes, len, why);
	pdf_writer_free(w);
	return rc;
}
