/* pipeline.h — one document through the stages: read, load, validate, build.
 *
 * The only module besides the CLI that sees every stage.  Later stages (resolve, PDF,
 * HTML) start from the model it returns. */
#ifndef BROADSIDE_PIPELINE_H
#define BROADSIDE_PIPELINE_H

#include "diag.h"
#include "model.h"
#include "source.h"

enum pipeline_status {
	PIPELINE_OK = 0,      /* valid: warnings may have been added */
	PIPELINE_REFUSED,     /* errors were added */
	PIPELINE_UNREADABLE,  /* the file could not be read; an error was added */
};

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

#endif
