/* linebreak.c — total-fit paragraph breaking; see linebreak.h. */
#include "linebreak.h"

#include <math.h>
#include <stdlib.h>

#include "grow.h"

/* TeX's infinite badness, for the tolerances.  The demerits take the badness uncapped up
 * to BAD_CAP (a ratio of 100): among lines all too loose for TeX, the least loose wins. */
#define INF_BAD 10000.0
#define BAD_CAP 1e8
/* The demerits of a third hyphenated line in a row, in the last pass: more than any
 * breaking without one. */
#define FORBIDDEN 1e20

void lb_options_init(struct lb_options *o, enum lb_mode mode, int width, int ragged_stretch)
{
	*o = (struct lb_options){
		.mode = mode,
		.width = width,
		.pretolerance = 100,
		.tolerance = 200,
		.line_penalty = 10,
		.double_hyphen_demerits = 10000,
		.final_hyphen_demerits = 5000,
		.adj_demerits = 10000,
		.max_hyphens = 2,
		.ragged_stretch = ragged_stretch > 0 ? ragged_stretch : 1,
		.last_word_demerits = mode == LB_RAGGED ? 1000000 : 0,
		.rigid_demerits = mode == LB_JUSTIFIED ? 10000000 : 0,
	};
}

/* A feasible break: a way of setting the paragraph up to item POS. */
struct node {
	int pos;                /* the item broken at; -1: the paragraph's start */
	int fitness, hyphens;   /* of the line ending here; hyphenated lines in a row */
	double total;           /* demerits of the paragraph up to here */
	int prev;               /* the node the line starts after (index into the pool) */
	struct lb_line line;    /* the line ending here */
	bool lonely;            /* the paragraph's last line, of one word after others */
};

struct run {
	const struct lb_item *items;
	int n;
	const struct lb_options *o;
	/* What the items before each one (n + 1 of them) add up to, so that any line's
	 * sums are two subtractions, as Knuth and Plass keep them. */
	struct sums {
		long long w, y, z; /* widths, stretch and shrink */
		int spaces;        /* breakable glue */
	} *before;
	struct node *pool;
	int n_pool;
	size_t cap_pool;
};

static bool forced(const struct lb_item *item)
{
	return item->kind == LB_PENALTY && item->penalty <= -LB_INFINITY;
}

/* Whether a line may end at item I in PASS (0 without hyphenation, then 1, 2). */
static bool legal(const struct lb_item *item, int pass)
{
	if (item->kind == LB_GLUE)
		return item->breakable;
	if (item->kind != LB_PENALTY || item->penalty >= LB_INFINITY)
		return false;
	return pass > 0 || !item->hyphenation;
}

/* The line after the break at A up to the break at B: its natural width, adjustment
 * ratio and badness. */
static double measure(const struct run *r, int a, int b, struct lb_line *line)
{
	const struct lb_options *o = r->o;
	const struct lb_item *end = &r->items[b];
	int s = a + 1;
	const struct sums *at = &r->before[b], *from = &r->before[s];
	long long natural = at->w - from->w + (end->kind == LB_PENALTY ? end->width : 0);
	long long stretch = o->mode == LB_RAGGED ? o->ragged_stretch : at->y - from->y;
	long long shrink = o->mode == LB_RAGGED ? 0 : at->z - from->z;
	long long room = o->width - natural;
	line->end = b;
	line->natural = natural > 2147483647LL ? 2147483647 : (int)natural;
	line->hyphen = end->kind == LB_PENALTY && end->flagged;
	line->overfull = false;
	if (forced(end))
		line->ratio = room >= 0 ? 0 : -INFINITY; /* the last line, at its natural width */
	else if (room > 0)
		line->ratio = stretch > 0 ? (double)room / (double)stretch : INFINITY;
	else if (room < 0)
		line->ratio = shrink > 0 ? (double)room / (double)shrink : -INFINITY;
	else
		line->ratio = 0;
	if (line->ratio < -1) {
		line->overfull = true;
		return BAD_CAP;
	}
	double bad = 100 * fabs(line->ratio) * line->ratio * line->ratio;
	bad = isfinite(bad) && bad < BAD_CAP ? bad : BAD_CAP;
	if (line->ratio < 0)
		line->fitness = bad > 12 ? 3 : 2;
	else
		line->fitness = bad > 99 ? 0 : bad > 12 ? 1 : 2;
	return bad;
}

/* Whether LINE after node A is the paragraph's last and holds one word (no space to
 * break at) while the paragraph has other lines. */
static bool lonely(const struct run *r, const struct node *a, const struct lb_line *line)
{
	return forced(&r->items[line->end]) && a->pos >= 0 &&
	       r->before[line->end].spaces == r->before[a->pos + 1].spaces;
}

/* The demerits of LINE (of badness BAD) after node A, TeX's formula; *HYPHENS gets the
 * hyphenated lines in a row it makes. */
static double demerits(const struct run *r, const struct node *a, const struct lb_line *line,
		       double bad, int *hyphens)
{
	const struct lb_options *o = r->o;
	const struct lb_item *end = &r->items[line->end];
	double base = o->line_penalty + bad;
	double d = base * base;
	if (end->kind == LB_PENALTY && !forced(end)) {
		double p = end->penalty;
		d += p >= 0 ? p * p : -p * p;
	}
	*hyphens = line->hyphen ? a->hyphens + 1 : 0;
	if (line->hyphen && a->line.hyphen)
		d += o->double_hyphen_demerits;
	if (forced(end) && a->line.hyphen)
		d += o->final_hyphen_demerits;
	int gap = line->fitness - a->fitness;
	if (a->pos >= 0 && (gap > 1 || gap < -1))
		d += o->adj_demerits;
	if (lonely(r, a, line))
		d += o->last_word_demerits;
	if (line->ratio == INFINITY)
		d += o->rigid_demerits;
	return d;
}

static int add_node(struct run *r, const struct node *node)
{
	if (!GROW(r->pool, r->cap_pool, (size_t)r->n_pool + 1))
		return -1;
	r->pool[r->n_pool] = *node;
	return r->n_pool++;
}

/* The candidates for a break at one item: the best per fitness class and hyphen count. */
struct best {
	struct node node[4][4];
	unsigned set;           /* bit 4 × fitness + hyphens */
};

/* Tries every active node (ACTIVE[0..*N_ACTIVE)) against a break at B; keeps the feasible
 * lines' best in BEST, drops the nodes that can no longer start a line, and leaves in
 * *OVER the best of those dropped for being overfull (-1: none). */
static void try_break(struct run *r, int b, double tolerance, bool final, int *active,
		      int *n_active, struct best *best, int *over)
{
	const struct lb_options *o = r->o;
	int kept = 0;
	*over = -1;
	for (int k = 0; k < *n_active; k++) {
		const struct node *a = &r->pool[active[k]];
		struct lb_line line;
		double bad = measure(r, a->pos, b, &line);
		if (line.overfull) {
			/* The latest, so that an overfull line holds as little as it can. */
			const struct node *o_ = *over >= 0 ? &r->pool[*over] : NULL;
			if (!o_ || a->pos > o_->pos || (a->pos == o_->pos && a->total < o_->total))
				*over = active[k];
			continue;
		}
		if (!forced(&r->items[b]))
			active[kept++] = active[k];
		if (bad > tolerance && !final) /* (INF_BAD for TeX's infinitely bad lines) */
			continue;
		int hyphens;
		double d = demerits(r, a, &line, bad, &hyphens);
		if (hyphens > o->max_hyphens) {
			/* Only where else a line would be overfull: a word longer than three lines. */
			if (!final)
				continue;
			d += FORBIDDEN;
		}
		hyphens = hyphens > 3 ? 3 : hyphens;
		struct node *slot = &best->node[line.fitness][hyphens];
		unsigned bit = 1u << (4 * line.fitness + hyphens);
		if ((best->set & bit) && slot->total <= a->total + d)
			continue;
		best->set |= bit;
		*slot = (struct node){.pos = b, .fitness = line.fitness, .hyphens = hyphens,
				      .total = a->total + d, .prev = active[k], .line = line,
				      .lonely = lonely(r, a, &line)};
	}
	*n_active = kept;
}

/* One pass at TOLERANCE: the best node at the paragraph's end, or -1 when none is feasible
 * (never in the FINAL pass); -2 when out of memory. */
static int pass(struct run *r, int which, double tolerance, bool final)
{
	r->n_pool = 0;
	int *active = NULL, n_active = 0, result = -1;
	size_t cap = 0;
	struct node start = {.pos = -1, .fitness = 2, .prev = -1, .line = {.end = -1}};
	if (!GROW(active, cap, 64) || add_node(r, &start) < 0) {
		free(active);
		return -2;
	}
	active[n_active++] = 0;
	for (int b = 0; b < r->n && n_active > 0; b++) {
		if (!legal(&r->items[b], which) && b != r->n - 1)
			continue;
		struct best best;
		best.set = 0;
		int over;
		try_break(r, b, tolerance, final, active, &n_active, &best, &over);
		if (!best.set && n_active == 0 && final && over >= 0) {
			/* The last resort: a box alone is wider than the line; set it overfull. */
			const struct node *a = &r->pool[over];
			struct lb_line line;
			measure(r, a->pos, b, &line);
			line.fitness = 3;
			int hyphens;
			double d = demerits(r, a, &line, BAD_CAP, &hyphens);
			hyphens = hyphens > 3 ? 3 : hyphens;
			best.set = 1u << (12 + hyphens);
			best.node[3][hyphens] = (struct node){.pos = b, .fitness = 3, .hyphens = hyphens,
							      .total = a->total + d, .prev = over,
							      .line = line};
		}
		for (int f = 0; f < 4; f++)
			for (int h = 0; h < 4; h++) {
				if (!(best.set & (1u << (4 * f + h))))
					continue;
				int id = add_node(r, &best.node[f][h]);
				if (id >= 0 && !GROW(active, cap, (size_t)n_active + 1))
					id = -1;
				if (id < 0) {
					free(active);
					return -2;
				}
				active[n_active++] = id;
				if (b == r->n - 1 && (result < 0 || r->pool[id].total < r->pool[result].total))
					result = id;
			}
	}
	free(active);
	return result;
}

static int prepare(struct run *r, const struct lb_item *items, int n,
		   const struct lb_options *o)
{
	*r = (struct run){.items = items, .n = n, .o = o};
	r->before = malloc(sizeof *r->before * ((size_t)n + 1));
	if (!r->before)
		return -1;
	r->before[0] = (struct sums){0, 0, 0, 0};
	for (int i = 0; i < n; i++) {
		const struct lb_item *it = &items[i];
		const struct sums *s = &r->before[i];
		bool glue = it->kind == LB_GLUE;
		r->before[i + 1] = (struct sums){
			.w = s->w + (it->kind != LB_PENALTY ? it->width : 0),
			.y = s->y + (glue ? it->stretch : 0),
			.z = s->z + (glue ? it->shrink : 0),
			.spaces = s->spaces + (glue && it->breakable),
		};
	}
	return 0;
}

static void release(struct run *r)
{
	free(r->before);
	free(r->pool);
}

/* The lines of the breaking that ends at node END into *LINES (new), *N and *TOTAL. */
static int collect(const struct run *r, int end, struct lb_line **lines, int *n, double *total)
{
	int count = 0;
	for (int k = end; r->pool[k].pos >= 0; k = r->pool[k].prev)
		count++;
	struct lb_line *out = malloc(sizeof *out * ((size_t)count + 1));
	if (!out)
		return -1;
	int i = count;
	for (int k = end; i > 0; k = r->pool[k].prev)
		out[--i] = r->pool[k].line;
	free(*lines);
	*lines = out;
	*n = count;
	*total = r->pool[end].total;
	return 0;
}

int lb_break(const struct lb_item *items, int n, const struct lb_options *o,
	     struct lb_line **lines, double *total)
{
	*lines = NULL;
	struct run r;
	if (n < 1 || prepare(&r, items, n, o) != 0) {
		release(&r);
		return -1;
	}
	/* Each pass is tried only when the ones before found nothing, or only a paragraph
	 * ending in a line of one word: a looser pass may avoid it at a lower cost. */
	int count = -1;
	double best = INFINITY;
	bool lonely = true;
	for (int which = o->pretolerance >= 0 ? 0 : 1; which < 3 && lonely; which++) {
		double tolerance = which == 0 ? o->pretolerance : which == 1 ? o->tolerance : INF_BAD;
		int end = pass(&r, which, tolerance, which == 2);
		if (end == -2 || (end >= 0 && r.pool[end].total < best &&
				  collect(&r, end, lines, &count, &best) != 0)) {
			count = -1;
			break;
		}
		if (end >= 0)
			lonely = r.pool[end].lonely && r.pool[end].total == best;
	}
	if (count >= 0 && total)
		*total = best;
	if (count < 0) {
		free(*lines);
		*lines = NULL;
	}
	release(&r);
	return count;
}

double lb_score(const struct lb_item *items, int n, const struct lb_options *o,
		const int *ends, int n_lines, struct lb_line *lines)
{
	struct run r;
	if (prepare(&r, items, n, o) != 0) {
		release(&r);
		return INFINITY;
	}
	struct node a = {.pos = -1, .fitness = 2, .prev = -1, .line = {.end = -1}};
	for (int i = 0; i < n_lines; i++) {
		struct lb_line line;
		double bad = measure(&r, a.pos, ends[i], &line);
		if (line.overfull)
			line.fitness = 3;
		int hyphens;
		double d = demerits(&r, &a, &line, bad, &hyphens);
		if (hyphens > o->max_hyphens) /* as in the last pass */
			d += FORBIDDEN;
		a = (struct node){.pos = ends[i], .fitness = line.fitness, .hyphens = hyphens,
				  .total = a.total + d, .line = line};
		lines[i] = line;
	}
	release(&r);
	return a.total;
}
