/* pdf.h — drawing a laid-out leaflet into a PDF with cairo.
 *
 * Fonts are embedded and subset by cairo; text is drawn with Pango so that every glyph
 * keeps its cluster's text (copy and paste gives back what was typed); links become link
 * annotations, headings become the outline, and the metadata names the document.  The
 * bytes are returned in memory: the caller writes them atomically. */
#ifndef BROADSIDE_PDF_H
#define BROADSIDE_PDF_H

#include <stddef.h>
#include <time.h>

#include "layout.h"

struct pdf_info {
	const char *title, *author, *subject, *keywords; /* UTF-8, NULL to leave out */
	const char *lang;        /* BCP 47: the document's main language */
	int rtl;                 /* pages are read right to left */
	time_t date;             /* creation and modification date (SOURCE_DATE_EPOCH) */
};

/* Draws LAYOUT on pages of WIDTH × HEIGHT points.  Returns 0 and a new buffer (free it)
 * in *BYTES, *LEN, or -1 with a reason in *WHY (lent). */
int pdf_render(const struct layout *layout, double width, double height,
	       const struct pdf_info *info, char **bytes, size_t *len, const char **why);

#endif
