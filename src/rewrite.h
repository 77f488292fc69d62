/* rewrite.h — writing a document back after the translators' commands changed it.
 *
 * confirm, po import and fill each collect edits (edit.h); this applies them, makes sure
 * the result is still a valid document (the whole pipeline, as `validate` runs it), and
 * only then replaces the file, atomically (out.h).  A run that fails leaves the file as
 * it was. */
#ifndef BROADSIDE_REWRITE_H
#define BROADSIDE_REWRITE_H

#include <stdbool.h>

#include "diag.h"
#include "edit.h"
#include "source.h"

enum rewrite_status {
	REWRITE_OK = 0,        /* written (or, with DRY_RUN, would have been) */
	REWRITE_INVALID,       /* the result would not validate: errors added, nothing written */
	REWRITE_WRITE_FAILED,  /* the file could not be written: an error [write] added */
	REWRITE_NO_MEMORY,
};

/* Applies EDITS to SRC, checks the result and writes it to SRC's path (not when DRY_RUN
 * or when there are no edits). */
enum rewrite_status rewrite_document(const struct source *src, struct edit_list *edits,
				     bool dry_run, struct diag_list *diags);

#endif
