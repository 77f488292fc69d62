/* cmd_xliff.c — `broadside xliff export` and `broadside xliff import`: translations
 * through XLIFF 2.1 files, for CAT tools (Trados, memoQ, OmegaT, Okapi). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "out.h"
#include "rewrite.h"
#include "xliff.h"

struct xliff_options {
	struct cli_args args;
	const char *lang, *output;
	bool dry_run, strict;
};

static const struct cli_option table[] = {
	{.name = "dry-run", .letter = 'n', .help = "import: say what would change, write nothing",
	 .action = CLI_SET_BOOL, .field = offsetof(struct xliff_options, dry_run), .value = 1},
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

static enum cli_status write_export(const char *output, const char *text, size_t len,
				    const struct xliff_counts *counts, struct diag_list *diags)
{
	if (!output) {
		if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
			diag_add(diags, DIAG_ERROR, "-", 0, 0, "write", "cannot write: %s",
				 strerror(errno));
			return CLI_UNREADABLE;
		}
		return CLI_OK;
	}
	if (out_write(output, text, len) != 0) {
		diag_add(diags, DIAG_ERROR, output, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		return CLI_UNREADABLE;
	}
	fprintf(stderr, "%s: %zu units: %zu translated, %zu drafts, %zu stale, %zu untranslated\n",
		output, counts->units, counts->translated, counts->drafts, counts->stale,
		counts->untranslated);
	return CLI_OK;
}

/* Where -o puts the file: a folder gets ID.LANG.xlf; anything else is the file. */
static enum cli_status export_path(const struct xliff_options *o, const struct model_doc *doc,
				   char **path, struct diag_list *diags)
{
	*path = NULL;
	if (!o->output)
		return CLI_OK;
	if (out_kind_of(o->output) != OUT_DIRECTORY)
		return (*path = strdup(o->output)) ? CLI_OK : CLI_INTERNAL;
	char *name = NULL;
	if (asprintf(&name, "%s.%s.xlf", doc->id ? doc->id : "document", o->lang) < 0)
		return CLI_INTERNAL;
	enum cli_status status = cli_output_in(o->output, name, path, diags);
	free(name);
	return status;
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
	else if ((status = export_path(o, doc, &output, diags)) == CLI_OK)
		status = write_export(output, text, len, &counts, diags);
done:
	free(output);
	free(text);
	model_doc_free(doc);
	source_free(src);
	return status;
}

/* ---- import ------------------------------------------------------------------------ */

static void print_report(const struct source *src, const struct xliff_report *report,
			 const char *xlf_path, bool dry_run)
{
	static const char *const changes[] = {"new", "changed", "state changed",
					      "its source changed since the export: a draft"};
	for (size_t i = 0; i < report->n; i++) {
		const struct xliff_item *item = &report->items[i];
		unsigned line, col;
		source_position(src, item->offset, &line, &col);
		printf("%s:%u:%u: %s: %s \"%s\" %s (state=\"%s\")\n", src->path, line, col,
		       dry_run ? "would import" : "imported", report->lang,
		       item->unit->id ? item->unit->id : "?", changes[item->change], item->state);
	}
	size_t counts[4] = {0};
	for (size_t i = 0; i < report->n; i++)
		counts[report->items[i].change]++;
	printf("%s: %s %s (%s): %zu new, %zu changed, %zu state changed, %zu drafts of a changed "
	       "source, %zu unchanged, %zu untranslated\n",
	       src->path, dry_run ? "would import" : "imported", xlf_path, report->lang, counts[0],
	       counts[1], counts[2], counts[3], report->unchanged, report->empty);
}

static enum cli_status load_xliff(const char *path, struct source **out, struct diag_list *diags)
{
	errno = 0;
	enum source_status loaded = source_load(path, out);
	if (loaded == SOURCE_OK)
		return CLI_OK;
	int err = errno ? errno : EIO;
	if (loaded == SOURCE_TOO_LARGE)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file-size", "the file is larger than %u MiB",
			 SOURCE_MAX_BYTES / (1024 * 1024));
	else if (loaded == SOURCE_NOT_REGULAR)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "read", "not a regular file (%s)",
			 source_kind_name(path));
	else if (loaded == SOURCE_NO_MEMORY)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "no-memory", "out of memory");
	else
		diag_add(diags, DIAG_ERROR, path, 0, 0, "read", "cannot read the file: %s",
			 strerror(err));
	return loaded == SOURCE_UNREADABLE || loaded == SOURCE_NOT_REGULAR ? CLI_UNREADABLE
									    : CLI_REFUSED;
}

static enum cli_status import_file(const char *path, const char *xlf_path,
				   const struct xliff_options *o, struct diag_list *diags)
{
	struct source *src = NULL, *xlf = NULL;
	struct model_doc *doc = NULL;
	struct edit_list edits;
	edit_list_init(&edits);
	struct xliff_report report = {0};
	struct rewrite *rw = NULL;
	enum cli_status status = cli_status_of_rewrite(rewrite_open(path, &rw, diags));
	if (status == CLI_OK)
		status = cli_status_of(rewrite_check(rw, diags, &src, &doc), diags, false);
	if (status == CLI_OK)
		status = load_xliff(xlf_path, &xlf, diags);
	if (status != CLI_OK)
		goto done;
	int rc = xliff_import(doc, src, xlf, o->lang, o->strict, &edits, &report, diags);
	if (rc != 0) {
		status = rc < 0 ? CLI_INTERNAL : CLI_REFUSED;
		goto done;
	}
	status = cli_status_of_rewrite(rewrite_commit(rw, src, &edits, o->dry_run, diags));
	if (status == CLI_OK)
		print_report(src, &report, xlf_path, o->dry_run);
done:
	rewrite_close(rw);
	xliff_report_clear(&report);
	edit_list_clear(&edits);
	model_doc_free(doc);
	source_free(src);
	source_free(xlf);
	return status;
}

/* ---- the command ------------------------------------------------------------------- */

static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

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
		if (o->output && same_file(o->output, files[0]))
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

static enum cli_status run_and_report(const char *sub, struct xliff_options *o)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	struct diag_list diags;
	diag_list_init(&diags);
	enum cli_status status = xliff_run(sub, o, &diags);
	/* Warnings about the document itself belong to `validate`; only errors stop here. */
	status = cli_worse(status, cli_report_errors(&diags, NULL));
	diag_list_clear(&diags);
	pipeline_cleanup();
	return status;
}

static enum cli_status xliff_main(int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_print_help("xliff");
		return CLI_OK;
	}
	static const char *const subs[] = {"export", "import"};
	if (argc < 2)
		return cli_usage_error("xliff", "xliff export or xliff import?", "");
	if (strcmp(argv[1], subs[0]) != 0 && strcmp(argv[1], subs[1]) != 0) {
		const char *like = cli_suggest(argv[1], subs, 2);
		char got[160];
		snprintf(got, sizeof got, "'%.64s'%s%s%s", argv[1],
			 like ? "; did you mean 'xliff " : "", like ? like : "", like ? "'?" : "");
		return cli_usage_error("xliff", "xliff export or xliff import? got: ", got);
	}
	const char *sub = argv[1];
	struct xliff_options o = {0};
	enum cli_status status = cli_parse(strcmp(sub, "export") == 0 ? "xliff export"
								       : "xliff import",
					   table, &o, argc - 1, argv + 1, &o.args);
	if (status == CLI_OK && !o.args.help && strcmp(sub, "import") == 0)
		status = cli_refuse_stdin(&o.args, 1);
	if (status == CLI_OK && !o.args.help)
		status = run_and_report(sub, &o);
	cli_args_clear(&o.args);
	return status;
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
