/* loader.h — how a module that needs whole documents gets them without calling the
 * pipeline driver.
 *
 * The translation memory (tm.h) reads other documents, and rewrite.h checks a document
 * before and after changing it; both run the whole pipeline, which sees every stage.  So
 * that they do not depend on it, they are given a loader: the CLI passes the pipeline's
 * (pipeline_loader, pipeline.h); a test may pass its own.  A loader is a function and its
 * context, copied by value; the context is the caller's and must outlive its users. */
#ifndef BROADSIDE_LOADER_H
#define BROADSIDE_LOADER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "source.h"

/* What checking a document gave (the pipeline's word for it, pipeline.h). */
enum pipeline_status {
	PIPELINE_OK = 0,      /* valid: warnings may have been added */
	PIPELINE_REFUSED,     /* errors were added */
	PIPELINE_UNREADABLE,  /* the file could not be read; an error was added */
};

struct loader {
	/* Reads, parses and validates PATH, or the LEN bytes at BYTES named PATH when BYTES
	 * is not NULL, as pipeline_check and pipeline_check_memory do: on PIPELINE_OK, *SRC
	 * and *DOC (either may be NULL) are new and the caller's; otherwise NULL. */
	enum pipeline_status (*check)(void *context, const char *path, const char *bytes,
				      size_t len, struct diag_list *diags, struct source **src,
				      struct model_doc **doc);
	void *context;
};

#endif
