/* pdfmeta.h — what cairo cannot write into a PDF, added with qpdf (a maintained PDF
 * library) rather than by editing bytes: the document's language (/Lang), its reading
 * direction (/ViewerPreferences /Direction), and a deterministic /ID, so that the same
 * input gives the same bytes.  And a check of what was written: its only actions are the
 * document's links, each a URI action to exactly one of the URIs it asked for. */
#ifndef BROADSIDE_PDFMETA_H
#define BROADSIDE_PDFMETA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* One structure element the drawing began (cairo_tag_begin), in the order they were
 * begun: what it becomes in the finished structure tree (pdftags.c).  cairo 1.16 writes
 * the marked content and a flat tree; the tree a reader gets is built from these. */
struct pdfmeta_tag {
	const char *role;       /* "H1", "H2", "P", "LI", "BlockQuote", "Figure", "Link";
				 * NULL: an artifact (rules, fills, page numbers, labels) */
	char lang[16];          /* BCP 47; "": the document's */
	uintptr_t key;          /* elements with one key, role and language are one element (a
				 * paragraph continued on the next page); a Link joins the
				 * element of its key; 0: none */
	char *alt;              /* Figure: its alternative text (owned) */
	double bbox[4];         /* Figure: its box, PDF units */
};

struct pdfmeta_tags {
	struct pdfmeta_tag *items;
	size_t n, cap;
	const char *lang;       /* the document's language: the Document's, and first */
};

/* Adds a tag to TAGS (ALT copied; NULL for none).  0, or -1 when out of memory. */
int pdfmeta_tags_add(struct pdfmeta_tags *tags, const char *role, const char *lang,
		     uintptr_t key, const char *alt, const double *bbox);

void pdfmeta_tags_clear(struct pdfmeta_tags *tags);

/* Rewrites the PDF in IN (LEN bytes) into a new buffer *OUT (free it), setting BOXES on
 * every page (NULL: none) and, with TAGS (NULL or none: untagged), the structure tree they
 * describe; then checks the result with pdfmeta_check_links against URIS (NULL: no links
 * allowed).  0, or -1 with a reason in *WHY (lent). */
int pdfmeta_finish(const char *in, size_t len, const char *lang, int rtl,
		   const struct pdfmeta_boxes *boxes, const struct pdfmeta_uris *uris,
		   const struct pdfmeta_tags *tags, char **out, size_t *out_len, const char **why);

/* Checks the PDF in IN (LEN bytes): every annotation of every page is a /Link whose /A
 * is /S /URI with a /URI byte for byte one of URIS (NULL: none), and no object reachable
 * from the trailer holds another action (/JavaScript, /Launch, …), /JS, /AA, /OpenAction
 * or a URI action to anything else.  0, or -1 with the first offence in *WHY (lent). */
int pdfmeta_check_links(const char *in, size_t len, const struct pdfmeta_uris *uris,
			const char **why);

#endif
