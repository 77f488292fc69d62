/* para.c — a paragraph shaped once, broken at any width; see para.h. */
#include "para.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

/* An item of the text (a run of one font, direction and language), in characters. */
struct item {
	int start, n;
	int hyphen;     /* the width of the hyphen a break inside it adds */
	int safe;       /* three average characters: Pango measures closely only this near */
	int ascent, descent, height;
};

/* A paragraph in Pango's sense: text between paragraph separators, broken on its own. */
struct par {
	int first, n_items;     /* its items */
	int ascent, descent, height; /* of its line when it has no items (an empty paragraph) */
};

struct para_model {
	int n_chars;
	int *width;             /* of each character */
	PangoLogAttr *attrs;    /* n_chars + 1 */
	struct item *items;
	int n_items;
	struct par *pars;
	int n_pars;
};

void para_model_free(struct para_model *model)
{
	if (!model)
		return;
	free(model->width);
	free(model->attrs);
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
	model->width = calloc((size_t)model->n_chars + 1, sizeof *model->width);
	model->attrs = malloc((size_t)n_attrs * sizeof *model->attrs);
	model->items = calloc((size_t)n_items + 1, sizeof *model->items);
	model->pars = calloc((size_t)n_pars + 1, sizeof *model->pars);
	if (!model->width || !model->attrs || !model->items || !model->pars)
		goto fail;
	memcpy(model->attrs, attrs, (size_t)n_attrs * sizeof *attrs);
	for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next)
		add_line(model, l->data, text, char_of);
	free(char_of);
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
	int remaining;          /* width left on the line */
	bool line_empty;        /* no run on the line yet */
	int at;                 /* the first character of the current item not yet placed */
	int cut;                /* SOME_FIT: the characters of the item that went on the line */
};

static bool can_break_at(const struct breaker *b, int offset, PangoWrapMode wrap)
{
	if (offset == b->m->n_chars)
		return true;
	return wrap == PANGO_WRAP_CHAR ? b->m->attrs[offset].is_char_break
				       : b->m->attrs[offset].is_line_break;
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
	return b->m->attrs[offset].break_inserts_hyphen || b->m->attrs[offset].break_removes_preceding;
}

/* Pango's find_break_extra_width at character START + POS. */
static int break_extra(const struct breaker *b, const struct item *item, int start, int pos)
{
	const PangoLogAttr *a = b->m->attrs;
	const int *w = b->m->width;
	if (a[start + pos].break_inserts_hyphen) {
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
	int width = 0;
	for (int i = 0; i < k; i++)
		width += w[start + i];
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
static void line_metrics(const struct para_model *m, const struct par *par, int from, int to,
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

/* Appends a line's extent to *Y (growing it), placing its baseline as Pango does. */
static int add_extent(int **y, int *n, int *cap, int ascent, int descent, int height,
		      float spacing, int *baseline)
{
	if (*n == *cap) {
		int grown = *cap ? *cap * 2 : 16;
		int *bigger = realloc(*y, 2 * (size_t)grown * sizeof *bigger);
		if (!bigger)
			return -1;
		*y = bigger;
		*cap = grown;
	}
	if (*n == 0 || spacing == 0)
		*baseline = (*n ? (*y)[2 * *n - 1] : 0) + ascent;
	else
		*baseline = (int)((float)*baseline + spacing * (float)height);
	(*y)[2 * *n] = *baseline - ascent;
	(*y)[2 * *n + 1] = *baseline + descent;
	++*n;
	return 0;
}

int para_model_break(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, int **y)
{
	*y = NULL;
	struct breaker b = {.m = model, .wrap = wrap};
	int n = 0, cap = 0, baseline = 0;
	for (int p = 0; p < model->n_pars; p++) {
		const struct par *par = &model->pars[p];
		int i = 0;
		b.at = par->n_items ? model->items[par->first].start : 0;
		do {
			int from = b.at, to = fill_line(&b, par, &i, width);
			if (to <= from && i < par->n_items) {
				/* Nothing placed: cannot happen with Pango's rules; never loop. */
				to = ++b.at;
			}
			int ascent, descent, height;
			line_metrics(model, par, from, to, &ascent, &descent, &height);
			if (add_extent(y, &n, &cap, ascent, descent, height, spacing, &baseline) != 0) {
				free(*y);
				*y = NULL;
				return -1;
			}
		} while (i < par->n_items);
	}
	return n;
}
