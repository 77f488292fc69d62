/* textnorm.h — text as it is read: Unicode NFC, and XML white space collapsed as HTML
 * collapses it.
 *
 * A <t>'s canonical form (segment.h: its hash, what PO and XLIFF carry) and the resolved
 * paragraphs that are rendered (resolve.h) must see the same text, so both make it here.
 * Strings returned are new; the caller frees them. */
#ifndef BROADSIDE_TEXTNORM_H
#define BROADSIDE_TEXTNORM_H

#include <stdbool.h>
#include <stddef.h>

/* Where collapsing stands in text that goes on across pieces (the text between inline
 * elements): still at its start, where white space is dropped, and whether the last
 * character kept was a collapsed space. */
struct textnorm_collapse {
	bool at_start, last_space;
};

/* TEXT (UTF-8) in NFC, as a new string, or NULL (memory ran out, or TEXT is not UTF-8). */
char *textnorm_nfc(const char *text);

/* Collapses TEXT's XML white space (space, tab, CR, LF) in place, after the text STATE
 * stands at: a run of it becomes one space, none at the start.  A space at the end is
 * kept (the next piece may go on after it).  Returns TEXT's new length. */
size_t textnorm_collapse(char *text, struct textnorm_collapse *state);

#endif
