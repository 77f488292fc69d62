/* para_fit.c — a para_model broken by total fit (linebreak.h: TeX's algorithm), and
 * breaking as a para_set_options asks; see para.h and para_internal.h. */
#include "para.h"

#include <math.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "grow.h"
#include "linebreak.h"
#include "para_internal.h"

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
	int n;
	size_t cap_items, cap_at;
	int from, to;           /* the paragraph's characters */
};

static int push(struct lb_par *p, struct lb_item item, int at)
{
	size_t need = (size_t)p->n + 1;
	if (!GROW(p->items, p->cap_items, need) || !GROW(p->at, p->cap_at, need))
		return -1;
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
	para_line_metrics(m, &m->pars[p], from, to, &ascent, &descent, &height);
	if (para_add_line_out(out, ascent, descent, height, spacing) != 0)
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
int para_break_as(const struct para_model *m, const struct para_set_options *o, int width,
		  struct broken *out)
{
	PangoWrapMode wrap = o->wrap ? o->wrap : PANGO_WRAP_WORD_CHAR;
	if (o->breaker == PARA_BREAK_PANGO || o->balance || wrap == PANGO_WRAP_CHAR)
		return para_break_lines(m, width, wrap, o->spacing, o->hyphenate, out);
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
	if (para_break_as(model, o, o->width, &out) != 0)
		return -1;
	return para_lines_y(&out, y);
}

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
	if (para_break_as(model, o, o->width, &out) != 0)
		return -1;
	*hyphen = calloc((size_t)out.n + 1, sizeof **hyphen);
	if (!*hyphen) {
		free(out.lines);
		return -1;
	}
	for (int i = 0; i < out.n; i++)
		(*hyphen)[i] = out.lines[i].wrapped && is_hyphen_break(model, out.lines[i].to);
	int n = para_lines_y(&out, y);
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
	if (para_break_as(m, o, o->width, &out) != 0)
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
