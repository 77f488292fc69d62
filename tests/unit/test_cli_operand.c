/* Unit tests of an operand in an option table (CLI_OPERAND, lang add's LANG): the first
 * FILE wherever it stands, never "-", after "--" too; left out of the help and of the
 * options getopt is given. */
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
	const char *lang;
	bool dry_run;
};

static const struct cli_option table[] = {
	{.name = "LANG", .action = CLI_OPERAND, .field = offsetof(struct opts, lang)},
	{.name = "dry-run", .letter = 'n', .help = "dry", .action = CLI_SET_BOOL,
	 .field = offsetof(struct opts, dry_run), .value = 1},
	{NULL},
};

/* Parses WORDS (NULL-terminated, "test" first) into O and ARGS. */
static enum cli_status parse(struct opts *o, struct cli_args *args, const char *const *words)
{
	static char *argv[16];
	int argc = 0;
	for (; words[argc]; argc++)
		argv[argc] = (char *)words[argc];
	argv[argc] = NULL;
	*o = (struct opts){0};
	return cli_parse("test", table, o, argc, argv, args);
}

static void test_first_file_wherever(void **state)
{
	(void)state;
	const char *const words[] = {"test", "-n", "fr", "a.xml", "b.xml", NULL};
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, words), CLI_OK);
	assert_string_equal(o.lang, "fr");
	assert_true(o.dry_run);
	assert_int_equal(args.n_files, 2);
	assert_string_equal(args.files[0], "a.xml");
	cli_args_clear(&args);

	const char *const after[] = {"test", "fr", "a.xml", "--dry-run", NULL};
	assert_int_equal(parse(&o, &args, after), CLI_OK);
	assert_string_equal(o.lang, "fr");
	assert_int_equal(args.n_files, 1);
	cli_args_clear(&args);
}

static void test_dash_is_a_file_and_double_dash(void **state)
{
	(void)state;
	const char *const words[] = {"test", "-", "fr", NULL};
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, words), CLI_OK);
	assert_string_equal(o.lang, "fr");
	assert_int_equal(args.n_files, 1);
	assert_string_equal(args.files[0], "-");
	cli_args_clear(&args);

	const char *const dashes[] = {"test", "--", "-x", "a.xml", NULL};
	assert_int_equal(parse(&o, &args, dashes), CLI_OK);
	assert_string_equal(o.lang, "-x");
	assert_int_equal(args.n_files, 1);
	cli_args_clear(&args);
}

static void test_not_an_option(void **state)
{
	(void)state;
	const char *const words[] = {"test", "--LANG", "fr", NULL};
	struct opts o;
	struct cli_args args;
	assert_int_equal(parse(&o, &args, words), CLI_USAGE);
	cli_args_clear(&args);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	cli_print_options(table, out);
	fclose(out);
	assert_null(strstr(text, "LANG"));
	assert_non_null(strstr(text, "--dry-run"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_file_wherever),
		cmocka_unit_test(test_dash_is_a_file_and_double_dash),
		cmocka_unit_test(test_not_an_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
