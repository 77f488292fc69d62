/* Unit tests of uri_token_address, the one rule by which layout keeps a URL or an e-mail
 * address whole, resolve leaves it unhyphenated and lint leaves it to no language's rules:
 * a table of tokens as running text has them, each with the address it holds (or none)
 * once the sentence's punctuation around it is taken off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "uri.h"

struct token_case {
	const char *token;   /* white-space-delimited, as in running text */
	const char *address; /* what is kept whole; NULL: no address */
};

static const struct token_case cases[] = {
	/* addresses */
	{"https://example.org/free-them-all", "https://example.org/free-them-all"},
	{"www.example.org", "www.example.org"},
	{"example.org/free-them-all", "example.org/free-them-all"},
	{"name@example.org", "name@example.org"},
	{"mailto:isc@example.org", "mailto:isc@example.org"},
	{"HTTP://X", "HTTP://X"},
	{"sub.example.co-op.de", "sub.example.co-op.de"},
	{"bücher.de", "bücher.de"},
	/* the sentence's punctuation around them */
	{"example.org/x.", "example.org/x"},
	{"http://x.y/a-b-c.", "http://x.y/a-b-c"},
	{"(example.org),", "example.org"},
	{"(see", NULL},
	{"example.org).", "example.org"},
	{"\u201Ewww.example.org\u201C", "www.example.org"},
	{"\u00ABwww.example.org\u00BB", "www.example.org"},
	{"\"https://example.org/a?b=c\";", "https://example.org/a?b=c"},
	{"<https://example.org/>", "https://example.org/"},
	{"name@example.org:", "name@example.org"},
	{"example.org/x\u2026", "example.org/x"},
	{"https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"},
	{"(https://en.wikipedia.org/wiki/Foo_(bar)).", "https://en.wikipedia.org/wiki/Foo_(bar)"},
	/* Farsi: Arabic-script punctuation and guillemets, bidi isolates from resolve */
	{"\u00ABexample.org\u00BB\u060C", "example.org"},
	{"\u2066www.example.org/fa\u2069\u061F", "www.example.org/fa"},
	{"example.org\u06D4", "example.org"},
	{"\u0633\u0627\u06CC\u062A", NULL},
	/* words, numbers and abbreviations */
	{"user@host", NULL},
	{"@example.org", NULL},
	{"3.5", NULL},
	{"v1.2.3", NULL},
	{"z.B.", NULL},
	{"e.g.", NULL},
	{"S.", NULL},
	{"Nr.", NULL},
	{"km/h", NULL},
	{"und/oder", NULL},
	{"Bürger/innen", NULL},
	{"\u2026/\u2026", NULL},
	{"Mr.Smith", NULL},
	{"example.o", NULL},
	{"example..org", NULL},
	{"www.", NULL},
	{"https://", NULL},
	{"Menschenrechtsverteidigerinnen", NULL},
	{"", NULL},
	{"\u201E\u201C", NULL},
};

static void the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct token_case *c = &cases[i];
		size_t start = 99, n = 99, len = strlen(c->token);
		bool found = uri_token_address(c->token, len, &start, &n);
		if (found != (c->address != NULL))
			fail_msg("\"%s\": %s", c->token, found ? "an address" : "no address");
		assert_true(start + n <= len);
		if (c->address && (n != strlen(c->address) || memcmp(c->token + start, c->address, n)))
			fail_msg("\"%s\": the address is \"%.*s\", not \"%s\"", c->token, (int)n,
				 c->token + start, c->address);
	}
}

/* The token is a pointer and a length: what follows it is not read. */
static void only_the_token_is_read(void **state)
{
	(void)state;
	static const char text[] = "see example.org, or www.example.org/x.";
	size_t start, n;
	assert_false(uri_token_address(text, 3, &start, &n));
	assert_true(uri_token_address(text + 4, 12, &start, &n));
	assert_int_equal(start, 0);
	assert_int_equal(n, 11);
	assert_false(uri_token_address(text + 4, 8, &start, &n)); /* "example." */
	assert_true(uri_token_address(text + 20, 18, &start, &n));
	assert_int_equal(n, 17);
}

/* An address with nothing around it is an address, all of it; a token that is none
 * stays none however it is cut. */
static void an_address_alone_is_all_address(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct token_case *c = &cases[i];
		size_t start, n;
		if (c->address && (!uri_token_address(c->address, strlen(c->address), &start, &n) ||
				   start != 0 || n != strlen(c->address)))
			fail_msg("\"%s\" is an address, all of it", c->address);
		if (!c->address && uri_token_address(c->token, strlen(c->token), &start, &n))
			fail_msg("\"%s\" is none", c->token);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table),
		cmocka_unit_test(only_the_token_is_read),
		cmocka_unit_test(an_address_alone_is_all_address),
	};
	return cmocka_run_group_tests_name("uri_token", tests, NULL, NULL);
}
