/* libFuzzer entry point for `broadside po import`: any bytes as a PO file, imported into
 * a fixed valid document (xml/appeal-free-them.xml, or $BROADSIDE_FUZZ_DOC) by
 * exchange_import, as `po import` does, once leniently and once with --strict.  The edits
 * it computes are applied in memory, never written, and the result must validate
 * (fuzz_check_edits).  Seeded with PO files `broadside po export` made of that document
 * (tests/fuzz/corpus/po). */
#include <stddef.h>
#include <stdint.h>

#include "exchange.h"
#include "fuzz.h"

static void import(const struct fuzz_doc *fixed, const struct source *po, bool strict)
{
	struct exchange_import_options options = {.lang = NULL, .strict = strict};
	struct import_report report = {0};
	struct edit_list edits;
	edit_list_init(&edits);
	struct diag_list diags;
	diag_list_init(&diags);
	if (exchange_import(fixed->doc, fixed->src, po, &options, &edits, &report, &diags) == 0)
		fuzz_check_edits(fixed, &edits, strict ? "po import --strict" : "po import");
	diag_list_clear(&diags);
	edit_list_clear(&edits);
	import_report_clear(&report);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_import(data, size, "fuzz.po", import);
}
