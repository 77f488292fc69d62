/* validate.h — the schema, and the format's rules beyond it (FORMAT.md section 6).
 *
 * Both add what they find to a diagnostic list and never stop at the first problem.
 * Rule names (in brackets after each message) are stable: tests and scripts use them. */
#ifndef BROADSIDE_VALIDATE_H
#define BROADSIDE_VALIDATE_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"
#include "source.h"

/* Compiles the schema built into broadside; call once before validate_schema.
 * Returns 0, or -1 if it cannot (a build defect). */
int validate_init(void);
void validate_cleanup(void);

/* Validates TREE (parsed from SRC) against the RELAX NG schema [schema]. */
void validate_schema(xmlDocPtr tree, const struct source *src, struct diag_list *diags);

/* Control characters and bidi controls [control-char], [bidi-control] anywhere in TREE
 * (parsed from SRC by load_document): text, CDATA sections, comments, processing
 * instructions and attribute values, as the parser read them, each reported where it
 * stands in the source, written literally or as a reference. */
void validate_characters(xmlDocPtr tree, const struct source *src, struct diag_list *diags);

/* Checks the rules the grammar cannot say, on the model built from SRC. */
void validate_rules(const struct model_doc *doc, const struct source *src,
		    struct diag_list *diags);

#endif
