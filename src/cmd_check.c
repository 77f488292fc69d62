/* cmd_check.c — `broadside validate` and `broadside lint`: check files, report every
 * problem, and with lint --fix, write the safe fixes back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lint.h"
#include "out.h"
#include "resolve.h"

/* Lints PATH; with --fix, writes the safe fixes back and lints what is left. */
static enum cli_status lint_file(const char *path, const struct cli_flags *opts,
				 struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(path, diags, &src, &doc);
	if (result != PIPELINE_OK)
		return cli_status_of(result, diags, opts->flags & FLAG_STRICT);
	struct lint_fixes fixes;
	lint_fixes_init(&fixes);
	struct diag_list found;
	diag_list_init(&found);
	enum cli_status status = CLI_OK;
	if (lint_document(doc, src, &found, (opts->flags & FLAG_FIX) ? &fixes : NULL) != 0)
		status = CLI_INTERNAL;
	if (status == CLI_OK && fixes.n > 0) {
		char *fixed = NULL;
		size_t len = 0;
		if (lint_apply(src, &fixes, &fixed, &len) != 0) {
			status = CLI_INTERNAL;
		} else if (out_write_atomic(path, fixed, len) != 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "write", "cannot write the fixes: %s",
				 strerror(errno));
			status = CLI_UNREADABLE;
		} else {
			for (size_t i = 0; i < fixes.n; i++) {
				unsigned line, col;
				source_position(src, fixes.items[i].offset, &line, &col);
				printf("%s:%u:%u: fixed: %s [%s]\n", path, line, col,
				       fixes.items[i].description, fixes.items[i].rule);
			}
			/* What is left, at its place in the file as it is now. */
			diag_list_clear(&found);
			diag_list_init(&found);
			struct source *src2 = NULL;
			struct model_doc *doc2 = NULL;
			if (pipeline_check_memory(path, fixed, len, &found, &src2, &doc2) == PIPELINE_OK &&
			    lint_document(doc2, src2, &found, NULL) != 0)
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
	return cli_worse(status, cli_status_of(PIPELINE_OK, diags, opts->flags & FLAG_STRICT));
}

static enum cli_status check_files(const char *command, unsigned allowed, bool lint, int argc,
				   char **argv)
{
	struct cli_flags opts;
	enum cli_status status;
	if (!cli_parse_flags(command, allowed, argc, argv, &opts, &status))
		return status;
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", stderr);
		return CLI_INTERNAL;
	}
	bool json = opts.flags & FLAG_JSON;
	struct diag_list all;
	diag_list_init(&all);
	for (int i = opts.first_file; i < argc; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		enum cli_status file_status;
		if (lint) {
			file_status = lint_file(argv[i], &opts, &diags);
		} else {
			enum pipeline_status result = pipeline_check(argv[i], &diags, NULL, NULL);
			file_status = cli_status_of(result, &diags, opts.flags & FLAG_STRICT);
		}
		status = cli_worse(status, file_status);
		cli_report(&diags, json, &all);
		diag_list_clear(&diags);
	}
	if (json)
		diag_print_json(&all, stdout);
	diag_list_clear(&all);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

static enum cli_status validate_main(int argc, char **argv)
{
	return check_files("validate", FLAG_STRICT | FLAG_JSON, false, argc, argv);
}

static enum cli_status lint_main(int argc, char **argv)
{
	return check_files("lint", FLAG_STRICT | FLAG_JSON | FLAG_FIX, true, argc, argv);
}

const struct cli_command cmd_validate = {
	"validate", validate_main, "check documents against the schema and the format's rules",
	"usage: broadside validate [--strict] [--json] FILE...\n"
	"\n"
	"Checks each FILE: secure XML parsing (no DOCTYPE, no entities, no external or\n"
	"network loads, no XInclude, UTF-8 only), the RELAX NG schema, then the format's\n"
	"rules: unique ids, language tags, one <t> per language with the source present,\n"
	"real dates and ranges in order, http/https/mailto links only, no control or bidi\n"
	"control characters, and dates and links the same in every translation.\n"
	"\n"
	"Every problem of every file is reported, one per line on stderr:\n"
	"  FILE:LINE:COL: error: what is wrong [rule]\n"
	"A missing or stale translation is a warning.\n"
	"\n"
	"options:\n"
	"  --strict   treat warnings as errors\n"
	"  --json     print the diagnostics as a JSON array on stdout instead\n"
	"  -h, --help show this help\n"
	"\n"
	"exit status: 0 all valid (warnings allowed), 1 a document was refused,\n"
	"2 wrong usage, 3 a file could not be read\n"
	"\n"
	"examples:\n"
	"  broadside validate xml/*.xml\n"
	"  broadside validate --strict --json xml/appeal-free-them.xml\n"
};

const struct cli_command cmd_lint = {
	"lint", lint_main, "check typography per language (Farsi, German, all), and fix what is safe",
	"usage: broadside lint [--strict] [--json] [--fix] FILE...\n"
	"\n"
	"Validates each FILE, then checks the typographic rules of each <t>'s language:\n"
	"Farsi: Arabic yeh/kaf/heh and presentation forms, digits, punctuation ، ؛ ؟,\n"
	"zero-width non-joiners (a heuristic: it has false positives), tatweel, guillemets;\n"
	"German: „…“ quotes, z. B. with a narrow space, dashes; every language: doubled and\n"
	"leading or trailing spaces, stray invisible characters, LRM/RLM/ALM marks.\n"
	"Findings are warnings, one per line on stderr: FILE:LINE:COL: warning: … [rule]\n"
	"\n"
	"options:\n"
	"  --strict   treat warnings as errors (exit 1)\n"
	"  --json     print the diagnostics as a JSON array on stdout instead\n"
	"  --fix      apply the safe fixes in place (atomically; nothing else in the file\n"
	"             changes) and print each change; what is left is reported\n"
	"  -h, --help show this help\n"
	"\n"
	"exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),\n"
	"2 wrong usage, 3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside lint xml/*.xml\n"
	"  broadside lint --fix xml/letter-to-rapporteur.xml\n"
};
