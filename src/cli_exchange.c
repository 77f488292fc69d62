/* cli_exchange.c — what `po` and `xliff` share: the export-or-import subcommand, the
 * language check (with the commands that start a language), the exported file's path and
 * writing it, loading the translator's file, and the import's check-import-commit-report. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import.h"
#include "model.h"
#include "pipeline.h"
#include "out.h"
#include "source.h"
#include "lang.h"

/* ---- the subcommand and the files ----------------------------------------------------- */

enum cli_status cli_exchange_main(const struct cli_exchange_command *command, void *options,
				  struct cli_args *args, int argc, char **argv)
{
	static const char *const subs[] = {"export", "import"};
	const char *sub;
	enum cli_status status = cli_subcommand(command->name, subs, 2, argc, argv, &sub);
	if (status != CLI_OK || !sub)
		return status;
	status = command->parse(sub, argc - 1, argv + 1, options);
	if (status == CLI_OK && !args->help && strcmp(sub, "import") == 0)
		status = cli_refuse_stdin(args, 1);
	if (status == CLI_OK && !args->help) {
		if (pipeline_init() != 0) {
			status = CLI_INTERNAL;
		} else {
			struct diag_list diags;
			diag_list_init(&diags);
			status = command->run(sub, options, &diags);
			/* The document's own warnings belong to `validate`: only errors here. */
			status = cli_worse(status, cli_report_errors(&diags, command->also));
			diag_list_clear(&diags);
			pipeline_cleanup();
		}
	}
	cli_args_clear(args);
	return status;
}

bool cli_same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Where an exported file goes (*PATH, to free; NULL: stdout). */
static enum cli_status exchange_path(const char *output, const struct model_doc *doc,
				     const char *lang, const char *extension, char **path,
				     struct diag_list *diags)
{
	*path = NULL;
	if (!output || strcmp(output, "-") == 0)
		return CLI_OK;
	if (out_kind_of(output) != OUT_DIRECTORY)
		return (*path = strdup(output)) ? CLI_OK : CLI_INTERNAL;
	const char *id = doc->id ? doc->id : "document";
	char *name = NULL;
	if ((lang ? asprintf(&name, "%s.%s.%s", id, lang, extension)
		  : asprintf(&name, "%s.%s", id, extension)) < 0)
		return CLI_INTERNAL;
	enum cli_status status = cli_output_in(output, name, path, diags);
	free(name);
	return status;
}

enum cli_status cli_exchange_put(const char *output, const struct model_doc *doc,
				 const char *lang, const char *extension, const char *text,
				 size_t len, char **written, struct diag_list *diags)
{
	enum cli_status status = exchange_path(output, doc, lang, extension, written, diags);
	if (status != CLI_OK)
		return status;
	if (!*written) {
		if (fwrite(text, 1, len, cli_out()) != len || fflush(cli_out()) != 0) {
			diag_add(diags, DIAG_ERROR, "-", 0, 0, "write", "cannot write: %s",
				 strerror(errno));
			return CLI_UNREADABLE;
		}
		return CLI_OK;
	}
	if (out_write(*written, text, len) != 0) {
		diag_add(diags, DIAG_ERROR, *written, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		return CLI_UNREADABLE;
	}
	return CLI_OK;
}

void cli_import_items(const struct source *src, const struct import_report *report,
		      bool dry_run, const char *const *changes, cli_import_detail_fn *detail,
		      size_t *counts)
{
	for (size_t i = 0; i < report->n; i++) {
		const struct import_item *item = &report->items[i];
		unsigned line, col;
		source_position(src, item->offset, &line, &col);
		char buf[64];
		fprintf(cli_out(), "%s:%u:%u: %s: %s \"%s\" %s (%s)\n", src->path, line, col,
			dry_run ? "would import" : "imported", report->lang,
			item->unit->id ? item->unit->id : "?", changes[item->change],
			detail(item, buf, sizeof buf));
		counts[item->change]++;
	}
}

enum cli_status cli_exchange_load(const char *path, struct source **out, struct diag_list *diags)
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

/* ---- import ---------------------------------------------------------------------------- */

/* An import as an editor: the translator's file loaded and imported into the document. */
struct import_job {
	const char *file;
	const struct cli_importer *importer;
	void *ctx;
	struct source *loaded;
};

static enum cli_status import_edit(void *ctx, const struct model_doc *doc,
				   const struct source *src, struct edit_list *edits,
				   struct diag_list *diags)
{
	struct import_job *job = ctx;
	enum cli_status status = cli_exchange_load(job->file, &job->loaded, diags);
	if (status != CLI_OK)
		return status;
	int rc = job->importer->import(job->ctx, doc, src, job->loaded, edits, diags);
	return rc < 0 ? CLI_INTERNAL : rc > 0 ? CLI_REFUSED : CLI_OK;
}

static void import_report(void *ctx, const struct model_doc *doc, const struct source *src,
			  bool dry_run)
{
	(void)doc;
	struct import_job *job = ctx;
	job->importer->report(job->ctx, src, job->file, dry_run);
}

enum cli_status cli_exchange_import(const char *path, const char *file, bool dry_run,
				    const struct cli_importer *importer, void *ctx,
				    struct diag_list *diags)
{
	static const struct cli_editor editor = {import_edit, import_report};
	struct import_job job = {file, importer, ctx, NULL};
	enum cli_status status = cli_edit_document(path, dry_run, &editor, &job, diags);
	source_free(job.loaded);
	return status;
}

/* ---- the language ------------------------------------------------------------------------ */

/* A language not yet in langs is one to start: say how. */
static void say_how_to_start(const char *command, const char *ext, const struct model_doc *doc,
			     const struct source *src, const char *lang, struct diag_list *diags,
			     const char *rule)
{
	char *escaped = diag_escaped(src->path);
	const char *path = escaped ? escaped : "FILE";
	const char *id = doc->id ? doc->id : "document";
	char *pot = NULL;
	if (strcmp(command, "po") == 0 &&
	    asprintf(&pot, " (or 'broadside po export --pot %s -o %s.pot' and 'msginit "
		     "--no-translator -l %s -i %s.pot -o %s.po')", path, id, lang, id, lang) < 0)
		pot = NULL;
	diag_at(diags, src, doc->langs_offset, DIAG_ERROR, rule,
		"--lang %s is not one of the document's languages yet; to start it, run "
		"'broadside lang add %s %s', then 'broadside %s export %s --lang %s -o %s.%s'%s, "
		"translate, and 'broadside %s import %s %s.%s'", lang, lang, path, command, path,
		lang, lang, ext, pot ? pot : "", command, path, lang, ext);
	free(pot);
	free(escaped);
}

bool cli_translation_lang(const char *command, const char *extension,
			  const struct model_doc *doc, const struct source *src,
			  const char *lang, struct diag_list *diags)
{
	for (size_t i = 0; i < doc->n_langs; i++)
		if (strcmp(doc->langs[i], lang) == 0 && strcmp(lang, doc->source_lang) != 0)
			return true;
	char rule[32];
	snprintf(rule, sizeof rule, "%s-language", command);
	bool is_source = strcmp(lang, doc->source_lang) == 0;
	if (!is_source && lang_tag_valid(lang))
		say_how_to_start(command, extension, doc, src, lang, diags, rule);
	else
		diag_at(diags, src, doc->langs_offset, DIAG_ERROR, rule,
			is_source ? "--lang %s is the source language; export a translation language"
				  : "--lang %s is not one of the document's languages", lang);
	return false;
}
