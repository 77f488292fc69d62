/* linebreak.h — total-fit paragraph breaking (Knuth and Plass, as TeX does it) over boxes,
 * glue and penalties, with nothing of Pango in it.
 *
 * First fit (Pango's, a word processor's) fills each line as full as it can and leaves
 * whatever is left to the next: a loose line after a tight one, rivers, three hyphens in a
 * row.  Total fit looks at every way of breaking the paragraph at once and chooses the one
 * whose lines are, summed over the paragraph, least bad: the demerits of each line grow
 * with the cube of how far its spaces are stretched or shrunk, plus the penalty of the
 * break (a hyphen costs), plus demerits between lines (two hyphenated lines in a row, a
 * loose line next to a tight one, a hyphen on the next-to-last line).  Three hyphenated
 * lines in a row are never chosen.
 *
 * Two modes:
 *   - LB_JUSTIFIED: the spaces stretch and shrink to fill the line; the last line of the
 *     paragraph is set at its natural width (TeX's \parfillskip), never shrunk.
 *   - LB_RAGGED: the spaces keep their width; what is scored is the room left at the end
 *     of each line, as if the line ended in glue of a finite stretch (TeX's \raggedright
 *     with a finite \rightskip), so that the edge comes out even; a last line of one word
 *     costs heavily when the paragraph could break elsewhere.
 *
 * Passes, as TeX's: first without hyphenation at a strict tolerance, then with it at a
 * looser one, and last with any tolerance, where a line is overfull only when a box alone
 * is wider than the line: the breaking never fails.  There, and only there, a third
 * hyphenated line in a row is allowed, at demerits higher than any breaking without one:
 * a word that fills more than two lines is broken so rather than set overfull.
 *
 * Widths are integers in any unit (Pango units in broadside). */
#ifndef BROADSIDE_LINEBREAK_H
#define BROADSIDE_LINEBREAK_H

#include <stdbool.h>

enum lb_kind {
	LB_BOX,         /* unbreakable material */
	LB_GLUE,        /* a space: a break there drops it */
	LB_PENALTY,     /* a place to break that adds WIDTH when broken at (a hyphen) */
};

/* A penalty of LB_INFINITY or more never breaks; -LB_INFINITY or less always does. */
#define LB_INFINITY 10000

struct lb_item {
	enum lb_kind kind;
	int width;
	int stretch, shrink;    /* glue */
	int penalty;            /* a penalty's cost */
	bool breakable;         /* glue: a line may end here (a penalty always may) */
	bool flagged;           /* a penalty that ends the line with a hyphen */
	bool hyphenation;       /* a flagged penalty at a hyphenation point (not an explicit
				 * hyphen): left out of the first pass */
};

enum lb_mode { LB_JUSTIFIED, LB_RAGGED };

struct lb_options {
	enum lb_mode mode;
	int width;              /* of every line */
	int pretolerance;       /* the first pass, without hyphenation (TeX: 100); <0 skips it */
	int tolerance;          /* the second pass (TeX: 200) */
	int line_penalty;       /* added to every line's badness (TeX: 10) */
	int double_hyphen_demerits; /* two hyphenated lines in a row (TeX: 10000) */
	int final_hyphen_demerits;  /* a hyphen on the next-to-last line (TeX: 5000) */
	int adj_demerits;       /* adjacent lines two fitness classes apart (TeX: 10000) */
	int max_hyphens;        /* hyphenated lines in a row allowed (2, at most 3) */
	int ragged_stretch;     /* LB_RAGGED: the stretch of the glue at every line's end */
	int last_word_demerits; /* a last line of one word (no glue in it) after another line */
	int rigid_demerits;     /* LB_JUSTIFIED: a line short of the width with nothing to
				 * stretch (spread between its letters): worse than any loose line */
};

/* TeX's values, for MODE and lines WIDTH wide; RAGGED_STRETCH as above (for LB_RAGGED). */
void lb_options_init(struct lb_options *options, enum lb_mode mode, int width,
		     int ragged_stretch);

/* One line of a breaking: how it was set. */
struct lb_line {
	int end;                /* the item the line ends at */
	double ratio;           /* adjustment: >0 stretched, <0 shrunk, by this share of the
				 * line's stretch or shrink (ragged: of the end's stretch) */
	int natural;            /* width without adjustment, with the break's hyphen */
	bool hyphen;            /* ends at a flagged penalty */
	bool overfull;          /* wider than the line even shrunk: a box alone is wider */
	int fitness;            /* 0 very loose, 1 loose, 2 decent, 3 tight */
};

/* Breaks ITEMS[0..N), which must end with a penalty of -LB_INFINITY (the paragraph's end,
 * the last line at its natural width).  Sets *LINES to a new array (free) and returns the
 * line count, and sets *DEMERITS (unless NULL) to the total; -1 when out of memory. */
int lb_break(const struct lb_item *items, int n, const struct lb_options *options,
	     struct lb_line **lines, double *demerits);

/* The lines that end at ENDS[0..N_LINES) (the last at item N - 1) scored as lb_break
 * scores them, into LINES (N_LINES of them); returns the total demerits.  Breaks lb_break
 * would not make (a third hyphen in a row, overfull lines) are counted all the same, as
 * its last pass counts them.  For comparing another breaker's lines. */
double lb_score(const struct lb_item *items, int n, const struct lb_options *options,
		const int *ends, int n_lines, struct lb_line *lines);

#endif
