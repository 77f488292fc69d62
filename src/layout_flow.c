/* layout_flow.c — page flow: rows placed on pages, kept together, split across pages
 * with their columns in step; the QR code; the footers; streaming a finished page. */
#include "layout_engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

static struct layout_item *add_item(struct engine *e, enum item_kind kind)
{
	struct layout *out = e->out;
	if (out->n_items == out->cap_items) {
		size_t cap = out->cap_items ? out->cap_items * 2 : 64;
		struct layout_item *items = realloc(out->items, cap * sizeof *items);
		if (!items) {
			e->failed = true;
			return NULL;
		}
		out->items = items;
		out->cap_items = cap;
	}
	struct layout_item *item = &out->items[out->n_items++];
	memset(item, 0, sizeof *item);
	item->kind = kind;
	item->page = e->page;
	return item;
}

static double row_height(const struct row *row)
{
	double h = 0;
	for (size_t c = 0; c < row->n_cells; c++)
		if (row->cells[c].para.height > h)
			h = row->cells[c].para.height;
	return h;
}

void layout_free_row(struct row *row)
{
	for (size_t c = 0; c < row->n_cells; c++) {
		layout_free_para(&row->cells[c].para);
		layout_free_para(&row->cells[c].marker);
	}
	free(row->bookmark);
	memset(row, 0, sizeof *row);
}

static void new_page(struct engine *e)
{
	if (e->sink)
		layout_finish_page(e);
	e->page++;
	e->y = e->top;
}

void layout_place_fill(struct engine *e, double x, double y, double w, double h, double gray)
{
	struct layout_item *item = add_item(e, ITEM_FILL);
	if (!item)
		return;
	item->x = x;
	item->y = y;
	item->width = w;
	item->height = h;
	item->gray = gray;
}

/* Lines [first, last) of P: their top within the paragraph, and their total height. */
static void line_span(const struct para *p, int first, int last, double *top, double *height)
{
	double y0 = 0, y1 = 0;
	if (first >= 0 && first < p->n_lines)
		y0 = p->line_y[2 * first];
	if (last >= 1 && last <= p->n_lines)
		y1 = p->line_y[2 * (last - 1) + 1];
	*top = y0;
	*height = y1 - y0;
}

/* A text item for lines [FIRST, FIRST + N) of P at (X, Y), drawn from its layout (when
 * drawing: while measuring, the item only takes its place). */
static struct layout_item *place_para(struct engine *e, const struct para *p, double x, double y,
				      double width, int first, int n)
{
	struct layout_item *item = add_item(e, ITEM_TEXT);
	if (!item)
		return NULL;
	double top, height;
	line_span(p, first, first + n, &top, &height);
	item->x = x;
	item->y = y;
	item->width = width;
	item->height = height;
	item->set = p->set ? para_set_ref(p->set) : NULL;
	item->scale = p->scale;
	item->first_line = first;
	item->n_lines = n;
	item->line_offset = top;
	item->role = layout_style_name(p->style);
	item->size = p->scale * REF_SIZE;
	return item;
}

static void place_lines(struct engine *e, struct row *row, struct cell *cell, int first, int n,
			double y)
{
	struct layout_item *item = place_para(e, &cell->para, cell->x, y, cell->width, first, n);
	if (!item)
		return;
	item->text = cell->text;
	if (first == 0 && row->bookmark && cell == &row->cells[0]) {
		item->bookmark = row->bookmark;
		item->bookmark_level = row->bookmark_level;
		row->bookmark = NULL;
	}
	if (first == 0 && cell->marker.n_lines)
		place_para(e, &cell->marker, cell->marker_x, y, cell->marker.width, 0,
			   cell->marker.n_lines);
	if (cell->bar_x >= 0)
		layout_place_fill(e, cell->bar_x, y, e->body * 0.22, item->height, 0.25);
	if (cell->missing)
		layout_place_fill(e, cell->x, y, cell->width, item->height, 0.9);
}

/* How many of P's lines from FIRST fit in HEIGHT points. */
static int lines_that_fit(const struct para *p, int first, double height)
{
	int n = 0;
	for (int k = first + 1; k <= p->n_lines; k++) {
		double top, h;
		line_span(p, first, k, &top, &h);
		if (h > height)
			break;
		n = k - first;
	}
	return n;
}

void layout_place_row(struct engine *e, struct row *row)
{
	double height = row_height(row);
	double available = e->bottom - e->y;
	double needed = row->before + height + (row->keep_with_next ? 3 * e->body * LEADING : 0);
	if (e->y > e->top && needed > available)
		new_page(e);
	else if (e->y > e->top)
		e->y += row->before;
	if (row->rule_above && e->y > e->top) {
		struct layout_item *rule = add_item(e, ITEM_RULE);
		if (rule) {
			rule->x = e->left;
			rule->x2 = e->left + e->width;
			rule->y = rule->y2 = e->y - row->before * 0.5;
			rule->gray = 0.8;
		}
	}
	if (height <= e->bottom - e->y) {
		if (row->tinted)
			layout_place_fill(e, e->left - e->body * 0.5, e->y - e->body * 0.25,
				   e->width + e->body, height + e->body * 0.5, 0.93);
		for (size_t c = 0; c < row->n_cells; c++)
			if (row->cells[c].para.n_lines)
				place_lines(e, row, &row->cells[c], 0, row->cells[c].para.n_lines, e->y);
		e->y += height;
		return;
	}
	/* Taller than what is left of the page: each column goes on line by line. */
	for (bool done = false; !done;) {
		done = true;
		double used = 0;
		bool fresh = e->y <= e->top;
		for (size_t c = 0; c < row->n_cells; c++) {
			struct cell *cell = &row->cells[c];
			int total = cell->para.n_lines;
			if (cell->next_line >= total)
				continue;
			int n = lines_that_fit(&cell->para, cell->next_line, e->bottom - e->y);
			if (n == 0 && fresh) {
				/* One line taller than a whole page: it would be cut off. */
				diag_at(e->diags, e->src, row->unit ? row->unit->offset : SOURCE_NO_OFFSET,
					DIAG_ERROR, "overflow",
					"unit \"%s\" (%s): a line is taller than the page; use larger paper",
					row->unit && row->unit->id ? row->unit->id : "?",
					cell->text ? cell->text->lang : "?");
				e->failed = true;
				return;
			}
			if (n > 0) {
				double top, h;
				line_span(&cell->para, cell->next_line, cell->next_line + n, &top, &h);
				place_lines(e, row, cell, cell->next_line, n, e->y);
				cell->next_line += n;
				if (h > used)
					used = h;
			}
			if (cell->next_line < total)
				done = false;
		}
		if (!done)
			new_page(e);
		else
			e->y += used;
	}
}

/* A QR code of the contact URL at the end, on the end side, with the URL beneath: 22 mm
 * with its quiet zone, which phones read from a printed A6 flyer at arm's length. */
void layout_emit_qr(struct engine *e, const char *url)
{
	double size = 22 / 25.4 * 72, gap = e->body * 0.4;
	struct para caption;
	struct para_spec spec = {.text = url, .lang = "en", .dir = RESOLVE_LTR, .style = ST_FOOTER,
				 .width = size * 2, .wrap = PANGO_WRAP_CHAR, .align = PANGO_ALIGN_CENTER};
	if (layout_make_para(e, &spec, &caption) != 0) {
		layout_free_para(&caption);
		return;
	}
	double total = e->body * LEADING + size + gap + caption.height;
	if (e->y + total > e->bottom)
		new_page(e);
	else
		e->y += e->body * LEADING;
	size_t l = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
	for (size_t i = 0; i < e->doc->n_langs && e->opt->kind != LAYOUT_SINGLE; i++)
		if (e->doc->source_lang && strcmp(e->doc->langs[i], e->doc->source_lang) == 0)
			l = i;
	double x = layout_is_rtl(e, l) ? e->left : e->left + e->width - size;
	struct layout_item *qr = add_item(e, ITEM_QR);
	if (qr) {
		qr->x = x;
		qr->y = e->y;
		qr->width = qr->height = size;
		qr->qr = strdup(url);
		if (!qr->qr)
			e->failed = true;
	}
	/* The URL beneath, centred under the code but kept within the text area (on the end
	 * side it ran off the page's edge). */
	double cx = fmax(e->left, fmin(x + size / 2 - size, e->left + e->width - size * 2));
	struct layout_item *text = place_para(e, &caption, cx, e->y + size + gap, size * 2, 0,
					      caption.n_lines);
	if (text) {
		text->hrefs[0] = strdup(url);
		text->href_x[0] = 0;
		text->href_w[0] = size * 2;
	}
	layout_free_para(&caption);
	e->y += total;
}

/* Makes the e-mail address and the URL in the footer's CONTACT text links. */
static void link_contact(struct engine *e, struct layout_item *item, const struct para_set *set,
			 const char *contact)
{
	const char *parts[2] = {e->doc->contact_email, e->doc->contact_url};
	int x, top, width, bottom;
	para_set_line_extents(set, 0, &x, &top, &width, &bottom);
	for (int k = 0; k < 2; k++) {
		const char *at = parts[k] ? strstr(contact, parts[k]) : NULL;
		if (!at)
			continue;
		int start = (int)(at - contact), end = start + (int)strlen(parts[k]);
		int ranges[2 * 8], n = para_set_x_ranges(set, 0, start, end, ranges, 8);
		if (n == 0)
			continue;
		int lo = ranges[0], hi = ranges[1];
		for (int r = 1; r < n; r++) {
			lo = ranges[2 * r] < lo ? ranges[2 * r] : lo;
			hi = ranges[2 * r + 1] > hi ? ranges[2 * r + 1] : hi;
		}
		item->href_x[k] = (double)(lo - x) / PANGO_SCALE * item->scale;
		item->href_w[k] = (double)(hi - lo) / PANGO_SCALE * item->scale;
		item->hrefs[k] = k == 0 ? uri_mailto(parts[k]) : strdup(parts[k]);
	}
}

/* The footer of page P of TOTAL: the contact on the start side, the page number on the end
 * side, above them a rule. */
static void emit_footer(struct engine *e, int p, int total)
{
	size_t l = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
	for (size_t i = 0; i < e->doc->n_langs && e->opt->kind != LAYOUT_SINGLE; i++)
		if (e->doc->source_lang && strcmp(e->doc->langs[i], e->doc->source_lang) == 0)
			l = i;
	const char *lang = e->doc->langs[l];
	e->out->footer_lang = lang;
	bool rtl = layout_is_rtl(e, l);
	double y = e->opt->page_height - e->margin * 0.75;
	char contact[512] = "";
	snprintf(contact, sizeof contact, "%s%s%s", e->doc->contact_email ? e->doc->contact_email : "",
		 e->doc->contact_email && e->doc->contact_url ? "  ·  " : "",
		 e->doc->contact_url ? e->doc->contact_url : "");
	char *a = layout_format_number(lang, p), *b = layout_format_number(lang, total), *text = NULL;
	if (a && b && asprintf(&text, "%s / %s", a, b) < 0)
		text = NULL;
	free(a);
	free(b);
	if (!text) {
		e->failed = true;
		return;
	}
	struct layout_item *rule = add_item(e, ITEM_RULE);
	if (rule) {
		rule->page = p;
		rule->x = e->left;
		rule->y = rule->y2 = y - e->body * 0.35;
		rule->x2 = e->left + e->width;
		rule->gray = 0.6;
	}
	const char *parts[2] = {contact, text};
	for (int k = 0; k < 2 && !e->failed; k++) {
		if (!*parts[k])
			continue;
		/* Addresses are Latin and run left to right whatever the language. */
		bool at_right = (k == 1) != rtl;
		struct para_spec spec = {
			.text = parts[k], .lang = k == 0 ? "en" : lang,
			.dir = k == 0 ? RESOLVE_LTR : e->rdoc->dirs[l], .style = ST_FOOTER,
			.width = e->width, .align = at_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
		};
		struct para footer;
		if (layout_make_para(e, &spec, &footer) == 0) {
			struct layout_item *item = place_para(e, &footer, e->left, y, e->width, 0,
							      footer.n_lines);
			if (item)
				item->page = p;
			if (item && k == 0)
				link_contact(e, item, footer.set, contact);
		}
		layout_free_para(&footer);
	}
	free(text);
}

void layout_emit_footers(struct engine *e)
{
	if (e->models)
		return; /* measuring: footers take no room from the text */
	for (int p = 1; p <= e->page && !e->failed; p++)
		emit_footer(e, p, e->page);
}

void layout_free_items(struct layout *layout)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		para_set_unref(layout->items[i].set);
		free(layout->items[i].bookmark);
		free(layout->items[i].qr);
		free(layout->items[i].hrefs[0]);
		free(layout->items[i].hrefs[1]);
	}
	layout->n_items = 0;
}

/* Streaming: the page being laid out is done; with its footer it goes to the sink, and its
 * Pango layouts are released. */
void layout_finish_page(struct engine *e)
{
	if (e->failed)
		return;
	emit_footer(e, e->page, e->total_pages);
	if (!e->failed && e->sink->page(e->sink->ctx, e->out, e->page) != 0)
		e->failed = true;
	layout_free_items(e->out);
}
