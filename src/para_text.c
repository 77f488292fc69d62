/* para_text.c — a line of a para_set drawn with cairo, and what it copies out as: its own
 * cairo_show_text_glyphs clusters (see below); see para.h and para_internal.h. */
#include "para.h"

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <unicode/uchar.h>
#include <pango/pangocairo.h>

#include "para_internal.h"

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
