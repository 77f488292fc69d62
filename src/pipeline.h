/* pipeline.h — one document through the stages: read, load, validate, build.
 *
 * The only module besides the CLI that sees every stage.  Later stages (resolve, PDF,
 * HTML) start from the model it returns. */
#ifndef BROADSIDE_PIPELINE_H
#define BROADSIDE_PIPELINE_H

#include "diag.h"
#include "loader.h"
#include "model.h"
#include "source.h"

/* Starts and stops the libraries the stages use; 0 or -1. */
int pipeline_init(void);
void pipeline_cleanup(void);

/* Reads, parses and validates PATH.  On PIPELINE_OK, *SRC and *DOC (either pointer may
 * be NULL if the caller does not want it) are new and the caller frees them with
 * source_free and model_doc_free; otherwise they are NULL. */
enum pipeline_status pipeline_check(const char *path, struct diag_list *diags,
				    struct source **src, struct model_doc **doc);

/* The same on bytes in memory, named PATH in diagnostics (tests, fuzzers). */
enum pipeline_status pipeline_check_memory(const char *path, const char *bytes, size_t len,
					   struct diag_list *diags, struct source **src,
					   struct model_doc **doc);

/* The loader (loader.h) that runs pipeline_check, or pipeline_check_memory when given
 * bytes: what the CLI gives the translation memory and rewrites. */
extern const struct loader pipeline_loader;

#endif
