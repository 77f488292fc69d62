/* cmd_check.c — `broadside validate` and `broadside lint`: check files, report every
 * problem, and with lint --fix, write the safe fixes back. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lint.h"
#include "rewrite.h"
#include "resolve.h"

/* lint's options: the flags, then which rules run.  FLAGS comes first, so that the flag
 * options of both commands write into it. */
struct check_options {
	struct cli_flags flags;
	const char *disable[CLI_MAX_REPEATS], *enable[CLI_MAX_REPEATS];
	size_t n_disable, n_enable;
	struct lint_options rules;
};

/* Lints PATH; with --fix, writes the safe fixes back and lints what is left. */
static enum cli_status lint_file(const char *path, const struct check_options *o,
				 struct diag_list *diags)
{
	const struct cli_flags *opts = &o->flags;
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	struct rewrite *rw = NULL; /* with --fix, the file locked until it is written */
	enum pipeline_status result;
	if (opts->flags & FLAG_FIX) {
		enum cli_status opened =
			cli_status_of_rewrite(rewrite_open(path, &pipeline_loader, &rw, diags));
		if (opened != CLI_OK)
			return opened;
		result = rewrite_check(rw, diags, &src, &doc);
	} else {
		result = pipeline_check(path, diags, &src, &doc);
	}
	if (result != PIPELINE_OK) {
		rewrite_close(rw);
		return cli_status_of(result, diags, opts->flags & FLAG_STRICT);
	}
	struct lint_fixes fixes;
	lint_fixes_init(&fixes);
	struct diag_list found;
	diag_list_init(&found);
	enum cli_status status = CLI_OK;
	if (lint_document_with(doc, src, &o->rules, &found,
			       (opts->flags & FLAG_FIX) ? &fixes : NULL) != 0)
		status = CLI_INTERNAL;
	if (status == CLI_OK && fixes.n > 0) {
		char *fixed = NULL;
		size_t len = 0;
		if (lint_apply(src, &fixes, &fixed, &len) != 0) {
			status = CLI_INTERNAL;
		} else if ((status = cli_status_of_rewrite(rewrite_replace(rw, fixed, len, false,
									     diags))) != CLI_OK) {
			/* the reason is in DIAGS; nothing was written */
		} else {
			for (size_t i = 0; i < fixes.n; i++) {
				unsigned line, col;
				source_position(src, fixes.items[i].edit.offset, &line, &col);
				fprintf(cli_out(), "%s:%u:%u: fixed: %s [%s]\n", path, line, col,
				       fixes.items[i].description, fixes.items[i].rule);
			}
			/* What is left, at its place in the file as it is now. */
			diag_list_clear(&found);
			diag_list_init(&found);
			struct source *src2 = NULL;
			struct model_doc *doc2 = NULL;
			if (pipeline_check_memory(path, fixed, len, &found, &src2, &doc2) == PIPELINE_OK &&
			    lint_document_with(doc2, src2, &o->rules, &found, NULL) != 0)
				status = CLI_INTERNAL;
			model_doc_free(doc2);
			source_free(src2);
		}
		free(fixed);
	}
	for (size_t k = 0; k < found.n; k++)
		diag_copy(diags, &found.items[k]);
	diag_list_clear(&found);
	lint_fixes_clear(&fixes);
	model_doc_free(doc);
	source_free(src);
	rewrite_close(rw);
	return cli_worse(status, cli_status_of(PIPELINE_OK, diags, opts->flags & FLAG_STRICT));
}

/* Refuses a rule name lint does not know (a typo would silently check everything). */
static enum cli_status check_rule_names(const char *command, struct check_options *o)
{
	for (size_t i = 0; i < o->n_disable + o->n_enable; i++) {
		const char *rule = i < o->n_disable ? o->disable[i] : o->enable[i - o->n_disable];
		if (!lint_rule_known(rule))
			return cli_usage_error(command, "no such rule (see 'broadside help lint'): ",
					       rule);
	}
	o->rules = (struct lint_options){o->disable, o->n_disable, o->enable, o->n_enable};
	return CLI_OK;
}

static enum cli_status check_files(const char *command, const struct cli_option *table,
				   bool lint, int argc, char **argv)
{
	static struct check_options o; /* large; main calls one command once */
	struct cli_flags opts = {0};
	struct cli_args args;
	enum cli_status status = cli_parse(command, table, &o, argc, argv, &args);
	opts = o.flags;
	status = status == CLI_OK && !args.help ? check_rule_names(command, &o) : status;
	if (status == CLI_OK && !args.help && args.n_files == 0)
		status = cli_usage_error(command, "missing FILE", "");
	if (status == CLI_OK && !args.help && (opts.flags & FLAG_FIX))
		status = cli_refuse_stdin(&args, args.n_files);
	if (status != CLI_OK || args.help) {
		cli_args_clear(&args);
		return status;
	}
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", cli_err());
		cli_args_clear(&args);
		return CLI_INTERNAL;
	}
	bool json = opts.flags & FLAG_JSON;
	struct diag_list all;
	diag_list_init(&all);
	for (size_t i = 0; i < args.n_files; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		enum cli_status file_status;
		if (lint) {
			file_status = lint_file(args.files[i], &o, &diags);
		} else {
			enum pipeline_status result = pipeline_check(args.files[i], &diags, NULL, NULL);
			file_status = cli_status_of(result, &diags, opts.flags & FLAG_STRICT);
		}
		status = cli_worse(status, file_status);
		cli_report(&diags, json, &all);
		diag_list_clear(&diags);
	}
	if (json)
		diag_print_json(&all, cli_out());
	diag_list_clear(&all);
	cli_args_clear(&args);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

#define FLAG_OPTION(NAME, BIT, HELP) \
	{.name = NAME, .help = HELP, .action = CLI_SET_BITS, \
	 .field = offsetof(struct cli_flags, flags), .value = BIT}

static const struct cli_option validate_options[] = {
	FLAG_OPTION("strict", FLAG_STRICT, "treat warnings as errors"),
	FLAG_OPTION("json", FLAG_JSON, "print the diagnostics as a JSON array on stdout instead"),
	{NULL},
};

static const struct cli_option lint_options[] = {
	FLAG_OPTION("strict", FLAG_STRICT, "treat warnings as errors (exit 1)"),
	FLAG_OPTION("json", FLAG_JSON, "print the diagnostics as a JSON array on stdout instead"),
	{.name = "disable", .metavar = "RULE", .help = "leave RULE out (repeatable)",
	 .action = CLI_LIST, .field = offsetof(struct check_options, disable),
	 .count = offsetof(struct check_options, n_disable)},
	{.name = "enable", .metavar = "RULE",
	 .help = "check only the rules given with --enable (repeatable)", .action = CLI_LIST,
	 .field = offsetof(struct check_options, enable),
	 .count = offsetof(struct check_options, n_enable)},
	FLAG_OPTION("fix", FLAG_FIX, "apply the safe fixes in place (atomically; nothing else in the file\n"
				     "changes) and print each change; what is left is reported"),
	{NULL},
};

static enum cli_status validate_main(int argc, char **argv)
{
	return check_files("validate", validate_options, false, argc, argv);
}

static enum cli_status lint_main(int argc, char **argv)
{
	return check_files("lint", lint_options, true, argc, argv);
}

const struct cli_command cmd_validate = {
	"validate", validate_main, "check documents against the schema and the format's rules",
	"usage: broadside validate [--strict] [--json] FILE...\n",
	"Checks each FILE: secure XML parsing (no DOCTYPE, no entities, no external or\n"
	"network loads, no XInclude, UTF-8 only), the RELAX NG schema, then the format's\n"
	"rules: unique ids, language tags, one <t> per language with the source present,\n"
	"real dates and ranges in order, http/https/mailto links only, no control or bidi\n"
	"control characters, and dates and links the same in every translation.\n"
	"\n"
	"Every problem of every file is reported, one per line on stderr:\n"
	"  FILE:LINE:COL: error: what is wrong [rule]\n"
	"A missing or stale translation is a warning.\n",
	{{"options", validate_options}},
	"exit status: 0 all valid (warnings allowed), 1 a document was refused,\n"
	"2 wrong usage, 3 a file could not be read\n"
	"\n"
	"examples:\n"
	"  broadside validate xml/*.xml\n"
	"  broadside validate --strict --json xml/appeal-free-them.xml\n"
};

const struct cli_command cmd_lint = {
	"lint", lint_main, "check typography per language (Farsi, German, all), and fix what is safe",
	"usage: broadside lint [--strict] [--json] [--fix] [--disable RULE]...\n"
	"                      [--enable RULE]... FILE...\n",
	"Validates each FILE, then checks the typographic rules of each <t>'s language:\n"
	"Farsi: Arabic yeh/kaf/heh and presentation forms, digits, punctuation ، ؛ ؟,\n"
	"zero-width non-joiners (a heuristic: it has false positives), tatweel, guillemets;\n"
	"German: „…“ quotes, z. B. with a narrow space, dashes; every language: doubled and\n"
	"leading or trailing spaces, stray invisible characters, LRM/RLM/ALM marks.\n"
	"Findings are warnings, one per line on stderr: FILE:LINE:COL: warning: … [rule]\n"
	"\n"
	"Where a rule is wrong (a heuristic's false positive), tell it so in the document:\n"
	"an XML comment <!-- broadside: allow RULE... --> directly before a unit, directly\n"
	"before one of its <t>, or inside a <t>, silences those rules there (findings and\n"
	"fixes).  --disable RULE leaves a rule out everywhere; --enable RULE checks only the\n"
	"rules so given.  Safe fixes include doubled spaces (one is kept) and a zero-width\n"
	"non-joiner next to a space (deleted).\n",
	{{"options", lint_options}},
	"exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),\n"
	"2 wrong usage, 3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside lint xml/*.xml\n"
	"  broadside lint --fix xml/letter-to-rapporteur.xml\n"
	"  broadside lint --strict --disable fa-zwnj-missing xml/*.xml\n"
};
