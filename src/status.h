/* status.h — how far each translation of a document is: what coordinators check before
 * a print run.
 *
 * Per language: how many units it has in each state (FORMAT.md §5: initial, translated,
 * reviewed, final), how many it lacks, how many are stale (stale.h), and how complete it
 * is.  A unit is done in a language when its <t> there is translated or better and not
 * stale; completeness is done / units, rounded down, so that 100 % means every unit. */
#ifndef BROADSIDE_STATUS_H
#define BROADSIDE_STATUS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "source.h"

struct status_lang {
	const char *lang;  /* lent by the document */
	bool is_source;
	size_t units, initial, translated, reviewed, final, missing, stale;
	size_t unconfirmed; /* translations without src-hash: freshness unknown */
	size_t done;
	unsigned percent;   /* done * 100 / units, rounded down; 100 for no units */
	/* The units concerned, in document order (lent by the document), each list ending
	 * with NULL; the three share one allocation, missing_units's. */
	const struct model_unit **missing_units, **stale_units, **draft_units;
};

struct status_doc {
	const struct model_doc *doc;
	struct status_lang *langs; /* in the order of langs */
	size_t n_langs;
};

/* Counts DOC into OUT (lending DOC, which must outlive it).  0, or -1 (out of memory). */
int status_document(const struct model_doc *doc, struct status_doc *out);
void status_doc_clear(struct status_doc *st);

/* The state named NAME ("reviewed"), or -1. */
int status_state_parse(const char *name);
const char *status_state_name(enum model_state state);

/* Adds an error [status-require] for every unit of ST's document (built from SRC) that
 * is not in LANG at STATE or better, or is stale there; or one when LANG is not a
 * language of the document. */
void status_require(const struct status_doc *st, const struct source *src, const char *lang,
		    enum model_state state, struct diag_list *diags);

/* Adds an error [status-min] for every translation of ST's document less than PERCENT
 * complete. */
void status_min(const struct status_doc *st, const struct source *src, unsigned percent,
		struct diag_list *diags);

#endif
