/* cli.h — the command line: subcommands, options, what is printed, the exit status.
 *
 * cli.c holds the table of commands and what they share, cli_options.c the one option
 * parser; each command lives in its own cmd_*.c file and is one `struct cli_command`.  Only these files print diagnostics or
 * choose how a run ends. */
#ifndef BROADSIDE_CLI_H
#define BROADSIDE_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "pipeline.h"
#include "rewrite.h"

/* What a run came to; main turns it into the exit status. */
enum cli_status {
	CLI_OK = 0,          /* everything valid (warnings allowed) */
	CLI_REFUSED = 1,     /* a document was refused */
	CLI_USAGE = 2,       /* wrong usage */
	CLI_UNREADABLE = 3,  /* a file could not be read or written */
	CLI_INTERNAL = 4,    /* broadside itself failed (out of memory, a build defect) */
};

/* Runs the command line ARGV, printing what it prints on OUT and its diagnostics on ERR
 * (main passes stdout and stderr; tests/runtest.c memory streams).  One run at a time:
 * the streams are the process's while it lasts.  Output written to a file named "-"
 * (out.h) still goes to the process's standard output. */
enum cli_status cli_main(int argc, char **argv, FILE *out, FILE *err);

/* The output and error streams of the run cli_main is in (stdout and stderr outside a
 * run): every command prints through these. */
FILE *cli_out(void);
FILE *cli_err(void);

/* ---- for the cmd_*.c files: one option table per command (cli_options.c), from which
 * the parser and the help's option lists are both made ---------------------------------- */

/* What an option does when it is given. */
enum cli_action {
	CLI_SET_BOOL,  /* the bool at FIELD becomes VALUE (--qr 1, --no-qr 0) */
	CLI_SET_INT,   /* the int at FIELD becomes VALUE */
	CLI_SET_BITS,  /* VALUE's bits are set in the unsigned at FIELD */
	CLI_STRING,    /* the const char * at FIELD becomes the argument (a later one wins) */
	CLI_LIST,      /* the argument is added to the const char *[CLI_MAX_REPEATS] at FIELD,
			* whose size_t count is at COUNT */
	CLI_CALL,      /* CHECK(opts, argument) stores it */
	CLI_OPERAND,   /* not an option: the first FILE (not "-") becomes the const char * at
			* FIELD, e.g. lang add's LANG; NAME is only its name in the table */
};

/* Stores ARG (already lower-cased when the option says LOWER) in OPTS, the command's own
 * struct; returns NULL, or what the option wants, worded to follow "option '--x' ",
 * e.g. "takes 2 or 4" (the parser adds ", not 'ARG'"). */
typedef const char *cli_check_fn(void *opts, char *arg);

/* One option.  A table is an array of these ending with {NULL}; --help and -h are added
 * by the parser (and to the help) for every table. */
struct cli_option {
	const char *name;     /* the long name, without "--" */
	char letter;          /* the short option, or 0 */
	const char *metavar;  /* the argument as help names it ("LANG", "N"); NULL: none */
	const char *help;     /* lines separated by '\n', shown to the right of the name */
	enum cli_action action;
	size_t field;         /* offsetof the command's struct member the action sets */
	size_t count;         /* CLI_LIST: offsetof its count */
	int value;            /* CLI_SET_*: what to set */
	cli_check_fn *check;  /* CLI_CALL */
	bool lower;           /* an enumerated value: compared case-insensitively */
	bool optional;        /* the value may be left out: --name or --name=VALUE (then
			       * CHECK gets NULL; "--name VALUE" takes no value) */
};

/* The --dry-run (-n) of a command that rewrites files, setting the member dry_run of
 * TYPE (the command's options struct); HELP says what it prints instead. */
#define CLI_DRY_RUN(type, help_text)                                                    \
	{.name = "dry-run", .letter = 'n', .help = (help_text), .action = CLI_SET_BOOL, \
	 .field = offsetof(type, dry_run), .value = 1}

/* The options of a command, or of one of its subcommands, under a title ("options"). */
struct cli_table {
	const char *title;
	const struct cli_option *options;
};

#define CLI_MAX_TABLES 2

struct cli_command {
	const char *name;
	enum cli_status (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *summary;
	/* The help: USAGE, a blank line, ABOUT, then each table formatted, then MORE (the
	 * exit status, examples).  The options are listed only from the tables. */
	const char *usage;
	const char *about;
	struct cli_table tables[CLI_MAX_TABLES];
	const char *more;
};

/* Says WHAT (followed by ARG) is wrong with COMMAND's command line, and where help is:
 * "broadside: COMMAND: WHATARG" then "Try 'broadside help COMMAND'.".  Returns CLI_USAGE. */
enum cli_status cli_usage_error(const char *command, const char *what, const char *arg);

/* Prints COMMAND's help on stdout ("po export" is po's). */
void cli_print_help(const char *command);

/* Prints the rows of TABLE (and --help) as help does, on OUT. */
void cli_print_options(const struct cli_option *table, FILE *out);

/* The flags validate, lint and dump share (a CLI_SET_BITS field). */
enum cli_flag { FLAG_STRICT = 1, FLAG_JSON = 2, FLAG_FIX = 4, FLAG_NO_HYPHENS = 8 };

struct cli_flags {
	unsigned flags;
};

/* The most times one repeatable option (--lang, --from, …) may be given. */
#define CLI_MAX_REPEATS 64

/* A command line once read: its FILEs, in order, wherever they stood among the options
 * (GNU permutation); after "--" everything is a FILE; "-" is a FILE (standard input). */
struct cli_args {
	const char *command;
	char **files;   /* the array is owned; the strings are argv's */
	size_t n_files;
	bool help;      /* --help was asked for, and printed: the run ends here */
	char **found;   /* the documents found in folders among the FILEs (docfind.h), owned;
			 * FILES then points into them */
	size_t n_found;
};

/* Reads COMMAND's ARGC arguments (ARGV[0] is the command's name) with TABLE, setting
 * OPTS' fields, and the FILEs into ARGS (free with cli_args_clear, whatever the result);
 * a FILE that is a folder stands for the documents in it (docfind.h), sorted.
 * The options are taken in order, so a later one wins.  Prints the help for --help, or
 * a usage error (one wording for all commands, with a suggestion for a misspelt option),
 * and returns CLI_USAGE; CLI_UNREADABLE (said) when a folder cannot be read; CLI_INTERNAL
 * when memory ran out. */
enum cli_status cli_parse(const char *command, const struct cli_option *table, void *opts,
			  int argc, char **argv, struct cli_args *args);
void cli_args_clear(struct cli_args *args);

/* Reads ARGV[1] as one of COMMAND's N subcommands SUBS into *SUB (one of SUBS).  For
 * --help or -h, prints COMMAND's help and leaves *SUB NULL; otherwise a usage error in
 * one wording for all: "lang add?", "po export or po import? got: 'x'", with a "did you
 * mean" for a misspelt one.  CLI_OK or CLI_USAGE. */
enum cli_status cli_subcommand(const char *command, const char *const *subs, size_t n,
			       int argc, char **argv, const char **sub);

/* A usage error when one of the first N FILEs of ARGS is "-": standard input cannot be
 * rewritten in place.  CLI_OK otherwise. */
enum cli_status cli_refuse_stdin(const struct cli_args *args, size_t n);

/* The FILEs of a command that rewrites them: a usage error when there is none, or when
 * one is "-" (cli_refuse_stdin). */
enum cli_status cli_rewritable_files(const struct cli_args *args);

/* The one of the N NAMES closest to NAME (a long option without "--", a command) by
 * Damerau–Levenshtein distance (optimal string alignment), if that is at most 2 (a name
 * NAME begins, NAME at least 3 long, counts as 1) and less than NAME's length; else NULL.
 * The first of equals wins. */
const char *cli_suggest(const char *name, const char *const *names, size_t n);

/* What a command does with the INDEX-th of its FILEs, given its OPTIONS: the outcome, with
 * the diagnostics in DIAGS, which it prints as it sees fit. */
typedef enum cli_status cli_file_fn(const char *path, size_t index, const void *options,
				    struct diag_list *diags);

/* Ends a command once its options are read (PARSED says how that went): unless the run
 * ends there, sets the pipeline up and runs RUN on every FILE in turn, each with a
 * diagnostic list of its own.  Frees ARGS; returns the worst outcome. */
enum cli_status cli_run_files(struct cli_args *args, enum cli_status parsed, cli_file_fn *run,
			      const void *options);

/* What cli_run_files_reporting prints of each FILE's diagnostics once RUN is done with
 * it: all of them, or only the errors and the warnings of rule ALSO (NULL: none), for the
 * commands that leave a document's own warnings to `validate`. */
enum cli_shown { CLI_SHOW_ALL, CLI_SHOW_ERRORS };

/* cli_run_files, with each FILE's diagnostics printed as SHOWN says after RUN. */
enum cli_status cli_run_files_reporting(struct cli_args *args, enum cli_status parsed,
					cli_file_fn *run, const void *options,
					enum cli_shown shown, const char *also);

/* DIR/NAME in a new *PATH, the folder made first (-o DIR/): CLI_OK, or the error [write]
 * in DIAGS when it cannot be made (CLI_UNREADABLE), or CLI_INTERNAL. */
enum cli_status cli_output_in(const char *dir, const char *name, char **path,
			      struct diag_list *diags);

/* ---- outcomes ----------------------------------------------------------------------- */

/* The worse of two outcomes. */
enum cli_status cli_worse(enum cli_status a, enum cli_status b);

/* The outcome of one file: RESULT, and the errors in DIAGS (after --strict, which turns
 * warnings into errors). */
enum cli_status cli_status_of(enum pipeline_status result, struct diag_list *diags,
			      bool strict);

/* The outcome of rewriting a file (rewrite.h): its diagnostics are in the run's list. */
enum cli_status cli_status_of_rewrite(enum rewrite_status rewritten);

/* What a command that changes documents in place (confirm, fill, lang add, po and xliff
 * import) does with each: EDIT turns the document, opened for rewriting and checked,
 * into EDITS (anything but CLI_OK stops before writing); REPORT says what was done once
 * the edits are committed (with DRY_RUN: what would be). */
struct cli_editor {
	enum cli_status (*edit)(void *ctx, const struct model_doc *doc, const struct source *src,
				struct edit_list *edits, struct diag_list *diags);
	void (*report)(void *ctx, const struct model_doc *doc, const struct source *src,
		       bool dry_run);
};

/* Opens the document PATH for an in-place rewrite, checks it, runs EDITOR and commits
 * its edits atomically: locked, unchanged since read, validated, replaced. */
enum cli_status cli_edit_document(const char *path, bool dry_run, const struct cli_editor *editor,
				  void *ctx, struct diag_list *diags);

/* Prints DIAGS sorted on stderr, or with JSON, keeps them in ALL for one array at the end. */
void cli_report(struct diag_list *diags, bool json, struct diag_list *all);

/* Prints on stderr, sorted, the errors in DIAGS and the diagnostics of rule ALSO (NULL:
 * none), for the commands that leave a document's own warnings to `validate`.  Returns
 * CLI_INTERNAL when memory ran out (in DIAGS or here), else CLI_OK. */
enum cli_status cli_report_errors(struct diag_list *diags, const char *also);

/* ---- translation exchange: po and xliff (cli_exchange.c) --------------------------- */

/* The `po` and `xliff` commands: NAME export|import, the subcommand's options parsed
 * by PARSE into the command's options (whose cli_args are ARGS), then RUN; the errors of
 * its diagnostics (and the warnings of rule ALSO, unless NULL) are printed. */
struct cli_exchange_command {
	const char *name, *also;
	enum cli_status (*parse)(const char *sub, int argc, char **argv, void *options);
	enum cli_status (*run)(const char *sub, void *options, struct diag_list *diags);
};

enum cli_status cli_exchange_main(const struct cli_exchange_command *command, void *options,
				  struct cli_args *args, int argc, char **argv);

/* Whether A and B name the same file. */
bool cli_same_file(const char *a, const char *b);

/* Whether LANG is one of DOC's translation languages, for `po` and `xliff` (COMMAND).  If
 * not, an error at DOC's langs (rule "COMMAND-language") says why; for a valid tag not
 * yet in langs it gives the commands that start the language, EXTENSION (po, xlf) naming
 * the translator's file. */
bool cli_translation_lang(const char *command, const char *extension,
			  const struct model_doc *doc, const struct source *src,
			  const char *lang, struct diag_list *diags);

/* Writes the exported TEXT (LEN bytes) where OUTPUT says: NULL or "-", stdout; a folder,
 * ID.LANG.EXTENSION in it (ID.EXTENSION when LANG is NULL); otherwise the file OUTPUT,
 * atomically.  *WRITTEN (to free) names the file written, NULL for stdout. */
enum cli_status cli_exchange_put(const char *output, const struct model_doc *doc,
				 const char *lang, const char *extension, const char *text,
				 size_t len, char **written, struct diag_list *diags);

struct import_item;
struct import_report;

/* What an import report says of ITEM in parentheses, in BUF (SIZE bytes) if need be. */
typedef const char *cli_import_detail_fn(const struct import_item *item, char *buf, size_t size);

/* Prints REPORT, an import into SRC, a line per <t> written:
 * "FILE:LINE:COL: imported: LANG "ID" CHANGE (DETAIL)" ("would import" on a DRY_RUN),
 * CHANGE named by CHANGES (indexed by enum import_change), DETAIL as DETAIL says; and adds
 * each item to COUNTS[its change]. */
void cli_import_items(const struct source *src, const struct import_report *report,
		      bool dry_run, const char *const *changes, cli_import_detail_fn *detail,
		      size_t *counts);

/* Loads the translator's file PATH (PO, XLIFF) into *OUT; on failure, an error and the
 * outcome (unreadable, or refused when too large). */
enum cli_status cli_exchange_load(const char *path, struct source **out, struct diag_list *diags);

/* What an import does with the checked document and the loaded file: IMPORT turns FILE
 * into EDITS of SRC (0, 1 refused, -1 out of memory); REPORT prints what was done once the
 * edits are committed. */
struct cli_importer {
	int (*import)(void *ctx, const struct model_doc *doc, const struct source *src,
		      const struct source *file, struct edit_list *edits, struct diag_list *diags);
	void (*report)(void *ctx, const struct source *src, const char *file, bool dry_run);
};

/* Imports FILE into the document PATH: opens it for rewriting, checks it, loads FILE,
 * runs IMPORTER, and commits the edits atomically (or, with DRY_RUN, writes nothing). */
enum cli_status cli_exchange_import(const char *path, const char *file, bool dry_run,
				    const struct cli_importer *importer, void *ctx,
				    struct diag_list *diags);

#endif
