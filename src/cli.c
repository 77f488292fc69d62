/* cli.c — subcommand and option tables, printing, exit status; see cli.h.
 *
 * The only place that prints diagnostics or chooses how a run ends. */
#include "cli.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "pipeline.h"

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
static enum cli_status help_main(int argc, char **argv);

static const struct command commands[] = {
	{"help", help_main, "show help for broadside or one of its commands",
	 "usage: broadside help [COMMAND]\n"},
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

static enum cli_status validate_main(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"json", no_argument, NULL, 'j'},
		{"strict", no_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	bool json = false, strict = false;
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(find_command("validate")->help, stdout);
			return CLI_OK;
		case 'j':
			json = true;
			break;
		case 's':
			strict = true;
			break;
		default:
			return usage_error("validate", "unknown option: ", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("validate", "validate needs at least one FILE", "");

	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", stderr);
		return CLI_INTERNAL;
	}
	struct diag_list all;
	diag_list_init(&all);
	enum cli_status status = CLI_OK;
	for (int i = optind; i < argc; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		enum pipeline_status result = pipeline_check(argv[i], &diags, NULL, NULL);
		if (strict && diag_count(&diags, DIAG_WARNING)) {
			diag_promote_warnings(&diags);
			if (result == PIPELINE_OK)
				result = PIPELINE_REFUSED;
		}
		diag_sort(&diags);
		if (result == PIPELINE_UNREADABLE)
			status = CLI_UNREADABLE;
		else if (result == PIPELINE_REFUSED && status == CLI_OK)
			status = CLI_REFUSED;
		if (diags.out_of_memory)
			status = CLI_INTERNAL;
		if (json) {
			for (size_t k = 0; k < diags.n; k++) {
				const struct diag *d = &diags.items[k];
				diag_add(&all, d->severity, d->file, d->line, d->col, d->rule, "%s",
					 d->message);
			}
		} else {
			diag_print_text(&diags, stderr);
		}
		diag_list_clear(&diags);
	}
	if (json)
		diag_print_json(&all, stdout);
	diag_list_clear(&all);
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
