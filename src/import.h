/* import.h — what the translators' two imports share: PO (exchange.h) and XLIFF (xliff.h)
 * both read a translator's file into edits of a document, report what they write, and
 * refuse the file with diagnostics at their place in it.
 *
 * An import's state (struct import_run) lends everything but its report; the report owns
 * its language and its items (the units they name are the document's) and
 * import_report_clear releases them.  The command prints the report; nothing here prints. */
#ifndef BROADSIDE_IMPORT_H
#define BROADSIDE_IMPORT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "edit.h"
#include "model.h"
#include "segment.h"
#include "source.h"

enum import_change {
	IMPORT_NEW,            /* a <t> that was not there */
	IMPORT_CHANGED,        /* its content changed */
	IMPORT_CONFIRMED,      /* PO: unchanged, but no longer fuzzy (a translator approved it) */
	IMPORT_STATE,          /* XLIFF: only its state changed */
	IMPORT_SOURCE_CHANGED, /* XLIFF: translated from a source that has changed since */
};

/* One <t> an import writes. */
struct import_item {
	const struct model_unit *unit;
	uint32_t offset;          /* its <t>, or for a new one its unit */
	enum import_change change;
	bool draft;               /* PO: written as state="initial" */
	bool source_changed;      /* PO: translated from an earlier source (a draft, noted) */
	const char *state;        /* XLIFF: the state written (static) */
};

/* What an import did. */
struct import_report {
	char *lang;               /* the file's language, as the document writes it */
	struct import_item *items;
	size_t n, cap;
	size_t unchanged, empty;  /* entries or units that changed nothing, untranslated ones */
};

void import_report_clear(struct import_report *report);

/* One import under way: the document (DOC built from SRC), the translator's FILE that
 * diagnostics point into, and what the import adds to. */
struct import_run {
	const struct model_doc *doc;
	const struct source *src, *file;
	struct edit_list *edits;
	struct import_report *report;
	struct diag_list *diags;
	const char *lang;
	char *translator;         /* who the file says translated (PO: Last-Translator), or
				   * NULL; the import that sets it frees it */
	bool *seen;               /* per unit */
	bool strict;
	bool refused;             /* an error was added: nothing is to be applied */
	bool failed;              /* memory ran out */
};

/* An error [RULE] at OFFSET of the file; the import is refused. */
void import_refuse(struct import_run *run, uint32_t offset, const char *rule, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));
void import_vrefuse(struct import_run *run, uint32_t offset, const char *rule, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

/* A warning [RULE] at OFFSET of the file. */
void import_warn(struct import_run *run, uint32_t offset, const char *rule, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));

/* Adds ITEM to the report (sets FAILED when memory ran out). */
void import_report_add(struct import_run *run, struct import_item item);

/* After an edit of the document: memory, or a <t> not where the model says (a defect). */
void import_edit_done(struct import_run *run, enum edit_status status);

/* DOC's language written as TAG (de_CH, de-ch, de-CH), or NULL (also for TAG NULL). */
const char *import_doc_language(const struct model_doc *doc, const char *tag);

/* An incoming translation as an import compares it with the document's. */
struct import_text {
	const struct model_text *t;  /* the document's <t> in the run's language, or NULL */
	char *xml;                   /* the incoming one as <t> content, as written */
	char *mine, *theirs;         /* canonical forms (segment.h): T's (NULL without T), and
				      * the incoming one's */
};

/* Fills TEXT for TR, the incoming translation of UNIT (TR is normalised in place once its
 * XML is taken).  True; false when memory ran out (FAILED set, TEXT to be cleared still). */
bool import_text_of(struct import_run *run, const struct model_unit *unit, struct segment *tr,
		    struct import_text *text);

/* Whether the document's translation reads as the incoming one (the same canonical form). */
bool import_text_same(const struct import_text *text);
void import_text_clear(struct import_text *text);

/* The import's result, RC being 0 when the file could be read: -1 when memory ran out,
 * 1 when refused, else 0; the edits are cleared unless it is 0. */
int import_finish(struct import_run *run, int rc);

#endif
