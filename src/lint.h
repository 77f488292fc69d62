/* lint.h — typographic rules per language, and their safe fixes.
 *
 * Works on the model's text as written in the source (before normalisation and white-space
 * collapsing), so that every finding points at the exact character in the file.  All
 * findings are warnings; the CLI turns them into errors with --strict.
 *
 * Rule names (stable; tests and scripts use them) are listed in lint.c's rule table, and
 * with what each finds at the top of lint_common.c, lint_fa.c and lint_de.c. */
#ifndef BROADSIDE_LINT_H
#define BROADSIDE_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "edit.h"
#include "model.h"
#include "source.h"

/* One safe fix: an edit of the source (its text UTF-8), and why. */
struct lint_fix {
	struct edit edit;
	const char *rule;  /* the rule's name, as lint_rules has it (static) */
	char *description; /* "U+064A ARABIC LETTER YEH → U+06CC FARSI YEH" */
};

/* Which rules run.  DISABLE: rules left out.  ENABLE: when N_ENABLE > 0, only these run
 * (then DISABLE still leaves some of them out).  Whatever the options, a document can
 * silence rules where it knows better: an XML comment <!-- broadside: allow RULE... -->
 * (rules separated by spaces or commas) directly before a unit (only white space and
 * other comments between), directly before one of its <t>, or inside a <t> silences
 * those rules, findings and fixes, in the unit's texts or that one <t>. */
struct lint_options {
	const char *const *disable;
	size_t n_disable;
	const char *const *enable;
	size_t n_enable;
};

/* The fixes of one document, sorted by offset, never overlapping.  Owns its strings. */
struct lint_fixes {
	struct lint_fix *items;
	size_t n, cap;
};

void lint_fixes_init(struct lint_fixes *fixes);
void lint_fixes_clear(struct lint_fixes *fixes);

/* Whether RULE is one of lint's rule names. */
bool lint_rule_known(const char *rule);

/* lint_document with OPTIONS (NULL: every rule). */
int lint_document_with(const struct model_doc *doc, const struct source *src,
		       const struct lint_options *options, struct diag_list *diags,
		       struct lint_fixes *fixes);

/* Checks every <t> of DOC, which was built from SRC, and adds a warning to DIAGS for each
 * finding.  When FIXES is not NULL, the safe fixes are added to it too.  Returns 0, or -1
 * when memory ran out. */
int lint_document(const struct model_doc *doc, const struct source *src,
		  struct diag_list *diags, struct lint_fixes *fixes);

/* SRC's bytes with FIXES applied, as a new NUL-terminated buffer in *OUT (free it) of
 * *OUT_LEN bytes; every byte outside the fixed ranges is kept as it is.  0 or -1. */
int lint_apply(const struct source *src, const struct lint_fixes *fixes, char **out,
	       size_t *out_len);

#endif
