/* po.h — GNU gettext PO files: reading them with every string's place, writing entries.
 *
 * Only the syntax lives here (the GNU gettext manual, "The Format of PO Files"); what the
 * entries mean for a document is exchange.h's business.  Reading keeps, for every byte of
 * every decoded string, the byte of the file it came from, so that a problem inside a
 * msgstr is reported at its exact FILE.po:LINE:COL, however the string was wrapped.
 *
 * A po_file owns its entries and their strings; po_file_clear releases them. */
#ifndef BROADSIDE_PO_H
#define BROADSIDE_PO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "source.h"

struct po_string {
	bool present;
	char *text;        /* decoded (C escapes), NUL-terminated */
	size_t len;
	uint32_t *offsets; /* offsets[i]: the file byte that byte i of text came from */
	size_t cap_text, cap_offsets; /* the room in each (grow.h) */
	uint32_t offset;   /* the keyword's first byte */
};

struct po_entry {
	uint32_t offset;   /* the entry's first line */
	bool fuzzy;        /* #, fuzzy */
	bool plural;       /* it has msgid_plural / msgstr[N] */
	struct po_string msgctxt, msgid, msgstr;
	struct po_string prev_msgid; /* #| msgid */
};

struct po_file {
	struct po_entry *entries; /* in file order; obsolete (#~) entries are left out */
	size_t n, cap;
};

void po_file_init(struct po_file *po);
void po_file_clear(struct po_file *po);

/* Reads SRC (a PO file) into PO (init'd).  Returns 0; 1 when the file is not valid PO
 * or not UTF-8 (errors [po-syntax] added to DIAGS, at their place); -1 when memory ran
 * out. */
int po_parse(const struct source *src, struct po_file *po, struct diag_list *diags);

/* The header entry (empty msgid, no msgctxt), or NULL. */
const struct po_entry *po_header(const struct po_file *po);

/* The value of field NAME ("Language") in HEADER's msgstr, as a new string with the
 * white space around it trimmed, or NULL when there is none (or memory ran out).  When
 * OFFSET is not NULL, it gets where the value starts in the file. */
char *po_header_field(const struct po_entry *header, const char *name, uint32_t *offset);

/* Writes TEXT as comment lines "PREFIX TEXT" ("#." , "#:", "#"), one per line of TEXT. */
void po_write_comment(FILE *out, const char *prefix, const char *text);

/* Writes `PREFIX KEYWORD "TEXT"` with TEXT escaped, wrapped as gettext wraps long strings
 * (at spaces and after \n, within 79 columns, the first line then being `KEYWORD ""`).
 * PREFIX is "" or "#| ".  0, or -1 when memory ran out (nothing written then). */
int po_write_string(FILE *out, const char *prefix, const char *keyword, const char *text);

/* Writes TEXT escaped as more lines of a string already begun (a header field), wrapped
 * as gettext wraps them.  0, or -1 when memory ran out. */
int po_write_continued(FILE *out, const char *text);

#endif
