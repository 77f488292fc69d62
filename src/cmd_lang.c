/* cmd_lang.c — `broadside lang add`: start a new language in a document by adding it to
 * the root's langs, and changing nothing else. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "edit.h"
#include "rewrite.h"
#include "lang.h"

struct lang_options {
	struct cli_args args;
	const char *lang;
	bool dry_run;
};

static const struct cli_option add_table[] = {
	{.name = "LANG", .action = CLI_OPERAND, .field = offsetof(struct lang_options, lang)},
	CLI_DRY_RUN(struct lang_options, "say what would change, write nothing"),
	{NULL},
};

/* Whether the operands came as FILE... LANG: the "language" is a document's name (a
 * folder in it, or .xml at its end) and the last FILE a language tag. */
static bool swapped(const struct lang_options *o)
{
	size_t n = strlen(o->lang);
	bool file_like = strchr(o->lang, '/') || (n > 4 && strcasecmp(o->lang + n - 4, ".xml") == 0);
	return file_like && lang_tag_valid(o->args.files[o->args.n_files - 1]);
}

/* LANG may go into DOC's langs: a tag ICU knows, not listed yet (tags are compared
 * without regard to case, as BCP 47 says).  Else an error at langs. */
static bool lang_addable(const struct model_doc *doc, const struct source *src,
			 const char *lang, struct diag_list *diags)
{
	if (!lang_tag_valid(lang)) {
		diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "lang-tag",
			"cannot add \"%s\" to langs: it is not a BCP 47 language tag that ICU "
			"knows (for example fr, ckb, pt-BR; a region is written with '-', not '_')",
			lang);
		return false;
	}
	for (size_t i = 0; i < doc->n_langs; i++)
		if (strcasecmp(doc->langs[i], lang) == 0) {
			diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "lang-duplicate",
				"cannot add \"%s\" to langs: it is there already%s%s%s", lang,
				strcmp(doc->langs[i], lang) != 0 ? " (as \"" : "",
				strcmp(doc->langs[i], lang) != 0 ? doc->langs[i] : "",
				strcmp(doc->langs[i], lang) != 0 ? "\")" : "");
			return false;
		}
	return true;
}

static enum cli_status add_edit(void *ctx, const struct model_doc *doc,
				const struct source *src, struct edit_list *edits,
				struct diag_list *diags)
{
	const struct lang_options *o = ctx;
	if (!lang_addable(doc, src, o->lang, diags))
		return CLI_REFUSED;
	return edit_append_word(edits, src, doc->langs_offset, o->lang) == EDIT_OK ? CLI_OK
										  : CLI_INTERNAL;
}

static void add_report(void *ctx, const struct model_doc *doc, const struct source *src,
		       bool dry_run)
{
	const struct lang_options *o = ctx;
	fprintf(cli_out(), "%s: %s %s to langs; next: broadside po export --pot %s -o %s.pot, or "
		"broadside po export %s --lang %s -o %s.po\n",
		src->path, dry_run ? "would add" : "added", o->lang, src->path,
		doc->id ? doc->id : "document", src->path, o->lang, o->lang);
}

static enum cli_status add_to_file(const char *path, size_t index, const void *options,
				   struct diag_list *diags)
{
	(void)index;
	static const struct cli_editor editor = {add_edit, add_report};
	const struct lang_options *o = options;
	return cli_edit_document(path, o->dry_run, &editor, (void *)o, diags);
}

static enum cli_status add_main(int argc, char **argv)
{
	struct lang_options o = {0};
	enum cli_status status = cli_parse("lang add", add_table, &o, argc, argv, &o.args);
	if (status == CLI_OK && !o.args.help && (!o.lang || o.args.n_files == 0))
		status = cli_usage_error("lang", "lang add needs LANG and FILE", "");
	if (status == CLI_OK && !o.args.help && swapped(&o))
		status = cli_usage_error("lang", "LANG comes first, before FILE: broadside lang add ",
					 o.args.files[o.args.n_files - 1]);
	if (status == CLI_OK && !o.args.help)
		status = cli_refuse_stdin(&o.args, o.args.n_files);
	if (status != CLI_OK || o.args.help) {
		cli_args_clear(&o.args);
		return status;
	}
	/* The document's own warnings are `validate`'s (and every translation of the new
	 * language is missing now): only errors are shown. */
	return cli_run_files_reporting(&o.args, status, add_to_file, &o, CLI_SHOW_ERRORS, NULL);
}

static enum cli_status lang_main(int argc, char **argv)
{
	static const char *const subs[] = {"add"};
	const char *sub;
	enum cli_status status = cli_subcommand("lang", subs, 1, argc, argv, &sub);
	if (status != CLI_OK || !sub)
		return status;
	return add_main(argc - 1, argv + 1);
}

const struct cli_command cmd_lang = {
	"lang", lang_main, "start a new language in documents (add it to langs)",
	"usage: broadside lang add LANG FILE... [--dry-run]\n",
	"lang add adds LANG (a BCP 47 tag ICU knows: fr, ckb, pt-BR) at the end of the\n"
	"langs attribute of each FILE, and changes nothing else in the file, byte for\n"
	"byte; the file is checked and replaced atomically.  The new language's\n"
	"translations are then missing (validate warns); translate them with a PO file or\n"
	"by hand.  Refused, at FILE:LINE:COL of langs: a tag that is not valid, or one the\n"
	"document has already.\n",
	{{"options of lang add", add_table}},
	"exit status: 0 done, 1 a document or the tag was refused, 2 wrong usage,\n"
	"3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside lang add fr xml/appeal-free-them.xml\n"
	"  broadside po export --pot xml/appeal-free-them.xml -o appeal.pot\n"
	"  msginit --no-translator -l fr -i appeal.pot -o fr.po\n"
	"  broadside po import xml/appeal-free-them.xml fr.po\n"
};
