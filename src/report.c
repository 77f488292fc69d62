/* report.c — JUnit, JSON, GitHub and GitLab reports of a build; see report.h. */
#include "report.h"
#include "escape.h"
#include "memfile.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* S with XML's five special characters escaped, and other control characters dropped
 * (XML 1.0 cannot hold them). */
static void xml_text(FILE *out, const char *s)
{
	escape_write(out, s, &escape_xml);
}

static const char *severity_name(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : "warning";
}

/* The diagnostic as `broadside validate` prints it, without the line break. */
static void diag_line(FILE *out, const struct diag *d)
{
	if (d->more) {
		fprintf(out, "%s: %s: … and %zu more [%s]", d->file, severity_name(d->severity),
			d->more, d->rule);
		return;
	}
	fprintf(out, "%s:%u:%u: %s: %s [%s]", d->file, d->line, d->col, severity_name(d->severity),
		d->message, d->rule);
}

static const struct diag *first_error(const struct diag_list *diags)
{
	for (size_t k = 0; k < diags->n; k++)
		if (diags->items[k].severity == DIAG_ERROR)
			return &diags->items[k];
	return diags->n ? &diags->items[0] : NULL;
}

static void junit_case(const struct report_doc *doc, FILE *out)
{
	fputs("  <testcase classname=\"broadside.build\" name=\"", out);
	xml_text(out, doc->file);
	fputs("\" file=\"", out);
	xml_text(out, doc->file);
	fputs("\"", out);
	const struct diag *first = first_error(doc->diags);
	if (!doc->refused && doc->diags->n == 0) {
		fputs("/>\n", out);
		return;
	}
	fputs(">\n", out);
	struct memfile m;
	FILE *all = memfile_open(&m);
	for (size_t k = 0; all && k < doc->diags->n; k++) {
		diag_line(all, &doc->diags->items[k]);
		fputc('\n', all);
	}
	char *text = memfile_close(&m, NULL);
	if (doc->refused) {
		fputs("    <failure type=\"", out);
		xml_text(out, first ? first->rule : "refused");
		fputs("\" message=\"", out);
		xml_text(out, first && first->message ? first->message : "the document was refused");
		fputs("\">", out);
		xml_text(out, text);
		fputs("</failure>\n", out);
	} else {
		fputs("    <system-err>", out);
		xml_text(out, text);
		fputs("</system-err>\n", out);
	}
	free(text);
	fputs("  </testcase>\n", out);
}

void report_junit(const struct report_run *run, FILE *out)
{
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", out);
	fprintf(out, "<testsuite name=\"broadside build\" tests=\"%zu\" failures=\"%d\" errors=\"0\" "
		"skipped=\"0\" time=\"%.3f\">\n", run->n, run->refused, run->seconds);
	for (size_t i = 0; i < run->n; i++)
		junit_case(&run->docs[i], out);
	fputs("</testsuite>\n</testsuites>\n", out);
}

void report_json(const struct report_run *run, FILE *out)
{
	fprintf(out, "{\"summary\": {\"documents\": %zu, \"pdfs\": %d, \"pages\": %d, \"refused\": %d, "
		"\"warnings\": %d, \"rendered\": %d, \"seconds\": %.3f},\n \"documents\": [",
		run->n, run->pdfs, run->pages, run->refused, run->warnings, run->rendered, run->seconds);
	for (size_t i = 0; i < run->n; i++) {
		const struct report_doc *doc = &run->docs[i];
		fputs(i ? ",\n  {\"file\": " : "\n  {\"file\": ", out);
		diag_json_string(out, doc->file);
		fprintf(out, ", \"state\": \"%s\", \"rendered\": %s, \"pdfs\": %d, \"pages\": %d, "
			"\"outputs\": [", doc->refused ? "refused" : "ok", doc->rendered ? "true" : "false",
			doc->pdfs, doc->pages);
		for (size_t k = 0; k < doc->n_outputs; k++) {
			fputs(k ? ", " : "", out);
			diag_json_string(out, doc->outputs[k]);
		}
		fputs("], \"diagnostics\": ", out);
		diag_print_json(doc->diags, out);
		fputs("}", out);
	}
	fputs("\n]}\n", out);
}

/* GitHub's escaping: a property also escapes ':' and ','. */
static void github_text(FILE *out, const char *s, bool property)
{
	escape_write(out, s, property ? &escape_github_property : &escape_github_data);
}

void report_github(const struct report_run *run, FILE *out)
{
	for (size_t i = 0; i < run->n; i++) {
		const struct diag_list *diags = run->docs[i].diags;
		for (size_t k = 0; k < diags->n; k++) {
			const struct diag *d = &diags->items[k];
			fprintf(out, "::%s file=", severity_name(d->severity));
			github_text(out, d->file, true);
			if (d->line)
				fprintf(out, ",line=%u", d->line);
			if (d->col)
				fprintf(out, ",col=%u", d->col);
			fputs(",title=", out);
			github_text(out, d->rule, true);
			fputs("::", out);
			if (d->more)
				fprintf(out, "… and %zu more", d->more);
			else
				github_text(out, d->message, false);
			fprintf(out, " [%s]\n", d->rule);
		}
	}
}

/* A stable fingerprint: the same problem at the same place keeps it between runs. */
static void gitlab_entry(const struct diag *d, bool first, FILE *out)
{
	char *key = g_strdup_printf("%s\n%u\n%u\n%s\n%s", d->file, d->line, d->col, d->rule,
				    d->message ? d->message : "");
	gchar *sum = key ? g_compute_checksum_for_string(G_CHECKSUM_MD5, key, -1) : NULL;
	fputs(first ? "\n  {\"description\": " : ",\n  {\"description\": ", out);
	if (d->more) {
		char more[64];
		snprintf(more, sizeof more, "… and %zu more", d->more);
		diag_json_string(out, more);
	} else {
		diag_json_string(out, d->message);
	}
	fputs(", \"check_name\": ", out);
	diag_json_string(out, d->rule);
	fputs(", \"fingerprint\": ", out);
	diag_json_string(out, sum ? sum : "");
	fprintf(out, ", \"severity\": \"%s\", \"location\": {\"path\": ",
		d->severity == DIAG_ERROR ? "major" : "minor");
	diag_json_string(out, d->file);
	fprintf(out, ", \"lines\": {\"begin\": %u}}}", d->line ? d->line : 1);
	g_free(sum);
	g_free(key);
}

void report_gitlab(const struct report_run *run, FILE *out)
{
	bool first = true;
	fputs("[", out);
	for (size_t i = 0; i < run->n; i++) {
		const struct diag_list *diags = run->docs[i].diags;
		for (size_t k = 0; k < diags->n; k++, first = false)
			gitlab_entry(&diags->items[k], first, out);
	}
	fputs(first ? "]\n" : "\n]\n", out);
}
