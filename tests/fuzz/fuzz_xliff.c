/* libFuzzer entry point for `broadside xliff import`: any bytes as an XLIFF file,
 * imported into a fixed valid document (xml/appeal-free-them.xml, or $BROADSIDE_FUZZ_DOC)
 * by xliff_import, as `xliff import` does, once leniently and once with --strict.  The
 * edits it computes are applied in memory, never written, and the result must validate
 * (fuzz_check_edits).  Seeded with `broadside xliff export`s of that document
 * (tests/fuzz/corpus/xliff). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz.h"
#include "xliff.h"

static void import(const struct fuzz_doc *fixed, const struct source *xlf, bool strict)
{
	struct import_report report = {0};
	struct edit_list edits;
	edit_list_init(&edits);
	struct diag_list diags;
	diag_list_init(&diags);
	if (xliff_import(fixed->doc, fixed->src, xlf, NULL, strict, &edits, &report, &diags) == 0)
		fuzz_check_edits(fixed, &edits, strict ? "xliff import --strict" : "xliff import");
	diag_list_clear(&diags);
	edit_list_clear(&edits);
	import_report_clear(&report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, "fuzz.xlf", import);
}
