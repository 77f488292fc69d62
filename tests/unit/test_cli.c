/* Unit tests of the one option parser (cli_parse) and its suggestions (cli_suggest):
 * FILEs anywhere among the options, "--", "-", lists, later options winning, enumerated
 * values lower-cased, and which misspellings get a "did you mean". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli.h"

struct opts {
	const char *out, *paper;
	const char *langs[CLI_MAX_REPEATS];
	size_t n_langs;
	bool dry_run;
	int qr;
	unsigned flags;
};

static const char *check_paper(void *opts, char *arg)
{
	if (strcmp(arg, "a4") != 0 && strcmp(arg, "a5") != 0)
		return "is a4 or a5";
	((struct opts *)opts)->paper = arg;
	return NULL;
}

static const struct cli_option table[] = {
	{.name = "output", .letter = 'o', .metavar = "OUT", .help = "out", .action = CLI_STRING,
	 .field = offsetof(struct opts, out)},
	{.name = "lang", .letter = 'l', .metavar = "LANG", .help = "a language", .action = CLI_LIST,
	 .field = offsetof(struct opts, langs), .count = offsetof(struct opts, n_langs)},
	{.name = "paper", .metavar = "SIZE", .help = "paper", .action = CLI_CALL,
	 .check = check_paper, .lower = true},
	{.name = "dry-run", .help = "dry", .action = CLI_SET_BOOL,
	 .field = offsetof(struct opts, dry_run), .value = 1},
	{.name = "qr", .help = "qr", .action = CLI_SET_INT, .field = offsetof(struct opts, qr),
	 .value = 1},
	{.name = "no-qr", .help = "no qr", .action = CLI_SET_INT, .field = offsetof(struct opts, qr),
	 .value = 0},
	{.name = "strict", .help = "strict", .action = CLI_SET_BITS,
	 .field = offsetof(struct opts, flags), .value = 4},
	{NULL},
};

/* Parses the NULL-terminated WORDS (copied: the parser may lower-case them in place). */
static enum cli_status parse(struct opts *o, struct cli_args *args, char **argv,
			     const char *const *words)
{
	int argc = 0;
	for (; words[argc]; argc++)
		argv[argc] = strdup(words[argc]);
	argv[argc] = NULL;
	*o = (struct opts){.qr = -1};
	return cli_parse("test", table, o, argc, argv, args);
}

static void free_argv(char **argv)
{
	for (int i = 0; argv[i]; i++)
		free(argv[i]);
}

static void test_permutation(void **state)
{
	(void)state;
	const char *const words[] = {"test", "a.xml", "-o", "x.pdf", "b.xml", "--lang", "fa",
				     "-l", "de", "--dry-run", "c.xml", NULL};
	char *argv[16];
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, argv, words), CLI_OK);
	assert_int_equal(args.n_files, 3);
	assert_string_equal(args.files[0], "a.xml");
	assert_string_equal(args.files[1], "b.xml");
	assert_string_equal(args.files[2], "c.xml");
	assert_string_equal(o.out, "x.pdf");
	assert_int_equal(o.n_langs, 2);
	assert_string_equal(o.langs[1], "de");
	assert_true(o.dry_run);
	cli_args_clear(&args);
	free_argv(argv);
}

static void test_dash_and_double_dash(void **state)
{
	(void)state;
	const char *const words[] = {"test", "-", "-o", "-", "--strict", "--", "-x.xml", "--qr",
				     "-", NULL};
	char *argv[16];
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, argv, words), CLI_OK);
	assert_string_equal(o.out, "-"); /* -o - keeps "-" as the output */
	assert_int_equal(o.flags, 4);
	assert_int_equal(o.qr, -1); /* --qr after -- is a FILE */
	assert_int_equal(args.n_files, 4);
	assert_string_equal(args.files[0], "-");
	assert_string_equal(args.files[1], "-x.xml");
	assert_string_equal(args.files[2], "--qr");
	assert_string_equal(args.files[3], "-");
	cli_args_clear(&args);
	free_argv(argv);
}

static void test_later_wins_and_lower_case(void **state)
{
	(void)state;
	const char *const words[] = {"test", "--no-qr", "--paper", "A5", "--qr", "--no-qr",
				     "--paper=A4", "f.xml", NULL};
	char *argv[16];
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, argv, words), CLI_OK);
	assert_int_equal(o.qr, 0);
	assert_string_equal(o.paper, "a4");
	cli_args_clear(&args);
	free_argv(argv);
}

static void test_usage_errors(void **state)
{
	(void)state;
	const char *const unknown[] = {"test", "f.xml", "--langg", "fa", NULL};
	const char *const missing[] = {"test", "f.xml", "--lang", NULL};
	const char *const bad_value[] = {"test", "--paper", "A7", NULL};
	const char *const too_many_values[] = {"test", "--strict=yes", NULL};
	const char *const *cases[] = {unknown, missing, bad_value, too_many_values};
	for (size_t i = 0; i < 4; i++) {
		char *argv[16];
		struct opts o;
		struct cli_args args;
		assert_int_equal(parse(&o, &args, argv, cases[i]), CLI_USAGE);
		cli_args_clear(&args);
		free_argv(argv);
	}
}

static void test_suggest(void **state)
{
	(void)state;
	const char *const names[] = {"lang", "layout", "strict", "help", "qr", "validate"};
	assert_string_equal(cli_suggest("langg", names, 6), "lang");
	assert_string_equal(cli_suggest("layuot", names, 6), "layout"); /* two swapped */
	assert_string_equal(cli_suggest("sritct", names, 6), "strict"); /* a swap, a change */
	assert_string_equal(cli_suggest("hlep", names, 6), "help");
	assert_string_equal(cli_suggest("valid", names, 6), "validate"); /* its start */
	assert_null(cli_suggest("frobnicate", names, 6));
	assert_null(cli_suggest("l", names, 6)); /* not "qr": no longer than what was typed */
	assert_null(cli_suggest("stricter-still", names, 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permutation),
		cmocka_unit_test(test_dash_and_double_dash),
		cmocka_unit_test(test_later_wins_and_lower_case),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_suggest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
