/* segment.h — the content of one <t> as a flat list of tokens, and its written forms.
 *
 * A segment is what translation tools call the text of a unit in one language: text and
 * inline markup, flattened into tokens (text, an element's start, its end, an empty
 * element).  The translators' commands compare, hash, copy and exchange segments:
 *
 *  - segment_xml: the XML that goes between <t> and </t> (what import and fill write);
 *  - the canonical form (segment_canonical): NFC, white space collapsed, then XML — the
 *    same for two <t>s that read the same, however they are laid out in the file; the
 *    src-hash (stale.h) and the translation memory (tm.h) are built on it;
 *  - the tagged form (tagform.h): the text that PO and XLIFF files carry, with the inline
 *    markup as short numbered tags that translation tools keep.
 *
 * A segment owns its tokens and their strings; segment_clear releases them. */
#ifndef BROADSIDE_SEGMENT_H
#define BROADSIDE_SEGMENT_H

#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum segment_token_kind {
	SEG_TEXT,  /* characters, references decoded */
	SEG_OPEN,  /* <em>, <strong>, <name>, <foreign>, <a> */
	SEG_CLOSE, /* their end */
	SEG_EMPTY, /* <date/>, <br/> */
};

struct segment_token {
	enum segment_token_kind kind;
	enum model_inline_kind element; /* OPEN, CLOSE, EMPTY */
	char *text;                     /* TEXT */
	/* foreign: xml:lang in attr; a: href in attr; date: when in attr, or from in attr
	 * and to in attr2 (with when NULL: is_range). */
	char *attr, *attr2;
	bool is_range;
	uint32_t at; /* where the token came from: a source offset, or a byte index into a
		      * tagged string; whoever made the segment knows which */
};

struct segment {
	struct segment_token *items;
	size_t n, cap;
};

void segment_init(struct segment *seg);
void segment_clear(struct segment *seg);

/* The segment of T, as written (text not normalised).  0, or -1 when memory ran out. */
int segment_from_text(const struct model_text *t, struct segment *seg);

/* Collapses white space in place as the renderer does (FORMAT.md §4): runs of XML white
 * space are one space, across element boundaries; none at the start or the end, none
 * before or after a <br/>.  Empty text tokens are dropped.  0 or -1. */
int segment_collapse(struct segment *seg);

/* Normalises every text token to NFC (ICU) in place.  0 or -1. */
int segment_nfc(struct segment *seg);

/* The segment as XML content: text with & < > escaped, elements with their attributes in
 * double quotes (&, <, " escaped).  A new string (free it), or NULL. */
char *segment_xml(const struct segment *seg);

/* The canonical form of T: NFC, collapsed, as XML (see stale.h for why).  New, or NULL. */
char *segment_canonical(const struct model_text *t);

/* The same for a segment already made: normalises SEG in place, then writes it. */
char *segment_canonical_of(struct segment *seg);

/* ---- for the tagged form (tagform.c), which builds and writes segments too ---------- */

/* Appends a token of KIND for ELEMENT with copies of its attributes.  0 or -1. */
int segment_push_element(struct segment *seg, enum segment_token_kind kind,
			 enum model_inline_kind element, const char *attr, const char *attr2,
			 bool is_range, uint32_t at);

/* Appends a text token of LEN bytes of TEXT.  0 or -1. */
int segment_push_text(struct segment *seg, const char *text, size_t len, uint32_t at);

/* The element's name as XML has it ("em", "a", "date"…); "?" for text. */
const char *segment_element_name(enum model_inline_kind kind);

/* Writes the start tag (or empty element) of TOK as XML, attributes escaped. */
void segment_write_tag(FILE *out, const struct segment_token *tok);

#endif
