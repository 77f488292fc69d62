/* escape.h — text written into another format's strings: one writer, one table per format.
 *
 * Whatever a document or a user says reaches JSON, PO, XML, the build manifest and
 * GitHub's annotations only through escape_write, so that no value can end its string
 * early.  A table names the bytes it replaces and what each becomes, and what happens
 * to the other control characters (below U+0020). */
#ifndef BROADSIDE_ESCAPE_H
#define BROADSIDE_ESCAPE_H

#include <stdio.h>

/* What becomes of a control character that is not special. */
enum escape_control {
	ESCAPE_KEEP,
	ESCAPE_DROP,
	ESCAPE_UNICODE, /* \u001f */
	ESCAPE_OCTAL,   /* \037 */
};

struct escape {
	const char *special;   /* the bytes replaced ... */
	const char *const *as; /* ... each by the string at its index */
	enum escape_control control;
};

extern const struct escape escape_json;            /* a JSON string's inside */
extern const struct escape escape_c;               /* a PO (C) string's inside */
extern const struct escape escape_tsv;             /* a tab-separated field: \t \n \\ */
extern const struct escape escape_xml;             /* all five entities; controls dropped */
extern const struct escape escape_xml_content;     /* & < > (element content) */
extern const struct escape escape_xml_attr;        /* & < " (in double quotes) */
extern const struct escape escape_xml_attr_single; /* & < ' (in single quotes) */
extern const struct escape escape_xml_minimal;     /* & < (what XML requires in content) */
extern const struct escape escape_github_data;     /* an annotation's message: % \r \n */
extern const struct escape escape_github_property; /* a property: also : and , */

/* Writes S (NULL: nothing) to OUT as TABLE says. */
void escape_write(FILE *out, const char *s, const struct escape *table);

/* Writes ` NAME="VALUE"`, VALUE escaped for double quotes; nothing when VALUE is NULL. */
void escape_attribute(FILE *out, const char *name, const char *value);

/* S as TABLE says, as a new string (free it); NULL when memory ran out. */
char *escape_string(const char *s, const struct escape *table);

#endif
