/* Unit tests of the hyphenator: the built-in tables against libhyphen itself.
 *
 * libhyphen loads the same vendored dictionaries (hyphen/hyph_*.dic) and hyphenates every
 * word of tests/unit/hyphen-words.txt and of the sample documents in xml/ with
 * hnj_hyphen_hyphenate3 and broadside's minimums; hyphen_word must find exactly the same
 * points in every word, with every dictionary (each word is tried in every language).  Run from the top of the tree (tests/run). */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "hyphenate.h"

#define MAX_UNITS 64

struct reference {
	char lang[32], file[64]; /* "de-DE", "hyph_de_DE.dic" */
	HyphenDict *dict;
	UConverter *conv;
};

/* Every vendored dictionary, loaded by libhyphen. */
static struct reference refs[16];
static size_t n_refs;

static int setup(void **state)
{
	(void)state;
	glob_t g;
	if (glob("hyphen/hyph_*.dic", 0, NULL, &g) != 0 || g.gl_pathc > 16)
		return -1;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct reference *r = &refs[n_refs++];
		const char *base = g.gl_pathv[i] + strlen("hyphen/");
		snprintf(r->file, sizeof r->file, "%s", base);
		snprintf(r->lang, sizeof r->lang, "%.*s", (int)(strlen(base) - 9), base + 5);
		for (char *p = r->lang; *p; p++)
			if (*p == '_')
				*p = '-';
		r->dict = hnj_hyphen_load(g.gl_pathv[i]);
		if (!r->dict)
			return -1;
		UErrorCode status = U_ZERO_ERROR;
		r->conv = ucnv_open(r->dict->cset, &status);
		if (U_FAILURE(status))
			return -1;
	}
	globfree(&g);
	return n_refs >= 2 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_refs; i++) {
		hnj_hyphen_free(refs[i].dict);
		ucnv_close(refs[i].conv);
	}
	hyphen_cleanup();
	return 0;
}

/* libhyphen's points for WORD, as hyphen_word reports them: POINTS[i] when a hyphen may go
 * before UTF-16 unit i.  Words broadside leaves alone (too short or long, changed by
 * lower-casing, not in the dictionary's charset) get none. */
static void reference_points(struct reference *r, const UChar *word, int32_t len, bool *points)
{
	memset(points, 0, (size_t)len * sizeof *points);
	UChar lower[MAX_UNITS];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = u_strToLower(lower, MAX_UNITS, word, len, r->lang, &status);
	if (U_FAILURE(status) || n != len || len < HYPHEN_LEFT_MIN + HYPHEN_RIGHT_MIN ||
	    len >= MAX_UNITS)
		return;
	char bytes[MAX_UNITS * 4 + 1];
	int32_t start[MAX_UNITS], chars = 0, used = 0;
	for (int32_t i = 0; i < len;) { /* one character at a time, to know where each starts */
		start[chars++] = i;
		int32_t from = i;
		U16_FWD_1(lower, i, len);
		ucnv_reset(r->conv);
		status = U_ZERO_ERROR;
		ucnv_setFromUCallBack(r->conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
		used += ucnv_fromUChars(r->conv, bytes + used, (int32_t)sizeof bytes - used,
					lower + from, i - from, &status);
		if (U_FAILURE(status))
			return;
	}
	bytes[used] = '\0';
	char hyphens[sizeof bytes + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	int failed = hnj_hyphen_hyphenate3(r->dict, bytes, used, hyphens, NULL, &rep, &pos, &cut,
					   HYPHEN_LEFT_MIN, HYPHEN_RIGHT_MIN, HYPHEN_LEFT_MIN,
					   HYPHEN_RIGHT_MIN);
	for (int32_t c = 0; !failed && c + 1 < chars; c++) /* hyphens[] counts characters */
		points[start[c + 1]] = (hyphens[c] & 1) && !(rep && rep[c]);
	for (int b = 0; rep && b < used; b++)
		free(rep[b]);
	free(rep);
	free(pos);
	free(cut);
}

static void show(const UChar *word, int32_t len, const bool *points, char *out, size_t cap)
{
	UChar marked[MAX_UNITS * 2];
	int32_t m = 0;
	for (int32_t i = 0; i < len; i++) {
		if (points[i])
			marked[m++] = '-';
		marked[m++] = word[i];
	}
	UErrorCode status = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)cap, NULL, marked, m, &status);
}

struct tally {
	long words, with_points, points, mismatches;
};

/* Compares the two on WORD with every dictionary. */
static void compare(const UChar *word, int32_t len, struct tally *t)
{
	if (len <= 0 || len >= MAX_UNITS)
		return;
	for (size_t i = 0; i < n_refs; i++) {
		bool want[MAX_UNITS], got[MAX_UNITS];
		reference_points(&refs[i], word, len, want);
		hyphen_word(refs[i].lang, word, len, got);
		t->words++;
		long n = 0;
		for (int32_t k = 0; k < len; k++)
			n += got[k];
		t->points += n;
		t->with_points += n > 0;
		if (memcmp(want, got, (size_t)len * sizeof *got) == 0)
			continue;
		char a[MAX_UNITS * 8], b[MAX_UNITS * 8];
		show(word, len, want, a, sizeof a);
		show(word, len, got, b, sizeof b);
		if (t->mismatches++ < 20)
			print_message("%s: libhyphen %s, broadside %s\n", refs[i].lang, a, b);
	}
}

/* Every run of letters (and apostrophes and hyphens inside a word) in TEXT. */
static void compare_words_in(const char *text, struct tally *t)
{
	int32_t len = 0;
	UErrorCode status = U_ZERO_ERROR;
	u_strFromUTF8(NULL, 0, &len, text, -1, &status);
	UChar *u = malloc(((size_t)len + 1) * sizeof *u);
	assert_non_null(u);
	status = U_ZERO_ERROR;
	u_strFromUTF8(u, len + 1, NULL, text, -1, &status);
	assert_false(U_FAILURE(status));
	for (int32_t i = 0; i < len;) {
		int32_t start = i;
		UChar32 c;
		U16_NEXT(u, i, len, c);
		if (!u_isalpha(c))
			continue;
		int32_t end = i;
		while (end < len) {
			int32_t next = end;
			U16_NEXT(u, next, len, c);
			if (!u_isalpha(c) && c != '\'' && c != '-' && c != 0x2019)
				break;
			end = next;
		}
		compare(u + start, end - start, t);
		i = end;
	}
	free(u);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	char *text = malloc((size_t)size + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
	text[size] = '\0';
	fclose(f);
	return text;
}

static void test_word_list_agrees_with_libhyphen(void **state)
{
	(void)state;
	char *text = slurp("tests/unit/hyphen-words.txt");
	struct tally t = {0};
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (*line != '#')
			compare_words_in(line, &t);
	free(text);
	print_message("%ld word hyphenations, %ld with points, %ld points\n", t.words,
		      t.with_points, t.points);
	assert_int_equal(t.mismatches, 0);
	assert_true(t.words > 12000);
	assert_true(t.with_points > t.words / 2); /* the comparison is not of empty results */
}

/* The samples' text, markup left out (every word, also ids and attribute values: more
 * words to compare). */
static void test_sample_words_agree_with_libhyphen(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("xml/*.xml", 0, NULL, &g), 0);
	struct tally t = {0};
	for (size_t i = 0; i < g.gl_pathc; i++) {
		char *text = slurp(g.gl_pathv[i]);
		for (char *p = text; *p; p++)
			if (*p == '<' || *p == '>' || *p == '&' || *p == ';' || *p == '"' || *p == '=')
				*p = ' ';
		compare_words_in(text, &t);
		free(text);
	}
	globfree(&g);
	print_message("%ld word hyphenations in %zu samples, %ld with points\n", t.words,
		      (size_t)g.gl_pathc, t.with_points);
	assert_int_equal(t.mismatches, 0);
	assert_true(t.with_points > 100);
}

static void expect_points(const char *lang, const char *word, const char *want)
{
	UChar u[MAX_UNITS];
	int32_t len = 0;
	UErrorCode status = U_ZERO_ERROR;
	u_strFromUTF8(u, MAX_UNITS, &len, word, -1, &status);
	bool points[MAX_UNITS];
	hyphen_word(lang, u, len, points);
	char got[MAX_UNITS * 8];
	show(u, len, points, got, sizeof got);
	assert_string_equal(got, want);
}

/* A few points known by heart, so that the comparison cannot pass with both sides wrong
 * in the same way; and the minimums: two letters before a break, three after. */
static void test_known_points(void **state)
{
	(void)state;
	expect_points("de", "Menschenrechtsverletzungen", "Men-schen-rechts-ver-let-zun-gen");
	expect_points("de", "Gefängnisse", "Ge-fäng-nisse");
	expect_points("en", "hyphenation", "hy-phen-ation");
	expect_points("en", "naïveté", "naïveté");
	expect_points("de", "Abend", "Abend");
	expect_points("fa", "آزادی", "آزادی");
}

static void test_dictionaries_are_found_by_language(void **state)
{
	(void)state;
	assert_string_equal(hyphen_dictionary("de"), "hyph_de_DE.dic");
	assert_string_equal(hyphen_dictionary("de-CH"), "hyph_de_DE.dic");
	assert_string_equal(hyphen_dictionary("de-AT"), "hyph_de_DE.dic");
	assert_string_equal(hyphen_dictionary("en"), "hyph_en_US.dic");
	assert_string_equal(hyphen_dictionary("en-GB"), "hyph_en_US.dic");
	assert_null(hyphen_dictionary("fa"));
	assert_null(hyphen_dictionary("tlh"));
	assert_false(hyphen_available("fa-IR"));
	assert_true(hyphen_available("de-DE"));
	for (size_t i = 0; i < n_refs; i++) /* each vendored file is built in, by its name */
		assert_string_equal(hyphen_dictionary(refs[i].lang), refs[i].file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dictionaries_are_found_by_language),
		cmocka_unit_test(test_known_points),
		cmocka_unit_test(test_word_list_agrees_with_libhyphen),
		cmocka_unit_test(test_sample_words_agree_with_libhyphen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
