/* exchange.h — a document's translations out to a PO file and back (GNU gettext).
 *
 * Translators who would rather use Poedit, Weblate, OmegaT or Lokalize get one PO file
 * per language: one entry per unit, msgctxt its id, msgid its source text, msgstr its
 * translation, with the unit's kind and notes as extracted comments (#.), its place in
 * the document as a reference (#:), and inline markup as short numbered tags
 * (tagform.h).  Stale translations and drafts (state="initial") are fuzzy; missing ones
 * are empty, or fuzzy proposals from a translation memory (tm.h).  The document's own
 * notes (<head><note>) are #. comments on the header entry and on every unit of the head.
 * Without a language, the export is a template (POT) for msginit or Weblate.
 *
 * Importing turns the entries back into edits of the document (edit.h) and changes only
 * what changed: an entry whose translation reads as the document's (the same canonical
 * form) leaves its <t> alone, so that exporting and importing without a change gives
 * the same file, byte for byte.  A changed entry becomes the <t>'s new content, with
 * state="translated" and a src-hash confirming it against the source; a fuzzy one
 * becomes a draft, state="initial", and keeps its old src-hash (so a stale translation
 * stays stale).  An unchanged entry that was fuzzy in the document but is not in the file
 * (a translator approved it) is confirmed.
 *
 * A PO file is refused, with its FILE.po:LINE:COL, when it is for another document or
 * language, or when an entry names no unit of the document, has a msgid that is no longer
 * its unit's source (export again and merge with msgmerge), or a msgstr whose tags do not
 * match its source. */
#ifndef BROADSIDE_EXCHANGE_H
#define BROADSIDE_EXCHANGE_H

#include <stdio.h>
#include <time.h>

#include "diag.h"
#include "edit.h"
#include "import.h"
#include "model.h"
#include "source.h"
#include "tm.h"

struct exchange_export_options {
	const char *lang;         /* the translation's language (not the source); NULL: a
				   * template (POT) with no language, every msgstr empty */
	const char *path;         /* the document as the user named it, for #: and the header */
	const struct tm *memory;  /* proposals for missing translations, or NULL */
	/* Earlier versions of the document: a stale translation's entry gets the source it
	 * was confirmed against (#| msgid) from the one whose source has its src-hash. */
	const struct model_doc *const *previous;
	size_t n_previous;
	time_t now;               /* POT-Creation-Date and PO-Revision-Date */
};

/* What an export wrote (msgfmt --statistics counts the same way). */
struct exchange_counts {
	size_t translated, fuzzy, untranslated, proposals, previous;
};

/* Writes the PO file of DOC (built from SRC) for OPTIONS->lang to OUT.  Returns 0, or -1
 * when memory ran out. */
int exchange_export(const struct model_doc *doc, const struct source *src,
		    const struct exchange_export_options *options, FILE *out,
		    struct exchange_counts *counts);

struct exchange_import_options {
	const char *lang;  /* the language the file must be for, or NULL */
	/* All or nothing: an entry whose msgid is no longer its unit's source refuses the
	 * file (otherwise it becomes a draft, with its old source in a <note>, and a
	 * warning), as does a locale variant (fr_FR) for the document's language (fr). */
	bool strict;
};

/* Reads PO (a PO file) for DOC (built from SRC) and adds to EDITS what it changes, and
 * to REPORT (import.h: IMPORT_NEW, IMPORT_CHANGED or IMPORT_CONFIRMED) what it writes.
 * A PO file without broadside's header (msginit, Weblate) is taken when its entries'
 * msgctxt are the document's unit ids; the header's Last-Translator goes into the
 * translator attribute of every <t> written.  Returns 0 (warnings in DIAGS: a changed
 * source, a locale variant, no broadside header); 1 when the file is refused (errors in
 * DIAGS, at their place in PO; EDITS then holds nothing to apply); -1 when memory ran
 * out. */
int exchange_import(const struct model_doc *doc, const struct source *src,
		    const struct source *po, const struct exchange_import_options *options,
		    struct edit_list *edits, struct import_report *report,
		    struct diag_list *diags);

/* The gettext Plural-Forms of LANG (a BCP 47 tag), from a table of common languages;
 * "nplurals=2; plural=(n != 1);" for the others.  Lent, static. */
const char *exchange_plural_forms(const char *lang);

#endif
