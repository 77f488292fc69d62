/* tagform.h — the tagged form of a segment (segment.h): the text that PO and XLIFF files
 * carry, with the inline markup as short numbered tags that translation tools keep.
 *
 * Numbering comes from the source segment (collapsed): its elements with content (em,
 * strong, name, foreign, a) are <1>…</1>, <2>…</2> in the order they start; its dates
 * <date1/>, <date2/> in order; a line break is <br/>.  A translation reuses the numbers
 * of the source's elements (an element of the translation takes the number of an unused
 * source element of the same kind and attributes, preferring one with the same text);
 * an element the source does not have is written by name: <em>…</em>, <strong>…</strong>,
 * <name>…</name>, <foreign xml:lang="…">…</foreign>.  Links and dates always come from
 * the source.  In text, & is &amp; and < is &lt;.
 *
 * What the functions return is new and the caller's; segments read are the caller's
 * (segment_clear releases them). */
#ifndef BROADSIDE_TAGFORM_H
#define BROADSIDE_TAGFORM_H

#include <stddef.h>
#include <stdio.h>

#include "segment.h"

/* What each number of SOURCE stands for, for the PO entry's comment
 * ("<1> strong, <2> link https://…, <date1/> 2023-06-17"), or "" when none.  New or NULL. */
char *tagform_legend(const struct segment *source);

/* The tagged form's text is escaped as escape_xml_minimal says: & and < only. */

/* SEG (collapsed) in the tagged form numbered after SOURCE (collapsed).  New, or NULL. */
char *tagform_make(const struct segment *seg, const struct segment *source);

/* What PO and XLIFF offer of UNIT for translation: its <t> in DOC's source language
 * (*SOURCE, lent), that collapsed (SEG, initialized here, the caller clears it) and in
 * the tagged form (*TAGGED, new, the caller frees it).  1 when there is text to
 * translate; 0 when there is none (no source, no id, an empty text); -1 when memory ran
 * out. */
int tagform_unit_source(const struct model_doc *doc, const struct model_unit *unit,
			const struct model_text **source, struct segment *seg, char **tagged);

/* Why a tagged string was refused: MESSAGE about the byte AT of the string. */
struct tagform_error {
	size_t at;
	char message[256];
};

/* Reads TEXT (LEN bytes), a tagged string numbered after SOURCE (collapsed), into OUT
 * (init'd, empty); token `at`s are byte indexes into TEXT.  Refuses: unknown tags or
 * numbers, ends that do not match their start, unclosed elements, a link in a link, a
 * source's link or date left out or used twice, an invalid foreign language, control and
 * bidi control characters.  Returns 0; 1 with *ERR filled (OUT is then cleared); -1 when
 * memory ran out. */
int tagform_parse(const char *text, size_t len, const struct segment *source,
		  struct segment *out, struct tagform_error *err);

#endif
