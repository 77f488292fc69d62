/* cli.h — the command line: subcommands, options, what is printed, the exit status.
 *
 * cli.c holds the table of commands and what they share; each command lives in its own
 * cmd_*.c file and is one `struct cli_command`.  Only these files print diagnostics or
 * choose how a run ends. */
#ifndef BROADSIDE_CLI_H
#define BROADSIDE_CLI_H

#include <stdbool.h>

#include "diag.h"
#include "pipeline.h"
#include "rewrite.h"

struct option; /* getopt.h */

/* What a run came to; main turns it into the exit status. */
enum cli_status {
	CLI_OK = 0,          /* everything valid (warnings allowed) */
	CLI_REFUSED = 1,     /* a document was refused */
	CLI_USAGE = 2,       /* wrong usage */
	CLI_UNREADABLE = 3,  /* a file could not be read or written */
	CLI_INTERNAL = 4,    /* broadside itself failed (out of memory, a build defect) */
};

enum cli_status cli_main(int argc, char **argv);

/* ---- for the cmd_*.c files ---------------------------------------------------------- */

struct cli_command {
	const char *name;
	enum cli_status (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *summary;
	const char *help;
};

/* Says WHAT (followed by ARG) is wrong with the command line, and where help is. */
enum cli_status cli_usage_error(const char *command, const char *what, const char *arg);

/* Prints COMMAND's help on stdout. */
void cli_print_help(const char *command);

/* The flags most commands share, parsed by cli_parse_flags. */
enum cli_flag { FLAG_STRICT = 1, FLAG_JSON = 2, FLAG_FIX = 4, FLAG_NO_HYPHENS = 8 };

struct cli_flags {
	unsigned flags;
	int first_file; /* index in argv of the first FILE */
};

/* Parses COMMAND's options, accepting the flags in ALLOWED, and wants at least one FILE.
 * Returns false when the run ends here (after --help, or a usage error: *STATUS says). */
bool cli_parse_flags(const char *command, unsigned allowed, int argc, char **argv,
		     struct cli_flags *flags, enum cli_status *status);

/* ---- commands whose FILEs may stand anywhere among their options -------------------- */

/* The most times one repeatable option (--lang, --from, …) may be given. */
#define CLI_MAX_REPEATS 64

/* A command line read one option at a time (getopt_long), the FILEs kept on the way. */
struct cli_args {
	const char *command;
	char **files;   /* the FILEs, in the order given (the array is owned) */
	size_t n_files;
	bool help;      /* --help was asked for, and printed: the run ends here */
};

/* Prepares reading COMMAND's ARGC arguments; getopt starts over.  False when memory ran
 * out.  Free with cli_args_clear. */
bool cli_args_init(struct cli_args *args, const char *command, int argc);
void cli_args_clear(struct cli_args *args);

/* The next option for the command to handle itself, as getopt_long gives it (its argument
 * in optarg), or 0 when there is none left: at the end, after --help, or once *STATUS is
 * no longer CLI_OK (an unknown option or a missing argument makes it a usage error).
 * SHORTOPTS starts with "-h": FILEs come in order, and -h is --help. */
int cli_args_next(struct cli_args *args, int argc, char **argv, const char *shortopts,
		  const struct option *longopts, enum cli_status *status);

/* The usage error for the option just read, which the command does not take (here). */
enum cli_status cli_args_refuse(const struct cli_args *args, char **argv);

/* Adds ARG to LIST, which holds *N of at most CLI_MAX_REPEATS; a usage error when full. */
enum cli_status cli_args_repeat(const struct cli_args *args, const char **list, size_t *n,
				const char *arg);

/* What a command does with the INDEX-th of its FILEs, given its OPTIONS: the outcome, with
 * the diagnostics in DIAGS, which it prints as it sees fit. */
typedef enum cli_status cli_file_fn(const char *path, size_t index, const void *options,
				    struct diag_list *diags);

/* Ends a command once its options are read (PARSED says how that went): unless the run
 * ends there, sets the pipeline up and runs RUN on every FILE in turn, each with a
 * diagnostic list of its own.  Frees ARGS; returns the worst outcome. */
enum cli_status cli_run_files(struct cli_args *args, enum cli_status parsed, cli_file_fn *run,
			      const void *options);

/* ---- outcomes ----------------------------------------------------------------------- */

/* The worse of two outcomes. */
enum cli_status cli_worse(enum cli_status a, enum cli_status b);

/* The outcome of one file: RESULT, and the errors in DIAGS (after --strict, which turns
 * warnings into errors). */
enum cli_status cli_status_of(enum pipeline_status result, struct diag_list *diags,
			      bool strict);

/* The outcome of rewriting a file (rewrite.h): its diagnostics are in the run's list. */
enum cli_status cli_status_of_rewrite(enum rewrite_status rewritten);

/* Prints DIAGS sorted on stderr, or with JSON, keeps them in ALL for one array at the end. */
void cli_report(struct diag_list *diags, bool json, struct diag_list *all);

/* Prints on stderr, sorted, the errors in DIAGS and the diagnostics of rule ALSO (NULL:
 * none), for the commands that leave a document's own warnings to `validate`.  Returns
 * CLI_INTERNAL when memory ran out (in DIAGS or here), else CLI_OK. */
enum cli_status cli_report_errors(struct diag_list *diags, const char *also);

#endif
