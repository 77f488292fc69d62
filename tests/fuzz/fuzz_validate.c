/* libFuzzer entry point for the whole validate path: any bytes as a document.
 * `make fuzz` builds it with clang and runs it, seeded with xml/ and tests/bad/. */
#include <stddef.h>
#include <stdint.h>

#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		if (pipeline_init() != 0)
			return 0;
		ready = 1;
	}
	struct diag_list diags;
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	pipeline_check_memory("fuzz.xml", (const char *)data, size, &diags, &src, &doc);
	model_doc_free(doc);
	source_free(src);
	diag_list_clear(&diags);
	return 0;
}
