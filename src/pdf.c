/* pdf.c — cairo drawing of the display list; see pdf.h. */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdfmeta.h"

struct sink {
	char *data;
	size_t len, cap;
	int failed;
};

static cairo_status_t write_sink(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *sink = closure;
	if (sink->len + length > sink->cap) {
		size_t cap = sink->cap ? sink->cap * 2 : 1 << 16;
		while (cap < sink->len + length)
			cap *= 2;
		char *grown = realloc(sink->data, cap);
		if (!grown) {
			sink->failed = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		sink->data = grown;
		sink->cap = cap;
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

/* HREF as a URI: what RFC 3986 does not allow literally (spaces, quotes, backslashes,
 * anything not ASCII) percent-encoded, so that no PDF reader has to guess. */
static char *uri_of(const char *href)
{
	static const char allowed[] = "-._~:/?#[]@!$&'()*+,;=%";
	char *out = malloc(strlen(href) * 3 + 1), *o = out;
	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)href; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    (*p < 0x80 && strchr(allowed, *p)))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	}
	*o = '\0';
	return out;
}

/* A link annotation over the given rectangles (x y w h each, in points). */
static void add_link(cairo_t *cr, const char *href, const double *rects, int n_rects)
{
	char *encoded = uri_of(href);
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
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
	}
	free(uri);
	free(attrs);
}

/* The links of a paragraph's lines [first, first + n), each as one annotation. */
static void draw_links(cairo_t *cr, const struct layout_item *item)
{
	const struct resolved_text *rt = item->text;
	for (size_t s = 0; rt && s < rt->n_spans; s++) {
		const struct resolved_span *span = &rt->spans[s];
		if (span->style != STYLE_LINK || !span->href)
			continue;
		double rects[4 * 64];
		int n_rects = 0;
		PangoLayoutIter *iter = pango_layout_get_iter(item->layout);
		int i = 0;
		do {
			if (i < item->first_line || i >= item->first_line + item->n_lines)
				continue;
			PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
			int start = (int)span->start, end = (int)span->end;
			if (end <= line->start_index || start >= line->start_index + line->length)
				continue;
			PangoRectangle logical;
			pango_layout_iter_get_line_extents(iter, NULL, &logical);
			int *ranges = NULL, n_ranges = 0;
			pango_layout_line_get_x_ranges(line, start, end, &ranges, &n_ranges);
			for (int r = 0; r < n_ranges && n_rects < 64; r++) {
				double x0 = (double)ranges[2 * r] / PANGO_SCALE;
				double x1 = (double)ranges[2 * r + 1] / PANGO_SCALE;
				double *rect = &rects[4 * n_rects++];
				rect[0] = item->x + x0;
				rect[1] = item->y + (double)logical.y / PANGO_SCALE - item->line_offset;
				rect[2] = x1 - x0;
				rect[3] = (double)logical.height / PANGO_SCALE;
			}
			g_free(ranges);
		} while (++i < item->first_line + item->n_lines && pango_layout_iter_next_line(iter));
		pango_layout_iter_free(iter);
		if (n_rects)
			add_link(cr, span->href, rects, n_rects);
	}
}

static void draw_text(cairo_t *cr, const struct layout_item *item)
{
	PangoLayoutIter *iter = pango_layout_get_iter(item->layout);
	int i = 0;
	do {
		if (i < item->first_line)
			continue;
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		double baseline = (double)pango_layout_iter_get_baseline(iter) / PANGO_SCALE;
		cairo_move_to(cr, item->x + (double)logical.x / PANGO_SCALE,
			      item->y + baseline - item->line_offset);
		pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(iter));
	} while (++i < item->first_line + item->n_lines && pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	draw_links(cr, item);
	for (int k = 0; k < 2; k++)
		if (item->hrefs[k]) {
			PangoRectangle logical;
			pango_layout_get_extents(item->layout, NULL, &logical);
			double rect[4] = {item->x + (double)logical.x / PANGO_SCALE + item->href_x[k],
					  item->y, item->href_w[k], item->height};
			add_link(cr, item->hrefs[k], rect, 1);
		}
}

static void draw_item(cairo_t *cr, const struct layout_item *item)
{
	switch (item->kind) {
	case ITEM_FILL:
		cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
		cairo_rectangle(cr, item->x, item->y, item->width, item->height);
		cairo_fill(cr);
		break;
	case ITEM_RULE:
		cairo_set_source_rgb(cr, item->gray, item->gray, item->gray);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, item->x, item->y);
		cairo_line_to(cr, item->x2, item->y2);
		cairo_stroke(cr);
		break;
	case ITEM_TEXT:
		cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
		draw_text(cr, item);
		break;
	}
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

static void add_bookmarks(cairo_surface_t *surface, const struct layout *layout, int page)
{
	static int parent;
	if (page == 1)
		parent = CAIRO_PDF_OUTLINE_ROOT;
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->page != page || !item->bookmark)
			continue;
		char link[96];
		snprintf(link, sizeof link, "page=%d pos=[%.2f %.2f]", page, item->x, item->y);
		int id = cairo_pdf_surface_add_outline(surface,
						       item->bookmark_level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
						       item->bookmark, link, 0);
		if (item->bookmark_level <= 1)
			parent = id;
	}
}

int pdf_render(const struct layout *layout, double width, double height,
	       const struct pdf_info *info, char **bytes, size_t *len, const char **why)
{
	*bytes = NULL;
	*len = 0;
	struct sink sink = {0};
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(write_sink, &sink, width, height);
	cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(surface, info);
	cairo_t *cr = cairo_create(surface);
	for (int page = 1; page <= layout->n_pages; page++) {
		add_bookmarks(surface, layout, page);
		for (size_t i = 0; i < layout->n_items; i++)
			if (layout->items[i].page == page)
				draw_item(cr, &layout->items[i]);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS || sink.failed) {
		*why = sink.failed ? "out of memory" : cairo_status_to_string(status);
		free(sink.data);
		return -1;
	}
	/* What cairo cannot say: the document's language and reading direction, a
	 * reproducible /ID. */
	if (pdfmeta_finish(sink.data, sink.len, info->lang, info->rtl, bytes, len, why) != 0) {
		free(sink.data);
		return -1;
	}
	free(sink.data);
	return 0;
}
