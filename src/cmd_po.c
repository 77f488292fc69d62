/* cmd_po.c — `broadside po export` and `broadside po import`: translations through
 * gettext PO files, for Poedit, Weblate, OmegaT, Lokalize and the gettext tools. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "exchange.h"
#include "memfile.h"
#include "tm.h"

struct po_options {
	struct cli_args args;
	const char *lang, *output;
	const char *from[CLI_MAX_REPEATS], *previous[CLI_MAX_REPEATS];
	size_t n_from, n_previous;
	bool dry_run, pot, strict;
};

static const struct cli_option export_table[] = {
	{.name = "lang", .letter = 'l', .metavar = "LANG", .help = "the language to export",
	 .action = CLI_STRING, .field = offsetof(struct po_options, lang)},
	{.name = "pot", .help = "write a template instead: no language, every msgstr empty, for\n"
				 "msginit or Weblate to start a new language from",
	 .action = CLI_SET_BOOL, .field = offsetof(struct po_options, pot), .value = 1},
	{.name = "output", .letter = 'o', .metavar = "FILE.po",
	 .help = "write the PO file there, atomically (default: stdout)", .action = CLI_STRING,
	 .field = offsetof(struct po_options, output)},
	{.name = "from", .letter = 'f', .metavar = "DIR|FILE",
	 .help = "propose translations from other documents for missing ones,\n"
		 "as fuzzy entries (repeatable; see 'broadside help fill')",
	 .action = CLI_LIST, .field = offsetof(struct po_options, from),
	 .count = offsetof(struct po_options, n_from)},
	{.name = "previous", .letter = 'p', .metavar = "OLD.xml",
	 .help = "an earlier version of FILE: stale entries get the source they\n"
		 "were translated from as #| msgid (repeatable)",
	 .action = CLI_LIST, .field = offsetof(struct po_options, previous),
	 .count = offsetof(struct po_options, n_previous)},
	{NULL},
};

static const struct cli_option import_table[] = {
	{.name = "lang", .letter = 'l', .metavar = "LANG",
	 .help = "the language the file must be in", .action = CLI_STRING,
	 .field = offsetof(struct po_options, lang)},
	CLI_DRY_RUN(struct po_options, "say what would change, write nothing"),
	{.name = "strict", .help = "all or nothing: refuse the file when a source changed\n"
		 "(otherwise such entries go in as drafts, with a warning)",
	 .action = CLI_SET_BOOL, .field = offsetof(struct po_options, strict), .value = 1},
	{NULL},
};

static enum cli_status parse_sub(const char *sub, int argc, char **argv, void *options)
{
	struct po_options *o = options;
	bool export = strcmp(sub, "export") == 0;
	return cli_parse(export ? "po export" : "po import", export ? export_table : import_table,
			 o, argc, argv, &o->args);
}

/* ---- export ------------------------------------------------------------------------ */

/* The time written into the header: SOURCE_DATE_EPOCH when set (reproducible output). */
static time_t export_time(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end;
	if (epoch && *epoch) {
		long long v = strtoll(epoch, &end, 10);
		if (*end == '\0' && v >= 0)
			return (time_t)v;
	}
	return time(NULL);
}

static bool lang_checked(const struct model_doc *doc, const struct source *src,
			 const char *lang, struct diag_list *diags)
{
	return !lang /* --pot */ || cli_translation_lang("po", "po", doc, src, lang, diags);
}

/* Loads the --previous documents; they must be valid. */
static enum cli_status load_previous(const struct po_options *o, struct model_doc **docs,
				     struct diag_list *diags)
{
	enum cli_status status = CLI_OK;
	for (size_t i = 0; i < o->n_previous; i++) {
		enum pipeline_status r = pipeline_check(o->previous[i], diags, NULL, &docs[i]);
		status = cli_worse(status, cli_status_of(r, diags, false));
	}
	return status;
}

/* Where -o puts the PO file: a folder (a name ending in '/' or an existing folder) gets
 * ID.LANG.po, made if need be; anything else is the file (or "-", or a stream).  A new
 * string in *PATH (NULL: cli_out()), or an error in DIAGS. */
/* The counts of an export, on stderr, once the file is written. */
static void say_exported(const char *output, const struct exchange_counts *counts)
{
	if (output)
		fprintf(cli_err(), "%s: %zu translated, %zu fuzzy (%zu proposed from memory, %zu "
			"with their previous source), %zu untranslated\n",
			output, counts->translated, counts->fuzzy, counts->proposals,
			counts->previous, counts->untranslated);
}

static enum cli_status export_file(const char *path, const struct po_options *o,
				   struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	struct model_doc *previous[CLI_MAX_REPEATS] = {NULL};
	struct tm *memory = NULL;
	char *text = NULL, *output = NULL;
	size_t len = 0;
	enum cli_status status = cli_status_of(pipeline_check(path, diags, &src, &doc), diags, false);
	if (status != CLI_OK)
		goto done;
	if (!lang_checked(doc, src, o->lang, diags)) {
		status = CLI_REFUSED;
		goto done;
	}
	if ((status = load_previous(o, previous, diags)) != CLI_OK)
		goto done;
	if (o->n_from > 0 && !(memory = tm_new(&pipeline_loader))) {
		status = CLI_INTERNAL;
		goto done;
	}
	int loaded = tm_load(memory, o->from, o->n_from, path, diags);
	if (loaded != 0) {
		status = loaded < 0 ? CLI_INTERNAL : CLI_UNREADABLE;
		goto done;
	}
	struct exchange_export_options options = {
		.lang = o->lang,
		.path = path,
		.memory = memory,
		.previous = (const struct model_doc *const *)previous,
		.n_previous = o->n_previous,
		.now = export_time(),
	};
	struct exchange_counts counts;
	struct memfile m;
	int rc = memfile_open(&m) ? exchange_export(doc, src, &options, m.f, &counts) : -1;
	if (!(text = memfile_close(&m, &len)) || rc != 0)
		status = CLI_INTERNAL;
	else if ((status = cli_exchange_put(o->output, doc, o->lang, o->pot ? "pot" : "po", text,
					    len, &output, diags)) == CLI_OK)
		say_exported(output, &counts);
done:
	free(output);
	free(text);
	tm_free(memory);
	for (size_t i = 0; i < o->n_previous; i++)
		model_doc_free(previous[i]);
	model_doc_free(doc);
	source_free(src);
	return status;
}

/* ---- import ------------------------------------------------------------------------ */

struct po_import {
	struct exchange_import_options options;
	struct import_report report;
};

static const char *detail(const struct import_item *item, char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return item->source_changed ? "a draft from an earlier source: state=\"initial\""
	       : item->draft	    ? "a draft: state=\"initial\""
				    : "state=\"translated\", confirmed against its source";
}

static void print_report(void *ctx, const struct source *src, const char *po_path, bool dry_run)
{
	const struct import_report *report = &((struct po_import *)ctx)->report;
	static const char *const changes[] = {
		[IMPORT_NEW] = "new", [IMPORT_CHANGED] = "changed", [IMPORT_CONFIRMED] = "confirmed"};
	size_t counts[IMPORT_CONFIRMED + 1] = {0};
	cli_import_items(src, report, dry_run, changes, detail, counts);
	fprintf(cli_out(), "%s: %s %s (%s): %zu new, %zu changed, %zu confirmed, %zu unchanged, "
	       "%zu untranslated\n",
	       src->path, dry_run ? "would import" : "imported", po_path, report->lang, counts[0],
	       counts[1], counts[2], report->unchanged, report->empty);
}

/* exchange_import, its warnings (about the PO file) printed here: `po` reports only
 * the errors of DIAGS. */
static int import_entries(void *ctx, const struct model_doc *doc, const struct source *src,
			  const struct source *po, struct edit_list *edits, struct diag_list *diags)
{
	struct po_import *im = ctx;
	struct diag_list found, warnings;
	diag_list_init(&found);
	diag_list_init(&warnings);
	int rc = exchange_import(doc, src, po, &im->options, edits, &im->report, &found);
	for (size_t i = 0; i < found.n; i++)
		diag_copy(found.items[i].severity == DIAG_ERROR ? diags : &warnings, &found.items[i]);
	if (found.out_of_memory || warnings.out_of_memory || diags->out_of_memory)
		rc = -1;
	diag_sort(&warnings);
	diag_print_text(&warnings, cli_err());
	diag_list_clear(&found);
	diag_list_clear(&warnings);
	return rc;
}

static enum cli_status import_file(const char *path, const char *po_path,
				   const struct po_options *o, struct diag_list *diags)
{
	static const struct cli_importer importer = {import_entries, print_report};
	struct po_import im = {.options = {.lang = o->lang, .strict = o->strict}};
	enum cli_status status = cli_exchange_import(path, po_path, o->dry_run, &importer, &im,
						     diags);
	import_report_clear(&im.report);
	return status;
}

/* ---- the command ------------------------------------------------------------------- */

static enum cli_status po_run(const char *sub, struct po_options *o, struct diag_list *diags)
{
	char **files = o->args.files;
	size_t n_files = o->args.n_files;
	if (strcmp(sub, "export") == 0) {
		if (n_files != 1)
			return cli_usage_error("po", "po export takes one FILE", "");
		if (o->pot && (o->lang || o->n_from > 0 || o->n_previous > 0))
			return cli_usage_error("po", "po export --pot writes a template for every "
					       "language: it takes no --lang, --from or --previous", "");
		if (!o->lang && !o->pot)
			return cli_usage_error("po", "po export needs --lang LANG (or --pot)", "");
		if (o->output && cli_same_file(o->output, files[0]))
			return cli_usage_error("po", "-o would write the PO file over the document: ",
					       o->output);
		return export_file(files[0], o, diags);
	}
	if (n_files != 2)
		return cli_usage_error("po", "po import takes FILE and FILE.po", "");
	return import_file(files[0], files[1], o, diags);
}

static enum cli_status run_sub(const char *sub, void *options, struct diag_list *diags)
{
	return po_run(sub, options, diags);
}

static enum cli_status po_main(int argc, char **argv)
{
	static const struct cli_exchange_command command = {"po", "tm-skipped", parse_sub, run_sub};
	struct po_options o = {0};
	return cli_exchange_main(&command, &o, &o.args, argc, argv);
}

const struct cli_command cmd_po = {
	"po", po_main, "exchange translations with gettext PO files (Poedit, Weblate, …)",
	"usage: broadside po export FILE --lang LANG [-o FILE.po] [--from DIR|FILE]...\n"
	"                           [--previous OLD.xml]...\n"
	"       broadside po export FILE --pot [-o FILE.pot]\n"
	"       broadside po import FILE FILE.po [--lang LANG] [--dry-run] [--strict]\n",
	"po export writes the translation of FILE into LANG as a PO file, for the tools\n"
	"translators know: Poedit, Weblate, OmegaT, Lokalize, the gettext tools.  One entry\n"
	"per unit: msgctxt is its id, msgid its source text, msgstr the translation; the\n"
	"unit's kind and notes are comments (#.), its line a reference (#:).  Inline markup\n"
	"is short numbered tags to keep: <1>…</1> (emphasis, names, foreign runs, links),\n"
	"<date1/> (dates), <br/> (line breaks); the file's header explains them.  Stale\n"
	"translations and drafts (state=\"initial\") are fuzzy; missing ones are empty.\n"
	"The document's own notes (<head><note>) are #. comments on the header and on the\n"
	"head's entries.  With --pot, a template for a language not started yet: run\n"
	"'broadside lang add LL FILE', then 'msginit -l LL -i FILE.pot -o LL.po'.\n"
	"\n"
	"po import writes a PO file's translations back into FILE: changed entries as\n"
	"state=\"translated\", confirmed against their source (src-hash); fuzzy ones as\n"
	"drafts (state=\"initial\"), still stale if they were.  Entries that did not change\n"
	"leave their <t> as it is, so export then import changes nothing, byte for byte.\n"
	"Only the translations change; the file is checked and replaced atomically.\n"
	"An entry whose msgid is no longer its unit's source goes in as a draft, the old\n"
	"source in a <note>, with a warning (--strict: the file is refused).  A locale\n"
	"variant (Language: fr_FR) is taken for the document's fr; a file from msginit or\n"
	"Weblate, without broadside's header, when its msgctxt are the unit ids.  The\n"
	"header's Last-Translator goes into the translator attribute of every <t> written.\n"
	"Refused, with FILE.po:LINE:COL: a file for another document or language, an entry\n"
	"for no unit, tags or dates that do not match the source.\n",
	{{"options of po export", export_table}, {"options of po import", import_table}},
	"exit status: 0 done, 1 the document or the PO file was refused, 2 wrong usage,\n"
	"3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside po export xml/appeal-free-them.xml --lang de -o de.po\n"
	"  msgfmt --check --statistics -o /dev/null de.po\n"
	"  broadside po import xml/appeal-free-them.xml de.po\n"
	"  msgmerge --previous old-de.po de.po -o merged.po   # after the source changed\n"
};
