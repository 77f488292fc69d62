/* dump.h — the resolved text of a document in a stable, readable form.
 *
 * For tests (golden files) and for translators who want to see what will be printed:
 * every unit in every language, with its direction and state; inline elements shown as
 * ⟨em⟩…⟨/em⟩, bidi isolates as ⟨LRI⟩ ⟨RLI⟩ ⟨PDI⟩, soft hyphens as ‧ (U+2027 HYPHENATION
 * POINT) and line breaks as ⟨br⟩. */
#ifndef BROADSIDE_DUMP_H
#define BROADSIDE_DUMP_H

#include <stdio.h>

#include "layout.h"
#include "resolve.h"

void dump_document(const struct resolved_doc *rdoc, FILE *out);

/* The LEN bytes of TEXT with bidi controls, soft hyphens and line breaks made visible as
 * dump_document shows them. */
void dump_visible(const char *text, size_t len, FILE *out);

/* ---- the layout trace (dump_layout.c) ---- */

/* LAYOUT's trace, for tests (golden files) and for judging the typesetting: a header
 * (HEADER, then the pages and the body size), then page by page every text line in
 * reading order (top to bottom, then left to right) with its place, role, size, width and
 * column width, the gap ratio of its word spaces, a hyphen the breaker added, its kept
 * group and its text; the fills, rules and QR code; how far down the text area the page
 * reaches.  Then a summary.  Points, rounded: nothing in it depends on the machine. */
void dump_layout(const struct layout *layout, const char *header, FILE *out);

#endif
