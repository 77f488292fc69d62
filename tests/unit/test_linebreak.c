/* Total-fit line breaking (src/linebreak.c, and its use in src/para.c).
 *
 * First the algorithm alone, on paragraphs small enough to check by hand or by trying
 * every way of breaking them: it finds the breaking of least demerits (as TeX's passes
 * define it), evens out the loose line first fit leaves, never sets three hyphens in a
 * row, sets a line overfull only when a box alone is wider than it, and in ragged mode
 * avoids a last line of one word.
 *
 * Then every paragraph of the samples and of tests/para/edges.xml, in English, German and
 * Farsi, broken at many widths by both total-fit breakers, with Pango as the oracle: every
 * break is one Pango allows; every line, measured by a Pango layout of its own text (and
 * its hyphen), fits the width once its spaces are shrunk; justified lines fill the width;
 * never three hyphens in a row, no fragment under 2 letters before or 3 after a hyphen;
 * right-to-left lines in the visual order Pango gives the same text; and the demerits
 * never worse than first fit's under the same cost.  Prints the figures of both. */
#include <glob.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "fonts.h"
#include "layout.h"
#include "linebreak.h"
#include "para.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

/* ---- the algorithm alone -------------------------------------------------------------- */

struct par {
	struct lb_item items[64];
	int n;
};

static void box(struct par *p, int width)
{
	p->items[p->n++] = (struct lb_item){.kind = LB_BOX, .width = width};
}

/* A word space of 10: stretch 5, shrink 3. */
static void space(struct par *p)
{
	p->items[p->n++] = (struct lb_item){.kind = LB_GLUE, .width = 10, .stretch = 5,
					    .shrink = 3, .breakable = true};
}

static void hyphen(struct par *p, int width, int penalty)
{
	p->items[p->n++] = (struct lb_item){.kind = LB_PENALTY, .width = width, .penalty = penalty,
					    .flagged = true, .hyphenation = true};
}

static void finish(struct par *p)
{
	p->items[p->n++] = (struct lb_item){.kind = LB_PENALTY, .penalty = -LB_INFINITY};
}

static void words(struct par *p, const int *w, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			space(p);
		box(p, w[i]);
	}
	finish(p);
}

/* First fit: as many words on each line as fit at their natural widths. */
static int first_fit(const struct par *p, int width, int *ends)
{
	int n = 0, used = 0, last = -1;
	for (int i = 0; i < p->n; i++) {
		const struct lb_item *it = &p->items[i];
		if (it->kind == LB_BOX && used + it->width > width && last >= 0) {
			ends[n++] = last;
			used = 0;
			for (int j = last + 1; j < i; j++)
				used += p->items[j].kind == LB_PENALTY ? 0 : p->items[j].width;
			last = -1;
		}
		if (it->kind == LB_GLUE)
			last = i;
		used += it->kind == LB_PENALTY ? 0 : it->width;
	}
	ends[n++] = p->n - 1;
	return n;
}

/* 30 20 30 35 40 35 in lines of 140: first fit sets "30 20 30" stretched four times over
 * (its spaces 30 wide), "35 40 35"; total fit "30 20 30 35", its spaces shrunk by 5/9 of
 * their shrink, and "40 35". */
static void evens_out_the_loose_line(void **state)
{
	(void)state;
	static const int w[] = {30, 20, 30, 35, 40, 35};
	struct par p = {.n = 0};
	words(&p, w, 6);
	struct lb_options o;
	lb_options_init(&o, LB_JUSTIFIED, 140, 0);
	struct lb_line *lines;
	double total;
	assert_int_equal(lb_break(p.items, p.n, &o, &lines, &total), 2);
	assert_int_equal(lines[0].end, 7);
	assert_int_equal(lines[1].end, 11);
	assert_true(fabs(lines[0].ratio + 5.0 / 9) < 1e-9);
	assert_int_equal(lines[0].natural, 145);
	assert_int_equal(lines[0].fitness, 3);
	int ends[8];
	assert_int_equal(first_fit(&p, 140, ends), 2);
	assert_int_equal(ends[0], 5);
	struct lb_line ff[2];
	double ff_total = lb_score(p.items, p.n, &o, ends, 2, ff);
	assert_true(fabs(ff[0].ratio - 4.0) < 1e-9);
	/* (10 + 100 × (5/9)³)² + 10²  against  (10 + 100 × 4³)² + 10² and the demerits of a
	 * very loose line next to a decent one. */
	double b = 100 * pow(5.0 / 9, 3);
	assert_true(fabs(total - ((10 + b) * (10 + b) + 100)) < 1e-6);
	assert_true(fabs(ff_total - (6410.0 * 6410 + 100 + 10000)) < 1e-6);
	free(lines);
}

/* A box of 200 in lines of 100: it alone is overfull, the words around it are not. */
static void overfull_only_a_box_alone(void **state)
{
	(void)state;
	static const int w[] = {50, 200, 30};
	struct par p = {.n = 0};
	words(&p, w, 3);
	struct lb_options o;
	lb_options_init(&o, LB_JUSTIFIED, 100, 0);
	struct lb_line *lines;
	assert_int_equal(lb_break(p.items, p.n, &o, &lines, NULL), 3);
	assert_int_equal(lines[0].end, 1);
	assert_false(lines[0].overfull);
	assert_int_equal(lines[1].end, 3);
	assert_true(lines[1].overfull);
	assert_int_equal(lines[1].natural, 200);
	assert_false(lines[2].overfull);
	free(lines);
	/* Nothing but the box: one overfull line, never a failure. */
	struct par q = {.n = 0};
	box(&q, 300);
	finish(&q);
	assert_int_equal(lb_break(q.items, q.n, &o, &lines, NULL), 1);
	assert_true(lines[0].overfull);
	free(lines);
}

/* 25 25 25 40, ragged in lines of 100: first fit (and total fit without the rule) leaves
 * "40" alone on the last line; with it, "25 25" / "25 40". */
static void ragged_avoids_a_lonely_last_word(void **state)
{
	(void)state;
	static const int w[] = {25, 25, 25, 40};
	struct par p = {.n = 0};
	words(&p, w, 4);
	struct lb_options o;
	lb_options_init(&o, LB_RAGGED, 100, 30);
	struct lb_line *lines;
	assert_int_equal(lb_break(p.items, p.n, &o, &lines, NULL), 2);
	assert_int_equal(lines[0].end, 3);
	free(lines);
	o.last_word_demerits = 0;
	assert_int_equal(lb_break(p.items, p.n, &o, &lines, NULL), 2);
	assert_int_equal(lines[0].end, 5);
	free(lines);
	/* Word spaces do not stretch: the ratio is the room at the end over its stretch. */
	lb_options_init(&o, LB_RAGGED, 100, 30);
	int ends[] = {3, 7};
	struct lb_line scored[2];
	lb_score(p.items, p.n, &o, ends, 2, scored);
	assert_true(fabs(scored[0].ratio - 40.0 / 30) < 1e-9);
}

static unsigned rng = 12345;

static int next(int n)
{
	rng = rng * 1103515245u + 12345u;
	return (int)((rng >> 16) % (unsigned)n);
}

/* A random paragraph: words of one or two syllables (a hyphenation point between). */
static void random_par(struct par *p, int n_words, int hyphen_share)
{
	p->n = 0;
	for (int i = 0; i < n_words; i++) {
		if (i)
			space(p);
		if (next(100) < hyphen_share) {
			box(p, 10 + next(25));
			hyphen(p, 4, 50);
			box(p, 10 + next(25));
		} else {
			box(p, 15 + next(40));
		}
	}
	finish(p);
}

static double badness(double ratio)
{
	if (ratio < -1)
		return INFINITY;
	double b = 100 * fabs(ratio) * ratio * ratio;
	return isfinite(b) && b < 10000 ? b : 10000;
}

/* The least demerits of P over every way of breaking it that TeX's pass WHICH allows
 * (0 without hyphenation at the pretolerance, 1 at the tolerance, 2 any); INFINITY when
 * none.  *LONELY: the best ends in a line of one word. */
static double exhaustive(const struct par *p, const struct lb_options *o, int which,
			 bool *lonely)
{
	int legal[32], n_legal = 0;
	for (int i = 0; i < p->n - 1; i++) {
		const struct lb_item *it = &p->items[i];
		if ((it->kind == LB_GLUE && it->breakable) ||
		    (it->kind == LB_PENALTY && (which > 0 || !it->hyphenation)))
			legal[n_legal++] = i;
	}
	assert_true(n_legal <= 16);
	double best = INFINITY, limit = which == 0 ? o->pretolerance : which == 1 ? o->tolerance
										      : 1e300;
	for (unsigned mask = 0; mask < 1u << n_legal; mask++) {
		int ends[33], n = 0;
		for (int k = 0; k < n_legal; k++)
			if (mask >> k & 1)
				ends[n++] = legal[k];
		ends[n++] = p->n - 1;
		struct lb_line lines[33];
		double d = lb_score(p->items, p->n, o, ends, n, lines);
		bool ok = true;
		for (int i = 0, row = 0; i < n && ok; i++) {
			row = lines[i].hyphen ? row + 1 : 0;
			ok = !lines[i].overfull && badness(lines[i].ratio) <= limit && row <= 2;
		}
		if (ok && d < best) {
			best = d;
			bool spaces = false;
			for (int i = n > 1 ? ends[n - 2] + 1 : 0; i < p->n; i++)
				spaces |= p->items[i].kind == LB_GLUE && p->items[i].breakable;
			*lonely = n > 1 && !spaces;
		}
	}
	return best;
}

/* Random paragraphs, justified and ragged: lb_break's demerits are the least of every
 * breaking its passes allow, tried one by one; never three hyphens in a row. */
static void optimal_by_exhaustion(void **state)
{
	(void)state;
	int checked = 0;
	for (int t = 0; t < 240; t++) {
		struct par p;
		random_par(&p, 5 + next(4), 40);
		int legal = 0;
		for (int i = 0; i < p.n - 1; i++)
			legal += p.items[i].kind != LB_BOX;
		if (legal > 16)
			continue;
		struct lb_options o;
		lb_options_init(&o, t % 2 ? LB_RAGGED : LB_JUSTIFIED, 80 + next(60), 30);
		double expect = INFINITY;
		bool lonely = true;
		/* lb_break's passes: the next only when this one found nothing, or a last line of
		 * one word. */
		for (int which = 0; which < 3 && lonely; which++) {
			bool l = false;
			double d = exhaustive(&p, &o, which, &l);
			if (d < expect)
				expect = d;
			if (isfinite(d))
				lonely = l && d == expect;
		}
		struct lb_line *lines;
		double total;
		int n = lb_break(p.items, p.n, &o, &lines, &total);
		assert_true(n > 0);
		for (int i = 0, row = 0; i < n; i++) {
			row = lines[i].hyphen ? row + 1 : 0;
			assert_true(row <= 2);
		}
		if (isfinite(expect)) {
			if (fabs(total - expect) > 1e-6 * (1 + expect))
				fail_msg("case %d: lb_break %.3f, every breaking tried %.3f", t, total, expect);
			checked++;
		}
		free(lines);
	}
	print_message("%d random paragraphs: total fit found the least demerits\n", checked);
	assert_true(checked > 100);
}

/* Paragraphs of hyphenated words where the best breaking without the rule has three
 * hyphenated lines in a row: with it, never, at a cost. */
static void never_three_hyphens_in_a_row(void **state)
{
	(void)state;
	int bound = 0;
	for (int t = 0; t < 400; t++) {
		struct par p;
		random_par(&p, 14, 90);
		struct lb_options o;
		lb_options_init(&o, LB_JUSTIFIED, 90 + next(40), 0);
		o.pretolerance = -1;
		o.double_hyphen_demerits = 0;
		o.max_hyphens = 3;
		struct lb_line *lines;
		double free_total, kept_total;
		int n = lb_break(p.items, p.n, &o, &lines, &free_total), row = 0, most = 0;
		for (int i = 0; i < n; i++) {
			row = lines[i].hyphen ? row + 1 : 0;
			most = row > most ? row : most;
		}
		free(lines);
		o.max_hyphens = 2;
		n = lb_break(p.items, p.n, &o, &lines, &kept_total);
		row = 0;
		for (int i = 0; i < n; i++) {
			row = lines[i].hyphen ? row + 1 : 0;
			assert_true(row <= 2);
			assert_false(lines[i].overfull);
		}
		free(lines);
		if (most >= 3) {
			bound++;
			assert_true(kept_total >= free_total);
		}
	}
	print_message("%d paragraphs would have had three hyphens in a row\n", bound);
	assert_true(bound > 0);
}

/* ---- against Pango, on the samples ---------------------------------------------------- */

struct sample {
	PangoLayout *layout;
	bool rtl;               /* holds right-to-left text */
	bool fa;                /* in Arabic script */
	bool edge;              /* from tests/para/edges.xml: not in the figures */
};

struct samples {
	struct sample *v;
	size_t n, cap;
	GHashTable *seen;
};

static void collect_layout(struct samples *s, const struct layout *layout, bool edge)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->kind != ITEM_TEXT || !item->set)
			continue;
		PangoLayout *pl = para_set_layout(item->set);
		const char *text = pango_layout_get_text(pl);
		if (g_hash_table_contains(s->seen, text))
			continue;
		g_hash_table_add(s->seen, g_strdup(text));
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 256;
			s->v = realloc(s->v, s->cap * sizeof *s->v);
			assert_non_null(s->v);
		}
		struct sample *sample = &s->v[s->n++];
		sample->layout = g_object_ref(pl);
		sample->rtl = sample->fa = false;
		sample->edge = edge;
		for (const char *p = text; *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			if (c >= 0x0600 && c <= 0x06FF)
				sample->fa = true;
			if (c >= 0x0590 && c <= 0x08FF)
				sample->rtl = true;
		}
	}
}

static void collect_file(struct samples *s, const char *path)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	struct resolved_doc *rdoc = NULL;
	support_load_file(path, &src, &doc, &rdoc);
	enum layout_kind kinds[] = {LAYOUT_PARALLEL, LAYOUT_STACKED, LAYOUT_SINGLE};
	for (size_t k = 0; k < 3; k++)
		for (size_t l = 0; l < (kinds[k] == LAYOUT_SINGLE ? doc->n_langs : 1); l++) {
			struct layout_options o = {.kind = kinds[k], .single_lang = l,
						   .type_scale = 1, .allow_missing = true};
			assert_true(layout_paper_size("a4", &o.page_width, &o.page_height));
			struct diag_list diags;
			diag_list_init(&diags);
			struct layout *layout = NULL;
			assert_int_equal(layout_document(rdoc, src, &o, &diags, &layout), 0);
			collect_layout(s, layout, strstr(path, "edges") != NULL);
			layout_free(layout);
			diag_list_clear(&diags);
		}
	resolved_doc_free(rdoc);
	model_doc_free(doc);
	source_free(src);
}

static struct samples samples;

static int setup(void **state)
{
	if (support_setup_fonts(state) != 0)
		return -1;
	samples.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	glob_t g;
	if (glob("xml/*.xml", 0, NULL, &g) != 0)
		return -1;
	for (size_t i = 0; i < g.gl_pathc; i++)
		collect_file(&samples, g.gl_pathv[i]);
	globfree(&g);
	collect_file(&samples, "tests/para/edges.xml");
	return 0;
}

static int teardown(void **state)
{
	for (size_t i = 0; i < samples.n; i++)
		g_object_unref(samples.v[i].layout);
	free(samples.v);
	g_hash_table_destroy(samples.seen);
	return support_teardown_fonts(state);
}

#define N_WIDTHS 20

/* Line widths, points at the paragraphs' reference size: about 18 to 95 characters. */
static int width_at(int i)
{
	return (90 + 20 * i) * PANGO_SCALE;
}

/* The bytes [START, END) of LAYOUT's text as a layout of their own (its attributes cut to
 * match), with a hyphen after when HYPHEN. */
static PangoLayout *line_layout(PangoLayout *layout, int start, int end, bool hyphen)
{
	const char *text = pango_layout_get_text(layout);
	int length = (int)strlen(text);
	PangoLayout *copy = pango_layout_copy(layout);
	GString *s = g_string_new_len(text + start, end - start);
	if (hyphen && s->len >= 2 && !memcmp(s->str + s->len - 2, "\xC2\xAD", 2))
		g_string_truncate(s, s->len - 2);
	int cut = (int)s->len;
	if (hyphen)
		g_string_append_c(s, '-');
	PangoAttrList *attrs = pango_layout_get_attributes(layout);
	if (attrs) {
		attrs = pango_attr_list_copy(attrs);
		pango_attr_list_update(attrs, 0, start, 0);
		pango_attr_list_update(attrs, cut, length - start - cut, hyphen ? 1 : 0);
		pango_layout_set_attributes(copy, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_text(copy, s->str, (int)s->len);
	g_string_free(s, TRUE);
	return copy;
}

/* The letters of the word fragment at byte AT of TEXT going back (DIR -1) or on (1). */
static int fragment(const char *text, int at, int dir)
{
	int n = 0;
	const char *p = text + at;
	for (;;) {
		if (dir < 0) {
			if (p == text)
				break;
			p = g_utf8_prev_char(p);
		} else if (!*p) {
			break;
		}
		gunichar c = g_utf8_get_char(p);
		if (c != 0x00AD && !g_unichar_ismark(c) && !g_unichar_isalpha(c))
			break;
		n += g_unichar_isalpha(c) && !g_unichar_ismark(c);
		if (dir > 0)
			p = g_utf8_next_char(p);
	}
	return n;
}

struct tally {
	size_t sets, lines, justified, unfilled, letter_breaks, overfull, rtl_lines, rtl_wrong;
	size_t loose;           /* lines of paragraphs set ragged: no breaking justified them */
	size_t measured, shrunk, compared, worse, long_words;
	double worst_excess;    /* Pango's width beyond the width with the spaces shrunk, pt */
};

/* Checks that the characters of line LINE of SET come in the visual order Pango gives the
 * same text laid out alone (SUB): no two that stand apart in both come in the other order
 * (characters of one cluster, a ligature, may be measured apart by one and not the
 * other).  Counted in T. */
static void check_order(const struct para_set *set, int line, PangoLayout *sub, int start,
			int end, struct tally *t)
{
	const char *text = para_set_text(set);
	int ours[512][2], theirs[512][2], n = 0;
	for (const char *p = text + start; p < text + end && n < 512; p = g_utf8_next_char(p)) {
		int b = (int)(p - text), len = (int)(g_utf8_next_char(p) - p), ranges[16];
		if (para_set_x_ranges(set, line, b, b + len, ranges, 8) != 1 ||
		    ranges[1] - ranges[0] <= 0)
			continue;
		PangoRectangle pos;
		pango_layout_index_to_pos(sub, b - start, &pos);
		if (pos.width == 0)
			continue;
		ours[n][0] = ranges[0];
		ours[n][1] = ranges[1];
		theirs[n][0] = pos.width > 0 ? pos.x : pos.x + pos.width;
		theirs[n][1] = pos.width > 0 ? pos.x + pos.width : pos.x;
		n++;
	}
	t->rtl_lines++;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			if (theirs[i][1] <= theirs[j][0] && ours[j][1] <= ours[i][0]) {
				if (!t->rtl_wrong)
					print_message("visual order differs from Pango's: \"%.*s\"\n",
						      end - start, text + start);
				t->rtl_wrong++;
				return;
			}
}

/* Does the line [START, END) of TEXT stand inside an isolate or embedding opened before
 * it, or open one it does not close, or close one it did not open?  Cut out of its
 * paragraph, it has lost the control that opens its run: Pango's layout of the line
 * alone is no oracle for it. */
static bool unbalanced(const char *text, int start, int end)
{
	int depth = 0;
	for (const char *p = text; p < text + end; p = g_utf8_next_char(p)) {
		if (p == text + start && depth > 0)
			return true;
		gunichar c = g_utf8_get_char(p);
		if ((c >= 0x2066 && c <= 0x2068) || c == 0x202A || c == 0x202B || c == 0x202D ||
		    c == 0x202E)
			depth++;
		else if ((c == 0x2069 || c == 0x202C) && --depth < 0)
			return true;
	}
	return depth != 0;
}

/* Is there a paragraph separator between bytes A and B of TEXT? */
static bool separates(const char *text, int a, int b)
{
	for (const char *p = text + a; p < text + b; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c == '\n' || c == '\r' || c == 0x2029 || c == 0x2028)
			return true;
	}
	return false;
}

/* The lines of SAMPLE broken with O: every check but the demerits' into T. */
static void check_set(const struct sample *sample, const struct para_set_options *o,
		      bool measure, struct tally *t)
{
	struct para_set *set = para_set_new(sample->layout, o);
	assert_non_null(set);
	const char *text = para_set_text(set);
	int length = (int)strlen(text), n_attrs;
	const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(sample->layout, &n_attrs);
	int n = para_set_lines(set), row = 0;
	t->sets++;
	for (int i = 0; i < n; i++) {
		struct para_line_info info;
		para_set_line_info(set, i, &info);
		int start = para_set_line_start(set, i);
		int next = i + 1 < n ? para_set_line_start(set, i + 1) : length;
		bool last = i + 1 == n || separates(text, info.end, next);
		t->lines++;
		if (!last) {
			const PangoLogAttr *a = &attrs[g_utf8_pointer_to_offset(text, text + next)];
			if (!a->is_line_break) {
				assert_true(a->is_char_break);
				t->letter_breaks++;
			}
		}
		/* Three in a row only inside a word that fills more than two lines. */
		bool inside = !memchr(text + start, ' ', (size_t)(info.end - start));
		row = last ? 0 : info.hyphen ? row + 1 : 0;
		if (row > 2)
			t->long_words++;
		assert_true(row <= 2 || inside);
		if (info.hyphen) {
			if (fragment(text, next, 1) < 3)
				print_message("short: \"%.*s\" | \"%.20s\"\n", info.end - start,
					      text + start, text + next);
			assert_true(fragment(text, info.end, -1) >= 2);
			assert_true(fragment(text, next, 1) >= 3);
		}
		t->overfull += info.overfull;
		int x, top, width, bottom;
		para_set_line_extents(set, i, &x, &top, &width, &bottom);
		if (o->breaker == PARA_BREAK_JUSTIFIED && !last && !info.overfull &&
		    !info.justified) {
			t->loose++; /* its paragraph is set ragged: see too_loose() in para.c */
		} else if (o->breaker == PARA_BREAK_JUSTIFIED && !last && !info.overfull) {
			assert_true(info.justified);
			assert_true(info.ratio <= 1.8 + 1e-9); /* spaces within 1.9 times */
			t->justified++;
			/* A line without a space is spread between its letters, as Pango does,
			 * to within a few units. */
			if (width != o->width && isfinite(info.ratio))
				t->unfilled++;
		} else {
			assert_false(info.justified);
		}
		if (!measure && !sample->rtl)
			continue;
		PangoLayout *sub = line_layout(sample->layout, start, info.end, info.hyphen);
		bool at_break = last || attrs[g_utf8_pointer_to_offset(text, text + next)].is_line_break;
		if (measure && !info.overfull && at_break) {
			PangoRectangle logical;
			pango_layout_get_extents(sub, NULL, &logical);
			int shrink = 0;
			if (o->breaker == PARA_BREAK_JUSTIFIED && !last)
				for (int b = start; b < info.end; b = (int)(g_utf8_next_char(text + b) - text)) {
					if (!attrs[g_utf8_pointer_to_offset(text, text + b)].is_expandable_space)
						continue;
					PangoRectangle pos;
					pango_layout_index_to_pos(sub, b - start, &pos);
					shrink += abs(pos.width) / 3;
				}
			double excess = (double)(logical.width - shrink - o->width) / PANGO_SCALE;
			t->worst_excess = excess > t->worst_excess ? excess : t->worst_excess;
			t->measured++;
			t->shrunk += logical.width > o->width;
		}
		if (sample->rtl && !unbalanced(text, start, info.end))
			check_order(set, i, sub, start, info.end, t);
		g_object_unref(sub);
	}
	para_set_unref(set);
}

struct figures {
	struct para_break_stats tf, ff;
};

static void print_figures(const char *what, const struct figures *f)
{
	const struct para_break_stats *s[] = {&f->ff, &f->tf};
	static const char *const names[] = {"first fit", "total fit"};
	for (int i = 0; i < 2; i++) {
		int k = s[i]->lines - s[i]->rigid;
		double mean = k ? s[i]->sum_ratio / k : 0;
		print_message("%s, %s: %d lines (%d without a space); adjustment ratio worst +%.2f / "
			      "%.2f, mean |r| %.3f, root mean square %.3f; %d hyphens (%d at "
			      "hyphenation points), at most %d in a row; %d overfull; %d last lines of one word\n",
			      what, names[i], s[i]->lines, s[i]->rigid, s[i]->worst_stretch,
			      s[i]->worst_shrink,
			      mean, k ? sqrt(s[i]->sum_squares / k) : 0, s[i]->hyphens,
			      s[i]->hyphenations, s[i]->most_in_row, s[i]->overfull, s[i]->lonely);
	}
}

static void add_figures(struct para_break_stats *into, const struct para_break_stats *s)
{
	into->lines += s->lines;
	into->rigid += s->rigid;
	into->demerits += s->demerits;
	into->worst_stretch = fmax(into->worst_stretch, s->worst_stretch);
	into->worst_shrink = fmin(into->worst_shrink, s->worst_shrink);
	into->sum_ratio += s->sum_ratio;
	into->sum_squares += s->sum_squares;
	into->hyphens += s->hyphens;
	into->hyphenations += s->hyphenations;
	into->most_in_row = s->most_in_row > into->most_in_row ? s->most_in_row : into->most_in_row;
	into->overfull += s->overfull;
	into->lonely += s->lonely;
	into->pars += s->pars;
	into->foreign += s->foreign;
}

static double worst_badness(const struct para_break_stats *s)
{
	double r = fmax(s->worst_stretch, -s->worst_shrink);
	return s->worst_shrink < -1 ? INFINITY : 100 * r * r * r;
}

/* Whether first fit's lines S are among those the pass that gave total fit's lines T
 * tried (see lb_break): only then must total fit's demerits be no worse. */
static bool comparable(const struct para_break_stats *t, const struct para_break_stats *s)
{
	if (s->pars != 1 || t->pars != 1 || s->foreign || s->overfull)
		return false;
	if (!s->hyphenations && worst_badness(s) <= 100)
		return true;
	if (t->hyphenations || worst_badness(t) > 100)
		return worst_badness(s) <= 200 || worst_badness(t) > 200;
	return false;
}

static void check_model(const struct sample *sample, const struct para_set_options *o,
			struct figures *f, struct tally *t)
{
	struct para_model *model = para_model_new(sample->layout);
	assert_non_null(model);
	struct para_break_stats tf = {0}, ff = {0};
	struct para_set_options first = *o;
	first.breaker = PARA_BREAK_PANGO;
	assert_int_equal(para_model_score(model, o, o->breaker, &tf), 0);
	assert_int_equal(para_model_score(model, &first, o->breaker, &ff), 0);
	assert_int_equal(tf.foreign, 0);
	/* A paragraph no breaking justifies within 1.9 times the spaces is set ragged (see
	 * too_loose() in para.c): it is not the optimum of the justified cost. */
	bool loose = false;
	if (o->breaker == PARA_BREAK_JUSTIFIED) {
		struct para_set *probe = para_set_new(sample->layout, o);
		for (int i = 0; i + 1 < para_set_lines(probe); i++) {
			struct para_line_info info;
			para_set_line_info(probe, i, &info);
			loose |= !info.justified && !info.overfull;
		}
		para_set_unref(probe);
	}
	if (!loose && comparable(&tf, &ff)) {
		t->compared++;
		if (tf.demerits > ff.demerits * (1 + 1e-9) + 1e-6) {
			t->worse++;
			print_message("total fit %.0f, first fit %.0f: \"%.60s\"\n", tf.demerits,
				      ff.demerits, pango_layout_get_text(sample->layout));
		}
	}
	if (!ff.foreign && !sample->edge) {
		add_figures(&f->tf, &tf);
		add_figures(&f->ff, &ff);
	}
	/* What the layout measures is what para_set_new draws. */
	int *y = NULL, n = para_model_break_with(model, o, &y);
	struct para_set *set = para_set_new(sample->layout, o);
	assert_int_equal(n, para_set_lines(set));
	for (int i = 0; i < n; i++) {
		int x, top, width, bottom;
		para_set_line_extents(set, i, &x, &top, &width, &bottom);
		assert_int_equal(y[2 * i], top);
		assert_int_equal(y[2 * i + 1], bottom);
	}
	para_set_unref(set);
	free(y);
	para_model_free(model);
}

static void total_fit_against_pango(void **state)
{
	(void)state;
	assert_true(samples.n > 100);
	struct tally t = {0};
	struct figures justified = {0}, ragged = {0}, ragged_fa = {0}, wide = {0};
	size_t n_fa = 0;
	for (size_t i = 0; i < samples.n; i++) {
		const struct sample *s = &samples.v[i];
		n_fa += s->fa;
		for (int w = 0; w < N_WIDTHS; w++)
			for (int mode = 0; mode < 2; mode++) {
				struct para_set_options o = {.width = width_at(w), .hyphenate = true,
							     .breaker = mode ? PARA_BREAK_RAGGED
									     : PARA_BREAK_JUSTIFIED};
				check_set(s, &o, w % 4 == 0, &t);
				check_model(s, &o, mode ? s->fa ? &ragged_fa : &ragged : &justified, &t);
				if (!mode && !s->fa && w >= 6)
					check_model(s, &o, &wide, &t);
			}
	}
	print_message("%zu paragraphs (%zu in Farsi) at %d widths, justified and ragged: %zu line "
		      "sets, %zu lines; %zu measured by Pango alone (%zu wider than the width), at most "
		      "%.3f pt beyond it with the spaces shrunk; %zu justified, %zu not filling the "
		      "width; %zu broken between letters, %zu overfull; %zu right-to-left lines, %zu in another order than "
		      "Pango's; demerits compared on %zu, worse than first fit on %zu; %zu third "
		      "hyphens in a row inside a word longer than two lines\n",
		      samples.n, n_fa, N_WIDTHS, t.sets, t.lines, t.measured, t.shrunk, t.worst_excess,
		      t.justified, t.unfilled, t.letter_breaks, t.overfull, t.rtl_lines, t.rtl_wrong,
		      t.compared, t.worse, t.long_words);
	print_figures("samples justified, Latin and Farsi", &justified);
	print_figures("samples justified, Latin, 210 pt and wider", &wide);
	print_figures("samples ragged, Latin", &ragged);
	print_figures("samples ragged, Farsi", &ragged_fa);
	assert_true(t.rtl_lines > 100);
	assert_int_equal(t.rtl_wrong, 0);
	assert_int_equal(t.unfilled, 0);
	print_message("%zu lines of paragraphs too loose to justify, set ragged\n", t.loose);
	assert_true(t.shrunk > 100);
	assert_true(t.worst_excess <= 0.01);
	assert_true(t.compared > 1000);
	assert_int_equal(t.worse, 0);
	assert_true(justified.tf.most_in_row <= 2 && ragged.tf.most_in_row <= 2);
	assert_true(ragged_fa.tf.most_in_row <= 2);
}

/* CPU for breaking every sample paragraph at the 20 widths, first fit against total fit
 * (printed; nothing is asserted of it). */
static void benchmark(void **state)
{
	(void)state;
	struct para_model **models = calloc(samples.n, sizeof *models);
	assert_non_null(models);
	for (size_t i = 0; i < samples.n; i++)
		models[i] = para_model_new(samples.v[i].layout);
	static const char *const names[] = {"first fit", "total fit, justified", "total fit, ragged"};
	for (int b = 0; b < 3; b++) {
		clock_t start = clock();
		size_t lines = 0;
		for (size_t i = 0; i < samples.n; i++)
			for (int w = 0; w < N_WIDTHS; w++) {
				struct para_set_options o = {.width = width_at(w), .hyphenate = true,
							     .breaker = (enum para_breaker)b};
				int *y = NULL, n = para_model_break_with(models[i], &o, &y);
				assert_true(n >= 0);
				lines += (size_t)n;
				free(y);
			}
		print_message("%s: %zu paragraphs × %d widths, %zu lines in %.3f s CPU\n", names[b],
			      samples.n, N_WIDTHS, lines, (double)(clock() - start) / CLOCKS_PER_SEC);
	}
	for (size_t i = 0; i < samples.n; i++)
		para_model_free(models[i]);
	free(models);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(evens_out_the_loose_line),
		cmocka_unit_test(overfull_only_a_box_alone),
		cmocka_unit_test(ragged_avoids_a_lonely_last_word),
		cmocka_unit_test(optimal_by_exhaustion),
		cmocka_unit_test(never_three_hyphens_in_a_row),
		cmocka_unit_test(total_fit_against_pango),
		cmocka_unit_test(benchmark),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
