/* pipeline.c — the stages in order; see pipeline.h. */
#include "pipeline.h"

#include <errno.h>
#include <string.h>

#include "build.h"
#include "load.h"
#include "stale.h"
#include "validate.h"

int pipeline_init(void)
{
	load_init();
	return validate_init();
}

void pipeline_cleanup(void)
{
	validate_cleanup();
	load_cleanup();
}

static enum pipeline_status check_source(struct source *source, struct diag_list *diags,
					 struct source **src, struct model_doc **doc)
{
	size_t errors = diag_count(diags, DIAG_ERROR);
	xmlDocPtr tree = NULL;
	struct model_doc *model = NULL;
	if (load_document(source, diags, &tree) == 0) {
		validate_schema(tree, source, diags);
		validate_characters(tree, source, diags);
		if (build_document(tree, source, &model) == 0) {
			validate_rules(model, source, diags);
			stale_check(model, source, diags);
		} else
			diag_at(diags, source, SOURCE_NO_OFFSET, DIAG_ERROR, "no-memory",
				"out of memory");
		xmlFreeDoc(tree);
	}
	bool ok = model && diag_count(diags, DIAG_ERROR) == errors && !diags->out_of_memory;
	if (ok && doc)
		*doc = model;
	else
		model_doc_free(model);
	if (ok && src)
		*src = source;
	else
		source_free(source);
	return ok ? PIPELINE_OK : PIPELINE_REFUSED;
}

static enum pipeline_status loaded(enum source_status status, const char *path, int err,
				   struct diag_list *diags)
{
	switch (status) {
	case SOURCE_OK:
		return PIPELINE_OK;
	case SOURCE_TOO_LARGE:
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file-size",
			 "the file is larger than %u MiB; broadside documents are small",
			 SOURCE_MAX_BYTES / (1024 * 1024));
		return PIPELINE_REFUSED;
	case SOURCE_NO_MEMORY:
		diag_add(diags, DIAG_ERROR, path, 0, 0, "no-memory", "out of memory");
		return PIPELINE_REFUSED;
	case SOURCE_NOT_REGULAR:
		diag_add(diags, DIAG_ERROR, path, 0, 0, "read",
			 "not a regular file (%s); a document is a file, or - for standard input",
			 source_kind_name(path));
		return PIPELINE_UNREADABLE;
	case SOURCE_UNREADABLE:
	default:
		diag_add(diags, DIAG_ERROR, path, 0, 0, "read", "cannot read the file: %s",
			 strerror(err));
		return PIPELINE_UNREADABLE;
	}
}

enum pipeline_status pipeline_check(const char *path, struct diag_list *diags,
				    struct source **src, struct model_doc **doc)
{
	if (src)
		*src = NULL;
	if (doc)
		*doc = NULL;
	struct source *source = NULL;
	errno = 0;
	enum source_status status = source_load(path, &source);
	enum pipeline_status result = loaded(status, path, errno, diags);
	if (result != PIPELINE_OK)
		return result;
	return check_source(source, diags, src, doc);
}

enum pipeline_status pipeline_check_memory(const char *path, const char *bytes, size_t len,
					   struct diag_list *diags, struct source **src,
					   struct model_doc **doc)
{
	if (src)
		*src = NULL;
	if (doc)
		*doc = NULL;
	struct source *source = NULL;
	enum pipeline_status result =
		loaded(source_from_memory(path, bytes, len, &source), path, 0, diags);
	if (result != PIPELINE_OK)
		return result;
	return check_source(source, diags, src, doc);
}

static enum pipeline_status loader_check(void *context, const char *path, const char *bytes,
					 size_t len, struct diag_list *diags, struct source **src,
					 struct model_doc **doc)
{
	(void)context;
	return bytes ? pipeline_check_memory(path, bytes, len, diags, src, doc)
		     : pipeline_check(path, diags, src, doc);
}

const struct loader pipeline_loader = {loader_check, NULL};
