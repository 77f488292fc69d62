/* layout_flow.c — page flow: rows placed on pages, kept together, split across pages
 * with their columns in step; the QR code; the footers; streaming a finished page. */
#include "grow.h"
#include "layout_engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"

static struct layout_item *add_item(struct engine *e, enum item_kind kind)
{
	struct layout *out = e->out;
	if (!GROW(out->items, out->cap_items, out->n_items + 1)) {
		e->failed = true;
		return NULL;
	}
	struct layout_item *item = &out->items[out->n_items++];
	memset(item, 0, sizeof *item);
	item->kind = kind;
	item->page = e->page;
	return item;
}

/* ---- rows ---------------------------------------------------------------------------- */

static double row_height(const struct row *row)
{
	if (row->qr)
		return row->qr_size + row->cells[0].para.height;
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
	free(row->qr);
	layout_free_para(&row->label);
	memset(row, 0, sizeof *row);
}

/* ---- frames and pages ------------------------------------------------------------------ */

static bool at_frame_top(const struct engine *e)
{
	return e->y <= e->frame_top + 0.001;
}

/* How far frame FRAME is from the first frame's left edge. */
static double frame_dx(const struct engine *e)
{
	size_t slot = e->frames_rtl ? e->n_frames - 1 - e->frame : e->frame;
	return (double)slot * (e->frame_w + e->frame_gutter);
}

static void new_page(struct engine *e)
{
	if (e->frame + 1 < e->n_frames) {
		e->frame++;
		e->y = e->frame_top;
		return;
	}
	double fill = layout_page_fill(e);
	if (fill < e->out->least_fill)
		e->out->least_fill = fill;
	if (e->sink)
		layout_finish_page(e);
	e->page++;
	e->frame = 0;
	e->y = e->frame_top = e->top;
}

void layout_begin_frames(struct engine *e, size_t n, double gutter)
{
	layout_flush(e);
	if (!at_frame_top(e))
		e->y += e->body * LEADING * 0.5;
	e->n_frames = n;
	e->frame = 0;
	e->frame_top = e->y;
	e->frame_gutter = gutter;
	e->frame_w = (e->width - gutter * (double)(n - 1)) / (double)n;
}

double layout_page_fill(const struct engine *e)
{
	double h = e->bottom - e->frame_top;
	double in_frame = h > 0 ? (e->y - e->frame_top) / h : 1;
	double fill = ((double)e->frame + in_frame) / (double)e->n_frames;
	/* The head above the frames counts as filled. */
	double above = (e->frame_top - e->top) / (e->bottom - e->top);
	return above + (1 - above) * fill;
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

/* ---- lines ------------------------------------------------------------------------------ */

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
	memcpy(item->lang, p->lang, sizeof item->lang);
	return item;
}

static void place_lines(struct engine *e, struct row *row, struct cell *cell, int first, int n,
			double y)
{
	double dx = frame_dx(e);
	struct layout_item *item = place_para(e, &cell->para, cell->x + dx, y, cell->width, first, n);
	if (!item)
		return;
	item->text = cell->text;
	item->group = row->group;
	double height = item->height; /* ITEM moves when more items are added */
	if (first == 0 && row->bookmark && cell == &row->cells[0]) {
		item->bookmark = row->bookmark;
		item->bookmark_level = row->bookmark_level;
		row->bookmark = NULL;
	}
	if (first == 0 && cell->marker.n_lines) {
		struct layout_item *marker = place_para(e, &cell->marker, cell->marker_x + dx, y,
							cell->marker.width, 0, cell->marker.n_lines);
		if (marker)
			marker->group = row->group;
	}
	if (first == 0 && row->label.n_lines && cell == &row->cells[0]) {
		/* In the margin beside the first line, on the language's start side, an em
		 * away from the text (read as a note, not as the line's first word). */
		double gap = e->body;
		double lx = row->label_right ? e->left + e->width + gap
					     : e->left - gap - row->label.width;
		struct layout_item *label = place_para(e, &row->label, lx, y, row->label.width, 0,
						       row->label.n_lines);
		if (label)
			label->group = row->group;
	}
	if (cell->bar_x >= 0)
		layout_place_fill(e, cell->bar_x + dx, y, e->body * 0.22, height, 0.25);
	if (cell->missing)
		layout_place_fill(e, cell->x + dx, y, cell->width, height, 0.9);
}

/* How many of P's lines from FIRST fit in HEIGHT points. */
static int lines_that_fit(const struct para *p, int first, double height)
{
	int n = 0;
	for (int k = first + 1; k <= p->n_lines; k++) {
		double top, h;
		line_span(p, first, k, &top, &h);
		if (h > height + 0.001)
			break;
		n = k - first;
	}
	return n;
}

/* ---- splitting a row across pages -------------------------------------------------- */

/* Whether cutting ROW (from each cell's next line) at HEIGHT points leaves no widow and
 * no orphan: every column that goes on puts at least two lines on each side (or all of a
 * short paragraph on one side), and something goes on.  STRICT: nor a word hyphenated
 * across the break (TeX's \brokenpenalty: the reader turns the page mid-word, and a
 * reader program takes the columns' lines in another order). */
static bool split_is_good(const struct row *row, double height, bool strict)
{
	bool goes_on = false, something = false;
	if (row->whole)
		return false;
	for (size_t c = 0; c < row->n_cells; c++) {
		const struct cell *cell = &row->cells[c];
		int left = cell->para.n_lines - cell->next_line;
		if (left <= 0)
			continue;
		int k = lines_that_fit(&cell->para, cell->next_line, height);
		if (k == 0 || k < (left < 2 ? left : 2) || (left - k > 0 && left - k < 2))
			return false;
		if (strict && k < left && cell->para.hyphen && cell->para.hyphen[cell->next_line + k - 1])
			return false;
		goes_on |= k < left;
		something |= k > 0;
	}
	return goes_on && something;
}

/* The tallest good cut of ROW within HEIGHT points (the bottoms of its lines are the
 * candidates), or 0 when there is none. */
static double best_split(const struct row *row, double height)
{
	double best = 0;
	for (int strict = 1; strict >= 0 && best == 0; strict--)
		for (size_t c = 0; c < row->n_cells; c++) {
			const struct cell *cell = &row->cells[c];
			for (int k = 1; cell->next_line + k <= cell->para.n_lines; k++) {
				double top, h;
				line_span(&cell->para, cell->next_line, cell->next_line + k, &top, &h);
				if (h > height + 0.001)
					break;
				if (h > best && split_is_good(row, h, strict))
					best = h;
			}
		}
	return best;
}

/* The height the start of ROW needs on a page: its smallest good cut, or all of it. */
static double row_head(const struct row *row)
{
	if (row->qr)
		return row_height(row);
	double best = row_height(row);
	for (size_t c = 0; c < row->n_cells; c++) {
		const struct cell *cell = &row->cells[c];
		for (int k = 1; k <= cell->para.n_lines; k++) {
			double top, h;
			line_span(&cell->para, 0, k, &top, &h);
			if (h < best && split_is_good(row, h, false))
				best = h;
		}
	}
	return best;
}

static void place_tint(struct engine *e, const struct row *row, double y, double height)
{
	if (row->tinted)
		layout_place_fill(e, e->left + frame_dx(e) - e->body * 0.5, y - e->body * 0.25,
				  e->frame_w + e->body, height + e->body * 0.5, 0.93);
}

/* Places the lines of ROW's cells that fit in HEIGHT points at the current y, and moves
 * y down by what they take.  False when a line is taller than a whole page. */
static bool place_part(struct engine *e, struct row *row, double height)
{
	double used = 0;
	size_t start = e->out->n_items;
	for (size_t c = 0; c < row->n_cells; c++) {
		struct cell *cell = &row->cells[c];
		int n = lines_that_fit(&cell->para, cell->next_line, height);
		if (n == 0 && cell->next_line < cell->para.n_lines && at_frame_top(e)) {
			diag_at(e->diags, e->src, row->unit ? row->unit->offset : SOURCE_NO_OFFSET,
				DIAG_ERROR, "overflow",
				"unit \"%s\" (%s): a line is taller than the page; use larger paper",
				row->unit && row->unit->id ? row->unit->id : "?",
				cell->text ? cell->text->lang : "?");
			e->failed = true;
			return false;
		}
		if (n == 0)
			continue;
		double top, h;
		line_span(&cell->para, cell->next_line, cell->next_line + n, &top, &h);
		place_lines(e, row, cell, cell->next_line, n, e->y);
		cell->next_line += n;
		used = fmax(used, h);
	}
	if (row->tinted && e->out->n_items > start) {
		/* The tint goes under the text: first among this part's items. */
		place_tint(e, row, e->y, used);
		struct layout_item tint = e->out->items[e->out->n_items - 1];
		memmove(&e->out->items[start + 1], &e->out->items[start],
			(e->out->n_items - 1 - start) * sizeof tint);
		e->out->items[start] = tint;
	}
	e->y += used;
	return true;
}

static bool row_done(const struct row *row)
{
	for (size_t c = 0; c < row->n_cells; c++)
		if (row->cells[c].next_line < row->cells[c].para.n_lines)
			return false;
	return true;
}

static void place_qr(struct engine *e, struct row *row);

/* The height of what is left of ROW to place. */
static double rest_height(const struct row *row)
{
	double h = 0;
	for (size_t c = 0; c < row->n_cells; c++) {
		const struct cell *cell = &row->cells[c];
		double top, height;
		line_span(&cell->para, cell->next_line, cell->para.n_lines, &top, &height);
		h = fmax(h, height);
	}
	return h;
}

static void rule_above(struct engine *e, const struct row *row)
{
	struct layout_item *rule = add_item(e, ITEM_RULE);
	if (rule) {
		rule->x = e->left + frame_dx(e);
		rule->x2 = rule->x + e->frame_w;
		rule->y = rule->y2 = e->y - row->before * 0.5;
		rule->gray = 0.8;
	}
}

/* Places ROW, which NEEDS points more after it on the same page (the start of the rows
 * kept with it).  Whole where it fits with them; else cut where no widow or orphan is
 * left (its end then goes over with what follows); else on the next page. */
static void place_kept(struct engine *e, struct row *row, double needs)
{
	double height = row_height(row);
	if (!at_frame_top(e)) {
		double room = e->bottom - e->y - row->before;
		double cut = height + needs <= room + 0.001 ? room
			     : row->qr ? 0 : best_split(row, room);
		if (cut > 0) {
			e->y += row->before;
			if (row->rule_above)
				rule_above(e, row);
			if (row->qr) {
				place_qr(e, row);
				return;
			}
			if (!place_part(e, row, cut))
				return;
		}
		if (row_done(row))
			return;
		new_page(e);
	}
	if (row->qr) {
		place_qr(e, row);
		return;
	}
	/* At the top of a page: what is left, cut where it must be, page after page. */
	while (!row_done(row) && !e->failed) {
		double room = e->bottom - e->y;
		double cut = rest_height(row) <= room + 0.001 ? room : best_split(row, room);
		if (!place_part(e, row, cut > 0 ? cut : room))
			return;
		if (!row_done(row))
			new_page(e);
	}
}

/* ---- the queue: rows wait until it is known what is kept with them ------------------ */

/* The height the rows kept with queue[I] need after it: the rows of its group that follow
 * whole, and the start of the last. */
static double kept_after(const struct engine *e, size_t i)
{
	double needs = 0;
	for (size_t k = i + 1; k < e->n_queue && e->queue[k - 1].keep_with_next; k++) {
		const struct row *next = &e->queue[k];
		bool last = !next->keep_with_next || k + 1 == e->n_queue;
		needs += next->before + (last ? row_head(next) : row_height(next));
	}
	return needs;
}

static void place_first(struct engine *e)
{
	struct row *row = &e->queue[0];
	if (!e->failed)
		place_kept(e, row, row->keep_with_next ? kept_after(e, 0) : 0);
	layout_free_row(row);
	e->n_queue--;
	memmove(&e->queue[0], &e->queue[1], e->n_queue * sizeof *e->queue);
}

/* Places the rows whose followers are known: all but the last group (the last row waits
 * for the next, or for the QR code that must not go alone on a page). */
static void place_ready(struct engine *e)
{
	while (e->n_queue > 1) {
		size_t end = 0; /* the row that ends queue[0]'s group */
		while (end < e->n_queue && e->queue[end].keep_with_next)
			end++;
		if (end >= e->n_queue - 1)
			return;
		place_first(e);
	}
}

void layout_flush(struct engine *e)
{
	while (e->n_queue > 0)
		place_first(e);
}

void layout_place_row(struct engine *e, struct row *row)
{
	if (e->failed) {
		layout_free_row(row);
		return;
	}
	if (!GROW(e->queue, e->cap_queue, e->n_queue + 1)) {
		e->failed = true;
		layout_free_row(row);
		return;
	}
	if (e->opt->space_scale > 0)
		row->before *= e->opt->space_scale;
	struct row *prev = e->n_queue ? &e->queue[e->n_queue - 1] : NULL;
	if (prev && prev->keep_with_next) {
		if (!prev->group)
			prev->group = ++e->groups;
		row->group = prev->group;
	}
	e->queue[e->n_queue++] = *row;
	memset(row, 0, sizeof *row);
	place_ready(e);
}

/* ---- QR code ----------------------------------------------------------------------- */

static void place_qr(struct engine *e, struct row *row)
{
	double size = row->qr_size, gap = e->body * 0.4;
	double left = e->left + frame_dx(e);
	double x = row->qr_left ? left : left + e->frame_w - size;
	struct layout_item *qr = add_item(e, ITEM_QR);
	if (qr) {
		qr->x = x;
		qr->y = e->y;
		qr->width = qr->height = size - gap;
		qr->group = row->group;
		qr->qr = strdup(row->qr);
		if (!qr->qr)
			e->failed = true;
	}
	/* The URL beneath, centred under the code but kept within the text area (on the end
	 * side it ran off the page's edge). */
	const struct para *caption = &row->cells[0].para;
	double w = caption->width;
	double cx = fmax(left, fmin(x + (size - gap) / 2 - w / 2, left + e->frame_w - w));
	struct layout_item *text = place_para(e, caption, cx, e->y + size, w, 0, caption->n_lines);
	if (text) {
		text->group = row->group;
		text->hrefs[0] = strdup(row->qr);
		text->href_x[0] = 0;
		text->href_w[0] = w;
	}
	e->y += row_height(row);
}

/* A QR code of the contact URL at the end, on the end side, with the URL beneath: 22 mm
 * with its quiet zone, which phones read from a printed A6 flyer at arm's length.  It is
 * kept with the end of the text before it: never alone on a page. */
void layout_emit_qr(struct engine *e, const char *url)
{
	double size = 22 / 25.4 * 72;
	struct row row = {.before = e->body * LEADING, .n_cells = 1, .qr_size = size + e->body * 0.4};
	struct para_spec spec = {.text = url, .lang = "en", .dir = RESOLVE_LTR, .style = ST_FOOTER,
				 .width = fmin(size * 2, e->frame_w), .wrap = PANGO_WRAP_CHAR,
				 .align = PANGO_ALIGN_CENTER};
	row.qr = strdup(url);
	if (!row.qr || layout_make_para(e, &spec, &row.cells[0].para) != 0) {
		e->failed = true;
		layout_free_row(&row);
		return;
	}
	size_t l = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
	for (size_t i = 0; i < e->doc->n_langs && e->opt->kind != LAYOUT_SINGLE; i++)
		if (e->doc->source_lang && strcmp(e->doc->langs[i], e->doc->source_lang) == 0)
			l = i;
	row.qr_left = layout_is_rtl(e, l);
	if (e->n_queue)
		e->queue[e->n_queue - 1].keep_with_next = true;
	layout_place_row(e, &row);
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
	char *a = lang_format_number(lang, p), *b = lang_format_number(lang, total), *text = NULL;
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
