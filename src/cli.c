/* cli.c — the table of commands and what they share; see cli.h. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

extern const struct cli_command cmd_build, cmd_confirm, cmd_dump, cmd_fill, cmd_html, cmd_index,
	cmd_lang, cmd_lint, cmd_pdf, cmd_po, cmd_status, cmd_validate, cmd_xliff;
static const struct cli_command cmd_help;

/* Sorted by name: this is the order of `broadside --help`. */
static const struct cli_command *const commands[] = {
	&cmd_build, &cmd_confirm, &cmd_dump, &cmd_fill, &cmd_help, &cmd_html, &cmd_index, &cmd_lang,
	&cmd_lint, &cmd_pdf, &cmd_po, &cmd_status, &cmd_validate, &cmd_xliff,
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* The streams of the current run (cli_main); NULL: the process's. */
static FILE *run_out, *run_err;

FILE *cli_out(void)
{
	return run_out ? run_out : stdout;
}

FILE *cli_err(void)
{
	return run_err ? run_err : stderr;
}

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

/* NAME's command; "po export" is po. */
static const struct cli_command *find_command(const char *name)
{
	size_t len = strcspn(name, " ");
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strncmp(commands[i]->name, name, len) == 0 && commands[i]->name[len] == '\0')
			return commands[i];
	return NULL;
}

void cli_print_help(const char *command)
{
	const struct cli_command *c = find_command(command);
	if (!c)
		return;
	fputs(c->usage, cli_out());
	if (c->about)
		fprintf(cli_out(), "\n%s", c->about);
	for (size_t i = 0; i < CLI_MAX_TABLES && c->tables[i].title; i++) {
		fprintf(cli_out(), "\n%s:\n", c->tables[i].title);
		cli_print_options(c->tables[i].options, cli_out());
	}
	if (c->more)
		fprintf(cli_out(), "\n%s", c->more);
}

static enum cli_status no_such_command(const char *name)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i]->name;
	const char *like = name[0] == '-' ? NULL : cli_suggest(name, names, N_COMMANDS);
	fprintf(cli_err(), "broadside: unknown %s '%s'", name[0] == '-' ? "option" : "command", name);
	if (like)
		fprintf(cli_err(), "; did you mean '%s'?", like);
	fputs("\nTry 'broadside --help'.\n", cli_err());
	return CLI_USAGE;
}

static const struct cli_option help_options[] = {{NULL}};

static enum cli_status help_main(int argc, char **argv)
{
	struct cli_args args;
	enum cli_status status = cli_parse("help", help_options, NULL, argc, argv, &args);
	if (status == CLI_OK && !args.help) {
		if (args.n_files == 0)
			print_usage(cli_out());
		else if (!find_command(args.files[0]))
			status = no_such_command(args.files[0]);
		else
			cli_print_help(args.files[0]);
	}
	cli_args_clear(&args);
	return status;
}

static const struct cli_command cmd_help = {
	"help", help_main, "show help for broadside or one of its commands",
	"usage: broadside help [COMMAND]\n",
	"Tells what COMMAND does and lists its options (the same as 'broadside COMMAND\n"
	"--help'); without COMMAND, lists the commands.\n",
	{{"options", help_options}},
	NULL,
};

/* How each_file reports a FILE: not at all (the command's RUN does), or as cli_shown. */
struct per_file {
	bool report;
	enum cli_shown shown;
	const char *also;
};

static enum cli_status each_file(const struct cli_args *args, cli_file_fn *run,
				 const void *options, const struct per_file *per)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	enum cli_status status = CLI_OK;
	for (size_t i = 0; i < args->n_files; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		status = cli_worse(status, run(args->files[i], i, options, &diags));
		if (per->report && per->shown == CLI_SHOW_ALL)
			cli_report(&diags, false, NULL);
		else if (per->report)
			status = cli_worse(status, cli_report_errors(&diags, per->also));
		diag_list_clear(&diags);
	}
	pipeline_cleanup();
	return status;
}

static enum cli_status run_files(struct cli_args *args, enum cli_status parsed, cli_file_fn *run,
				 const void *options, const struct per_file *per)
{
	enum cli_status status = parsed;
	if (status == CLI_OK && !args->help)
		status = each_file(args, run, options, per);
	cli_args_clear(args);
	return status;
}

enum cli_status cli_run_files(struct cli_args *args, enum cli_status parsed, cli_file_fn *run,
			      const void *options)
{
	return run_files(args, parsed, run, options, &(struct per_file){.report = false});
}

enum cli_status cli_run_files_reporting(struct cli_args *args, enum cli_status parsed,
					cli_file_fn *run, const void *options,
					enum cli_shown shown, const char *also)
{
	return run_files(args, parsed, run, options,
			 &(struct per_file){.report = true, .shown = shown, .also = also});
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

enum cli_status cli_edit_document(const char *path, bool dry_run, const struct cli_editor *editor,
				  void *ctx, struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	struct rewrite *rw = NULL;
	struct edit_list edits;
	edit_list_init(&edits);
	enum cli_status status =
		cli_status_of_rewrite(rewrite_open(path, &pipeline_loader, &rw, diags));
	if (status == CLI_OK)
		status = cli_status_of(rewrite_check(rw, diags, &src, &doc), diags, false);
	if (status == CLI_OK)
		status = editor->edit(ctx, doc, src, &edits, diags);
	if (status == CLI_OK)
		status = cli_status_of_rewrite(rewrite_commit(rw, src, &edits, dry_run, diags));
	if (status == CLI_OK)
		editor->report(ctx, doc, src, dry_run);
	rewrite_close(rw);
	edit_list_clear(&edits);
	model_doc_free(doc);
	source_free(src);
	return status;
}

static void add_copy(struct diag_list *list, const struct diag *d)
{
	diag_copy(list, d);
}

void cli_report(struct diag_list *diags, bool json, struct diag_list *all)
{
	diag_sort(diags);
	if (!json) {
		diag_print_text(diags, cli_err());
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

static enum cli_status run_command(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(cli_err());
		return CLI_USAGE;
	}
	const char *first = argv[1];
	if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
		print_usage(cli_out());
		return CLI_OK;
	}
	if (strcmp(first, "--version") == 0) {
		fprintf(cli_out(), "broadside %s\n", BROADSIDE_VERSION);
		return CLI_OK;
	}
	const struct cli_command *command = find_command(first);
	if (!command)
		return no_such_command(first);
	enum cli_status status = command->run(argc - 1, argv + 1);
	/* Every exit has a message: a command that failed inside without saying why (memory
	 * ran out where no diagnostic could be stored, or a defect) still says so. */
	if (status == CLI_INTERNAL)
		fprintf(cli_err(), "broadside: %s: internal error: the command failed (out of memory, "
			"or a defect in broadside)\n", command->name);
	return status;
}

enum cli_status cli_main(int argc, char **argv, FILE *out, FILE *err)
{
	FILE *was_out = run_out, *was_err = run_err;
	run_out = out;
	run_err = err;
	enum cli_status status = run_command(argc, argv);
	fflush(out);
	fflush(err);
	run_out = was_out;
	run_err = was_err;
	return status;
}

enum cli_status cli_output_in(const char *dir, const char *name, char **path,
			      struct diag_list *diags)
{
	char *folder = NULL;
	if (out_path_in(dir, name, path, &folder) == 0)
		return CLI_OK;
	if (!folder)
		return CLI_INTERNAL;
	diag_add(diags, DIAG_ERROR, folder, 0, 0, "write", "cannot make the folder: %s",
		 strerror(errno));
	free(folder);
	return CLI_UNREADABLE;
}
