/* cmd_confirm.c — `broadside confirm`: record that translations match their source now. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "edit.h"
#include "rewrite.h"
#include "stale.h"

struct confirm_options {
	struct cli_args args;
	const char *langs[CLI_MAX_REPEATS];
	size_t n_langs;
	const char *units[CLI_MAX_REPEATS];
	size_t n_units;
	bool dry_run;
};

static bool selected(const struct confirm_options *o, const char *id)
{
	if (o->n_units == 0)
		return true;
	for (size_t i = 0; i < o->n_units; i++)
		if (id && strcmp(o->units[i], id) == 0)
			return true;
	return false;
}

/* Confirms the translations of DOC in LANG; counts what it did. */
static int confirm_lang(const struct model_doc *doc, const struct source *src,
			const struct confirm_options *o, const char *lang,
			struct edit_list *edits, size_t counts[3])
{
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		if (!selected(o, unit->id))
			continue;
		const struct model_text *t = model_unit_text(unit, lang);
		const struct model_text *source = model_unit_text(unit, doc->source_lang);
		char hash[STALE_HASH_SIZE];
		if (!t || !source) {
			counts[2]++;
			continue;
		}
		if (stale_hash(source, hash) != 0)
			return -1;
		if (t->src_hash && strcmp(t->src_hash, hash) == 0) {
			counts[1]++;
			continue;
		}
		enum edit_status status = edit_t_attribute(edits, src, t, "src-hash", hash);
		if (status != EDIT_OK)
			return -1;
		counts[0]++;
	}
	return 0;
}

/* Every --lang and --unit must name something of DOC. */
static bool check_names(const struct model_doc *doc, const struct source *src,
			const struct confirm_options *o, struct diag_list *diags)
{
	bool ok = true;
	for (size_t i = 0; i < o->n_langs; i++) {
		bool known = false;
		for (size_t l = 0; l < doc->n_langs; l++)
			known |= strcmp(doc->langs[l], o->langs[i]) == 0;
		if (!known || strcmp(o->langs[i], doc->source_lang) == 0) {
			diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "confirm-lang",
				known ? "--lang %s: the source language has nothing to confirm"
				      : "--lang %s: not one of the document's languages",
				o->langs[i]);
			ok = false;
		}
	}
	for (size_t i = 0; i < o->n_units; i++)
		if (!model_doc_unit(doc, o->units[i])) {
			diag_at(diags, src, doc->offset, DIAG_ERROR, "confirm-unit",
				"--unit %s: there is no unit with this id", o->units[i]);
			ok = false;
		}
	return ok;
}

static void print_confirmed(const char *path, const struct confirm_options *o,
			    size_t counts[][3])
{
	for (size_t i = 0; i < o->n_langs; i++)
		fprintf(cli_out(), "%s: %s %zu %s translation%s (%zu already confirmed, %zu missing)\n", path,
		       o->dry_run ? "would confirm" : "confirmed", counts[i][0], o->langs[i],
		       counts[i][0] == 1 ? "" : "s", counts[i][1], counts[i][2]);
}

/* A confirmation as an editor: the counts per language kept for the report. */
struct confirm_job {
	const struct confirm_options *o;
	size_t counts[CLI_MAX_REPEATS][3];
};

static enum cli_status confirm_edit(void *ctx, const struct model_doc *doc,
				    const struct source *src, struct edit_list *edits,
				    struct diag_list *diags)
{
	struct confirm_job *job = ctx;
	if (!check_names(doc, src, job->o, diags))
		return CLI_REFUSED;
	for (size_t i = 0; i < job->o->n_langs; i++)
		if (confirm_lang(doc, src, job->o, job->o->langs[i], edits, job->counts[i]) != 0)
			return CLI_INTERNAL;
	return CLI_OK;
}

static void confirm_report(void *ctx, const struct model_doc *doc, const struct source *src,
			   bool dry_run)
{
	(void)doc;
	(void)dry_run;
	struct confirm_job *job = ctx;
	print_confirmed(src->path, job->o, job->counts);
}

static enum cli_status confirm_file(const char *path, size_t index, const void *options,
				    struct diag_list *diags)
{
	(void)index;
	const struct confirm_options *o = options;
	static const struct cli_editor editor = {confirm_edit, confirm_report};
	struct confirm_job job = {.o = o};
	enum cli_status status = cli_edit_document(path, o->dry_run, &editor, &job, diags);
	return cli_worse(status, cli_status_of(PIPELINE_OK, diags, false));
}

static const struct cli_option confirm_table[] = {
	{.name = "lang", .letter = 'l', .metavar = "LANG",
	 .help = "the translations to confirm (repeatable; not the source language)",
	 .action = CLI_LIST, .field = offsetof(struct confirm_options, langs),
	 .count = offsetof(struct confirm_options, n_langs)},
	{.name = "unit", .letter = 'u', .metavar = "ID", .help = "only this unit (repeatable)",
	 .action = CLI_LIST, .field = offsetof(struct confirm_options, units),
	 .count = offsetof(struct confirm_options, n_units)},
	CLI_DRY_RUN(struct confirm_options, "say what would be confirmed, write nothing"),
	{NULL},
};

static enum cli_status parse_options(int argc, char **argv, struct confirm_options *o)
{
	enum cli_status status = cli_parse("confirm", confirm_table, o, argc, argv, &o->args);
	if (status != CLI_OK || o->args.help)
		return status;
	if (o->n_langs == 0)
		return cli_usage_error("confirm", "which translations? Give --lang LANG", "");
	return cli_rewritable_files(&o->args);
}

static enum cli_status confirm_main(int argc, char **argv)
{
	struct confirm_options o = {0};
	enum cli_status parsed = parse_options(argc, argv, &o);
	return cli_run_files_reporting(&o.args, parsed, confirm_file, &o, CLI_SHOW_ALL, NULL);
}

const struct cli_command cmd_confirm = {
	"confirm", confirm_main, "record that translations match their source as it is now",
	"usage: broadside confirm FILE... --lang LANG [--lang LANG]... [--unit ID]...\n"
	"                         [--dry-run]\n",
	"Writes into every <t> of LANG (or only those of the units named with --unit) a\n"
	"src-hash: the hash of the unit's source text as it is now, meaning \"this\n"
	"translation matches that source\".  When the source is edited afterwards, the\n"
	"translation is stale: `broadside status`, `validate` and `lint` name it, and\n"
	"`po export` marks it fuzzy.  Update it, then confirm it again.\n"
	"\n"
	"The hash covers the source's text and inline markup (NFC, white space collapsed),\n"
	"not its layout in the file: \"sha256:\" and 16 hex digits of the SHA-256 of the\n"
	"canonical form (src/stale.h defines it).  Only the src-hash attributes change; the\n"
	"rest of the file stays byte for byte, and the file is replaced atomically.\n",
	{{"options", confirm_table}},
	"exit status: 0 done, 1 a document was refused, 2 wrong usage, 3 a file could not\n"
	"be read or written\n"
	"\n"
	"examples:\n"
	"  broadside confirm xml/appeal-free-them.xml --lang fa --lang de\n"
	"  broadside confirm xml/appeal-free-them.xml --lang de --unit call\n"
};
