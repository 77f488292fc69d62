/* para.h — a paragraph shaped once, broken into lines at any width and drawn from that
 * one shaping.
 *
 * A Pango layout with a width shapes its text, then every line again, and pieces near each
 * line's end once more while it looks for the break; and fitting a leaflet onto N pages
 * tries a dozen type sizes, each of which laid every paragraph out anew although only the
 * width in which it is broken had changed (paragraphs are shaped at one reference size
 * and drawn scaled; see layout.c).  Here a paragraph is shaped once, by a Pango layout
 * without a width, and
 *   - a para_model keeps what line breaking needs: the advance of every character,
 *     Pango's break opportunities (with the hyphenation points), the width of a hyphen,
 *     the metrics of every item's font.  para_model_break breaks it as Pango 1.50's own
 *     PANGO_WRAP_WORD_CHAR / PANGO_WRAP_CHAR wrapping does (process_line, process_item)
 *     and gives each line's vertical extent as Pango's layout iterator would: fitting's
 *     trials are arithmetic.
 *   - a para_set is the paragraph set in lines to be drawn: the model's lines, each made of
 *     pieces of the one shaping with Pango's line-end rules (see para_set_new).
 *
 * Besides Pango's first fit, the model can be broken by total fit (linebreak.h: TeX's
 * algorithm, justified or ragged; see enum para_breaker): the paragraph becomes boxes, glue
 * (its spaces) and penalties (its other breaks, hyphenation points with the hyphen's
 * width, none leaving fewer than 2 letters before or 3 after), and the lines it chooses
 * are drawn by the same code, justified both ways.  tests/unit/test_linebreak.c checks
 * them against Pango.
 *
 * Pango stays the reference: tests/unit/test_para.c sets every paragraph of the samples
 * and of tests/para/edges.xml (words longer than a line, forced breaks, mixed scripts) both
 * ways, in every layout, at many widths and sizes, and compares the lines.  Where they
 * differ at all (2 paragraph layouts in 11,928) it is because Pango measures a candidate break by
 * shaping the piece again, with the kerning of the hyphen, and the model with the widths
 * of the one shaping: there Pango fits one syllable more.
 *
 * Units are Pango units at the reference size. */
#ifndef BROADSIDE_PARA_H
#define BROADSIDE_PARA_H

#include <stdbool.h>

#include <pango/pangocairo.h>

struct para_model;

/* The model of LAYOUT, a paragraph's layout with its text, attributes and font set and no
 * width (-1), not justified.  NULL when out of memory. */
struct para_model *para_model_new(PangoLayout *layout);

void para_model_free(struct para_model *model);

/* The width of MODEL's widest word: the widest run of text between two places where a
 * line may break but at hyphenation points (a headline is set small enough for it to fit,
 * rather than be broken between letters). */
int para_model_widest_word(const struct para_model *model);

/* Breaks MODEL into lines WIDTH units wide, as a layout with this width, WRAP and line
 * spacing factor SPACING (0: none) would; without HYPHENATE, never at a hyphenation point
 * (a soft hyphen) and never adding a hyphen (a word longer than the line is broken
 * between letters without one: display and machine text); with BALANCE, at the narrowest
 * width that gives as few lines (a headline's lines of similar length, never one word
 * alone on the last).  Sets *Y to a new array (free) of 2 × the line
 * count: the top and bottom of each line, as pango_layout_iter_get_line_yrange gives them,
 * and returns the line count; -1 when out of memory. */
int para_model_break(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, bool hyphenate, bool balance, int **y);

/* ---- a paragraph set in lines, drawn from its one shaping ---- */

/* A paragraph shaped once (LAYOUT, as para_model_new takes it) and broken into lines as
 * Pango would break it (the model's lines), each line made of the pieces of that one
 * shaping with Pango's line-end rules: the last piece shaped again with its hyphen at a
 * hyphenation point, a final space taking no room, pieces in visual (bidi) order,
 * justified by spreading the room left over the spaces, aligned.  So a paragraph is
 * shaped once, where a Pango layout with a width shapes every line again, and twice or
 * more near its end while it looks for the break.  Reference-counted; it keeps a
 * reference to LAYOUT. */
struct para_set;

/* How a paragraph is broken into lines. */
enum para_breaker {
	PARA_BREAK_PANGO = 0,   /* first fit, as Pango does it (para_model_break) */
	PARA_BREAK_JUSTIFIED,   /* total fit (linebreak.h), every line but a paragraph's last
				 * justified, its spaces stretched or shrunk */
	PARA_BREAK_RAGGED,      /* total fit for an even ragged edge: spaces keep their width,
				 * no line justified, no last line of one word where avoidable */
};

struct para_set_options {
	int width;              /* Pango units */
	PangoWrapMode wrap;     /* 0: PANGO_WRAP_WORD_CHAR */
	float spacing;          /* the line spacing factor, as pango_layout_set_line_spacing */
	PangoAlignment align;
	bool justify;
	bool hyphenate;         /* as para_model_break */
	bool balance;           /* as para_model_break; aligned within the whole width */
	enum para_breaker breaker; /* the total-fit breakers decide whether lines are
				 * justified (JUSTIFIED: yes, RAGGED: no) whatever JUSTIFY says;
				 * BALANCE and PANGO_WRAP_CHAR break as PARA_BREAK_PANGO does */
};

/* Breaks MODEL as para_set_new breaks a layout with OPTIONS (what para_model_break does
 * for PARA_BREAK_PANGO, total fit for the others); *Y and the result as para_model_break. */
int para_model_break_with(const struct para_model *model, const struct para_set_options *options,
			  int **y);

/* The same, and *HYPHEN a new array (free) of whether each line ends in a hyphen the
 * breaker added (the page flow does not cut a column after one). */
int para_model_break_ends(const struct para_model *model, const struct para_set_options *options,
			  int **y, bool **hyphen);

/* How a breaking of a paragraph scores under the total-fit cost (for the tests and for
 * comparing the breakers). */
struct para_break_stats {
	int lines;              /* lines that are not their paragraph's last */
	int rigid;              /* of them, without a space to stretch (not in the ratios) */
	double demerits;        /* the total, as linebreak.h counts them */
	double worst_stretch;   /* the largest adjustment ratio of those lines (0: none) */
	double worst_shrink;    /* the most negative (0: none) */
	double sum_ratio;       /* of the absolute ratios, for a mean */
	double sum_squares;     /* of the ratios, for their spread */
	int pars;               /* Pango paragraphs scored */
	int hyphens;            /* lines ending in a hyphen (added or the text's own) */
	int hyphenations;       /* of them, at a hyphenation point */
	int most_in_row;        /* the most hyphenated lines in a row */
	int overfull;
	int lonely;             /* paragraphs whose last line is one word after other lines */
	int foreign;            /* breaks the cost does not allow (a fragment too short, a
				 * break between letters); their paragraphs are not scored */
};

/* Breaks MODEL with OPTIONS and scores the lines under the cost of COST (JUSTIFIED or
 * RAGGED), adding into *STATS.  0, or -1 when out of memory. */
int para_model_score(const struct para_model *model, const struct para_set_options *options,
		     enum para_breaker cost, struct para_break_stats *stats);

struct para_set *para_set_new(PangoLayout *layout, const struct para_set_options *options);
struct para_set *para_set_ref(struct para_set *set);
void para_set_unref(struct para_set *set);

int para_set_lines(const struct para_set *set);

/* Line LINE: where it starts and how wide it is, its top and bottom (Pango units, from the
 * paragraph's top left, as a Pango layout's line extents and y range). */
void para_set_line_extents(const struct para_set *set, int line, int *x, int *top, int *width,
			   int *bottom);

/* The width the lines were broken at: the options' width, or less when balanced. */
int para_set_break_width(const struct para_set *set);

/* The byte offset in the text where line LINE starts. */
int para_set_line_start(const struct para_set *set, int line);


PangoLayout *para_set_layout(const struct para_set *set);
const char *para_set_text(const struct para_set *set);

/* How line LINE was broken and how it is set (the layout trace, the tests): widths in
 * Pango units at the reference size; the text is the bytes [START, END) of para_set_text,
 * in logical order. */
struct para_line_info {
	int start, end;         /* its text, less a final space (a wrapped line's, which
				 * takes no room) or a forced break (U+2028) */
	bool hyphen;            /* it ends in a hyphen the breaker added */
	bool last;              /* it ends at a forced break or the paragraph's end */
	bool justified;         /* its spaces were stretched or shrunk to fill the width */
	bool overfull;          /* wider than the width (total fit: a box alone is wider) */
	double ratio;           /* total fit: its adjustment ratio (linebreak.h); else 0 */
	int natural;            /* its width before justification */
	int width;              /* as drawn (justified lines: the column's width) */
	int spaces;             /* its word spaces (expandable spaces that take room) */
	double gap_ratio;       /* their drawn width / their natural width: 1 for a ragged
				 * line or none, > 1 stretched, < 1 shrunk */
};

void para_set_line_info(const struct para_set *set, int line, struct para_line_info *info);

/* Draws line LINE with the paragraph's top left at CR's origin, one unit a Pango unit's
 * point: colours and underlines as Pango's renderer draws them, and each glyph with the
 * text it copies out as (para.c, "what a line copies out as": a word hyphenated at the
 * line's end copies as the whole word, no soft hyphen or bidi control copies out, a ZWNJ
 * keeps its place), runs in logical order. */
/* A number no other paragraph set of this process has (its pieces on several pages are
 * one paragraph). */
unsigned long para_set_serial(const struct para_set *set);

void para_set_draw_line(const struct para_set *set, cairo_t *cr, int line);

/* The horizontal extents (Pango units, pairs into RANGES, at most MAX) of the text bytes
 * [START, END) on line LINE, one range per run; returns how many. */
int para_set_x_ranges(const struct para_set *set, int line, int start, int end, int *ranges,
		      int max);

#endif
