/* para.c — a paragraph shaped once, broken at any width; see para.h. */
#include "para.h"

#include <math.h>

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <unicode/uchar.h>
#include <pango/pangocairo.h>

#include "linebreak.h"

/* An item of the text (a run of one font, direction and language), in characters. */
struct item {
	int start, n;
	int hyphen;     /* the width of the hyphen a break inside it adds */
	int safe;       /* three average characters: Pango measures closely only this near */
	int ascent, descent, height;
};

/* A paragraph in Pango's sense: text between paragraph separators, broken on its own. */
struct par {
	int start;              /* its first character */
	int first, n_items;     /* its items */
	int ascent, descent, height; /* of its line when it has no items (an empty paragraph) */
};

struct para_model {
	int n_chars;
	int *width;             /* of each character */
	long long *before;      /* the widths of the characters before each one, n_chars + 1 */
	PangoLogAttr *attrs;    /* n_chars + 1 */
	struct item *items;
	int n_items;
	struct par *pars;
	int n_pars;
	unsigned char *cls;     /* what each character is, for hyphenation: CLS_ bits */
};

enum { CLS_LETTER = 1, CLS_HYPHEN = 2, CLS_IGNORED = 4 };

void para_model_free(struct para_model *model)
{
	if (!model)
		return;
	free(model->width);
	free(model->before);
	free(model->attrs);
	free(model->items);
	free(model->pars);
	free(model->cls);
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
	/* So that a line of a long item is measured in constant time, not from its start. */
	model->before = malloc(((size_t)model->n_chars + 1) * sizeof *model->before);
	if (!model->before) {
		para_model_free(model);
		return NULL;
	}
	model->before[0] = 0;
	for (int i = 0; i < model->n_chars; i++)
		model->before[i + 1] = model->before[i] + model->width[i];
	model->cls = calloc((size_t)model->n_chars + 1, 1);
	if (!model->cls) {
		para_model_free(model);
		return NULL;
	}
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

/* The lines of a paragraph broken at a width. */
struct broken {
	struct broken_line {
		int from, to;   /* characters */
		int top, bottom, baseline;
		int par;        /* Pango paragraph it belongs to */
		bool wrapped;   /* not its paragraph's last line */
		bool total;     /* broken by total fit: the fields below apply */
		bool justify;   /* to be justified (both ways: shrunk when it is too wide) */
		bool overfull;
		double ratio;
	} *lines;
	int n, cap;
};

/* Appends a line to OUT, placing its baseline as Pango does. */
static int add_line_out(struct broken *out, int ascent, int descent, int height, float spacing)
{
	if (out->n == out->cap) {
		int grown = out->cap ? out->cap * 2 : 16;
		struct broken_line *bigger = realloc(out->lines, (size_t)grown * sizeof *bigger);
		if (!bigger)
			return -1;
		out->lines = bigger;
		out->cap = grown;
	}
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

static int break_lines(const struct para_model *model, int width, PangoWrapMode wrap,
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
			line_metrics(model, par, from, to, &ascent, &descent, &height);
			if (add_line_out(out, ascent, descent, height, spacing) != 0) {
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
static int balanced_width(const struct para_model *model, int width, PangoWrapMode wrap,
			  bool hyphenate)
{
	struct broken b;
	if (model->n_pars != 1 || break_lines(model, width, wrap, 0, hyphenate, &b) != 0)
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
		if (break_lines(model, mid, wrap, 0, hyphenate, &b) != 0)
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
static int lines_y(struct broken *out, int **y)
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
		width = balanced_width(model, width, wrap, hyphenate);
	if (break_lines(model, width, wrap, spacing, hyphenate, &out) != 0)
		return -1;
	return lines_y(&out, y);
}

/* ---- total fit: a Pango paragraph as boxes, glue and penalties (linebreak.h) ---------- */

/* TeX's \hyphenpenalty and \exhyphenpenalty; what a fragment of two letters before the
 * hyphen adds ("Eu-rope", "ei-nem"); a break between letters of a word wider than the line. */
enum { HYPHEN_PENALTY = 50, EXPLICIT_PENALTY = 50, SHORT_PENALTY = 250, LETTER_PENALTY = 1000 };
enum { LEFT_MIN = 2, RIGHT_MIN = 3 };

/* The items of one paragraph, and for each the character a line ending there ends before
 * (where the next begins). */
struct lb_par {
	struct lb_item *items;
	int *at;
	int n, cap;
	int from, to;           /* the paragraph's characters */
};

static int push(struct lb_par *p, struct lb_item item, int at)
{
	if (p->n == p->cap) {
		int grown = p->cap ? 2 * p->cap : 64;
		struct lb_item *items = realloc(p->items, (size_t)grown * sizeof *items);
		if (items)
			p->items = items;
		int *ats = items ? realloc(p->at, (size_t)grown * sizeof *ats) : NULL;
		if (!ats)
			return -1;
		p->at = ats;
		p->cap = grown;
	}
	p->items[p->n] = item;
	p->at[p->n++] = at;
	return 0;
}

/* The letters of the word fragment from character AT going DIR (-1 back, 1 on), up to
 * the first character that is neither a letter nor ignored (a soft hyphen, a mark). */
static int letters(const struct para_model *m, int from, int to, int at, int dir)
{
	/* Counted only as far as the minima need: in a word of 100 KB, counting it all at
	 * each of its hyphenation points was quadratic (17 s). */
	int n = 0;
	for (int i = at; i >= from && i < to && m->cls[i] & (CLS_LETTER | CLS_IGNORED) &&
			 n <= RIGHT_MIN; i += dir)
		n += m->cls[i] == CLS_LETTER;
	return n;
}

/* The item a break before character C (of FROM..TO) makes, if it may break there: false
 * for none.  Glue breaks are the spaces' (see par_items). */
static bool break_item(const struct para_model *m, const struct item *it, int from, int to,
		       int c, bool hyphenate, struct lb_item *out)
{
	const PangoLogAttr *a = &m->attrs[c];
	if (c <= from || c >= to || !a->is_line_break || m->attrs[c - 1].is_white)
		return false;
	*out = (struct lb_item){.kind = LB_PENALTY};
	if (a->break_inserts_hyphen) {
		if (!hyphenate)
			return false;
		int left = letters(m, from, to, c - 1, -1), right = letters(m, from, to, c, 1);
		if (left < LEFT_MIN || right < RIGHT_MIN)
			return false;
		out->width = it->hyphen - (a->break_removes_preceding ? m->width[c - 1] : 0);
		out->penalty = HYPHEN_PENALTY + (left == LEFT_MIN ? SHORT_PENALTY : 0);
		out->flagged = out->hyphenation = true;
	} else if (m->cls[c - 1] == CLS_HYPHEN) {
		out->penalty = EXPLICIT_PENALTY;
		out->flagged = true;
	}
	return true;
}

/* The width of the hyphen a break before character C of PAR adds: its item's (the item
 * of the character before). */
static int hyphen_before(const struct para_model *m, const struct par *par, int c)
{
	for (int i = par->n_items - 1; i >= 0; i--)
		if (m->items[par->first + i].start < c)
			return m->items[par->first + i].hyphen;
	return 0;
}

/* A box of the characters [START, END) of PAR, split between letters where it is wider
 * than WIDTH (as Pango breaks a word longer than the line, with a hyphen where its log
 * attributes insert one; then not leaving fragments shorter than the minima) unless WRAP
 * is PANGO_WRAP_WORD. */
static int push_box(const struct para_model *m, const struct par *par, struct lb_par *p,
		    int start, int end, int width, PangoWrapMode wrap, bool hyphenate)
{
	if (end <= start)
		return 0;
	long long whole = m->before[end] - m->before[start];
	if (whole > width && wrap != PANGO_WRAP_WORD)
		for (int c = start + 1; c < end; c++) {
			if (!m->attrs[c].is_char_break)
				continue;
			struct lb_item letter = {.kind = LB_PENALTY, .penalty = LETTER_PENALTY};
			if (hyphenate && m->attrs[c].break_inserts_hyphen) {
				if (letters(m, p->from, p->to, c - 1, -1) < LEFT_MIN ||
				    letters(m, p->from, p->to, c, 1) < RIGHT_MIN)
					continue;
				letter.width = hyphen_before(m, par, c);
				letter.flagged = true;
			}
			struct lb_item box = {.kind = LB_BOX,
					      .width = (int)(m->before[c] - m->before[start])};
			if (push(p, box, c) != 0 || push(p, letter, c) != 0)
				return -1;
			start = c;
		}
	struct lb_item box = {.kind = LB_BOX, .width = (int)(m->before[end] - m->before[start])};
	return push(p, box, end);
}

/* Paragraph PAR of M as boxes, glue (its spaces: a break after a space drops it, as Pango
 * gives a wrapped line's final space no room) and penalties (its other breaks), ending
 * with a forced break. */
static int par_items(const struct para_model *m, const struct par *par, int width,
		     PangoWrapMode wrap, bool hyphenate, struct lb_par *p)
{
	p->n = 0;
	const struct item *last = &m->items[par->first + par->n_items - 1];
	p->from = m->items[par->first].start;
	p->to = last->start + last->n;
	int box = p->from;
	const struct item *it = &m->items[par->first];
	for (int c = p->from; c < p->to; c++) {
		while (c >= it->start + it->n && it < last)
			it++;
		struct lb_item item;
		/* The hyphen is in the font of the text before it. */
		const struct item *before = it;
		if (c == it->start && it > m->items + par->first)
			before = it - 1;
		if (break_item(m, before, p->from, p->to, c, hyphenate, &item)) {
			if (push_box(m, par, p, box, c, width, wrap, hyphenate) != 0 ||
			    push(p, item, c) != 0)
				return -1;
			box = c;
		}
		if (!m->attrs[c].is_white)
			continue;
		if (push_box(m, par, p, box, c, width, wrap, hyphenate) != 0)
			return -1;
		int w = m->width[c];
		bool space = m->attrs[c].is_expandable_space;
		struct lb_item glue = {.kind = LB_GLUE, .width = w, .stretch = space ? w / 2 : 0,
				       .shrink = space ? w / 3 : 0,
				       .breakable = c + 1 < p->to && m->attrs[c + 1].is_line_break};
		if (push(p, glue, c + 1) != 0)
			return -1;
		box = c + 1;
	}
	struct lb_item end = {.kind = LB_PENALTY, .penalty = -LB_INFINITY};
	if (push_box(m, par, p, box, p->to, width, wrap, hyphenate) != 0 ||
	    push(p, end, p->to) != 0)
		return -1;
	return 0;
}

/* The total-fit options for paragraph PAR under the cost of BREAKER. */
static void par_options(const struct para_model *m, const struct par *par, int width,
			enum para_breaker breaker, struct lb_options *lo)
{
	/* Ragged: the room left at a line's end scores as the stretch of about six average
	 * characters (TeX's \rightskip 0pt plus 3em or so). */
	int stretch = 2 * m->items[par->first].safe;
	lb_options_init(lo, breaker == PARA_BREAK_RAGGED ? LB_RAGGED : LB_JUSTIFIED, width,
			stretch);
}

/* Appends the line [FROM, TO) of paragraph P to OUT. */
static int total_line(const struct para_model *m, int p, int from, int to, float spacing,
		      struct broken *out)
{
	int ascent, descent, height;
	line_metrics(m, &m->pars[p], from, to, &ascent, &descent, &height);
	if (add_line_out(out, ascent, descent, height, spacing) != 0)
		return -1;
	struct broken_line *line = &out->lines[out->n - 1];
	line->from = from;
	line->to = to;
	line->par = p;
	line->total = true;
	return 0;
}

/* A justified line whose word spaces would stretch to more than twice their width reads
 * as holes (and rivers): the spaces stretch by half their width per unit of ratio, so a
 * ratio over MAX_JUSTIFY_RATIO leaves them within 1.9 times. */
#define MAX_JUSTIFY_RATIO 1.8

static bool too_loose(const struct lb_line *lines, int n)
{
	for (int i = 0; i < n - 1; i++)
		if (!lines[i].overfull && lines[i].ratio > MAX_JUSTIFY_RATIO)
			return true;
	return false;
}

/* MODEL broken by total fit with OPTIONS at WRAP into OUT. */
static int break_total(const struct para_model *m, const struct para_set_options *o,
		       PangoWrapMode wrap, struct broken *out)
{
	memset(out, 0, sizeof *out);
	struct lb_par items = {0};
	struct lb_line *lines = NULL;
	for (int p = 0; p < m->n_pars; p++) {
		const struct par *par = &m->pars[p];
		if (par->n_items == 0) {
			if (total_line(m, p, par->start, par->start, o->spacing, out) != 0)
				goto fail;
			continue;
		}
		struct lb_options lo;
		enum para_breaker breaker = o->breaker;
		par_options(m, par, o->width, breaker, &lo);
		if (par_items(m, par, o->width, wrap, o->hyphenate, &items) != 0)
			goto fail;
		int n = lb_break(items.items, items.n, &lo, &lines, NULL);
		if (n > 0 && breaker == PARA_BREAK_JUSTIFIED && too_loose(lines, n)) {
			/* No breaking justifies it without holes: ragged, for an even edge. */
			free(lines);
			lines = NULL;
			breaker = PARA_BREAK_RAGGED;
			par_options(m, par, o->width, breaker, &lo);
			n = lb_break(items.items, items.n, &lo, &lines, NULL);
		}
		if (n < 0)
			goto fail;
		for (int i = 0, from = items.from; i < n; i++) {
			int to = items.at[lines[i].end];
			if (total_line(m, p, from, to, o->spacing, out) != 0)
				goto fail;
			struct broken_line *line = &out->lines[out->n - 1];
			line->wrapped = i < n - 1;
			line->overfull = lines[i].overfull;
			line->justify = breaker == PARA_BREAK_JUSTIFIED && !lines[i].overfull;
			line->ratio = lines[i].ratio;
			from = to;
		}
		free(lines);
		lines = NULL;
	}
	free(items.items);
	free(items.at);
	return 0;
fail:
	free(lines);
	free(items.items);
	free(items.at);
	free(out->lines);
	memset(out, 0, sizeof *out);
	return -1;
}

/* MODEL broken as OPTIONS ask, at WIDTH (narrower when balanced). */
static int break_as(const struct para_model *m, const struct para_set_options *o, int width,
		    struct broken *out)
{
	PangoWrapMode wrap = o->wrap ? o->wrap : PANGO_WRAP_WORD_CHAR;
	if (o->breaker == PARA_BREAK_PANGO || o->balance || wrap == PANGO_WRAP_CHAR)
		return break_lines(m, width, wrap, o->spacing, o->hyphenate, out);
	return break_total(m, o, wrap, out);
}

int para_model_break_with(const struct para_model *model, const struct para_set_options *o,
			  int **y)
{
	*y = NULL;
	if (o->breaker == PARA_BREAK_PANGO || o->balance)
		return para_model_break(model, o->width, o->wrap ? o->wrap : PANGO_WRAP_WORD_CHAR,
					o->spacing, o->hyphenate, o->balance, y);
	struct broken out;
	if (break_as(model, o, o->width, &out) != 0)
		return -1;
	return lines_y(&out, y);
}

static bool is_hyphen_break(const struct para_model *m, int at);

int para_model_break_ends(const struct para_model *model, const struct para_set_options *o,
			  int **y, bool **hyphen)
{
	*y = NULL;
	*hyphen = NULL;
	if (o->balance || !o->hyphenate) {
		int n = para_model_break_with(model, o, y);
		*hyphen = n >= 0 ? calloc((size_t)n + 1, sizeof **hyphen) : NULL;
		if (n >= 0 && !*hyphen) {
			free(*y);
			*y = NULL;
			return -1;
		}
		return n;
	}
	struct broken out;
	if (break_as(model, o, o->width, &out) != 0)
		return -1;
	*hyphen = calloc((size_t)out.n + 1, sizeof **hyphen);
	if (!*hyphen) {
		free(out.lines);
		return -1;
	}
	for (int i = 0; i < out.n; i++)
		(*hyphen)[i] = out.lines[i].wrapped && is_hyphen_break(model, out.lines[i].to);
	int n = lines_y(&out, y);
	if (n < 0) {
		free(*hyphen);
		*hyphen = NULL;
	}
	return n;
}

/* The item of P a line ending before character TO ends at: the break there, or -1. */
static int item_ending(const struct lb_par *p, int to)
{
	for (int i = 0; i < p->n; i++)
		if (p->at[i] == to && (p->items[i].kind == LB_PENALTY ||
				       (p->items[i].kind == LB_GLUE && p->items[i].breakable)))
			return i;
	return -1;
}

static void add_stats(const struct lb_par *p, const struct lb_line *lines, int n,
		      double demerits, struct para_break_stats *s)
{
	s->demerits += demerits;
	s->pars++;
	bool space = false;
	for (int i = n > 1 ? lines[n - 2].end + 1 : 0; i < p->n; i++)
		space |= p->items[i].kind == LB_GLUE && p->items[i].breakable;
	s->lonely += n > 1 && !space;
	for (int i = 0, row = 0; i < n; i++) {
		row = lines[i].hyphen ? row + 1 : 0;
		s->hyphens += lines[i].hyphen;
		s->hyphenations += p->items[lines[i].end].hyphenation;
		s->most_in_row = row > s->most_in_row ? row : s->most_in_row;
		s->overfull += lines[i].overfull;
		if (i == n - 1)
			continue;
		s->lines++;
		double r = lines[i].ratio;
		if (!isfinite(r)) {
			s->rigid++;
			continue;
		}
		s->worst_stretch = r > s->worst_stretch ? r : s->worst_stretch;
		s->worst_shrink = r < s->worst_shrink ? r : s->worst_shrink;
		s->sum_ratio += fabs(r);
		s->sum_squares += r * r;
	}
}

int para_model_score(const struct para_model *m, const struct para_set_options *o,
		     enum para_breaker cost, struct para_break_stats *stats)
{
	struct broken out;
	if (break_as(m, o, o->width, &out) != 0)
		return -1;
	PangoWrapMode wrap = o->wrap ? o->wrap : PANGO_WRAP_WORD_CHAR;
	struct lb_par items = {0};
	int *ends = malloc(sizeof *ends * ((size_t)out.n + 1));
	struct lb_line *lines = malloc(sizeof *lines * ((size_t)out.n + 1));
	int rc = ends && lines ? 0 : -1;
	for (int p = 0, i = 0; p < m->n_pars && rc == 0; p++) {
		const struct par *par = &m->pars[p];
		int n = 0;
		bool foreign = false;
		if (par->n_items && (rc = par_items(m, par, o->width, wrap, o->hyphenate, &items)) != 0)
			break;
		for (; i < out.n && out.lines[i].par == p; i++) {
			if (par->n_items && (ends[n++] = item_ending(&items, out.lines[i].to)) < 0)
				foreign = true;
		}
		stats->foreign += foreign;
		if (!par->n_items || foreign)
			continue;
		struct lb_options lo;
		par_options(m, par, o->width, cost, &lo);
		double d = lb_score(items.items, items.n, &lo, ends, n, lines);
		add_stats(&items, lines, n, d, stats);
	}
	free(ends);
	free(lines);
	free(items.items);
	free(items.at);
	free(out.lines);
	return rc;
}

/* ---- a paragraph set in lines and drawn from its one shaping ---------------------------- */

struct set_line {
	int from, to;           /* characters */
	int top, bottom, baseline;
	int x, width;           /* where the line starts (its alignment), and its width */
	int natural;            /* its width before it was justified */
	PangoGlyphItem **runs;  /* in visual order, owned */
	int *run_x;             /* where each run starts, from the line's start */
	int n_runs;
	bool wrapped, hyphen, justified, overfull;
	double ratio;
};

struct para_set {
	int refs;
	unsigned long serial;   /* para_set_serial */
	PangoLayout *layout;    /* without a width: the one shaping */
	struct para_model *model;
	const char *text;
	int length;
	int *byte_of;           /* the byte offset of each character, n_chars + 1 */
	int *char_of;           /* the character of each byte offset, length + 1 */
	PangoLayoutRun **run_at; /* the unwrapped layout's run that starts at a character */
	struct set_line *lines;
	int n_lines;
	int break_width;        /* the width the lines were broken at (balanced: narrower) */
};

static void free_line(struct set_line *line)
{
	for (int r = 0; r < line->n_runs; r++)
		pango_glyph_item_free(line->runs[r]);
	free(line->runs);
	free(line->run_x);
}

void para_set_unref(struct para_set *set)
{
	if (!set || --set->refs > 0)
		return;
	for (int i = 0; i < set->n_lines; i++)
		free_line(&set->lines[i]);
	free(set->lines);
	free(set->byte_of);
	free(set->char_of);
	free(set->run_at);
	para_model_free(set->model);
	if (set->layout)
		g_object_unref(set->layout);
	free(set);
}

struct para_set *para_set_ref(struct para_set *set)
{
	set->refs++;
	return set;
}

/* The first glyph of RUN whose cluster starts at or after byte REL of its item (in visual
 * order, log_clusters rise left to right and fall right to left): binary search, so that
 * cutting a line out of a long item does not walk the item. */
static int glyph_at(const PangoGlyphString *g, bool rtl, int rel)
{
	int lo = 0, hi = g->num_glyphs;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		bool before = rtl ? g->log_clusters[mid] >= rel : g->log_clusters[mid] < rel;
		if (before)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether byte AT of the text starts a cluster of RUN (or lies outside it). */
static bool cluster_starts(const PangoLayoutRun *run, int at)
{
	int rel = at - run->item->offset;
	if (rel <= 0 || rel >= run->item->length)
		return true;
	const PangoGlyphString *g = run->glyphs;
	bool rtl = run->item->analysis.level % 2;
	/* The first glyph whose cluster is rel or beyond it in the text. */
	int i = glyph_at(g, rtl, rtl ? rel + 1 : rel);
	return i < g->num_glyphs && g->log_clusters[i] == rel;
}

/* RUN's item cut down to characters FROM to TO (of START to START + N). */
static PangoItem *cut_item(const struct para_set *set, const PangoItem *whole, int start, int n,
			   int from, int to)
{
	PangoItem *item = pango_item_copy((PangoItem *)whole);
	if (from > start)
		pango_item_free(pango_item_split(item, set->byte_of[from] - item->offset, from - start));
	if (to < start + n) {
		PangoItem *head = pango_item_split(item, set->byte_of[to] - item->offset, to - from);
		pango_item_free(item);
		item = head;
	}
	return item;
}

/* The part of RUN (characters START to START + N) between characters FROM and TO: a copy
 * of its glyphs, or where a line ends inside one of its clusters (the ffi ligature of
 * "Of-fice" spans the soft hyphen), the text shaped again, as Pango shapes the part of an
 * item on a line. */
static PangoGlyphItem *slice(const struct para_set *set, PangoLayoutRun *run, int start, int n,
			     int from, int to)
{
	PangoGlyphItem *piece = g_slice_new0(PangoGlyphItem);
	piece->item = cut_item(set, run->item, start, n, from, to);
	piece->glyphs = pango_glyph_string_new();
	if (!cluster_starts(run, set->byte_of[from]) || !cluster_starts(run, set->byte_of[to])) {
		pango_shape_item(piece->item, set->text, set->length, set->model->attrs + from,
				 piece->glyphs, PANGO_SHAPE_NONE);
		return piece;
	}
	const PangoGlyphString *g = run->glyphs;
	bool rtl = run->item->analysis.level % 2;
	int a = set->byte_of[from] - run->item->offset, b = set->byte_of[to] - run->item->offset;
	/* Left to right the piece's glyphs are those from cluster a up to cluster b; right to
	 * left, from the last one before b back to cluster a. */
	int first = rtl ? glyph_at(g, true, b) : glyph_at(g, false, a);
	int last = rtl ? glyph_at(g, true, a) : glyph_at(g, false, b);
	pango_glyph_string_set_size(piece->glyphs, last - first);
	memcpy(piece->glyphs->glyphs, g->glyphs + first, (size_t)(last - first) * sizeof *g->glyphs);
	for (int i = first; i < last; i++)
		piece->glyphs->log_clusters[i - first] = g->log_clusters[i] - a;
	return piece;
}

/* PIECE shaped again with a hyphen at its end (a soft hyphen becomes one, or one is
 * added), as Pango shapes the part of an item that ends a line at a hyphenation point. */
static void shape_hyphen(struct para_set *set, PangoGlyphItem *piece)
{
	PangoItem *item = pango_item_copy(piece->item);
	PangoGlyphString *glyphs = pango_glyph_string_new();
	item->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	pango_shape_item(item, set->text, set->length,
			 set->model->attrs + set->char_of[item->offset], glyphs, PANGO_SHAPE_NONE);
	pango_item_free(piece->item);
	pango_glyph_string_free(piece->glyphs);
	piece->item = item;
	piece->glyphs = glyphs;
}

/* The line ends at a hyphenation point inside its last piece, PIECE (characters FROM to TO).
 * Pango shapes the whole piece again with the hyphen; only its last word can change, so
 * the glyphs before the word are kept and the word alone is shaped again.  Returns the
 * pieces, one or two, in *OUT. */
static int add_hyphen(struct para_set *set, PangoGlyphItem *piece, int from, int to,
		      PangoGlyphItem **out)
{
	const PangoLogAttr *a = set->model->attrs;
	int word = to - 1;
	while (word > from && !(a[word].is_line_break && a[word - 1].is_white))
		word--;
	int at = set->byte_of[word] - piece->item->offset;
	bool clusters = false;
	for (int g = 0; word > from && g < piece->glyphs->num_glyphs && !clusters; g++)
		clusters = piece->glyphs->log_clusters[g] == at;
	if (word <= from || !clusters) {
		shape_hyphen(set, piece);
		out[0] = piece;
		return 1;
	}
	out[0] = pango_glyph_item_split(piece, set->text, at); /* in logical order */
	shape_hyphen(set, piece);
	out[1] = piece;
	return 2;
}

/* A wrapped line's final space takes no room (Pango's zero_line_final_space). */
static void zero_final_space(PangoGlyphItem *piece)
{
	PangoGlyphString *g = piece->glyphs;
	if (g->num_glyphs < 1)
		return;
	int last = piece->item->analysis.level % 2 ? 0 : g->num_glyphs - 1;
	g->glyphs[last].geometry.width = 0;
	g->glyphs[last].glyph = PANGO_GLYPH_EMPTY;
}

/* Visual order, the bidi algorithm's rule L2: from the highest level down to the lowest
 * odd one, every sequence of pieces at that level or above is reversed. */
static void reorder(PangoGlyphItem **runs, int n)
{
	int top = 0, low = 255;
	for (int i = 0; i < n; i++) {
		int level = runs[i]->item->analysis.level;
		top = level > top ? level : top;
		low = level < low ? level : low;
	}
	if (low % 2 == 0)
		low++;
	for (int level = top; level >= low; level--)
		for (int i = 0; i < n;) {
			if (runs[i]->item->analysis.level < level) {
				i++;
				continue;
			}
			int j = i;
			while (j < n && runs[j]->item->analysis.level >= level)
				j++;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				PangoGlyphItem *t = runs[a];
				runs[a] = runs[b];
				runs[b] = t;
			}
			i = j;
		}
}

/* Spreads EXTRA over the line's expandable spaces in proportion to their widths, as
 * Pango's justify_words does.  False when the line has none (Pango would then spread it
 * between letters; such a line is left as it is). */
static bool justify(const struct para_set *set, struct set_line *line, int extra)
{
	long long total = 0;
	for (int pass = 0; pass < 2; pass++) {
		long long so_far = 0, added = 0;
		for (int r = 0; r < line->n_runs; r++) {
			PangoGlyphItem *run = line->runs[r];
			PangoGlyphString *g = run->glyphs;
			int first = set->char_of[run->item->offset];
			PangoGlyphItemIter it;
			for (gboolean more = pango_glyph_item_iter_init_start(&it, run, set->text); more;
			     more = pango_glyph_item_iter_next_cluster(&it)) {
				if (!set->model->attrs[first + it.start_char].is_expandable_space)
					continue;
				int dir = it.start_glyph < it.end_glyph ? 1 : -1;
				for (int i = it.start_glyph; i != it.end_glyph; i += dir) {
					if (g->glyphs[i].geometry.width == 0)
						continue;
					so_far += g->glyphs[i].geometry.width;
					if (pass == 1) {
						int adjust = (int)(so_far * extra / total - added);
						g->glyphs[i].geometry.width += adjust;
						added += adjust;
					}
				}
			}
		}
		if (pass == 0 && (total = so_far) == 0)
			return false;
	}
	return true;
}

/* A line without a space to stretch (a word broken between letters) is spread between its
 * letters instead, each gap alike (Pango's justify_clusters). */
static void justify_letters(const struct para_set *set, struct set_line *line, int extra)
{
	int gaps = -1;
	PangoGlyphInfo *last = NULL;
	for (int pass = 0; pass < 2; pass++) {
		int n = 0;
		for (int r = 0; r < line->n_runs; r++) {
			PangoGlyphItem *run = line->runs[r];
			PangoGlyphString *g = run->glyphs;
			int first = set->char_of[run->item->offset];
			bool rtl = run->item->analysis.level % 2;
			PangoGlyphItemIter it;
			for (gboolean more = rtl ? pango_glyph_item_iter_init_end(&it, run, set->text)
						 : pango_glyph_item_iter_init_start(&it, run, set->text);
			     more; more = rtl ? pango_glyph_item_iter_prev_cluster(&it)
					      : pango_glyph_item_iter_next_cluster(&it)) {
				if (!set->model->attrs[first + it.start_char].is_cursor_position)
					continue;
				int dir = it.start_glyph < it.end_glyph ? 1 : -1, width = 0;
				for (int i = it.start_glyph; i != it.end_glyph; i += dir)
					width += g->glyphs[i].geometry.width;
				if (width == 0)
					continue;
				n++;
				if (pass == 1) {
					int right = dir > 0 ? it.end_glyph - 1 : it.start_glyph;
					g->glyphs[right].geometry.width += extra / gaps;
					last = &g->glyphs[right];
				}
			}
		}
		if (pass == 0 && (gaps = n - 1) <= 0)
			return;
	}
	if (last)
		last->geometry.width -= extra / gaps; /* nothing after the last letter */
}

static bool is_hyphen_break(const struct para_model *m, int at)
{
	return m->attrs[at].break_inserts_hyphen || m->attrs[at].break_removes_preceding;
}

/* The runs of line B of SET, sliced from the one shaping, with Pango's line-end rules. */
static int build_line(struct para_set *set, const struct broken_line *b,
		      const struct para_set_options *o, struct set_line *line)
{
	const struct para_model *m = set->model;
	const struct par *par = &m->pars[b->par];
	memset(line, 0, sizeof *line);
	line->from = b->from;
	line->to = b->to;
	line->top = b->top;
	line->bottom = b->bottom;
	line->baseline = b->baseline;
	line->runs = calloc((size_t)par->n_items + 2, sizeof *line->runs);
	line->run_x = calloc((size_t)par->n_items + 2, sizeof *line->run_x);
	if (!line->runs || !line->run_x)
		return -1;
	for (int k = 0; k < par->n_items; k++) {
		const struct item *item = &m->items[par->first + k];
		int s = item->start, e = item->start + item->n;
		if (e <= b->from || s >= b->to || !set->run_at[s])
			continue;
		int from = b->from > s ? b->from : s, to = b->to < e ? b->to : e;
		PangoLayoutRun *run = set->run_at[s];
		PangoGlyphItem *piece = slice(set, run, s, item->n, from, to);
		if (to == b->to && b->wrapped && o->hyphenate && is_hyphen_break(m, b->to)) {
			line->n_runs += add_hyphen(set, piece, from, to, line->runs + line->n_runs);
			line->hyphen = true;
		}
		else
			line->runs[line->n_runs++] = piece;
	}
	if (b->wrapped && line->n_runs > 0 && !(o->hyphenate && is_hyphen_break(m, b->to)) &&
	    b->to > 0 &&
	    m->attrs[b->to - 1].is_white)
		zero_final_space(line->runs[line->n_runs - 1]);
	reorder(line->runs, line->n_runs);
	int natural = 0;
	for (int r = 0; r < line->n_runs; r++)
		natural += pango_glyph_string_get_width(line->runs[r]->glyphs);
	/* Total fit justifies both ways: a line it set with shrunk spaces is wider than the
	 * width at its spaces' natural widths. */
	line->wrapped = b->wrapped;
	line->justified = b->wrapped && (b->total ? b->justify : o->justify);
	line->overfull = b->overfull;
	line->ratio = b->ratio;
	bool adjust = b->total ? natural != o->width : natural < o->width;
	if (line->justified && adjust && !justify(set, line, o->width - natural))
		justify_letters(set, line, o->width - natural);
	line->width = 0;
	for (int r = 0; r < line->n_runs; r++) {
		line->run_x[r] = line->width;
		line->width += pango_glyph_string_get_width(line->runs[r]->glyphs);
	}
	if (o->width >= 0 && o->align == PANGO_ALIGN_RIGHT)
		line->x = o->width - line->width;
	else if (o->width >= 0 && o->align == PANGO_ALIGN_CENTER)
		line->x = (o->width - line->width) / 2;
	line->natural = natural;
	return 0;
}

/* Where each character's bytes are, and the run that starts at each character. */
static int index_text(struct para_set *set)
{
	int n_chars = set->model->n_chars;
	set->byte_of = calloc((size_t)n_chars + 2, sizeof *set->byte_of);
	set->char_of = calloc((size_t)set->length + 2, sizeof *set->char_of);
	set->run_at = calloc((size_t)n_chars + 2, sizeof *set->run_at);
	if (!set->byte_of || !set->char_of || !set->run_at)
		return -1;
	int c = 0;
	for (int i = 0; i <= set->length; i++) {
		bool starts = i == set->length || ((unsigned char)set->text[i] & 0xC0) != 0x80;
		if (starts && c <= n_chars)
			set->byte_of[c] = i;
		set->char_of[i] = starts ? c++ : c - 1;
	}
	for (GSList *l = pango_layout_get_lines_readonly(set->layout); l; l = l->next)
		for (GSList *r = ((PangoLayoutLine *)l->data)->runs; r; r = r->next) {
			PangoLayoutRun *run = r->data;
			set->run_at[set->char_of[run->item->offset]] = run;
		}
	return 0;
}

struct para_set *para_set_new(PangoLayout *layout, const struct para_set_options *o)
{
	struct para_set *set = calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->refs = 1;
	static unsigned long serial;
	set->serial = ++serial;
	set->layout = g_object_ref(layout);
	set->text = pango_layout_get_text(layout);
	set->length = (int)strlen(set->text);
	struct broken b = {0};
	PangoWrapMode wrap = o->wrap ? o->wrap : PANGO_WRAP_WORD_CHAR;
	set->model = para_model_new(layout);
	if (!set->model || index_text(set) != 0)
		goto fail;
	set->break_width = o->balance ? balanced_width(set->model, o->width, wrap, o->hyphenate)
				       : o->width;
	if (break_as(set->model, o, set->break_width, &b) != 0)
		goto fail;
	set->lines = calloc((size_t)b.n + 1, sizeof *set->lines);
	if (!set->lines)
		goto fail;
	for (int i = 0; i < b.n; i++) {
		set->n_lines++;
		if (build_line(set, &b.lines[i], o, &set->lines[i]) != 0)
			goto fail;
	}
	free(b.lines);
	return set;
fail:
	free(b.lines);
	para_set_unref(set);
	return NULL;
}

int para_set_lines(const struct para_set *set)
{
	return set->n_lines;
}

void para_set_line_extents(const struct para_set *set, int line, int *x, int *top, int *width,
			   int *bottom)
{
	const struct set_line *l = &set->lines[line];
	*x = l->x;
	*top = l->top;
	*width = l->width;
	*bottom = l->bottom;
}

int para_set_break_width(const struct para_set *set)
{
	return set->break_width;
}

int para_set_line_start(const struct para_set *set, int line)
{
	return set->byte_of[set->lines[line].from];
}

PangoLayout *para_set_layout(const struct para_set *set)
{
	return set->layout;
}

unsigned long para_set_serial(const struct para_set *set)
{
	return set->serial;
}

const char *para_set_text(const struct para_set *set)
{
	return set->text;
}

/* The Pango paragraph (text between separators) character C is in. */
static int par_of(const struct para_model *m, int c)
{
	int p = 0;
	while (p + 1 < m->n_pars && m->pars[p + 1].start <= c)
		p++;
	return p;
}

void para_set_line_info(const struct para_set *set, int line, struct para_line_info *out)
{
	const struct set_line *l = &set->lines[line];
	const struct para_model *m = set->model;
	*out = (struct para_line_info){.natural = l->natural, .width = l->width, .gap_ratio = 1,
				       .hyphen = l->hyphen, .justified = l->justified,
				       .overfull = l->overfull, .ratio = l->ratio};
	long long drawn = 0, natural = 0;
	for (int r = 0; r < l->n_runs; r++) {
		PangoGlyphItem *run = l->runs[r];
		int first = set->char_of[run->item->offset];
		PangoGlyphItemIter it;
		for (gboolean more = pango_glyph_item_iter_init_start(&it, run, set->text); more;
		     more = pango_glyph_item_iter_next_cluster(&it)) {
			if (!m->attrs[first + it.start_char].is_expandable_space)
				continue;
			int dir = it.start_glyph < it.end_glyph ? 1 : -1, width = 0;
			for (int i = it.start_glyph; i != it.end_glyph; i += dir)
				width += run->glyphs->glyphs[i].geometry.width;
			if (width == 0)
				continue; /* a wrapped line's final space takes no room */
			out->spaces++;
			drawn += width;
			for (int c = first + it.start_char; c < first + it.end_char; c++)
				natural += m->width[c];
		}
	}
	if (natural > 0)
		out->gap_ratio = (double)drawn / (double)natural;
	out->last = line + 1 == set->n_lines ||
		    par_of(m, set->lines[line + 1].from) != par_of(m, l->from);
	int end = l->to; /* less a wrapped line's final space or a forced break (U+2028) */
	if (end > l->from && m->attrs[end - 1].is_white)
		end--;
	out->start = set->byte_of[l->from];
	out->end = set->byte_of[end];
}

static const PangoAttribute *find_attr(const PangoItem *item, PangoAttrType type)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next)
		if (((PangoAttribute *)l->data)->klass->type == type)
			return l->data;
	return NULL;
}

/* ---- what a line copies out as ------------------------------------------------------- */

/* A reader (poppler, MuPDF, a screen reader) takes a PDF's text from what each glyph maps
 * to, and puts words together from where glyphs stand.  That goes wrong where the glyphs
 * are not the text: a word broken over two lines comes back as two pieces (with the soft
 * hyphen), and right-to-left text is put back together from glyphs in visual order, which
 * loses a ZWNJ's place, turns a lam-alef ligature around and glues digits to the next word.
 * So the glyphs are given to cairo in clusters of our choosing, and cairo writes a cluster
 * whose glyphs are not one character each as a marked-content span with /ActualText:
 *   - a right-to-left run: one cluster per word, its text in logical order;
 *   - a word broken at a line's end: its glyphs there (with the hyphen) copy as the whole
 *     word, and its rest at the next line's start as nothing;
 *   - any other word: Pango's clusters (one glyph, one character: no span);
 * and the characters resolve added and nobody typed (soft hyphens, bidi isolates and
 * marks) are left out of every cluster's text. */

/* Whether the character CP is one that copies out as nothing. */
static bool is_dropped(uint32_t cp)
{
	return cp == 0xAD || cp == 0x61C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Appends TEXT's bytes [A, B) but the dropped characters to BUF (of *LEN, room enough). */
static void append_kept(char *buf, int *len, const char *text, int a, int b)
{
	for (int i = a; i < b;) {
		const char *next = g_utf8_next_char(text + i);
		int n = (int)(next - (text + i));
		if (!is_dropped(g_utf8_get_char(text + i))) {
			memcpy(buf + *len, text + i, (size_t)n);
			*len += n;
		}
		i += n;
	}
}

/* Whether LINE of SET ends inside a word that goes on at the next line's start. */
static bool ends_in_word(const struct para_set *set, int line)
{
	if (line < 0 || line + 1 >= set->n_lines)
		return false;
	const struct set_line *l = &set->lines[line];
	const struct para_model *m = set->model;
	return l->to > l->from && !m->attrs[l->to - 1].is_white &&
	       par_of(m, set->lines[line + 1].from) == par_of(m, l->from);
}

/* The character after the word that character C is in ends (a space, or the paragraph's
 * end). */
static int word_end(const struct para_set *set, int c)
{
	const struct para_model *m = set->model;
	int p = par_of(m, c), end = p + 1 < m->n_pars ? m->pars[p + 1].start : m->n_chars;
	while (c < end && !m->attrs[c].is_white)
		c++;
	return c;
}

/* Whether the text of LINE up to character C is the rest of a word that began on an
 * earlier line. */
static bool continues_to(const struct para_set *set, int line, int c)
{
	const struct set_line *l = &set->lines[line];
	if (!ends_in_word(set, line - 1))
		return false;
	for (int k = l->from; k < c; k++)
		if (set->model->attrs[k].is_white)
			return false;
	return true;
}

/* Whether LINE is all the middle of one word that began on an earlier line (a long URL, a
 * word longer than the line): it copies out as nothing, and no more of the word need be
 * looked at (that would take as long as the word for every line of it). */
static bool continues_throughout(const struct para_set *set, int line)
{
	return continues_to(set, line, set->lines[line].to);
}

/* A cluster of Pango's: bytes [A, B) of the text, its glyphs' range in the run. */
struct cluster {
	int a, b, g0, g1; /* glyphs [g0, g1) in visual order */
	bool white;
};

/* The clusters of RUN in logical order, in a new array (free) of *N; NULL when out of
 * memory. */
static struct cluster *run_clusters(const struct para_set *set, PangoGlyphItem *run, int *n)
{
	struct cluster *c = malloc(((size_t)run->glyphs->num_glyphs + 1) * sizeof *c);
	*n = 0;
	if (!c)
		return NULL;
	PangoGlyphItemIter it;
	for (gboolean more = pango_glyph_item_iter_init_start(&it, run, set->text); more;
	     more = pango_glyph_item_iter_next_cluster(&it)) {
		bool forward = it.start_glyph <= it.end_glyph;
		c[*n] = (struct cluster){
			.a = it.start_index, .b = it.end_index,
			.g0 = forward ? it.start_glyph : it.end_glyph + 1,
			.g1 = forward ? it.end_glyph : it.start_glyph + 1,
			.white = set->model->attrs[set->char_of[it.start_index]].is_white,
		};
		(*n)++;
	}
	return c;
}

/* What a run is drawn as: glyphs, clusters and their text, as cairo_show_text_glyphs
 * takes them (clusters in visual order). */
struct run_text {
	cairo_glyph_t *glyphs;
	int n_glyphs;
	cairo_text_cluster_t *clusters;
	int n_clusters;
	char *utf8;
	int len;
	int *x;             /* the pen position of each of the run's glyphs */
	double x0, y0;      /* the run's origin */
};

/* A cluster Pango draws nothing for whose text a reader should see (a ZWNJ, a ZWJ): the
 * font's own glyph for it, which is invisible and takes no room, drawn at the cluster's
 * place so that it copies out one glyph to one character where it was typed.  Whether the
 * font has one; sets *GLYPH. */
/* Whether FONT has a glyph for CP that takes no room and draws nothing (Vazirmatn's marks
 * do; Roboto draws its ZWNJ and direction marks as visible symbols). */
static bool invisible_in(hb_font_t *font, gunichar cp, hb_codepoint_t *glyph)
{
	hb_glyph_extents_t extents;
	return hb_font_get_nominal_glyph(font, cp, glyph) &&
	       hb_font_get_glyph_h_advance(font, *glyph) == 0 &&
	       hb_font_get_glyph_extents(font, *glyph, &extents) && extents.width == 0 &&
	       extents.height == 0;
}

static bool invisible_glyph(const PangoGlyphItem *run, const char *text, int a, int b,
			    hb_codepoint_t *glyph)
{
	char kept[8];
	int n = 0;
	if (b - a > 4)
		return false;
	append_kept(kept, &n, text, a, b);
	hb_font_t *font = pango_font_get_hb_font(run->item->analysis.font);
	return n > 0 && g_utf8_next_char(kept) == kept + n &&
	       invisible_in(font, g_utf8_get_char(kept), glyph);
}

/* Draws the invisible glyph of the cluster at glyph G with text [A, B): 1, or 0 without. */
static int add_invisible(struct run_text *rt, PangoGlyphItem *run, int g, const char *text,
			 int a, int b)
{
	hb_codepoint_t glyph;
	if (!invisible_glyph(run, text, a, b, &glyph))
		return 0;
	/* a hair before the next letter, so that a reader that sorts by position keeps it
	 * between its two letters */
	rt->glyphs[rt->n_glyphs++] = (cairo_glyph_t){
		.index = glyph,
		.x = rt->x0 + (double)rt->x[g] / PANGO_SCALE - 0.01,
		.y = rt->y0,
	};
	return 1;
}

/* Adds glyphs [G0, G1) of RUN (the visible ones) and the text [A, B) of BUF as one cluster;
 * nothing when there is neither. */
static void add_cluster(struct run_text *rt, PangoGlyphItem *run, int g0, int g1,
			const char *text, int a, int b)
{
	int glyphs = 0;
	bool rtl = run->item->analysis.level & 1;
	for (int k = g0; k < g1; k++) {
		int g = rtl ? g1 - 1 - (k - g0) : k;
		PangoGlyphInfo *info = &run->glyphs->glyphs[g];
		if (info->glyph == PANGO_GLYPH_EMPTY || (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
			continue;
		rt->glyphs[rt->n_glyphs++] = (cairo_glyph_t){
			.index = info->glyph,
			.x = rt->x0 + (double)(rt->x[g] + info->geometry.x_offset) / PANGO_SCALE,
			.y = rt->y0 + (double)info->geometry.y_offset / PANGO_SCALE,
		};
		if (text && g1 - g0 == 1 && info->geometry.width == 0 &&
		    u_charType((UChar32)g_utf8_get_char(text + a)) == U_FORMAT_CHAR)
			rt->glyphs[rt->n_glyphs - 1].x -= 0.01; /* as add_invisible says */
		glyphs++;
	}
	if (glyphs == 0 && text)
		glyphs = add_invisible(rt, run, g0, text, a, b);
	int start = rt->len;
	if (text)
		append_kept(rt->utf8, &rt->len, text, a, b);
	if (glyphs == 0) {
		rt->len = start; /* text without glyphs: nowhere for a reader to put it */
		return;
	}
	rt->clusters[rt->n_clusters++] = (cairo_text_cluster_t){rt->len - start, glyphs};
}
/* Whether clusters [I, J) of a word must copy out as one: one of them has text but no glyph
 * to carry it (a ZWNJ, say). */
static bool needs_one_cluster(const struct cluster *c, int i, int j, const PangoGlyphItem *run,
			      const char *text)
{
	for (int k = i; k < j; k++) {
		bool glyph = false;
		for (int g = c[k].g0; g < c[k].g1 && !glyph; g++)
			glyph = run->glyphs->glyphs[g].glyph != PANGO_GLYPH_EMPTY;
		char kept[64];
		int n = 0;
		hb_codepoint_t invisible;
		if (!glyph && c[k].b - c[k].a < (int)sizeof kept &&
		    !invisible_glyph(run, text, c[k].a, c[k].b, &invisible)) {
			append_kept(kept, &n, text, c[k].a, c[k].b);
			if (n > 0)
				return true;
		}
	}
	return false;
}

/* Right-to-left marks for poppler.  poppler puts a right-to-left line together from where
 * its glyphs stand, and takes a number's separator or terminator (، . : %), a number, or
 * a Latin word, together with every space and neutral to its left up to the next
 * right-to-left letter, as one left-to-right piece: a word's comma goes after the space,
 * a number or a name is glued to the word after it.  A right-to-left mark (U+200F, the
 * font's invisible glyph) just left of such a character or run ends the piece where it
 * belongs; it is where a typist would put one (after the comma or number, in logical
 * order), and it is invisible. */

/* Whether cluster K of the right-to-left RUN is a number's separator or terminator. */
static bool is_weak(const PangoGlyphItem *run, const struct cluster *c, int k, const char *text)
{
	if (run->item->analysis.level % 2 == 0)
		return false;
	gunichar ch = g_utf8_get_char(text + c[k].a);
	UCharDirection d = u_charDirection((UChar32)ch);
	return !g_unichar_isspace(ch) &&
	       (d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER || d == U_COMMON_NUMBER_SEPARATOR ||
		d == U_EUROPEAN_NUMBER_SEPARATOR || d == U_EUROPEAN_NUMBER_TERMINATOR);
}

/* The direction mark CP (U+200F RLM, U+200E LRM) just left of X (Pango units from the
 * run's start), if the run's font has an invisible glyph for it. */
static void add_mark(struct run_text *rt, PangoGlyphItem *run, int x, gunichar cp)
{
	hb_codepoint_t glyph;
	if (!invisible_in(pango_font_get_hb_font(run->item->analysis.font), cp, &glyph))
		return;
	rt->glyphs[rt->n_glyphs++] = (cairo_glyph_t){
		.index = glyph,
		.x = rt->x0 + (double)x / PANGO_SCALE - 0.01,
		.y = rt->y0,
	};
	int n = g_unichar_to_utf8(cp, rt->utf8 + rt->len);
	rt->len += n;
	rt->clusters[rt->n_clusters++] = (cairo_text_cluster_t){n, 1};
}

/* Adds the word or space of clusters [I, J) of run R of LINE to RT, as "what a line
 * copies out as" says. */
static void add_group(struct run_text *rt, const struct para_set *set, int line, int r,
		      const struct cluster *c, int i, int j)
{
	const struct set_line *l = &set->lines[line];
	PangoGlyphItem *run = l->runs[r];
	int g0 = INT_MAX, g1 = 0;
	for (int k = i; k < j; k++) {
		g0 = c[k].g0 < g0 ? c[k].g0 : g0;
		g1 = c[k].g1 > g1 ? c[k].g1 : g1;
	}
	int from = set->char_of[c[i].a], to = set->char_of[c[j - 1].b];
	bool word = !c[i].white;
	if (word && continues_to(set, line, from)) {
		add_cluster(rt, run, g0, g1, NULL, 0, 0);
	} else if (word && to >= l->to && ends_in_word(set, line)) {
		add_cluster(rt, run, g0, g1, set->text, c[i].a, set->byte_of[word_end(set, l->to)]);
	} else if (needs_one_cluster(c, i, j, run, set->text)) {
		add_cluster(rt, run, g0, g1, set->text, c[i].a, c[j - 1].b);
	} else {
		for (int k = i; k < j; k++) {
			add_cluster(rt, run, c[k].g0, c[k].g1, set->text, c[k].a, c[k].b);
			if (is_weak(run, c, k, set->text))
				add_mark(rt, run, rt->x[c[k].g0], 0x200F);
		}
	}
}

static void run_text_free(struct run_text *rt)
{
	free(rt->glyphs);
	free(rt->clusters);
	free(rt->utf8);
	free(rt->x);
}

/* RT for run R of LINE: 0, or -1 when out of memory. */
static int run_text_build(const struct para_set *set, int line, int r, struct run_text *rt)
{
	const struct set_line *l = &set->lines[line];
	PangoGlyphItem *run = l->runs[r];
	int n_glyphs = run->glyphs->num_glyphs, n = 0;
	int extra = 0; /* the rest of a word hyphenated at the line's end */
	if (ends_in_word(set, line) && !continues_throughout(set, line))
		extra = set->byte_of[word_end(set, l->to)] - set->byte_of[l->to];
	*rt = (struct run_text){
		/* each glyph, an invisible one for a cluster without, a mark after each */
		.glyphs = malloc((3 * (size_t)n_glyphs + 2) * sizeof *rt->glyphs),
		.clusters = malloc((3 * (size_t)n_glyphs + 2) * sizeof *rt->clusters),
		.utf8 = malloc((size_t)run->item->length + (size_t)extra + 3 * (size_t)n_glyphs + 4),
		.x = malloc(((size_t)n_glyphs + 1) * sizeof *rt->x),
		.x0 = (double)(l->x + l->run_x[r]) / PANGO_SCALE,
		.y0 = (double)l->baseline / PANGO_SCALE,
	};
	struct cluster *c = run_clusters(set, run, &n);
	int *starts = malloc(((size_t)n + 1) * sizeof *starts), n_groups = 0;
	if (!rt->glyphs || !rt->clusters || !rt->utf8 || !rt->x || !c || !starts) {
		free(c);
		free(starts);
		run_text_free(rt);
		return -1;
	}
	for (int g = 0, x = 0; g < n_glyphs; x += run->glyphs->glyphs[g++].geometry.width)
		rt->x[g] = x;
	/* Words and spaces, in logical order; drawn in visual order. */
	for (int i = 0; i < n;) {
		starts[n_groups++] = i;
		i++;
		while (i < n && !c[i].white && !c[i - 1].white)
			i++;
	}
	starts[n_groups] = n;
	for (int g = 0; g < n_groups; g++)
		add_group(rt, set, line, r, c, starts[g], starts[g + 1]);
	/* A number or name in right-to-left text ends at its left with a right-to-left mark
	 * (drawn by the right-to-left run there, whose font has an invisible one); a Farsi
	 * phrase in left-to-right text ends at its right with a left-to-right mark (so that
	 * poppler does not take the bracket and space after it into the phrase). */
	bool base_rtl = pango_context_get_base_dir(pango_layout_get_context(set->layout)) ==
			PANGO_DIRECTION_RTL;
	bool rtl = run->item->analysis.level % 2;
	int end = n_glyphs ? rt->x[n_glyphs - 1] + run->glyphs->glyphs[n_glyphs - 1].geometry.width : 0;
	if (n > 0 && base_rtl && rtl && r + 1 < l->n_runs && l->runs[r + 1]->item->analysis.level % 2 == 0)
		add_mark(rt, run, end, 0x200F);
	else if (n > 0 && !base_rtl && rtl)
		add_mark(rt, run, end, 0x200E);
	free(c);
	free(starts);
	return 0;
}

/* The run of L that is K-th in logical order (its runs are in visual order). */
static int logical_run(const struct set_line *l, int k)
{
	for (int r = 0; r < l->n_runs; r++) {
		int before = 0;
		for (int o = 0; o < l->n_runs; o++)
			before += l->runs[o]->item->offset < l->runs[r]->item->offset;
		if (before == k)
			return r;
	}
	return k;
}

/* A line's runs are drawn in logical order, each one's glyphs too (right to left in a
 * right-to-left run): MuPDF takes the text in the order it is drawn, and poppler by where
 * it stands. */
void para_set_draw_line(const struct para_set *set, cairo_t *cr, int line)
{
	const struct set_line *l = &set->lines[line];
	double y = (double)l->baseline / PANGO_SCALE;
	for (int k = 0; k < l->n_runs; k++) {
		int r = logical_run(l, k);
		PangoGlyphItem *run = l->runs[r];
		double x = (double)(l->x + l->run_x[r]) / PANGO_SCALE;
		const PangoAttribute *color = find_attr(run->item, PANGO_ATTR_FOREGROUND);
		const PangoAttribute *underline = find_attr(run->item, PANGO_ATTR_UNDERLINE);
		struct run_text rt;
		cairo_save(cr);
		if (color) {
			const PangoColor *c = &((const PangoAttrColor *)color)->color;
			cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0);
		}
		if (run_text_build(set, line, r, &rt) == 0) {
			cairo_set_scaled_font(cr, pango_cairo_font_get_scaled_font(
							  PANGO_CAIRO_FONT(run->item->analysis.font)));
			cairo_show_text_glyphs(cr, rt.utf8, rt.len, rt.glyphs, rt.n_glyphs, rt.clusters,
					       rt.n_clusters, 0);
			run_text_free(&rt);
		} else {
			cairo_move_to(cr, x, y); /* out of memory: drawn as Pango draws it */
			pango_cairo_show_glyph_item(cr, set->text, run);
		}
		if (underline && ((const PangoAttrInt *)underline)->value != PANGO_UNDERLINE_NONE) {
			PangoFontMetrics *metrics = pango_font_get_metrics(run->item->analysis.font,
									   run->item->analysis.language);
			double position = pango_font_metrics_get_underline_position(metrics);
			double thickness = pango_font_metrics_get_underline_thickness(metrics);
			pango_font_metrics_unref(metrics);
			cairo_rectangle(cr, x, y - position / PANGO_SCALE,
					(double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE,
					thickness / PANGO_SCALE);
			cairo_fill(cr);
		}
		cairo_restore(cr);
	}
}

int para_set_x_ranges(const struct para_set *set, int line, int start, int end, int *ranges,
		      int max)
{
	const struct set_line *l = &set->lines[line];
	int n = 0;
	for (int r = 0; r < l->n_runs && n < max; r++) {
		PangoGlyphItem *run = l->runs[r];
		PangoGlyphString *g = run->glyphs;
		int lo = INT_MAX, hi = INT_MIN;
		PangoGlyphItemIter it;
		for (gboolean more = pango_glyph_item_iter_init_start(&it, run, set->text); more;
		     more = pango_glyph_item_iter_next_cluster(&it)) {
			int a = it.start_index, b = it.end_index; /* bytes of the text */
			if (b <= start || a >= end)
				continue;
			int first = it.start_glyph < it.end_glyph ? it.start_glyph : it.end_glyph + 1;
			int last = it.start_glyph < it.end_glyph ? it.end_glyph - 1 : it.start_glyph;
			int x = 0;
			for (int i = 0; i < first; i++)
				x += g->glyphs[i].geometry.width;
			int x1 = x;
			for (int i = first; i <= last; i++)
				x1 += g->glyphs[i].geometry.width;
			lo = x < lo ? x : lo;
			hi = x1 > hi ? x1 : hi;
		}
		if (lo <= hi) {
			ranges[2 * n] = l->x + l->run_x[r] + lo;
			ranges[2 * n + 1] = l->x + l->run_x[r] + hi;
			n++;
		}
	}
	return n;
}
