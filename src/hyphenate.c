/* hyphenate.c — Liang's algorithm over the built-in pattern tables; see hyphenate.h.
 *
 * The tables hold libhyphen's own state machines (tools/hyphen-table.c), so the walk below
 * follows hyphen.c of libhyphen 2.8.8, the version the tests compare against, step by
 * step: hnj_hyphen_hyphenate3 → hnj_hyphen_hyph_ (patterns of one level, then the
 * compound recursion) → hnj_hyphen_lhmin/rhmin → NOHYPHEN → hnj_hyphen_norm.  Patterns
 * with replacements (non-standard hyphenation) are refused by the generator, so their
 * bookkeeping is left out. */
#include "hyphenate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "grow.h"
#include "hyphen_data.h"
#include "lang.h"

#define MAX_WORD 64                 /* UTF-16 units; longer words are not hyphenated */
#define MAX_BYTES (MAX_WORD * 4)    /* the word in the dictionary's encoding */
#define BUF (MAX_BYTES + 8)

/* build/hyphen.bin, linked in by hyphen_data.S. */
extern const unsigned char broadside_hyphen_data[];

struct cached {
	char *lang;
	const struct hyphen_data_dict *dict; /* NULL: looked for, none found */
};

static struct cached *cache;
static size_t n_cache, cap_cache;

static const struct hyphen_data_header *tables(void)
{
	const struct hyphen_data_header *h = (const void *)broadside_hyphen_data;
	return h->magic == HYPHEN_DATA_MAGIC && h->version == HYPHEN_DATA_VERSION ? h : NULL;
}

static const struct hyphen_data_dict *named(const char *name)
{
	const struct hyphen_data_header *h = tables();
	for (uint32_t i = 0; h && i < h->n_dicts; i++)
		if (strcmp(h->dict[i].name, name) == 0)
			return &h->dict[i];
	return NULL;
}

/* The first (by name) dictionary LANGUAGE_*. */
static const struct hyphen_data_dict *any_variant(const char *language)
{
	const struct hyphen_data_header *h = tables();
	const struct hyphen_data_dict *best = NULL;
	size_t n = strlen(language);
	for (uint32_t i = 0; h && i < h->n_dicts; i++) {
		const struct hyphen_data_dict *d = &h->dict[i];
		if (strncmp(d->name, language, n) == 0 && d->name[n] == '_' &&
		    (!best || strcmp(d->name, best->name) < 0))
			best = d;
	}
	return best;
}

static const struct hyphen_data_dict *find_dictionary(const char *lang)
{
	struct lang_subtags tags;
	char name[64];
	if (!lang_subtags(lang, &tags))
		return NULL;
	const struct hyphen_data_dict *d = NULL;
	if (*tags.region) {
		snprintf(name, sizeof name, "%s_%s", tags.language, tags.region);
		d = named(name);
	}
	if (!d && *tags.likely_region) {
		snprintf(name, sizeof name, "%s_%s", tags.language, tags.likely_region);
		d = named(name);
	}
	if (!d)
		d = named(tags.language);
	if (!d)
		d = any_variant(tags.language);
	return d;
}

static struct cached *lookup(const char *lang)
{
	if (!lang)
		return NULL;
	for (size_t i = 0; i < n_cache; i++)
		if (strcmp(cache[i].lang, lang) == 0)
			return &cache[i];
	if (!GROW(cache, cap_cache, n_cache + 1))
		return NULL;
	struct cached *c = &cache[n_cache];
	c->lang = strdup(lang);
	if (!c->lang)
		return NULL;
	n_cache++;
	c->dict = find_dictionary(lang);
	return c;
}

bool hyphen_available(const char *lang)
{
	struct cached *c = lookup(lang);
	return c && c->dict;
}

const char *hyphen_dictionary(const char *lang)
{
	struct cached *c = lookup(lang);
	return c && c->dict ? c->dict->file : NULL;
}

/* ---- libhyphen's algorithm over the tables ------------------------------------------ */

/* The state after reading CH in STATE, falling back as libhyphen does; -1 when even the
 * start state has no transition for CH (libhyphen then restarts, applying no pattern). */
static int32_t step(const struct hyphen_data_level *lv, int32_t state, unsigned char ch)
{
	const struct hyphen_data_state *states = (const void *)(broadside_hyphen_data + lv->states);
	const unsigned char *chars = broadside_hyphen_data + lv->chars;
	const uint32_t *targets = (const void *)(broadside_hyphen_data + lv->targets);
	while (state >= 0) {
		uint32_t lo = states[state].trans, hi = states[state + 1].trans;
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;
			if (chars[mid] == ch)
				return (int32_t)targets[mid];
			if (chars[mid] < ch)
				lo = mid + 1;
			else
				hi = mid;
		}
		state = states[state].fallback;
	}
	return -1;
}

/* Unicode ligatures (U+FB00…) as hnj_ligature counts them: extra letters they stand for. */
static int ligature(unsigned char c)
{
	return c == 0x83 || c == 0x84 ? 1 : 0;
}

/* No break among the first MIN characters (hnj_hyphen_lhmin). */
static void left_min(bool utf8, const char *word, int size, char *hyphens, int min)
{
	int i = 1, j;
	if (utf8 && (unsigned char)word[0] == 0xEF && (unsigned char)word[1] == 0xAC)
		i += ligature((unsigned char)word[2]);
	for (j = 0; word[j] <= '9' && word[j] >= '0'; j++)
		i--;
	for (j = 0; i < min && j < size && word[j] != '\0'; i++) {
		do {
			hyphens[j] = '0';
			j++;
			if (utf8 && (unsigned char)word[j] == 0xEF && (unsigned char)word[j + 1] == 0xAC)
				i += ligature((unsigned char)word[j + 2]);
		} while (j < size && utf8 && (word[j] & 0xc0) == 0x80);
	}
}

/* No break among the last MIN characters (hnj_hyphen_rhmin). */
static void right_min(bool utf8, const char *word, int size, char *hyphens, int min)
{
	int i = 0, j;
	for (j = size - 1; j > 0 && word[j] <= '9' && word[j] >= '0'; j--)
		i--;
	for (j = size - 1; i < min && j > 0; j--) {
		hyphens[j] = '0';
		if (!utf8 || (word[j] & 0xc0) == 0xc0 || (word[j] & 0x80) != 0x80)
			i++;
	}
}

/* Applies LEVEL's patterns to PREP ('.' WORD '.', LEN bytes): the highest digit wins. */
static void apply_patterns(const struct hyphen_data_level *lv, const char *prep, int len,
			   char *hyphens)
{
	const struct hyphen_data_state *states = (const void *)(broadside_hyphen_data + lv->states);
	const char *pool = (const char *)broadside_hyphen_data + lv->matches;
	int32_t state = 0;
	for (int i = 0; i < len; i++) {
		state = step(lv, state, (unsigned char)prep[i]);
		if (state < 0) {
			state = 0;
			continue;
		}
		if (!states[state].match)
			continue;
		const char *match = pool + states[state].match;
		int offset = i + 1 - (int)strlen(match);
		for (int k = offset < 0 ? -offset : 0; match[k]; k++)
			if (hyphens[offset + k] < match[k])
				hyphens[offset + k] = match[k];
	}
}

/* hnj_hyphen_hyph_: HYPHENS[i] odd when WORD (SIZE bytes, NUL after) may break after byte
 * i, by LEVEL's patterns; where that level has a next one, its breaks are compound
 * boundaries and each part is hyphenated again, by the next level when it has none. */
static void hyph(const struct hyphen_data_dict *d, int level, const char *word, int size,
		 char *hyphens, int clhmin, int crhmin, bool lend, bool rend)
{
	char prep[BUF];
	int j = 0;
	prep[j++] = '.';
	for (int i = 0; i < size; i++)
		prep[j++] = word[i] >= '0' && word[i] <= '9' ? '.' : word[i];
	prep[j++] = '.';
	prep[j] = '\0';
	memset(hyphens, '0', (size_t)j);
	apply_patterns(&d->level[level], prep, j, hyphens);
	int i;
	for (i = 0; i < j - 3; i++)
		hyphens[i] = hyphens[i + 1];
	for (; i < size; i++)
		hyphens[i] = '0';
	hyphens[size] = '\0';
	if (level + 1 >= d->n_levels)
		return;
	char parts[BUF];
	int begin = 0;
	for (i = 0; i < size; i++) {
		if (!(hyphens[i] & 1) && !(begin > 0 && i + 1 == size))
			continue;
		if (i - begin > 1) {
			prep[i + 2] = '\0';
			hyph(d, level, prep + begin + 1, i - begin + 1, parts, clhmin, crhmin,
			     begin > 0 ? false : lend, hyphens[i] & 1 ? false : rend);
			for (j = 0; j < i - begin - 1; j++)
				hyphens[begin + j] = parts[j];
			prep[i + 2] = word[i + 1];
		}
		begin = i + 1;
	}
	if (begin == 0) {
		hyph(d, level + 1, word, size, hyphens, clhmin, crhmin, lend, rend);
		if (!lend)
			left_min(d->utf8, word, size, hyphens, clhmin);
		if (!rend)
			right_min(d->utf8, word, size, hyphens, crhmin);
	}
}

static int at_least(int a, int b)
{
	return a > b ? a : b;
}

/* hnj_hyphen_hyphenate3 with broadside's minimums: HYPHENS[c] odd when WORD (N bytes,
 * NUL-terminated, in the dictionary's encoding) may break after its character c. */
static void hyphenate(const struct hyphen_data_dict *d, const char *word, int n, char *hyphens)
{
	int lh = at_least(HYPHEN_LEFT_MIN, d->lhmin), rh = at_least(HYPHEN_RIGHT_MIN, d->rhmin);
	hyph(d, 0, word, n, hyphens, at_least(HYPHEN_LEFT_MIN, d->clhmin),
	     at_least(HYPHEN_RIGHT_MIN, d->crhmin), true, true);
	left_min(d->utf8, word, n, hyphens, lh > 0 ? lh : 2);
	right_min(d->utf8, word, n, hyphens, rh > 0 ? rh : 2);
	const char *nh = (const char *)broadside_hyphen_data + d->nohyphen;
	for (uint32_t k = 0; k < d->n_nohyphen; k++, nh += strlen(nh) + 1) {
		if (!*nh)
			continue;
		for (const char *at = strstr(word, nh); at; at = strstr(at + 1, nh)) {
			hyphens[at - word + (int)strlen(nh) - 1] = 0;
			if (at - word - 1 >= 0)
				hyphens[at - word - 1] = 0;
		}
	}
	if (!d->utf8)
		return;
	for (int i = 0, c = -1; i < n; i++) { /* hnj_hyphen_norm: bytes to characters */
		if (((unsigned char)word[i] >> 6) != 2)
			c++;
		hyphens[c] = hyphens[i];
	}
}

/* ---- broadside's side: UTF-16 words in, points out ---------------------------------- */

/* The byte that stands for CP in a single-byte charset, or 0. */
static char single_byte(const struct hyphen_data_dict *d, UChar32 cp)
{
	for (int b = 1; b < 256; b++)
		if (d->codepoint[b] == cp)
			return (char)b;
	return 0;
}

/* The word in the dictionary's encoding, lower-cased, NUL-terminated; START[c] is the
 * UTF-16 index of its character c.  Returns the byte length, or -1. */
static int encode_word(const struct hyphen_data_dict *d, const char *lang, const UChar *word,
		       int32_t len, char *out, int32_t *start)
{
	UChar lower[MAX_WORD];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = u_strToLower(lower, MAX_WORD, word, len, lang, &status);
	if (U_FAILURE(status) || n != len)
		return -1; /* lower-casing changed the length: leave the word alone */
	int32_t used = 0, chars = 0;
	for (int32_t i = 0; i < len;) {
		start[chars++] = i;
		UChar32 cp;
		U16_NEXT(lower, i, len, cp);
		if (d->utf8) {
			UBool bad = false;
			U8_APPEND(out, used, MAX_BYTES, cp, bad);
			if (bad)
				return -1;
		} else if (!(out[used++] = single_byte(d, cp))) {
			return -1;
		}
	}
	out[used] = '\0';
	return used;
}

bool hyphen_word(const char *lang, const UChar *word, int32_t len, bool *points)
{
	memset(points, 0, (size_t)len * sizeof *points);
	struct cached *c = lookup(lang);
	if (!c || !c->dict || len < HYPHEN_LEFT_MIN + HYPHEN_RIGHT_MIN || len >= MAX_WORD)
		return false;
	char bytes[BUF], hyphens[BUF];
	int32_t start[MAX_WORD];
	int n = encode_word(c->dict, lang, word, len, bytes, start);
	if (n <= 0)
		return false;
	memset(bytes + n, 0, sizeof bytes - (size_t)n);
	hyphenate(c->dict, bytes, n, hyphens);
	int chars = 0;
	for (int b = 0; b < n; b++)
		chars += !c->dict->utf8 || ((unsigned char)bytes[b] >> 6) != 2;
	bool any = false;
	for (int i = 0; i + 1 < chars; i++) {
		if (hyphens[i] & 1) {
			points[start[i + 1]] = true;
			any = true;
		}
	}
	return any;
}

void hyphen_cleanup(void)
{
	for (size_t i = 0; i < n_cache; i++)
		free(cache[i].lang);
	free(cache);
	cache = NULL;
	n_cache = cap_cache = 0;
}
