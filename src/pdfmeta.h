/* pdfmeta.h — what cairo cannot write into a PDF, added with qpdf (a maintained PDF
 * library) rather than by editing bytes: the document's language (/Lang), its reading
 * direction (/ViewerPreferences /Direction), and a deterministic /ID, so that the same
 * input gives the same bytes. */
#ifndef BROADSIDE_PDFMETA_H
#define BROADSIDE_PDFMETA_H

#include <stdbool.h>
#include <stddef.h>

/* Page boxes, in PDF units with the origin at the bottom left: [x0 y0 x1 y1]. */
struct pdfmeta_boxes {
	double trim[4];
	double bleed[4];
	bool has_bleed;
};

/* Rewrites the PDF in IN (LEN bytes) into a new buffer *OUT (free it), setting BOXES on
 * every page (NULL: none).  0, or -1 with a reason in *WHY (lent). */
int pdfmeta_finish(const char *in, size_t len, const char *lang, int rtl,
		   const struct pdfmeta_boxes *boxes, char **out, size_t *out_len, const char **why);

#endif
