/* xliff.h — a document's translations out to an XLIFF 2.1 file and back, for CAT tools
 * (Trados, memoQ, OmegaT, Okapi) that do not read PO.
 *
 * XLIFF 2.1 core (namespace urn:oasis:names:tc:xliff:document:2.0, version="2.1"), one
 * <file> for the document (its id the document's id), one <unit> per unit (its id the
 * unit's id, its name the unit's kind) with one <segment>: <source>, and <target> when
 * the document has the translation.  The segment's state is the <t>'s state (the two
 * formats share initial/translated/reviewed/final); a stale translation goes out as
 * state="initial" subState="broadside:stale", so that CAT tools show it as work to do.
 * The unit's notes are <note>s; the document's are the <file>'s.
 *
 * Inline markup becomes inline codes that CAT tools protect: em, strong, name, foreign
 * and a are <pc> (em and strong with type="fmt" subType="xlf:i"/"xlf:b", a with
 * type="link"), dates and line breaks are <ph> (a line break with subType="xlf:lb", a date
 * with its value in disp).  The codes are numbered as in the PO files' tags (tagform.h):
 * <pc id="1">, <ph id="date1"/>, <ph id="br1"/>; a code of the target with the id of a
 * source code stands for that code, so links and dates always come from the source.  An
 * element the source does not have is a <pc id="xN"> with bs:el (em, strong, name,
 * foreign) and, for foreign, bs:lang.  bs: is the namespace urn:x-broadside:xliff.
 *
 * Each <unit> carries bs:src-hash, the src-hash (stale.h) of the source it was exported
 * with: a unit whose source changed since is caught on import, and its translation kept
 * as a draft (state="initial", not confirmed) or, with strict, the file refused.
 *
 * Importing changes only what changed (edit.h), as a PO import does: a target that reads
 * as the document's <t> (the same canonical form) in the same state leaves it alone, so
 * export then import gives the same file, byte for byte. */
#ifndef BROADSIDE_XLIFF_H
#define BROADSIDE_XLIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "edit.h"
#include "import.h"
#include "model.h"
#include "source.h"

#define XLIFF_NS "urn:oasis:names:tc:xliff:document:2.0"
#define XLIFF_BS_NS "urn:x-broadside:xliff"

/* What an export wrote. */
struct xliff_counts {
	size_t units, translated, drafts, stale, untranslated;
};

/* The XLIFF file of DOC (built from SRC) for LANG (a translation language of DOC), PATH
 * the document as the user named it (the <file>'s original), as a new string in *OUT
 * (*OUT_LEN bytes; free it).  Returns 0, or -1 when memory ran out. */
int xliff_export(const struct model_doc *doc, const struct source *src, const char *lang,
		 const char *path, char **out, size_t *out_len, struct xliff_counts *counts);

/* Reads XLF (an XLIFF file) for DOC (built from SRC) and adds to EDITS what it changes,
 * and to REPORT (import.h: IMPORT_NEW, IMPORT_CHANGED, IMPORT_STATE or
 * IMPORT_SOURCE_CHANGED, with the state written) what it writes.
 * LANG, when not NULL, is the language the file must be for; STRICT refuses the file when
 * a unit's source changed since the export.  Returns 0; 1 when the file is refused
 * (errors in DIAGS at their place in XLF; EDITS then empty); -1 when memory ran out. */
int xliff_import(const struct model_doc *doc, const struct source *src,
		 const struct source *xlf, const char *lang, bool strict,
		 struct edit_list *edits, struct import_report *report, struct diag_list *diags);

#endif
