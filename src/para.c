/* para.c — a paragraph shaped once, broken at any width; see para.h.  This part owns the
 * model (para_model_new: the widths, breaks and metrics of the one shaping) and breaking
 * it as Pango does; total fit is in para_fit.c, the lines set and drawn in para_set.c and
 * para_text.c (see para_internal.h). */
#include "para.h"

#include "grow.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <pango/pangocairo.h>

#include "para_internal.h"

void para_model_free(struct para_model *model)
{
	if (!model)
		return;
	free(model->before); /* and attrs, width and cls */
	free(model->items);
	free(model->pars);
	free(model);
}

/* The width of the hyphen Pango adds at a break inside ITEM (Pango's find_hyphen_width). */
static int hyphen_width(const PangoItem *item)
{
	if (!item->analysis.font)
		return 0;
	hb_font_t *font = pango_font_get_hb_font(item->analysis.font);
	hb_codepoint_t glyph;
	if (hb_font_get_nominal_glyph(font, 0x2010, &glyph) ||
	    hb_font_get_nominal_glyph(font, '-', &glyph))
		return hb_font_get_glyph_h_advance(font, glyph);
	return 0;
}

/* What a run of ITEM's font adds to a line: its logical ascent and descent and the font's
 * height (Pango's pango_layout_run_get_extents_and_height). */
static void run_metrics(PangoLayoutRun *run, struct item *item)
{
	PangoRectangle logical;
	pango_glyph_string_extents(run->glyphs, run->item->analysis.font, NULL, &logical);
	item->ascent = -logical.y;
	item->descent = logical.y + logical.height;
	/* (Pango multiplies by the font matrix's scale; the layout sets no matrix.) */
	PangoFontMetrics *metrics = pango_font_get_metrics(run->item->analysis.font,
							   run->item->analysis.language);
	item->height = pango_font_metrics_get_height(metrics);
	item->safe = pango_font_metrics_get_approximate_char_width(metrics) * 3;
	pango_font_metrics_unref(metrics);
}

static int by_start(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* The items of one unwrapped LINE (one paragraph), in logical order, appended to MODEL. */
static int add_line(struct para_model *model, PangoLayoutLine *line, const char *text,
		    const int *char_of)
{
	int n = (int)g_slist_length(line->runs);
	struct par *par = &model->pars[model->n_pars++];
	par->start = char_of[line->start_index];
	par->first = model->n_items;
	par->n_items = n;
	if (n == 0) {
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		par->ascent = -logical.y;
		par->descent = logical.y + logical.height;
		pango_layout_line_get_height(line, &par->height);
		return 0;
	}
	for (GSList *l = line->runs; l; l = l->next) {
		PangoLayoutRun *run = l->data;
		struct item *item = &model->items[model->n_items++];
		item->start = char_of[run->item->offset];
		item->n = run->item->num_chars;
		item->hyphen = hyphen_width(run->item);
		run_metrics(run, item);
		pango_glyph_item_get_logical_widths(run, text, model->width + item->start);
	}
	qsort(model->items + par->first, (size_t)n, sizeof *model->items, by_start);
	return 0;
}

struct para_model *para_model_new(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	int len = (int)strlen(text);
	struct para_model *model = calloc(1, sizeof *model);
	int *char_of = calloc((size_t)len + 1, sizeof *char_of);
	if (!model || !char_of)
		goto fail;
	/* The character at each byte offset (items give bytes, log attributes characters). */
	for (int i = 0, c = 0; i <= len; i++) {
		if (i == len || ((unsigned char)text[i] & 0xC0) != 0x80)
			char_of[i] = c++;
		else
			char_of[i] = c - 1;
	}
	int n_attrs = 0;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
	model->n_chars = n_attrs - 1;
	int n_items = 0, n_pars = pango_layout_get_line_count(layout);
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
		n_items += (int)g_slist_length(((PangoLayoutLine *)l->data)->runs);
	/* The arrays of n_chars + 1 (before, attrs, width, cls) share one block, the most
	 * aligned first; it is freed as before. */
	size_t n = (size_t)model->n_chars + 1;
	model->before = calloc(n, sizeof *model->before + sizeof *model->attrs +
				      sizeof *model->width + sizeof *model->cls);
	model->items = calloc((size_t)n_items + 1, sizeof *model->items);
	model->pars = calloc((size_t)n_pars + 1, sizeof *model->pars);
	if (!model->before || !model->items || !model->pars)
		goto fail;
	model->attrs = (PangoLogAttr *)(model->before + n);
	model->width = (int *)(model->attrs + n);
	model->cls = (unsigned char *)(model->width + n);
	memcpy(model->attrs, attrs, (size_t)n_attrs * sizeof *attrs);
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
		add_line(model, l->data, text, char_of);
	free(char_of);
	/* So that a line of a long item is measured in constant time, not from its start. */
	for (int i = 0; i < model->n_chars; i++)
		model->before[i + 1] = model->before[i] + model->width[i];
	const char *p = text;
	for (int i = 0; i < model->n_chars && *p; i++, p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == 0x00AD || c == 0x200C || c == 0x200D || g_unichar_ismark(c))
			model->cls[i] = CLS_IGNORED;
		else if (g_unichar_isalpha(c))
			model->cls[i] = CLS_LETTER;
		else if (c == '-' || c == 0x2010)
			model->cls[i] = CLS_HYPHEN;
	}
	return model;
fail:
	free(char_of);
	para_model_free(model);
	return NULL;
}

/* ---- breaking: Pango 1.50's process_line and process_item over the kept widths ------- */

enum fit { ALL_FIT, SOME_FIT, EMPTY_FIT, NONE_FIT };

struct breaker {
	const struct para_model *m;
	PangoWrapMode wrap;
	bool hyphenate;         /* false: no break at a hyphenation point, no hyphen added */
	int remaining;          /* width left on the line */
	bool line_empty;        /* no run on the line yet */
	int at;                 /* the first character of the current item not yet placed */
	int cut;                /* SOME_FIT: the characters of the item that went on the line */
};

static bool can_break_at(const struct breaker *b, int offset, PangoWrapMode wrap)
{
	if (offset == b->m->n_chars)
		return true;
	if (wrap == PANGO_WRAP_CHAR)
		return b->m->attrs[offset].is_char_break;
	return b->m->attrs[offset].is_line_break &&
	       (b->hyphenate || !b->m->attrs[offset].break_inserts_hyphen);
}

static bool can_break_in(const struct breaker *b, int start, int n, bool at_start)
{
	for (int i = at_start ? 0 : 1; i < n; i++)
		if (can_break_at(b, start + i, b->wrap))
			return true;
	return false;
}

static bool needs_hyphen(const struct breaker *b, int offset)
{
	return b->hyphenate && (b->m->attrs[offset].break_inserts_hyphen ||
				b->m->attrs[offset].break_removes_preceding);
}

/* Pango's find_break_extra_width at character START + POS. */
static int break_extra(const struct breaker *b, const struct item *item, int start, int pos)
{
	const PangoLogAttr *a = b->m->attrs;
	const int *w = b->m->width;
	if (b->hyphenate && a[start + pos].break_inserts_hyphen) {
		if (a[start + pos].break_removes_preceding && pos > 0)
			return item->hyphen - w[start + pos - 1];
		return item->hyphen;
	}
	if (pos > 0 && a[start + pos - 1].is_white)
		return -w[start + pos - 1];
	return 0;
}

/* Places as much of ITEM from b->at as fits (Pango's process_item). */
static enum fit place_item(struct breaker *b, const struct item *item, bool force_fit,
			   bool no_break_at_end, bool is_last)
{
	const int *w = b->m->width;
	int start = b->at, k = item->start + item->n - start;
	long long whole = b->m->before[start + k] - b->m->before[start];
	int width = whole > INT_MAX ? INT_MAX : (int)whole;
	int extra = 0;
	if (!no_break_at_end && can_break_at(b, start + k, b->wrap))
		extra = break_extra(b, item, start, k);
	if ((width + extra <= b->remaining || (k == 1 && b->line_empty)) && !no_break_at_end) {
		b->remaining = width > b->remaining ? 0 : b->remaining - width;
		return ALL_FIT;
	}
	PangoWrapMode wrap = b->wrap;
	int orig_width = width, orig_extra = extra;
	int break_num = k, break_width = width, break_extra_w = extra;
retry:
	width = 0;
	for (int num = 0; num < (no_break_at_end ? k : k + 1); num++) {
		extra = break_extra(b, item, start, num);
		int least = width + extra < width ? width + extra : width;
		if (least > b->remaining + item->safe && break_num < k)
			break;
		if (can_break_at(b, start + num, wrap) && (num > 0 || !b->line_empty)) {
			if (num == 0 || width + extra < b->remaining - item->safe) {
				break_num = num;
				break_width = width;
				break_extra_w = extra;
			} else {
				/* Pango shapes the piece, with its hyphen when the break adds one. */
				int measured = width;
				if (num < k && needs_hyphen(b, start + num)) {
					measured += item->hyphen;
					if (b->m->attrs[start + num].break_removes_preceding && num > 0)
						measured -= w[start + num - 1];
				}
				if (num > 0 && (num < k || !is_last) && b->m->attrs[start + num - 1].is_white)
					extra = -w[start + num - 1];
				else if (num == k && !is_last && needs_hyphen(b, start + num))
					extra = item->hyphen;
				else
					extra = 0;
				if (break_num == k || measured + extra <= b->remaining ||
				    measured + extra < break_width + break_extra_w) {
					break_num = num;
					break_width = measured;
					break_extra_w = extra;
				}
			}
		}
		if (num < k)
			width += w[start + num];
	}
	if (wrap == PANGO_WRAP_WORD_CHAR && force_fit && break_width + break_extra_w > b->remaining) {
		wrap = PANGO_WRAP_CHAR;
		break_num = k;
		break_width = orig_width;
		break_extra_w = orig_extra;
		goto retry;
	}
	if (!force_fit && break_width + break_extra_w > b->remaining)
		return NONE_FIT;
	int used = break_width + break_extra_w;
	b->remaining = used > b->remaining ? 0 : b->remaining - used;
	if (break_num == k)
		return ALL_FIT;
	if (break_num == 0)
		return EMPTY_FIT;
	b->cut = break_num;
	return SOME_FIT;
}

/* One line of paragraph PAR from item *I, character b->at: returns the character after it
 * and leaves *I and b->at where the next line starts (Pango's process_line). */
static int fill_line(struct breaker *b, const struct par *par, int *i, int width)
{
	const struct item *items = b->m->items + par->first;
	b->remaining = width;
	b->line_empty = true;
	bool have_break = false, saved_empty = true;
	int saved_remaining = 0, saved_i = 0, saved_at = 0;
	while (*i < par->n_items) {
		const struct item *item = &items[*i];
		int old_at = b->at, old_remaining = b->remaining;
		bool first_in_line = b->line_empty, last = *i == par->n_items - 1;
		enum fit fit = place_item(b, item, !have_break, false, last);
		if (fit == ALL_FIT) {
			if (can_break_in(b, old_at, item->start + item->n - old_at, !first_in_line)) {
				have_break = true;
				saved_remaining = old_remaining;
				saved_i = *i;
				saved_at = old_at;
				saved_empty = first_in_line;
			}
			b->line_empty = false;
			if (++*i < par->n_items)
				b->at = items[*i].start;
			continue;
		}
		if (fit == NONE_FIT) {
			*i = saved_i;
			b->at = saved_at;
			b->remaining = saved_remaining;
			b->line_empty = saved_empty;
			item = &items[*i];
			fit = place_item(b, item, true, true, *i == par->n_items - 1);
		}
		if (fit == SOME_FIT)
			b->at += b->cut;
		return b->at;
	}
	if (par->n_items)
		b->at = items[par->n_items - 1].start + items[par->n_items - 1].n;
	return b->at;
}

/* The ascent, descent and height of the line [FROM, TO) of PAR: the largest of its items'. */
void para_line_metrics(const struct para_model *m, const struct par *par, int from, int to,
		       int *ascent, int *descent, int *height)
{
	if (par->n_items == 0) {
		*ascent = par->ascent;
		*descent = par->descent;
		*height = par->height;
		return;
	}
	*ascent = *descent = *height = 0;
	for (int i = 0; i < par->n_items; i++) {
		const struct item *item = &m->items[par->first + i];
		if (item->start + item->n <= from || item->start >= to)
			continue;
		if (item->ascent > *ascent)
			*ascent = item->ascent;
		if (item->descent > *descent)
			*descent = item->descent;
		if (item->height > *height)
			*height = item->height;
	}
}

/* Appends a line to OUT, placing its baseline as Pango does. */
int para_add_line_out(struct broken *out, int ascent, int descent, int height, float spacing)
{
	if (!GROW(out->lines, out->cap, (size_t)out->n + 1))
		return -1;
	struct broken_line *line = &out->lines[out->n];
	*line = (struct broken_line){0};
	if (out->n == 0)
		line->baseline = ascent;
	else if (spacing == 0)
		line->baseline = out->lines[out->n - 1].bottom + ascent;
	else
		line->baseline = (int)((float)out->lines[out->n - 1].baseline + spacing * (float)height);
	line->top = line->baseline - ascent;
	line->bottom = line->baseline + descent;
	out->n++;
	return 0;
}

int para_break_lines(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, bool hyphenate, struct broken *out)
{
	memset(out, 0, sizeof *out);
	struct breaker b = {.m = model, .wrap = wrap, .hyphenate = hyphenate};
	for (int p = 0; p < model->n_pars; p++) {
		const struct par *par = &model->pars[p];
		int i = 0;
		b.at = par->n_items ? model->items[par->first].start : par->start;
		do {
			int from = b.at, to = fill_line(&b, par, &i, width);
			if (to <= from && i < par->n_items) {
				/* Nothing placed: cannot happen with Pango's rules; never loop. */
				to = ++b.at;
			}
			int ascent, descent, height;
			para_line_metrics(model, par, from, to, &ascent, &descent, &height);
			if (para_add_line_out(out, ascent, descent, height, spacing) != 0) {
				free(out->lines);
				memset(out, 0, sizeof *out);
				return -1;
			}
			struct broken_line *line = &out->lines[out->n - 1];
			line->from = from;
			line->to = to;
			line->par = p;
			line->wrapped = i < par->n_items;
		} while (i < par->n_items);
	}
	return 0;
}

/* The narrowest width at which MODEL still breaks into as few lines as at WIDTH: its lines
 * of similar length, never one word alone on the last (a balanced headline).  WIDTH when
 * it is one line, or several paragraphs. */
int para_balanced_width(const struct para_model *model, int width, PangoWrapMode wrap,
			bool hyphenate)
{
	struct broken b;
	if (model->n_pars != 1 || para_break_lines(model, width, wrap, 0, hyphenate, &b) != 0)
		return width;
	int lines = b.n;
	free(b.lines);
	int lo = width / (lines + 1), hi = width;
	/* Never so narrow that a word must be broken between its letters. */
	int widest = para_model_widest_word(model);
	if (!hyphenate && widest <= width && lo < widest - 1)
		lo = widest - 1;
	while (lines > 1 && hi - lo > PANGO_SCALE / 4) {
		int mid = lo + (hi - lo) / 2;
		if (para_break_lines(model, mid, wrap, 0, hyphenate, &b) != 0)
			return width;
		if (b.n == lines)
			hi = mid;
		else
			lo = mid;
		free(b.lines);
	}
	/* A quarter point to spare: on the edge, a kerned hyphen decides. */
	return hi + PANGO_SCALE / 4 < width ? hi + PANGO_SCALE / 4 : width;
}

/* The top and bottom of OUT's lines into *Y, a new array; the line count, or -1. */
int para_lines_y(struct broken *out, int **y)
{
	*y = malloc(2 * (size_t)out->n * sizeof **y + 1);
	if (!*y) {
		free(out->lines);
		return -1;
	}
	for (int i = 0; i < out->n; i++) {
		(*y)[2 * i] = out->lines[i].top;
		(*y)[2 * i + 1] = out->lines[i].bottom;
	}
	free(out->lines);
	return out->n;
}

int para_model_widest_word(const struct para_model *m)
{
	long long widest = 0;
	int start = 0;
	for (int i = 1; i <= m->n_chars; i++) {
		bool end = i == m->n_chars ||
			   (m->attrs[i].is_line_break && !m->attrs[i].break_inserts_hyphen);
		if (!end)
			continue;
		int stop = i;
		while (stop > start && m->attrs[stop - 1].is_white)
			stop--; /* a space at a line's end takes no room */
		long long w = m->before[stop] - m->before[start];
		widest = w > widest ? w : widest;
		start = i;
	}
	return widest > INT_MAX ? INT_MAX : (int)widest;
}

int para_model_break(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, bool hyphenate, bool balance, int **y)
{
	*y = NULL;
	struct broken out;
	if (balance)
		width = para_balanced_width(model, width, wrap, hyphenate);
	if (para_break_lines(model, width, wrap, spacing, hyphenate, &out) != 0)
		return -1;
	return para_lines_y(&out, y);
}

