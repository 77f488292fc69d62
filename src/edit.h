/* edit.h — byte edits of a document's source (the one type for them, and making them),
 * and the edits that change its <t> elements.
 *
 * The translators' commands (confirm, po import, fill) write into files that people edit
 * by hand, so like `lint --fix` they change only the bytes they must: an attribute's
 * value, a <t>'s content, or one new <t> line.  Comments, formatting, attribute order and
 * quoting, entity references elsewhere all stay as they were, byte for byte.
 *
 * The edits are collected first (each one a byte range of the source and its
 * replacement), then applied in one go into a new buffer, which the caller validates and
 * writes atomically (out.h).  An edit list owns its strings. */
#ifndef BROADSIDE_EDIT_H
#define BROADSIDE_EDIT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "source.h"

/* Replace LENGTH bytes at OFFSET by TEXT: the one kind of byte edit, made by these
 * functions, by lint's fixes (lint.h) and by whoever changes a source in place. */
struct edit {
	uint32_t offset, length;
	char *text;
	size_t seq; /* the order edits at one offset are applied in */
};

struct edit_list {
	struct edit *items;
	size_t n, cap;
};

void edit_list_init(struct edit_list *edits);
void edit_list_clear(struct edit_list *edits);

enum edit_status {
	EDIT_OK = 0,
	EDIT_NO_MEMORY = -1,
	EDIT_NOT_FOUND = -2, /* the model's offsets do not point at a <t> of SRC: a defect */
};

/* Sets attribute NAME of <t> T (in SRC) to VALUE: its value is replaced where it stands
 * (in its own quotes), or ` NAME="VALUE"` is added after the last attribute. */
enum edit_status edit_t_attribute(struct edit_list *edits, const struct source *src,
				  const struct model_text *t, const char *name, const char *value);

/* Replaces the content of T (between <t …> and </t>) by XML. */
enum edit_status edit_t_content(struct edit_list *edits, const struct source *src,
				const struct model_text *t, const char *xml);

/* Adds a new <t xml:lang="LANG" state="STATE" src-hash="HASH">XML</t> (STATE and HASH may
 * be NULL: left out) after the last <t> of UNIT: on a line of its own with the same
 * indentation and line end as that <t>'s line, or right after it when that <t> does not
 * start its line. */
enum edit_status edit_insert_t(struct edit_list *edits, const struct source *src,
			       const struct model_unit *unit, const char *lang, const char *state,
			       const char *hash, const char *xml);

/* Appends " WORD" to the attribute value whose first byte (after its opening quote) is at
 * VALUE, right after the value's last non-space character: langs="en fa" becomes
 * langs="en fa de", and nothing else changes.  WORD must need no escaping (a language
 * tag). */
enum edit_status edit_append_word(struct edit_list *edits, const struct source *src,
				  uint32_t value, const char *word);

/* As edit_insert_t, with a translator="TRANSLATOR" attribute when TRANSLATOR is not NULL
 * (who made the translation: a PO file's Last-Translator). */
enum edit_status edit_insert_t_by(struct edit_list *edits, const struct source *src,
				  const struct model_unit *unit, const char *lang,
				  const char *state, const char *hash, const char *translator,
				  const char *xml);

/* Adds <note>TEXT</note> (TEXT escaped) after the last <t> of UNIT, placed as
 * edit_insert_t places a new <t>. */
enum edit_status edit_insert_note(struct edit_list *edits, const struct source *src,
				  const struct model_unit *unit, const char *text);

/* SRC's bytes with EDITS applied, in a new NUL-terminated buffer *OUT (free it) of
 * *OUT_LEN bytes (SRC's bytes as they are when EDITS is empty).  Edits that overlap are a
 * defect: -1 then, as when memory runs out. */
int edit_apply(const struct source *src, struct edit_list *edits, char **out, size_t *out_len);

/* SRC's bytes with the N EDITS made, in a new NUL-terminated buffer *OUT (free it) of
 * *OUT_LEN bytes; every byte outside the edited ranges is kept as it is.  The edits must
 * come in order of offset, not overlap and not reach past the end (insertions at one
 * offset go in the order given): -1 otherwise, as when memory runs out.  Their seq is not
 * looked at. */
int edit_splice(const struct source *src, const struct edit *edits, size_t n, char **out,
		size_t *out_len);

#endif
