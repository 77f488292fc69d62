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
 *  - the tagged form (segment_tagged, segment_parse_tagged): the text that PO files carry,
 *    with the inline markup as short numbered tags that translation tools keep.
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

/* ---- the tagged form: PO strings ------------------------------------------------------
 *
 * Numbering comes from the source segment (collapsed): its elements with content (em,
 * strong, name, foreign, a) are <1>…</1>, <2>…</2> in the order they start; its dates
 * <date1/>, <date2/> in order; a line break is <br/>.  A translation reuses the numbers
 * of the source's elements (an element of the translation takes the number of an unused
 * source element of the same kind and attributes, preferring one with the same text);
 * an element the source does not have is written by name: <em>…</em>, <strong>…</strong>,
 * <name>…</name>, <foreign xml:lang="…">…</foreign>.  Links and dates always come from
 * the source.  In text, & is &amp; and < is &lt;. */

/* What each number of SOURCE stands for, for the PO entry's comment
 * ("<1> strong, <2> link https://…, <date1/> 2023-06-17"), or "" when none.  New or NULL. */
char *segment_tag_legend(const struct segment *source);

/* Writes the text S as the tagged form's text: & as &amp; and < as &lt;, all else as is. */
void segment_write_text(FILE *out, const char *s);

/* SEG (collapsed) in the tagged form numbered after SOURCE (collapsed).  New, or NULL. */
char *segment_tagged(const struct segment *seg, const struct segment *source);

/* Why a tagged string was refused: MESSAGE about the byte AT of the string. */
struct segment_error {
	size_t at;
	char message[256];
};

/* Reads TEXT (LEN bytes), a tagged string numbered after SOURCE (collapsed), into OUT
 * (init'd, empty); token `at`s are byte indexes into TEXT.  Refuses: unknown tags or
 * numbers, ends that do not match their start, unclosed elements, a link in a link, a
 * source's link or date left out or used twice, an invalid foreign language, control and
 * bidi control characters.  Returns 0; 1 with *ERR filled (OUT is then cleared); -1 when
 * memory ran out. */
int segment_parse_tagged(const char *text, size_t len, const struct segment *source,
			 struct segment *out, struct segment_error *err);

#endif
