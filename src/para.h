/* para.h — a paragraph shaped once, broken into lines at any width without shaping again.
 *
 * Fitting a leaflet onto N pages tries a dozen type sizes, and each try used to lay out
 * every paragraph with Pango anew: itemizing, shaping with HarfBuzz and breaking lines,
 * although only the width in which the text is broken had changed (paragraphs are shaped
 * at one reference size and drawn scaled; see layout.c).  A para_model keeps what line
 * breaking needs from one Pango layout of the paragraph without a width: the advance of
 * every character, Pango's break opportunities (with the hyphenation points), the width
 * of a hyphen and the metrics of every item's font.  para_model_break then breaks it as
 * Pango's own PANGO_WRAP_WORD_CHAR / PANGO_WRAP_CHAR wrapping does (Pango 1.50's
 * process_line and process_item, with the widths Pango measures before it reshapes) and
 * gives each line's vertical extent as Pango's layout iterator would.
 *
 * Pango stays the reference: tests/unit/test_para.c breaks every paragraph of the samples
 * and of tests/para/edges.xml (words longer than a line, forced breaks, mixed scripts) both
 * ways, in every layout, at many widths and sizes, and requires the same lines.  The layout
 * uses a model only to decide (how large the type can be); what is drawn is always laid
 * out by Pango.
 *
 * Units are Pango units of the unwrapped layout.  A model owns copies of what it keeps and
 * no Pango objects. */
#ifndef BROADSIDE_PARA_H
#define BROADSIDE_PARA_H

#include <pango/pango.h>

struct para_model;

/* The model of LAYOUT, a paragraph's layout with its text, attributes and font set and no
 * width (-1), not justified.  NULL when out of memory. */
struct para_model *para_model_new(PangoLayout *layout);

void para_model_free(struct para_model *model);

/* Breaks MODEL into lines WIDTH units wide, as a layout with this width, WRAP and line
 * spacing factor SPACING (0: none) would.  Sets *Y to a new array (free) of 2 × the line
 * count: the top and bottom of each line, as pango_layout_iter_get_line_yrange gives them,
 * and returns the line count; -1 when out of memory. */
int para_model_break(const struct para_model *model, int width, PangoWrapMode wrap,
		     float spacing, int **y);

#endif
