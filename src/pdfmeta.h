/* pdfmeta.h — what cairo cannot write into a PDF, added with qpdf (a maintained PDF
 * library) rather than by editing bytes: the document's language (/Lang), its reading
 * direction (/ViewerPreferences /Direction), and a deterministic /ID, so that the same
 * input gives the same bytes.  And a check of what was written: its only actions are the
 * document's links, each a URI action to exactly one of the URIs it asked for. */
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

/* The URIs a document's links go to, each as uri_encode gave it (lent). */
struct pdfmeta_uris {
	char **items;
	size_t n;
};

/* Rewrites the PDF in IN (LEN bytes) into a new buffer *OUT (free it), setting BOXES on
 * every page (NULL: none), then checks the result with pdfmeta_check_links against URIS
 * (NULL: no links allowed).  0, or -1 with a reason in *WHY (lent). */
int pdfmeta_finish(const char *in, size_t len, const char *lang, int rtl,
		   const struct pdfmeta_boxes *boxes, const struct pdfmeta_uris *uris,
		   char **out, size_t *out_len, const char **why);

/* Checks the PDF in IN (LEN bytes): every annotation of every page is a /Link whose /A
 * is /S /URI with a /URI byte for byte one of URIS (NULL: none), and no object reachable
 * from the trailer holds another action (/JavaScript, /Launch, …), /JS, /AA, /OpenAction
 * or a URI action to anything else.  0, or -1 with the first offence in *WHY (lent). */
int pdfmeta_check_links(const char *in, size_t len, const struct pdfmeta_uris *uris,
			const char **why);

#endif
