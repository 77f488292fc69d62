/* pdf.h — drawing a laid-out leaflet into a PDF with cairo.
 *
 * Fonts are embedded and subset by cairo; text is drawn with Pango so that every glyph
 * keeps its cluster's text (copy and paste gives back what was typed); links become link
 * annotations, headings become the outline, and the metadata names the document.  The
 * bytes are returned in memory: the caller writes them atomically. */
#ifndef BROADSIDE_PDF_H
#define BROADSIDE_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "layout.h"

struct pdf_info {
	const char *title, *author, *subject, *keywords; /* UTF-8, NULL to leave out */
	const char *lang;        /* BCP 47: the document's main language */
	int rtl;                 /* pages are read right to left */
	time_t date;             /* creation and modification date (SOURCE_DATE_EPOCH) */
};

/* Print production: what a copy shop or print house needs. */
struct pdf_press {
	double bleed;        /* points that edge-touching backgrounds run past the trim */
	bool marks;          /* crop marks outside the trim */
	int nup;             /* 1, or 2 or 4 leaflet pages per sheet */
	bool duplicate;      /* with nup: each sheet full of copies of one page */
	double sheet_width, sheet_height; /* with nup: the sheet, points */
};

/* Draws LAYOUT on pages of WIDTH × HEIGHT points (the trim), as PRESS says (NULL: plain
 * pages).  Every page gets a TrimBox and, with a bleed, a BleedBox.  Returns 0 and a new
 * buffer (free it) in *BYTES, *LEN, or -1 with a reason in *WHY (lent). */
int pdf_render(const struct layout *layout, double width, double height,
	       const struct pdf_info *info, const struct pdf_press *press, char **bytes,
	       size_t *len, const char **why);

/* A PDF drawn a page at a time, so that a long leaflet's pages need not all be laid out
 * and held at once (layout_stream gives them one by one).  Plain pages only: an imposed
 * run (nup) places several pages on a sheet and is drawn whole by pdf_render. */
struct pdf_writer;

/* A writer of pages WIDTH × HEIGHT (the trim) as PRESS says (NULL: plain; nup must be 1
 * unless the writer is only used by pdf_render).  NULL when out of memory. */
struct pdf_writer *pdf_writer_new(double width, double height, const struct pdf_info *info,
				  const struct pdf_press *press);

/* Draws page PAGE of LAYOUT (its items whose page is PAGE) as the next page.  0, or -1
 * when out of memory. */
int pdf_writer_page(struct pdf_writer *w, const struct layout *layout, int page);

/* Forgets every page drawn so far, to start again. */
int pdf_writer_restart(struct pdf_writer *w);

/* Ends the PDF: as pdf_render returns it. */
int pdf_writer_finish(struct pdf_writer *w, char **bytes, size_t *len, const char **why);

void pdf_writer_free(struct pdf_writer *w);

#endif
