/* para_set.c — a paragraph set in lines from its one shaping (para_set_new): each line's
 * runs sliced from the unwrapped layout with Pango's line-end rules, in visual order,
 * justified; the lines' extents and facts.  Drawing them is para_text.c's. */
#include "para.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "para_internal.h"

/* ---- a paragraph set in lines and drawn from its one shaping ---------------------------- */

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
	set->break_width = o->balance ? para_balanced_width(set->model, o->width, wrap, o->hyphenate)
				       : o->width;
	if (para_break_as(set->model, o, set->break_width, &b) != 0)
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
