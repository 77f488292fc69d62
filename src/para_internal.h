/* para_internal.h — what the parts of para share; private to para*.c (the API is para.h).
 *
 *   para.c       the model: a paragraph shaped once (para_model_new), and broken as Pango
 *                breaks it (first fit: process_line, process_item over the kept widths)
 *   para_fit.c   total fit: the model as boxes, glue and penalties (linebreak.h), breaking
 *                as options ask (para_model_break_with, _break_ends, _score)
 *   para_set.c   a para_set: the lines broken, sliced from the one shaping with Pango's
 *                line-end rules, reordered and justified; a line's extents and facts
 *   para_text.c  drawing a line with cairo, and what it copies out as (its own clusters)
 *
 * A para_model is owned by whoever made it (para_model_free), or by its para_set. */
#ifndef BROADSIDE_PARA_INTERNAL_H
#define BROADSIDE_PARA_INTERNAL_H

#include <stdbool.h>

#include <pango/pangocairo.h>

#include "para.h"

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
	/* width, before, attrs and cls are one allocation (before's) */
};

enum { CLS_LETTER = 1, CLS_HYPHEN = 2, CLS_IGNORED = 4 };

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
	int n;
	size_t cap;
};

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

/* The ascent, descent and height of the line [FROM, TO) of PAR: the largest of its items'. */
void para_line_metrics(const struct para_model *m, const struct par *par, int from, int to,
		       int *ascent, int *descent, int *height);

/* Appends a line to OUT, placing its baseline as Pango does. */
int para_add_line_out(struct broken *out, int ascent, int descent, int height, float spacing);

/* MODEL broken as Pango would at WIDTH into OUT (first fit): 0, or -1 out of memory. */
int para_break_lines(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, bool hyphenate, struct broken *out);

/* The narrowest width at which MODEL still breaks into as few lines as at WIDTH. */
int para_balanced_width(const struct para_model *model, int width, PangoWrapMode wrap,
			bool hyphenate);

/* The top and bottom of OUT's lines into *Y, a new array; the line count, or -1. */
int para_lines_y(struct broken *out, int **y);

/* MODEL broken as OPTIONS ask, at WIDTH (narrower when balanced). */
int para_break_as(const struct para_model *m, const struct para_set_options *o, int width,
		  struct broken *out);

static inline bool is_hyphen_break(const struct para_model *m, int at)
{
	return m->attrs[at].break_inserts_hyphen || m->attrs[at].break_removes_preceding;
}

/* The Pango paragraph (text between separators) character C is in. */
static inline int par_of(const struct para_model *m, int c)
{
	int p = 0;
	while (p + 1 < m->n_pars && m->pars[p + 1].start <= c)
		p++;
	return p;
}

#endif
