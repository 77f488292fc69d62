/* cli_options.c — one option parser for every command, and the option part of its help,
 * both made from the command's table (cli.h); in the manner of curl's tool_getparam.c. */
#include "cli.h"

#include "docfind.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* getopt_long's value for the I-th entry of a table: above every short letter. */
#define LONG_BASE 256

static const struct cli_option help_option = {
	"help", 'h', NULL, "show this help", CLI_SET_BOOL, 0, 0, 0, NULL, false,
};

static size_t table_size(const struct cli_option *table)
{
	size_t n = 0;
	while (table && table[n].name)
		n++;
	return n;
}

/* ---- "did you mean" ------------------------------------------------------------------ */

#define MAX_NAME 64

/* The optimal-string-alignment distance of A and B (insertions, deletions, substitutions
 * and swaps of two neighbours), or MAX_NAME when either is too long to compare. */
static size_t distance(const char *a, const char *b)
{
	size_t m = strlen(a), n = strlen(b);
	if (m >= MAX_NAME || n >= MAX_NAME)
		return MAX_NAME;
	unsigned d[MAX_NAME + 1][MAX_NAME + 1];
	for (size_t i = 0; i <= m; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= n; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= m; i++) {
		for (size_t j = 1; j <= n; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[m][n];
}

const char *cli_suggest(const char *name, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_distance = 3;
	size_t len = strlen(name);
	for (size_t i = 0; i < n; i++) {
		/* The start of a name ("valid") is as near as one typo. */
		size_t d = len >= 3 && strncmp(name, names[i], len) == 0 ? 1 : distance(name, names[i]);
		if (d < best_distance && d < len) { /* "l" is not a typo of "qr" */
			best = names[i];
			best_distance = d;
		}
	}
	return best;
}

/* ---- the messages -------------------------------------------------------------------- */

/* The length of COMMAND's first word: "po export" is helped by 'broadside help po'. */
static int first_word(const char *command)
{
	const char *space = strchr(command, ' ');
	return space ? (int)(space - command) : (int)strlen(command);
}

static enum cli_status usage(const char *command, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

static enum cli_status usage(const char *command, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	fprintf(cli_err(), "broadside: %s: ", command);
	vfprintf(cli_err(), format, ap);
	va_end(ap);
	fprintf(cli_err(), "\nTry 'broadside help %.*s'.\n", first_word(command), command);
	return CLI_USAGE;
}

enum cli_status cli_usage_error(const char *command, const char *what, const char *arg)
{
	return usage(command, "%s%s", what, arg);
}

/* The option just refused, as typed: "--name" (without "=value") or "-x". */
static void typed_option(char **argv, char *out, size_t size)
{
	const char *arg = argv[optind - 1];
	if (optopt > 0 && optopt < LONG_BASE && strncmp(arg, "--", 2) != 0) {
		snprintf(out, size, "-%c", optopt);
		return;
	}
	snprintf(out, size, "%.*s", (int)strcspn(arg, "="), arg);
}

static enum cli_status unknown_option(const char *command, const struct cli_option *table,
				      char **argv)
{
	char typed[MAX_NAME + 8];
	typed_option(argv, typed, sizeof typed);
	if (optopt >= LONG_BASE || optopt == 'h')
		return usage(command, "option '%s' takes no value", typed);
	const char *names[MAX_NAME + 1];
	size_t n = 0;
	for (const struct cli_option *o = table; o && o->name && n < MAX_NAME; o++)
		if (o->action != CLI_OPERAND)
			names[n++] = o->name;
	names[n++] = help_option.name;
	bool is_long = strncmp(typed, "--", 2) == 0;
	size_t starts = 0; /* getopt takes "--la" for the one name it begins, not for two */
	for (size_t i = 0; is_long && i < n; i++)
		starts += strncmp(typed + 2, names[i], strlen(typed + 2)) == 0;
	const char *kind = starts > 1 ? "ambiguous" : "unknown";
	const char *like = is_long ? cli_suggest(typed + 2, names, n) : NULL;
	if (like)
		return usage(command, "%s option '%s'; did you mean '--%s'?", kind, typed, like);
	return usage(command, "%s option '%s'", kind, typed);
}

static const struct cli_option *option_for(const struct cli_option *table, int c)
{
	if (c >= LONG_BASE)
		return &table[c - LONG_BASE];
	for (const struct cli_option *o = table; o && o->name; o++)
		if (o->letter == c)
			return o;
	return &help_option;
}

static enum cli_status missing_value(const char *command, const struct cli_option *table,
				     char **argv)
{
	char typed[MAX_NAME + 8];
	typed_option(argv, typed, sizeof typed);
	return usage(command, "option '%s' needs a value (%s)", typed,
		     option_for(table, optopt)->metavar);
}

/* ---- the parser ---------------------------------------------------------------------- */

/* Does what option O says with ARG (NULL when it takes none) to OPTS. */
static enum cli_status apply(const char *command, const struct cli_option *o, void *opts,
			     char *arg)
{
	char *field = (char *)opts + o->field;
	if (arg && o->lower)
		for (char *p = arg; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	switch (o->action) {
	case CLI_SET_BOOL:
		*(bool *)field = o->value != 0;
		break;
	case CLI_SET_INT:
		*(int *)field = o->value;
		break;
	case CLI_SET_BITS:
		*(unsigned *)field |= (unsigned)o->value;
		break;
	case CLI_STRING:
		*(const char **)field = arg;
		break;
	case CLI_LIST: {
		size_t *count = (size_t *)((char *)opts + o->count);
		if (*count == CLI_MAX_REPEATS)
			return usage(command, "option '--%s' is given more than %d times", o->name,
				     CLI_MAX_REPEATS);
		((const char **)field)[(*count)++] = arg;
		break;
	}
	case CLI_CALL: {
		const char *wanted = o->check(opts, arg);
		if (wanted)
			return usage(command, "option '--%s' %s, not '%s'", o->name, wanted, arg);
		break;
	}
	case CLI_OPERAND: /* taken by take_file, never given as an option */
		break;
	}
	return CLI_OK;
}

/* getopt_long's two views of TABLE: the long options and the short-option string.
 * "-" returns the FILEs in order (as 1), ":" tells a missing value from an unknown
 * option.  False when memory ran out; free both. */
static bool getopt_tables(const struct cli_option *table, struct option **longopts,
			  char **shortopts)
{
	size_t n = table_size(table);
	*longopts = calloc(n + 2, sizeof **longopts);
	*shortopts = malloc(3 * n + 5);
	if (!*longopts || !*shortopts)
		return false;
	char *s = *shortopts;
	s += sprintf(s, "-:h");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (table[i].action == CLI_OPERAND)
			continue;
		int has_arg = !table[i].metavar ? no_argument
			      : table[i].optional ? optional_argument : required_argument;
		(*longopts)[k++] = (struct option){table[i].name, has_arg, NULL, LONG_BASE + (int)i};
		if (table[i].letter) {
			*s++ = table[i].letter;
			if (table[i].metavar)
				*s++ = ':';
			if (table[i].metavar && table[i].optional)
				*s++ = ':';
		}
	}
	*s = '\0';
	(*longopts)[k] = (struct option){"help", no_argument, NULL, 'h'};
	return true;
}

/* ARG, a FILE, into the table's first operand not yet given, or else among ARGS' FILEs. */
static void take_file(const struct cli_option *table, void *opts, struct cli_args *args,
		      char *arg)
{
	for (const struct cli_option *o = table; o && o->name && strcmp(arg, "-") != 0; o++) {
		const char **field = (const char **)((char *)opts + o->field);
		if (o->action == CLI_OPERAND && !*field) {
			*field = arg;
			return;
		}
	}
	args->files[args->n_files++] = arg;
}

static enum cli_status read_options(const char *command, const struct cli_option *table,
				    void *opts, int argc, char **argv, struct cli_args *args,
				    const struct option *longopts, const char *shortopts)
{
	/* getopt keeps its state in globals; 0 makes GNU getopt start afresh. */
	opterr = 0;
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		enum cli_status status = CLI_OK;
		if (c == 1) {
			take_file(table, opts, args, optarg);
		} else if (c == 'h') {
			cli_print_help(command);
			args->help = true;
			return CLI_OK;
		} else if (c == '?') {
			status = unknown_option(command, table, argv);
		} else if (c == ':') {
			status = missing_value(command, table, argv);
		} else {
			status = apply(command, option_for(table, c), opts, optarg);
		}
		if (status != CLI_OK)
			return status;
	}
	/* After "--", everything is a FILE, even "-x". */
	while (optind < argc)
		take_file(table, opts, args, argv[optind++]);
	return CLI_OK;
}

/* Replaces each folder among ARGS' FILEs by the documents in it. */
static enum cli_status expand_folders(struct cli_args *args)
{
	bool any = false;
	for (size_t i = 0; i < args->n_files; i++)
		any |= docfind_is_folder(args->files[i]);
	if (!any || strcmp(args->command, "help") == 0)
		return CLI_OK;
	char *why = NULL;
	if (docfind_collect((const char *const *)args->files, args->n_files, &args->found,
			    &args->n_found, &why) != 0) {
		fprintf(cli_err(), "broadside: %s: %s\n", args->command, why ? why : "out of memory");
		enum cli_status status = why && strcmp(why, "out of memory") != 0 ? CLI_UNREADABLE
										   : CLI_INTERNAL;
		free(why);
		return status;
	}
	char **files = calloc(args->n_found + 1, sizeof *files);
	if (!files)
		return CLI_INTERNAL;
	for (size_t i = 0; i < args->n_found; i++)
		files[i] = args->found[i];
	free(args->files);
	args->files = files;
	args->n_files = args->n_found;
	return CLI_OK;
}

enum cli_status cli_parse(const char *command, const struct cli_option *table, void *opts,
			  int argc, char **argv, struct cli_args *args)
{
	*args = (struct cli_args){.command = command};
	args->files = calloc((size_t)argc + 1, sizeof *args->files);
	struct option *longopts = NULL;
	char *shortopts = NULL;
	enum cli_status status = CLI_INTERNAL;
	if (args->files && getopt_tables(table, &longopts, &shortopts))
		status = read_options(command, table, opts, argc, argv, args, longopts, shortopts);
	if (status == CLI_OK && !args->help)
		status = expand_folders(args);
	free(longopts);
	free(shortopts);
	return status;
}

void cli_args_clear(struct cli_args *args)
{
	free(args->files);
	args->files = NULL;
	args->n_files = 0;
	docfind_free(args->found, args->n_found);
	args->found = NULL;
	args->n_found = 0;
}

enum cli_status cli_refuse_stdin(const struct cli_args *args, size_t n)
{
	for (size_t i = 0; i < n && i < args->n_files; i++)
		if (strcmp(args->files[i], "-") == 0)
			return usage(args->command, "cannot rewrite '-' (standard input) in place; "
				     "name the document's file");
	return CLI_OK;
}

enum cli_status cli_rewritable_files(const struct cli_args *args)
{
	if (args->n_files == 0)
		return usage(args->command, "missing FILE");
	return cli_refuse_stdin(args, args->n_files);
}

enum cli_status cli_subcommand(const char *command, const char *const *subs, size_t n,
			       int argc, char **argv, const char **sub)
{
	*sub = NULL;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_print_help(command);
		return CLI_OK;
	}
	char what[160] = ""; /* "po export or po import" */
	for (size_t i = 0; i < n; i++)
		snprintf(what + strlen(what), sizeof what - strlen(what), "%s%s %s", i ? " or " : "",
			 command, subs[i]);
	if (argc < 2)
		return usage(command, "%s?", what);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(argv[1], subs[i]) == 0) {
			*sub = subs[i];
			return CLI_OK;
		}
	}
	const char *like = cli_suggest(argv[1], subs, n);
	if (like)
		return usage(command, "%s? got: '%.64s'; did you mean '%s %s'?", what, argv[1], command,
			     like);
	return usage(command, "%s? got: '%.64s'", what, argv[1]);
}

/* ---- the help -------------------------------------------------------------------------- */

/* The left column of option O: "  -o, --output OUT" or "  --lang LANG". */
static int left_column(const struct cli_option *o, char *out, size_t size)
{
	char letter[8] = "";
	if (o->letter)
		snprintf(letter, sizeof letter, "-%c, ", o->letter);
	if (o->optional)
		return snprintf(out, size, "  %s--%s[=%s]", letter, o->name, o->metavar);
	return snprintf(out, size, "  %s--%s%s%s", letter, o->name, o->metavar ? " " : "",
			o->metavar ? o->metavar : "");
}

static void print_row(const struct cli_option *o, int width, FILE *out)
{
	char left[160];
	int len = left_column(o, left, sizeof left);
	fputs(left, out);
	if (len > width)
		fprintf(out, "\n%*s", width, "");
	else
		fprintf(out, "%*s", width - len, "");
	for (const char *line = o->help; *line;) {
		size_t n = strcspn(line, "\n");
		fprintf(out, "  %.*s\n", (int)n, line);
		line += n;
		if (*line == '\n' && *++line)
			fprintf(out, "%*s", width, "");
	}
}

void cli_print_options(const struct cli_option *table, FILE *out)
{
	char left[160];
	int width = left_column(&help_option, left, sizeof left);
	for (const struct cli_option *o = table; o && o->name; o++) {
		int len = o->action == CLI_OPERAND ? 0 : left_column(o, left, sizeof left);
		if (len > width && len <= 24)
			width = len;
	}
	for (const struct cli_option *o = table; o && o->name; o++)
		if (o->action != CLI_OPERAND)
			print_row(o, width, out);
	print_row(&help_option, width, out);
}
