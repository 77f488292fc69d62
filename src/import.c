/* import.c — the report and the diagnostics the PO and XLIFF imports share; see import.h. */
#include "import.h"
#include "grow.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void import_report_clear(struct import_report *report)
{
	if (!report)
		return;
	free(report->lang);
	free(report->items);
	memset(report, 0, sizeof *report);
}

void import_vrefuse(struct import_run *run, uint32_t offset, const char *rule, const char *fmt,
		    va_list ap)
{
	diag_vat(run->diags, run->file, offset, DIAG_ERROR, rule, fmt, ap);
	run->refused = true;
}

void import_refuse(struct import_run *run, uint32_t offset, const char *rule, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	import_vrefuse(run, offset, rule, fmt, ap);
	va_end(ap);
}

void import_warn(struct import_run *run, uint32_t offset, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(run->diags, run->file, offset, DIAG_WARNING, rule, fmt, ap);
	va_end(ap);
}

void import_report_add(struct import_run *run, struct import_item item)
{
	struct import_report *r = run->report;
	if (!GROW(r->items, r->cap, r->n + 1)) {
		run->failed = true;
		return;
	}
	r->items[r->n++] = item;
}

void import_edit_done(struct import_run *run, enum edit_status status)
{
	if (status == EDIT_NO_MEMORY)
		run->failed = true;
	else if (status != EDIT_OK)
		import_refuse(run, 0, "internal", "cannot find a <t> in %s where the model says it "
			      "is (a defect in broadside)", run->src->path);
}

const char *import_doc_language(const struct model_doc *doc, const char *tag)
{
	for (size_t i = 0; tag && i < doc->n_langs; i++) {
		const char *a = doc->langs[i], *b = tag;
		while (*a && *b && ((*a == '-' && *b == '_') || tolower((unsigned char)*a) ==
								    tolower((unsigned char)*b))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return doc->langs[i];
	}
	return NULL;
}

int import_finish(struct import_run *run, int rc)
{
	if (rc == 0 && (run->failed || run->diags->out_of_memory))
		rc = -1;
	else if (rc == 0 && run->refused)
		rc = 1;
	if (rc != 0)
		edit_list_clear(run->edits);
	return rc;
}

bool import_text_of(struct import_run *run, const struct model_unit *unit, struct segment *tr,
		    struct import_text *text)
{
	text->t = model_unit_text(unit, run->lang);
	text->xml = segment_xml(tr);
	text->mine = text->t ? segment_canonical(text->t) : NULL;
	text->theirs = segment_canonical_of(tr);
	if (!text->xml || !text->theirs || (text->t && !text->mine)) {
		run->failed = true;
		return false;
	}
	return true;
}

bool import_text_same(const struct import_text *text)
{
	return text->t && strcmp(text->mine, text->theirs) == 0;
}

void import_text_clear(struct import_text *text)
{
	free(text->xml);
	free(text->mine);
	free(text->theirs);
}
