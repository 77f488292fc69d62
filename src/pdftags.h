/* pdftags.h — the structure tree a finished PDF gets (for pdfmeta.c).
 *
 * cairo 1.16 writes each structure element its drawing began as a child of the tree's
 * root, in the order begun, with its marked content and the parent tree; it cannot say
 * what language an element is in, give a figure its alternative text, mark content as an
 * artifact (its "Artifact" tag writes a broken file), or put one paragraph's pieces on
 * two pages together.  pdftags_apply builds the tree a reader gets from cairo's and the
 * drawing's pdfmeta_tags:
 *
 *   Document (the document's language)
 *     Sect (one per language, the document's first: a reader hears a language through,
 *           and skips the ones it does not want)
 *       H1, H2, P, BlockQuote, Figure (its /Alt and /BBox), L > LI > LBody
 *         … each with /Lang and /K its marked content on every page, and its Links
 *
 * Content tagged as an artifact (rules, fills, page numbers and footers, language labels,
 * list markers) becomes /Artifact BMC … EMC and leaves the tree. */
#ifndef BROADSIDE_PDFTAGS_H
#define BROADSIDE_PDFTAGS_H

#include <qpdf/qpdf-c.h>

#include "pdfmeta.h"

/* Rewrites STREAM's data (decoded) with FN(its bytes, length, &new length, ARG), which
 * returns new bytes (freed here) or NULL to leave it as it is.  (pdfmeta.c) */
void pdfmeta_rewrite_stream(qpdf_data q, qpdf_oh stream,
			    char *(*fn)(const char *in, size_t len, size_t *out_len, void *arg),
			    void *arg);

/* Rebuilds Q's structure tree as TAGS say.  0, or -1 with a reason in *WHY (lent) when
 * cairo's tree is not one element per tag. */
int pdftags_apply(qpdf_data q, const struct pdfmeta_tags *tags, const char **why);

#endif
