/* libFuzzer entry point for everything a document goes through before the backends: any
 * bytes as a document, validated; a valid one is also resolved and linted with its fixes
 * applied.  `make fuzz` builds it with clang and runs it, seeded with tests/fuzz/corpus/validate
 * (the samples, tests/bad, tests/warn, tests/lint); `make test` replays that corpus. */
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>

#include "fuzz.h"
#include "lint.h"
#include "resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_ready())
		return 0;
	struct diag_list diags;
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	if (pipeline_check_memory("fuzz.xml", (const char *)data, size, &diags, &src, &doc) ==
	    PIPELINE_OK) {
		struct resolve_options options = {.hyphenate = true};
		struct resolved_doc *rdoc = NULL;
		if (resolve_document(doc, &options, &rdoc) == 0)
			resolved_doc_free(rdoc);
		struct lint_fixes fixes;
		lint_fixes_init(&fixes);
		char *fixed = NULL;
		size_t len = 0;
		if (lint_document(doc, src, &diags, &fixes) == 0 &&
		    lint_apply(src, &fixes, &fixed, &len) == 0)
			free(fixed);
		lint_fixes_clear(&fixes);
	}
	model_doc_free(doc);
	source_free(src);
	diag_list_clear(&diags);
	return 0;
}
