/* dump.h — the resolved text of a document in a stable, readable form.
 *
 * For tests (golden files) and for translators who want to see what will be printed:
 * every unit in every language, with its direction and state; inline elements shown as
 * ⟨em⟩…⟨/em⟩, bidi isolates as ⟨LRI⟩ ⟨RLI⟩ ⟨PDI⟩, soft hyphens as ‧ (U+2027 HYPHENATION
 * POINT) and line breaks as ⟨br⟩. */
#ifndef BROADSIDE_DUMP_H
#define BROADSIDE_DUMP_H

#include <stdio.h>

#include "resolve.h"

void dump_document(const struct resolved_doc *rdoc, FILE *out);

#endif
