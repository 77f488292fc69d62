/* cli.c — the table of commands and what they share; see cli.h. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

extern const struct cli_command cmd_confirm, cmd_dump, cmd_fill, cmd_html, cmd_index, cmd_lint,
	cmd_pdf, cmd_po, cmd_status, cmd_validate;
static const struct cli_command cmd_help;

/* Sorted by name: this is the order of `broadside --help`. */
static const struct cli_command *const commands[] = {
	&cmd_confirm, &cmd_dump, &cmd_fill, &cmd_help, &cmd_html, &cmd_index, &cmd_lint, &cmd_pdf,
	&cmd_po, &cmd_status, &cmd_validate,
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
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\n'broadside help COMMAND' tells more about one command.\n", out);
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

enum cli_status cli_usage_error(const char *command, const char *what, const char *arg)
{
	fprintf(stderr, "broadside: %s%s\n", what, arg);
	fprintf(stderr, "Try 'broadside help%s%s'.\n", command ? " " : "", command ? command : "");
	return CLI_USAGE;
}

void cli_print_help(const char *command)
{
	const struct cli_command *c = find_command(command);
	if (c)
		fputs(c->help, stdout);
}

static enum cli_status help_main(int argc, char **argv)
{
	if (argc <= 1) {
		print_usage(stdout);
		return CLI_OK;
	}
	const struct cli_command *command = find_command(argv[1]);
	if (!command)
		return cli_usage_error(NULL, "no such command: ", argv[1]);
	fputs(command->help, stdout);
	return CLI_OK;
}

static const struct cli_command cmd_help = {
	"help", help_main, "show help for broadside or one of its commands",
	"usage: broadside help [COMMAND]\n"
};

bool cli_parse_flags(const char *command, unsigned allowed, int argc, char **argv,
		     struct cli_flags *flags, enum cli_status *status)
{
	static const struct option options[] = {
		{"fix", no_argument, NULL, FLAG_FIX},
		{"help", no_argument, NULL, 'h'},
		{"json", no_argument, NULL, FLAG_JSON},
		{"no-hyphens", no_argument, NULL, FLAG_NO_HYPHENS},
		{"strict", no_argument, NULL, FLAG_STRICT},
		{NULL, 0, NULL, 0},
	};
	flags->flags = 0;
	*status = CLI_OK;
	opterr = 0;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (c == 'h') {
			cli_print_help(command);
			return false;
		}
		if (c == '?' || !(allowed & (unsigned)c)) {
			*status = cli_usage_error(command, "unknown option: ", argv[optind - 1]);
			return false;
		}
		flags->flags |= (unsigned)c;
	}
	if (optind >= argc) {
		*status = cli_usage_error(command, "missing FILE", "");
		return false;
	}
	flags->first_file = optind;
	return true;
}

bool cli_args_init(struct cli_args *args, const char *command, int argc)
{
	*args = (struct cli_args){.command = command};
	args->files = calloc((size_t)argc + 1, sizeof *args->files);
	/* getopt keeps its state in globals; 0 makes GNU getopt start afresh, reading the
	 * leading "-" of the option string again. */
	opterr = 0;
	optind = 0;
	return args->files != NULL;
}

void cli_args_clear(struct cli_args *args)
{
	free(args->files);
	args->files = NULL;
	args->n_files = 0;
}

int cli_args_next(struct cli_args *args, int argc, char **argv, const char *shortopts,
		  const struct option *longopts, enum cli_status *status)
{
	int c;
	while (*status == CLI_OK && (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 1) {
			args->files[args->n_files++] = optarg;
		} else if (c == 'h') {
			cli_print_help(args->command);
			args->help = true;
			return 0;
		} else if (c == '?') {
			*status = cli_args_refuse(args, argv);
		} else {
			return c;
		}
	}
	return 0;
}

enum cli_status cli_args_refuse(const struct cli_args *args, char **argv)
{
	return cli_usage_error(args->command, "unknown option or missing argument: ",
			       argv[optind - 1]);
}

enum cli_status cli_args_repeat(const struct cli_args *args, const char **list, size_t *n,
				const char *arg)
{
	if (*n == CLI_MAX_REPEATS)
		return cli_usage_error(args->command, "too many options: ", arg);
	list[(*n)++] = arg;
	return CLI_OK;
}

static enum cli_status each_file(const struct cli_args *args, cli_file_fn *run,
				 const void *options)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	enum cli_status status = CLI_OK;
	for (size_t i = 0; i < args->n_files; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		status = cli_worse(status, run(args->files[i], i, options, &diags));
		diag_list_clear(&diags);
	}
	pipeline_cleanup();
	return status;
}

enum cli_status cli_run_files(struct cli_args *args, enum cli_status parsed, cli_file_fn *run,
			      const void *options)
{
	enum cli_status status = parsed;
	if (status == CLI_OK && !args->help)
		status = each_file(args, run, options);
	cli_args_clear(args);
	return status;
}

enum cli_status cli_worse(enum cli_status a, enum cli_status b)
{
	return a > b ? a : b;
}

enum cli_status cli_status_of(enum pipeline_status result, struct diag_list *diags, bool strict)
{
	if (strict)
		diag_promote_warnings(diags);
	if (diags->out_of_memory)
		return CLI_INTERNAL;
	if (result == PIPELINE_UNREADABLE)
		return CLI_UNREADABLE;
	if (result == PIPELINE_REFUSED || diag_count(diags, DIAG_ERROR) > 0)
		return CLI_REFUSED;
	return CLI_OK;
}

enum cli_status cli_status_of_rewrite(enum rewrite_status rewritten)
{
	switch (rewritten) {
	case REWRITE_OK:
		return CLI_OK;
	case REWRITE_INVALID:
		return CLI_REFUSED;
	case REWRITE_WRITE_FAILED:
		return CLI_UNREADABLE;
	case REWRITE_NO_MEMORY:
		return CLI_INTERNAL;
	}
	return CLI_INTERNAL; /* not a rewrite_status: a defect */
}

static void add_copy(struct diag_list *list, const struct diag *d)
{
	diag_copy(list, d);
}

void cli_report(struct diag_list *diags, bool json, struct diag_list *all)
{
	diag_sort(diags);
	if (!json) {
		diag_print_text(diags, stderr);
		return;
	}
	for (size_t k = 0; k < diags->n; k++)
		add_copy(all, &diags->items[k]);
}

enum cli_status cli_report_errors(struct diag_list *diags, const char *also)
{
	struct diag_list shown;
	diag_list_init(&shown);
	for (size_t k = 0; k < diags->n; k++) {
		const struct diag *d = &diags->items[k];
		if (d->severity == DIAG_ERROR || (also && strcmp(d->rule, also) == 0))
			add_copy(&shown, d);
	}
	bool failed = diags->out_of_memory || shown.out_of_memory;
	cli_report(&shown, false, NULL);
	diag_list_clear(&shown);
	return failed ? CLI_INTERNAL : CLI_OK;
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
	const struct cli_command *command = find_command(first);
	if (!command)
		return cli_usage_error(NULL, "no such command: ", first);
	return command->run(argc - 1, argv + 1);
}
