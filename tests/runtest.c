/* tests/runtest.c — the command line's cases, run in-process, in the manner of libxml2's
 * runtest.c: a table of kinds of test, each a glob of case files and the function that
 * checks one; cli_main is called with memory streams, so no process is started.
 *
 * A case is tests/cases/NAME.args: the command line after "broadside", one argument a
 * line (taken verbatim; an empty line is an empty argument).  Beside it, all optional:
 * NAME.out (the expected standard output, empty when absent), NAME.err (the expected
 * standard error, empty when absent), NAME.status (the exit status, 0 when absent).
 * Files a case reads are named by paths from the top of the tree, where it runs.
 *
 *   runtest [--update] [PATTERN]
 *
 * runs the cases whose name contains PATTERN or matches it as a glob (all without it),
 * printing TAP.  --update writes what each case printed into its expected files instead
 * (review the diff).  Exit status 0 when every case passed. */
#include <fnmatch.h>
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_ARGS 64

static int n_run, n_failed;
static bool update;

/* ---- files ------------------------------------------------------------------------- */

/* The contents of PATH, or NULL when it cannot be read (*LEN is 0 then). */
static char *slurp(const char *path, size_t *len)
{
	*len = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&text, &size);
	char buf[4096];
	size_t n;
	while (m && (n = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, n, m);
	fclose(f);
	if (m)
		fclose(m);
	*len = size;
	return text;
}

static void spill(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
		fprintf(stderr, "runtest: cannot write %s\n", path);
}

/* STEM with EXT in a new string. */
static char *with_ext(const char *stem, const char *ext)
{
	char *path = NULL;
	return asprintf(&path, "%s%s", stem, ext) < 0 ? NULL : path;
}

/* ---- one run of broadside -------------------------------------------------------------- */

struct run {
	char *out, *err;
	size_t out_len, err_len;
	int status;
};

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* broadside ARGS (N of them), in-process; ARGS are copied, since parsing reorders them. */
static void run_cli(char *const *args, int n, struct run *r)
{
	char *argv[MAX_ARGS + 2] = {"broadside"};
	for (int i = 0; i < n; i++)
		argv[i + 1] = strdup(args[i]);
	*r = (struct run){0};
	FILE *out = open_memstream(&r->out, &r->out_len);
	FILE *err = open_memstream(&r->err, &r->err_len);
	r->status = (int)cli_main(n + 1, argv, out, err);
	fclose(out);
	fclose(err);
	for (int i = 0; i < n; i++)
		free(argv[i + 1]);
}

/* The arguments of the case file PATH into ARGS (pointers into *TEXT, to free). */
static int read_args(const char *path, char **text, char **args)
{
	size_t len = 0;
	*text = slurp(path, &len);
	if (!*text)
		return -1;
	int n = 0;
	for (char *p = *text; *p && n < MAX_ARGS; n++) {
		args[n] = p;
		p += strcspn(p, "\n");
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* ---- checking ----------------------------------------------------------------------- */

static void report(bool passed, const char *name, const char *args_line)
{
	n_run++;
	n_failed += !passed;
	printf("%sok %d - %s: broadside%s\n", passed ? "" : "not ", n_run, name, args_line);
}

/* Says as TAP comments where GOT first differs from the expected WANT of STREAM. */
static void show_difference(const char *stream, const char *want, size_t want_len,
			    const char *got, size_t got_len)
{
	size_t i = 0, line = 1, start = 0;
	while (i < want_len && i < got_len && want[i] == got[i]) {
		if (want[i++] == '\n') {
			line++;
			start = i;
		}
	}
	printf("#   %s differs at line %zu\n", stream, line);
	printf("#   want: %.*s\n", (int)(start < want_len ? strcspn(want + start, "\n") : 0),
	       start < want_len ? want + start : "");
	printf("#   got:  %.*s\n", (int)(start < got_len ? strcspn(got + start, "\n") : 0),
	       start < got_len ? got + start : "");
}

/* Whether the stream GOT equals the file STEM+EXT (empty when absent); with --update,
 * writes it there instead (an empty one only over an existing file). */
static bool same_as_file(const char *stem, const char *ext, const char *got, size_t got_len)
{
	char *path = with_ext(stem, ext);
	size_t len = 0;
	char *want = path ? slurp(path, &len) : NULL;
	bool same = got_len == len && (len == 0 || memcmp(want, got, len) == 0);
	if (update && path && !same && (got_len > 0 || want))
		spill(path, got, got_len);
	else if (!same)
		show_difference(ext + 1, want ? want : "", len, got ? got : "", got_len);
	free(want);
	free(path);
	return same || update;
}

static bool status_as_file(const char *stem, int status)
{
	char *path = with_ext(stem, ".status");
	size_t len = 0;
	char *want = path ? slurp(path, &len) : NULL;
	int expected = want ? atoi(want) : 0;
	if (update && path && status != expected) {
		char text[16];
		spill(path, text, (size_t)snprintf(text, sizeof text, "%d\n", status));
	} else if (status != expected) {
		printf("#   exit status %d, want %d\n", status, expected);
	}
	free(want);
	free(path);
	return status == expected || update;
}

/* The arguments as a line for the TAP output: " ARG ARG…". */
static void args_line(char **args, int n, char *line, size_t size)
{
	line[0] = '\0';
	for (int i = 0; i < n; i++)
		snprintf(line + strlen(line), size - strlen(line), " %s", args[i]);
}

/* ---- the kinds of test -------------------------------------------------------------- */

/* A case: its output, diagnostics and exit status as its files say. */
static void check_case(const char *name, const char *stem, char **args, int n)
{
	struct run r;
	run_cli(args, n, &r);
	bool passed = same_as_file(stem, ".out", r.out, r.out_len);
	passed &= same_as_file(stem, ".err", r.err, r.err_len);
	passed &= status_as_file(stem, r.status);
	char line[1024];
	args_line(args, n, line, sizeof line);
	report(passed, name, line);
	run_free(&r);
}

/* The subcommands of the commands that have them: an option is tried with each. */
static const char *const *subcommands(const char *command)
{
	static const char *const exchange[] = {"export", "import", NULL};
	static const char *const lang[] = {"add", NULL};
	static const char *const none[] = {"", NULL};
	if (strcmp(command, "po") == 0 || strcmp(command, "xliff") == 0)
		return exchange;
	return strcmp(command, "lang") == 0 ? lang : none;
}

/* Whether COMMAND (with one of its subcommands) takes OPTION: "COMMAND OPTION x --help"
 * does not call it unknown (--help last: the options before it are read first). */
static bool accepted(const char *command, const char *option)
{
	bool any = false;
	for (const char *const *sub = subcommands(command); *sub && !any; sub++) {
		char *args[5];
		int n = 0;
		args[n++] = (char *)command;
		if (**sub)
			args[n++] = (char *)*sub;
		args[n++] = (char *)option;
		args[n++] = "x";
		args[n++] = "--help";
		struct run r;
		run_cli(args, n, &r);
		any = !r.err || !strstr(r.err, "unknown option");
		run_free(&r);
	}
	return any;
}

/* A help case ("help COMMAND"): every option its help lists is one the parser takes. */
static void check_help_options(const char *name, const char *stem, char **args, int n)
{
	(void)stem;
	if (n != 2 || strcmp(args[0], "help") != 0)
		return;
	struct run r;
	run_cli(args, n, &r);
	char refused[512] = "";
	for (char *p = r.out; p && *p; p += strcspn(p, "\n"), p += *p == '\n') {
		/* "  -o, --output OUT  …" or "  --lang LANG  …" */
		char *dashes = strncmp(p, "  --", 4) == 0 ? p + 2
			       : strncmp(p, "  -", 3) == 0 && strncmp(p + 5, ", --", 4) == 0 ? p + 7
			       : NULL;
		if (!dashes)
			continue;
		char option[64];
		snprintf(option, sizeof option, "%.*s", (int)strspn(dashes, "-abcdefghijklmnopqrstuvwxyz"),
			 dashes);
		if (!accepted(args[1], option))
			snprintf(refused + strlen(refused), sizeof refused - strlen(refused), " %s",
				 option);
	}
	if (*refused)
		printf("#   listed but refused:%s\n", refused);
	char line[64];
	snprintf(line, sizeof line, " %s %s: every option listed is accepted", args[0], args[1]);
	report(*refused == '\0' && r.out_len > 0, name, line);
	run_free(&r);
}

typedef void check_fn(const char *name, const char *stem, char **args, int n);

/* What is tested: each case file the glob finds, checked by the function. */
static const struct test_kind {
	const char *description;
	const char *glob;
	check_fn *check;
	bool writes;  /* --update rewrites its expected files */
} kinds[] = {
	{"command lines: output, diagnostics, exit status", "tests/cases/*.args", check_case, true},
	{"help: each option listed is taken", "tests/cases/help-*.args", check_help_options, false},
};

static bool matches(const char *name, const char *pattern)
{
	return !pattern || strstr(name, pattern) || fnmatch(pattern, name, 0) == 0;
}

static void run_kind(const struct test_kind *kind, const char *pattern)
{
	printf("# %s\n", kind->description);
	glob_t g;
	if (glob(kind->glob, 0, NULL, &g) != 0) {
		report(false, kind->glob, ": no case files (run from the top of the tree)");
		return;
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *path = g.gl_pathv[i];
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		char stem[1024], name[256];
		snprintf(stem, sizeof stem, "%.*s", (int)(strlen(path) - strlen(".args")), path);
		snprintf(name, sizeof name, "%.*s", (int)(strlen(base) - strlen(".args")), base);
		if (!matches(name, pattern) || (update && !kind->writes))
			continue;
		char *text, *args[MAX_ARGS];
		int n = read_args(path, &text, args);
		if (n < 0)
			report(false, name, ": the case file cannot be read");
		else
			kind->check(name, stem, args, n);
		free(text);
	}
	globfree(&g);
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "--update") == 0) {
		update = true;
		i++;
	}
	const char *pattern = i < argc && *argv[i] ? argv[i] : NULL;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		run_kind(&kinds[k], pattern);
	printf("1..%d\n", n_run);
	return n_failed ? 1 : 0;
}
