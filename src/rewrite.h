/* rewrite.h — writing a document back after the translators' commands changed it.
 *
 * confirm, po import, fill and lint --fix change a document in place.  So that two of
 * them at once both land and nothing an editor saved meanwhile is lost:
 *   rewrite_open   locks the file (flock, exclusive; a file renamed in meanwhile is
 *                  opened and locked again) and reads its bytes through the lock;
 *   rewrite_check  checks those bytes with the loader given to rewrite_open (loader.h;
 *                  the CLI gives the pipeline's); the command works on them only;
 *   rewrite_commit applies the edits, checks that the result is still a valid document,
 *                  that the file on disk is still byte for byte what was read, that it
 *                  is writable (not read-only, by its mode bits too, as root ignores
 *                  them) and has one link, then replaces it atomically (out_replace:
 *                  same folder, fsync, same owner and mode, renamed over the file a
 *                  symlink names, which keeps the link);
 *   rewrite_close  unlocks.
 * A run that fails leaves the file as it was. */
#ifndef BROADSIDE_REWRITE_H
#define BROADSIDE_REWRITE_H

#include <stdbool.h>

#include "diag.h"
#include "edit.h"
#include "loader.h"
#include "source.h"

enum rewrite_status {
	REWRITE_OK = 0,        /* written (or, with DRY_RUN, would have been) */
	REWRITE_INVALID,       /* the result would not validate: errors added, nothing written */
	REWRITE_WRITE_FAILED,  /* the file could not be read, locked or written (read-only,
				* several links, changed on disk): an error added */
	REWRITE_NO_MEMORY,
};

/* A document opened for rewriting: locked, its bytes read. */
struct rewrite;

/* Opens and locks PATH (waiting for another rewrite of it to finish) and reads it; LOADER
 * (copied) checks what is read and what would be written.  REWRITE_OK and a new *OUT
 * (close it with rewrite_close), or an error in DIAGS. */
enum rewrite_status rewrite_open(const char *path, const struct loader *loader,
				 struct rewrite **out, struct diag_list *diags);

/* The bytes read under the lock (owned by RW). */
const char *rewrite_bytes(const struct rewrite *rw, size_t *len);

/* The loader's check of those bytes, named as the path given to rewrite_open. */
enum pipeline_status rewrite_check(const struct rewrite *rw, struct diag_list *diags,
				   struct source **src, struct model_doc **doc);

/* Applies EDITS to SRC (made by rewrite_check), checks the result and replaces the file
 * (not when DRY_RUN or when there are no edits). */
enum rewrite_status rewrite_commit(struct rewrite *rw, const struct source *src,
				   struct edit_list *edits, bool dry_run, struct diag_list *diags);

/* The same with the new bytes already made (lint --fix). */
enum rewrite_status rewrite_replace(struct rewrite *rw, const char *bytes, size_t len,
				    bool dry_run, struct diag_list *diags);

/* Unlocks and frees RW; NULL is a no-op. */
void rewrite_close(struct rewrite *rw);

/* rewrite_open on SRC's path, a refusal if the file is no longer SRC's bytes, then
 * rewrite_commit and rewrite_close: for callers that read the file without the lock. */
enum rewrite_status rewrite_document(const struct source *src, const struct loader *loader,
				     struct edit_list *edits, bool dry_run, struct diag_list *diags);

#endif
