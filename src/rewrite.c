/* rewrite.c — apply, check, write atomically; see rewrite.h. */
#include "rewrite.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "pipeline.h"

enum rewrite_status rewrite_document(const struct source *src, struct edit_list *edits,
				     bool dry_run, struct diag_list *diags)
{
	if (edits->n == 0)
		return REWRITE_OK;
	char *bytes = NULL;
	size_t len = 0;
	if (edit_apply(src, edits, &bytes, &len) != 0)
		return REWRITE_NO_MEMORY;
	struct diag_list found;
	diag_list_init(&found);
	enum rewrite_status status = REWRITE_OK;
	enum pipeline_status checked = pipeline_check_memory(src->path, bytes, len, &found, NULL, NULL);
	if (found.out_of_memory) {
		status = REWRITE_NO_MEMORY;
	} else if (checked != PIPELINE_OK) {
		diag_add(diags, DIAG_ERROR, src->path, 0, 0, "rewrite",
			 "the changes would make the document invalid, so nothing was written; "
			 "in the changed document:");
		for (size_t i = 0; i < found.n; i++)
			if (found.items[i].severity == DIAG_ERROR)
				diag_add(diags, DIAG_ERROR, found.items[i].file, found.items[i].line,
					 found.items[i].col, found.items[i].rule, "(after the changes) %s",
					 found.items[i].message);
		status = REWRITE_INVALID;
	} else if (!dry_run && out_write_atomic(src->path, bytes, len) != 0) {
		diag_add(diags, DIAG_ERROR, src->path, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		status = REWRITE_WRITE_FAILED;
	}
	diag_list_clear(&found);
	free(bytes);
	return status;
}
