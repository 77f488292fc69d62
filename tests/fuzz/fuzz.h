/* fuzz.h — what the fuzz targets share: the libraries started once, and the fixed document
 * a target works against (the one PO and XLIFF files are imported into, the one whose
 * texts the translation memory is asked for), loaded once and kept for the whole run.
 *
 * Each target is built twice: with clang's libFuzzer (`make fuzz`) and with replay.c, a
 * main() that feeds it every file of its corpus (`make test`, release and sanitize). */
#ifndef BROADSIDE_FUZZ_H
#define BROADSIDE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "edit.h"
#include "pipeline.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Starts the libraries on the first call; false when they cannot start. */
static inline bool fuzz_ready(void)
{
	static int state;
	if (state == 0)
		state = pipeline_init() == 0 ? 1 : -1;
	return state == 1;
}

struct fuzz_doc {
	struct source *src;
	struct model_doc *doc;
};

/* The fixed document: $ENV when set, else PATH (relative to the repository, where `make
 * fuzz` and tests/run run), loaded on the first call.  It must validate, since the
 * corpus was made for it: a run without it would test nothing, so it aborts. */
static inline const struct fuzz_doc *fuzz_fixed_doc(struct fuzz_doc *fixed, const char *env,
						     const char *path)
{
	if (fixed->doc)
		return fixed;
	const char *chosen = getenv(env);
	if (!chosen || !*chosen)
		chosen = path;
	struct diag_list diags;
	diag_list_init(&diags);
	if (pipeline_check(chosen, &diags, &fixed->src, &fixed->doc) != PIPELINE_OK) {
		diag_print_text(&diags, stderr);
		fprintf(stderr, "fuzz: the fixed document %s does not validate (run from the "
				"repository, or set %s)\n", chosen, env);
		abort();
	}
	diag_list_clear(&diags);
	return fixed;
}

/* What an import computed (when it changes anything: rewrite_commit does not apply an
 * empty list either), applied in memory and never written: the edits must not
 * overlap (edit_apply calls that a defect) and the result must still be a valid document,
 * as rewrite_commit would check before replacing the file.  A broken invariant aborts. */
static inline void fuzz_check_edits(const struct fuzz_doc *fixed, struct edit_list *edits,
				    const char *what)
{
	if (edits->n == 0)
		return;
	char *bytes = NULL;
	size_t len = 0;
	if (edit_apply(fixed->src, edits, &bytes, &len) != 0) {
		fprintf(stderr, "%s: %zu edits that cannot be applied (overlapping?)\n", what,
			edits->n);
		abort();
	}
	struct diag_list diags;
	diag_list_init(&diags);
	if (pipeline_check_memory("imported.xml", bytes, len, &diags, NULL, NULL) != PIPELINE_OK &&
	    !diags.out_of_memory) {
		diag_print_text(&diags, stderr);
		fprintf(stderr, "%s: the imported document does not validate\n", what);
		abort();
	}
	diag_list_clear(&diags);
	free(bytes);
}

/* Imports one translator's file: into FIXED, leniently or with --strict. */
typedef void fuzz_importer(const struct fuzz_doc *fixed, const struct source *file, bool strict);

/* The body of fuzz_po and fuzz_xliff: DATA as the file NAME, imported by IMPORT into the
 * fixed document (xml/appeal-free-them.xml, or $BROADSIDE_FUZZ_DOC), leniently, then
 * with --strict. */
static inline int fuzz_import(const uint8_t *data, size_t size, const char *name,
			      fuzz_importer *import)
{
	static struct fuzz_doc fixed;
	if (!fuzz_ready())
		return 0;
	fuzz_fixed_doc(&fixed, "BROADSIDE_FUZZ_DOC", "xml/appeal-free-them.xml");
	struct source *file = NULL;
	if (source_from_memory(name, (const char *)data, size, &file) != SOURCE_OK)
		return 0;
	import(&fixed, file, false);
	import(&fixed, file, true);
	source_free(file);
	return 0;
}

#endif
