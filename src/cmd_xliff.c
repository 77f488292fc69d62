/* cmd_xliff.c — `broadside xliff export` and `broadside xliff import`: translations
 * through XLIFF 2.1 files, for CAT tools (Trados, memoQ, OmegaT, Okapi). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xliff.h"

struct xliff_options {
	struct cli_args args;
	const char *lang, *output;
	bool dry_run, strict;
};

static const struct cli_option table[] = {
	CLI_DRY_RUN(struct xliff_options, "import: say what would change, write nothing"),
	{.name = "lang", .letter = 'l', .metavar = "LANG",
	 .help = "export: the language to export (required);\n"
		 "import: the language the file must be in",
	 .action = CLI_STRING, .field = offsetof(struct xliff_options, lang)},
	{.name = "output", .letter = 'o', .metavar = "FILE.xlf",
	 .help = "export: write the XLIFF file there, atomically (default: stdout);\n"
		 "a folder gets ID.LANG.xlf",
	 .action = CLI_STRING, .field = offsetof(struct xliff_options, output)},
	{.name = "strict", .help = "import: refuse the whole file when a unit's source changed\n"
				   "since the export (default: import it as a draft)",
	 .action = CLI_SET_BOOL, .field = offsetof(struct xliff_options, strict), .value = 1},
	{NULL},
};

/* ---- export ------------------------------------------------------------------------ */

/* The counts of an export, on stderr, once the file is written. */
static void say_exported(const char *output, const struct xliff_counts *counts)
{
	if (output)
		fprintf(cli_err(), "%s: %zu units: %zu translated, %zu drafts, %zu stale, %zu "
			"untranslated\n", output, counts->units, counts->translated, counts->drafts,
			counts->stale, counts->untranslated);
}

static enum cli_status export_file(const char *path, const struct xliff_options *o,
				   struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	char *text = NULL, *output = NULL;
	size_t len = 0;
	struct xliff_counts counts;
	enum cli_status status = cli_status_of(pipeline_check(path, diags, &src, &doc), diags, false);
	if (status != CLI_OK)
		goto done;
	if (!cli_translation_lang("xliff", "xlf", doc, src, o->lang, diags))
		status = CLI_REFUSED;
	else if (xliff_export(doc, src, o->lang, path, &text, &len, &counts) != 0)
		status = CLI_INTERNAL;
	else if ((status = cli_exchange_put(o->output, doc, o->lang, "xlf", text, len, &output,
					    diags)) == CLI_OK)
		say_exported(output, &counts);
done:
	free(output);
	free(text);
	model_doc_free(doc);
	source_free(src);
	return status;
}

/* ---- import ------------------------------------------------------------------------ */

struct xliff_import {
	const struct xliff_options *options;
	struct import_report report;
};

static const char *detail(const struct import_item *item, char *buf, size_t size)
{
	snprintf(buf, size, "state=\"%s\"", item->state);
	return buf;
}

static void print_report(void *ctx, const struct source *src, const char *xlf_path,
			 bool dry_run)
{
	const struct import_report *report = &((struct xliff_import *)ctx)->report;
	static const char *const changes[] = {
		[IMPORT_NEW] = "new", [IMPORT_CHANGED] = "changed", [IMPORT_STATE] = "state changed",
		[IMPORT_SOURCE_CHANGED] = "its source changed since the export: a draft"};
	size_t counts[IMPORT_SOURCE_CHANGED + 1] = {0};
	cli_import_items(src, report, dry_run, changes, detail, counts);
	fprintf(cli_out(), "%s: %s %s (%s): %zu new, %zu changed, %zu state changed, %zu drafts of a changed "
	       "source, %zu unchanged, %zu untranslated\n",
	       src->path, dry_run ? "would import" : "imported", xlf_path, report->lang,
	       counts[IMPORT_NEW], counts[IMPORT_CHANGED], counts[IMPORT_STATE],
	       counts[IMPORT_SOURCE_CHANGED], report->unchanged, report->empty);
}

static int import_units(void *ctx, const struct model_doc *doc, const struct source *src,
			const struct source *xlf, struct edit_list *edits, struct diag_list *diags)
{
	struct xliff_import *im = ctx;
	return xliff_import(doc, src, xlf, im->options->lang, im->options->strict, edits,
			    &im->report, diags);
}

static enum cli_status import_file(const char *path, const char *xlf_path,
				   const struct xliff_options *o, struct diag_list *diags)
{
	static const struct cli_importer importer = {import_units, print_report};
	struct xliff_import im = {.options = o};
	enum cli_status status = cli_exchange_import(path, xlf_path, o->dry_run, &importer, &im,
						     diags);
	import_report_clear(&im.report);
	return status;
}

/* ---- the command ------------------------------------------------------------------- */

static enum cli_status xliff_run(const char *sub, struct xliff_options *o,
				 struct diag_list *diags)
{
	char **files = o->args.files;
	size_t n_files = o->args.n_files;
	if (strcmp(sub, "export") == 0) {
		if (n_files != 1)
			return cli_usage_error("xliff", "xliff export takes one FILE", "");
		if (!o->lang)
			return cli_usage_error("xliff", "xliff export needs --lang LANG", "");
		if (o->dry_run || o->strict)
			return cli_usage_error("xliff", "--dry-run and --strict are for xliff import",
					       "");
		if (o->output && cli_same_file(o->output, files[0]))
			return cli_usage_error("xliff", "-o would write the XLIFF file over the "
					       "document: ", o->output);
		return export_file(files[0], o, diags);
	}
	if (n_files != 2)
		return cli_usage_error("xliff", "xliff import takes FILE and FILE.xlf", "");
	if (o->output)
		return cli_usage_error("xliff", "-o is for xliff export", "");
	return import_file(files[0], files[1], o, diags);
}

static enum cli_status parse_sub(const char *sub, int argc, char **argv, void *options)
{
	struct xliff_options *o = options;
	return cli_parse(strcmp(sub, "export") == 0 ? "xliff export" : "xliff import", table, o,
			 argc, argv, &o->args);
}

static enum cli_status run_sub(const char *sub, void *options, struct diag_list *diags)
{
	return xliff_run(sub, options, diags);
}

static enum cli_status xliff_main(int argc, char **argv)
{
	static const struct cli_exchange_command command = {"xliff", NULL, parse_sub, run_sub};
	struct xliff_options o = {0};
	return cli_exchange_main(&command, &o, &o.args, argc, argv);
}

const struct cli_command cmd_xliff = {
	"xliff", xliff_main, "exchange translations with XLIFF 2.1 files (CAT tools)",
	"usage: broadside xliff export FILE --lang LANG [-o FILE.xlf]\n"
	"       broadside xliff import FILE FILE.xlf [--lang LANG] [--strict] [--dry-run]\n",
	"xliff export writes the translation of FILE into LANG as an XLIFF 2.1 file, for\n"
	"CAT tools (Trados, memoQ, OmegaT, Okapi): one <unit> per unit (its id), one\n"
	"<segment> with the source and, when there is one, the target; the state is the\n"
	"translation's (initial, translated, reviewed, final; a stale one is initial with\n"
	"subState=\"broadside:stale\"); notes are <note>s.  Inline markup is inline codes:\n"
	"<pc> for em, strong, name, foreign and links, <ph> for dates and line breaks.\n"
	"Each unit carries the src-hash of its source (bs:src-hash).\n"
	"\n"
	"xliff import writes the targets back into FILE with their state; a translated,\n"
	"reviewed or final one is confirmed against its source (src-hash).  A target whose\n"
	"source changed since the export is kept as a draft (state=\"initial\") and reported,\n"
	"or with --strict the file is refused.  Targets that did not change leave their <t>\n"
	"as it is, so export then import changes nothing, byte for byte.  Refused, with\n"
	"FILE.xlf:LINE:COL: a file for another document or language, a unit that is not in\n"
	"the document, inline codes that do not match the source's.\n",
	{{"options", table}},
	"exit status: 0 done, 1 the document or the XLIFF file was refused, 2 wrong usage,\n"
	"3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside xliff export xml/appeal-free-them.xml --lang de -o de.xlf\n"
	"  broadside xliff import xml/appeal-free-them.xml de.xlf\n"
};
