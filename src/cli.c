/* cli.c — subcommand and option tables, printing, exit status; see cli.h.
 *
 * The only place that prints diagnostics or chooses how a run ends. */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <errno.h>
#include <stdlib.h>

#include "diag.h"
#include "dump.h"
#include "lint.h"
#include "out.h"
#include "pipeline.h"
#include "resolve.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

struct command {
	const char *name;
	enum cli_status (*run)(int argc, char **argv);
	const char *summary;
	const char *help;
};

static enum cli_status validate_main(int argc, char **argv);
static enum cli_status lint_main(int argc, char **argv);
static enum cli_status dump_main(int argc, char **argv);
static enum cli_status help_main(int argc, char **argv);

static const struct command commands[] = {
	{"dump", dump_main, "print the resolved text of every unit in every language",
	 "usage: broadside dump [--no-hyphens] FILE\n"
	 "\n"
	 "Validates FILE, resolves it as the PDF and HTML backends will (NFC, white space\n"
	 "collapsed, dates written in each language's calendar, bidi isolation, hyphenation\n"
	 "points) and prints every unit in every language with its direction and state.\n"
	 "Made visible: ⟨LRI⟩ ⟨RLI⟩ ⟨PDI⟩ bidi isolates, ‧ soft hyphens, ⟨br⟩ line breaks,\n"
	 "and inline markup as ⟨em⟩…⟨/em⟩, ⟨a URL⟩…⟨/a⟩, ⟨date ISO⟩…⟨/date⟩.\n"
	 "\n"
	 "options:\n"
	 "  --no-hyphens  leave out the hyphenation points\n"
	 "  -h, --help    show this help\n"
	 "\n"
	 "exit status: 0 printed, 1 the document was refused, 2 wrong usage, 3 unreadable\n"
	 "\n"
	 "example:\n"
	 "  broadside dump xml/appeal-free-them.xml | less\n"},
	{"help", help_main, "show help for broadside or one of its commands",
	 "usage: broadside help [COMMAND]\n"},
	{"lint", lint_main, "check typography per language (Farsi, German, all), and fix what is safe",
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
	 "  broadside lint --fix xml/letter-to-rapporteur.xml\n"},
	{"validate", validate_main, "check documents against the schema and the format's rules",
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
	 "A missing translation is a warning.\n"
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
	 "  broadside validate --strict --json xml/appeal-free-them.xml\n"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *out)
{
	fputs("usage: broadside COMMAND [OPTIONS] FILE...\n"
	      "       broadside --help | --version\n"
	      "\n"
	      "broadside turns appeals and letters written in its XML format, with parallel\n"
	      "text in several languages, into print-ready PDF leaflets and accessible HTML.\n"
	      "\n"
	      "commands:\n",
	      out);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'broadside help COMMAND' tells more about one command.\n", out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Says WHAT (followed by ARG) is wrong with the command line, and where help is. */
static enum cli_status usage_error(const char *command, const char *what, const char *arg)
{
	fprintf(stderr, "broadside: %s%s\n", what, arg);
	fprintf(stderr, "Try 'broadside help%s%s'.\n", command ? " " : "", command ? command : "");
	return CLI_USAGE;
}

static enum cli_status help_main(int argc, char **argv)
{
	if (argc <= 1) {
		print_usage(stdout);
		return CLI_OK;
	}
	const struct command *command = find_command(argv[1]);
	if (!command)
		return usage_error(NULL, "no such command: ", argv[1]);
	fputs(command->help, stdout);
	return CLI_OK;
}

/* ---- options ------------------------------------------------------------------------ */

enum option_flag { OPT_STRICT = 1, OPT_JSON = 2, OPT_FIX = 4, OPT_NO_HYPHENS = 8 };

struct run_options {
	unsigned flags;
	int first_file; /* index in argv */
};

/* Parses the options of COMMAND, accepting those in ALLOWED.  Returns CLI_OK to go on,
 * or the status to end with (after --help, or a usage error); *DONE tells which. */
static enum cli_status parse_options(const char *command, unsigned allowed, int argc,
				     char **argv, struct run_options *opts, bool *done)
{
	static const struct option options[] = {
		{"fix", no_argument, NULL, OPT_FIX},
		{"help", no_argument, NULL, 'h'},
		{"json", no_argument, NULL, OPT_JSON},
		{"no-hyphens", no_argument, NULL, OPT_NO_HYPHENS},
		{"strict", no_argument, NULL, OPT_STRICT},
		{NULL, 0, NULL, 0},
	};
	*done = true;
	opts->flags = 0;
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c == 'h') {
			fputs(find_command(command)->help, stdout);
			return CLI_OK;
		}
		if (c == '?' || !(allowed & (unsigned)c))
			return usage_error(command, "unknown option: ", argv[optind - 1]);
		opts->flags |= (unsigned)c;
	}
	if (optind >= argc)
		return usage_error(command, "missing FILE", "");
	opts->first_file = optind;
	*done = false;
	return CLI_OK;
}

/* ---- checking files: validate and lint ---------------------------------------------- */

static enum cli_status worse(enum cli_status a, enum cli_status b)
{
	return a > b ? a : b;
}

/* Prints DIAGS now (text) or keeps them for the JSON array at the end. */
static void report(struct diag_list *diags, const struct run_options *opts, struct diag_list *all)
{
	diag_sort(diags);
	if (!(opts->flags & OPT_JSON)) {
		diag_print_text(diags, stderr);
		return;
	}
	for (size_t k = 0; k < diags->n; k++) {
		const struct diag *d = &diags->items[k];
		diag_add(all, d->severity, d->file, d->line, d->col, d->rule, "%s", d->message);
	}
}

static enum cli_status status_of(enum pipeline_status result, struct diag_list *diags,
				 const struct run_options *opts)
{
	if (opts->flags & OPT_STRICT)
		diag_promote_warnings(diags);
	if (diags->out_of_memory)
		return CLI_INTERNAL;
	if (result == PIPELINE_UNREADABLE)
		return CLI_UNREADABLE;
	if (result == PIPELINE_REFUSED || diag_count(diags, DIAG_ERROR) > 0)
		return CLI_REFUSED;
	return CLI_OK;
}

/* Lints PATH; with --fix, writes the safe fixes back and lints what is left. */
static enum cli_status lint_file(const char *path, const struct run_options *opts,
				 struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(path, diags, &src, &doc);
	if (result != PIPELINE_OK)
		return status_of(result, diags, opts);
	struct lint_fixes fixes;
	lint_fixes_init(&fixes);
	struct diag_list found;
	diag_list_init(&found);
	enum cli_status status = CLI_OK;
	if (lint_document(doc, src, &found, (opts->flags & OPT_FIX) ? &fixes : NULL) != 0)
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
	for (size_t k = 0; k < found.n; k++) {
		const struct diag *d = &found.items[k];
		diag_add(diags, d->severity, d->file, d->line, d->col, d->rule, "%s", d->message);
	}
	diag_list_clear(&found);
	lint_fixes_clear(&fixes);
	model_doc_free(doc);
	source_free(src);
	return worse(status, status_of(PIPELINE_OK, diags, opts));
}

static enum cli_status check_files(const char *command, unsigned allowed, bool lint, int argc,
				   char **argv)
{
	struct run_options opts;
	bool done;
	enum cli_status status = parse_options(command, allowed, argc, argv, &opts, &done);
	if (done)
		return status;
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", stderr);
		return CLI_INTERNAL;
	}
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
			file_status = status_of(result, &diags, &opts);
		}
		status = worse(status, file_status);
		report(&diags, &opts, &all);
		diag_list_clear(&diags);
	}
	if (opts.flags & OPT_JSON)
		diag_print_json(&all, stdout);
	diag_list_clear(&all);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

static enum cli_status validate_main(int argc, char **argv)
{
	return check_files("validate", OPT_STRICT | OPT_JSON, false, argc, argv);
}

static enum cli_status lint_main(int argc, char **argv)
{
	return check_files("lint", OPT_STRICT | OPT_JSON | OPT_FIX, true, argc, argv);
}

/* ---- dump ---------------------------------------------------------------------------- */

static enum cli_status dump_main(int argc, char **argv)
{
	struct run_options opts;
	bool done;
	enum cli_status status = parse_options("dump", OPT_NO_HYPHENS, argc, argv, &opts, &done);
	if (done)
		return status;
	if (argc - opts.first_file != 1)
		return usage_error("dump", "dump takes one FILE", "");
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	struct diag_list diags;
	diag_list_init(&diags);
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(argv[opts.first_file], &diags, NULL, &doc);
	status = status_of(result, &diags, &opts);
	diag_sort(&diags);
	diag_print_text(&diags, stderr);
	if (doc) {
		struct resolve_options resolve = {.hyphenate = !(opts.flags & OPT_NO_HYPHENS)};
		struct resolved_doc *rdoc = NULL;
		if (resolve_document(doc, &resolve, &rdoc) == 0) {
			dump_document(rdoc, stdout);
		} else {
			fprintf(stderr, "%s: error: the text could not be resolved (out of memory?)\n",
				argv[opts.first_file]);
			status = CLI_INTERNAL;
		}
		resolved_doc_free(rdoc);
	}
	model_doc_free(doc);
	diag_list_clear(&diags);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

enum cli_status cli_main(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return CLI_USAGE;
	}
	const char *first = argv[1];
	if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
		print_usage(stdout);
		return CLI_OK;
	}
	if (strcmp(first, "--version") == 0) {
		printf("broadside %s\n", BROADSIDE_VERSION);
		return CLI_OK;
	}
	const struct command *command = find_command(first);
	if (!command)
		return usage_error(NULL, "no such command: ", first);
	return command->run(argc - 1, argv + 1);
}
