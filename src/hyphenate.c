/* hyphenate.c — libhyphen dictionaries by language; see hyphenate.h. */
#include "hyphenate.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define DEFAULT_DIR "/usr/share/hyphen"
#define MAX_WORD 64

/* Conventional minimums for print: at least two letters before a break, three after. */
#define LEFT_MIN 2
#define RIGHT_MIN 3

struct cached {
	char *lang;
	char *path;         /* NULL: looked for, none found */
	HyphenDict *dict;
	UConverter *conv;   /* to the dictionary's charset */
};

static struct cached *cache;
static size_t n_cache;

static const char *hyphen_dir(void)
{
	const char *dir = getenv("BROADSIDE_HYPHEN_DIR");
	return dir && *dir ? dir : DEFAULT_DIR;
}

static char *existing(const char *dir, const char *name)
{
	char *path = NULL;
	if (asprintf(&path, "%s/hyph_%s.dic", dir, name) < 0)
		return NULL;
	FILE *f = fopen(path, "r");
	if (f) {
		fclose(f);
		return path;
	}
	free(path);
	return NULL;
}

/* The first (by name) hyph_LANG_*.dic in DIR. */
static char *any_variant(const char *dir, const char *language)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char prefix[32], *best = NULL;
	snprintf(prefix, sizeof prefix, "hyph_%s_", language);
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || len < 4 ||
		    strcmp(e->d_name + len - 4, ".dic") != 0)
			continue;
		if (!best || strcmp(e->d_name, best) < 0) {
			free(best);
			best = strdup(e->d_name);
		}
	}
	closedir(d);
	if (!best)
		return NULL;
	char *path = NULL;
	if (asprintf(&path, "%s/%s", dir, best) < 0)
		path = NULL;
	free(best);
	return path;
}

static char *find_dictionary(const char *lang)
{
	char locale[ULOC_FULLNAME_CAPACITY], likely[ULOC_FULLNAME_CAPACITY];
	char language[ULOC_LANG_CAPACITY], region[ULOC_COUNTRY_CAPACITY], name[64];
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(lang, locale, sizeof locale, NULL, &status);
	uloc_getLanguage(locale, language, sizeof language, &status);
	if (U_FAILURE(status) || !*language)
		return NULL;
	const char *dir = hyphen_dir();
	char *path = NULL;
	uloc_getCountry(locale, region, sizeof region, &status);
	if (!U_FAILURE(status) && *region) {
		snprintf(name, sizeof name, "%s_%s", language, region);
		path = existing(dir, name);
	}
	if (!path) {
		status = U_ZERO_ERROR;
		uloc_addLikelySubtags(locale, likely, sizeof likely, &status);
		uloc_getCountry(likely, region, sizeof region, &status);
		if (!U_FAILURE(status) && *region) {
			snprintf(name, sizeof name, "%s_%s", language, region);
			path = existing(dir, name);
		}
	}
	if (!path)
		path = existing(dir, language);
	if (!path)
		path = any_variant(dir, language);
	return path;
}

static struct cached *lookup(const char *lang)
{
	if (!lang)
		return NULL;
	for (size_t i = 0; i < n_cache; i++)
		if (strcmp(cache[i].lang, lang) == 0)
			return &cache[i];
	struct cached *grown = realloc(cache, (n_cache + 1) * sizeof *cache);
	if (!grown)
		return NULL;
	cache = grown;
	struct cached *c = &cache[n_cache];
	memset(c, 0, sizeof *c);
	c->lang = strdup(lang);
	if (!c->lang)
		return NULL;
	n_cache++;
	c->path = find_dictionary(lang);
	if (c->path)
		c->dict = hnj_hyphen_load(c->path);
	if (c->dict && !c->dict->utf8) {
		UErrorCode status = U_ZERO_ERROR;
		c->conv = ucnv_open(c->dict->cset, &status);
		if (U_FAILURE(status)) {
			hnj_hyphen_free(c->dict);
			c->dict = NULL;
		}
	}
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
	return c && c->dict ? c->path : NULL;
}

/* The word in the dictionary's encoding, lower-cased; MAP[b] is the UTF-16 index of the
 * character byte b belongs to.  Returns the byte length, or -1. */
static int encode_word(struct cached *c, const char *lang, const UChar *word, int32_t len,
		       char *out, int out_cap, int32_t *map)
{
	UChar lower[MAX_WORD];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = u_strToLower(lower, MAX_WORD, word, len, lang, &status);
	if (U_FAILURE(status) || n != len)
		return -1; /* lower-casing changed the length: leave the word alone */
	int used = 0;
	for (int32_t i = 0; i < len;) {
		int32_t start = i;
		UChar32 cp;
		U16_NEXT(lower, i, len, cp);
		char bytes[8];
		int32_t nbytes;
		status = U_ZERO_ERROR;
		if (c->conv) {
			UChar units[2];
			int32_t nunits = 0;
			U16_APPEND_UNSAFE(units, nunits, cp);
			ucnv_reset(c->conv);
			ucnv_setFromUCallBack(c->conv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL,
					      &status);
			nbytes = ucnv_fromUChars(c->conv, bytes, sizeof bytes, units, nunits, &status);
		} else {
			u_strToUTF8(bytes, sizeof bytes, &nbytes, &lower[start], i - start, &status);
		}
		if (U_FAILURE(status) || nbytes <= 0 || used + nbytes >= out_cap)
			return -1;
		for (int32_t b = 0; b < nbytes; b++) {
			out[used] = bytes[b];
			map[used++] = start;
		}
	}
	out[used] = '\0';
	return used;
}

bool hyphen_word(const char *lang, const UChar *word, int32_t len, bool *points)
{
	memset(points, 0, (size_t)len * sizeof *points);
	struct cached *c = lookup(lang);
	if (!c || !c->dict || len < LEFT_MIN + RIGHT_MIN || len >= MAX_WORD)
		return false;
	char bytes[MAX_WORD * 4];
	int32_t map[MAX_WORD * 4];
	int n = encode_word(c, lang, word, len, bytes, sizeof bytes, map);
	if (n <= 0)
		return false;
	char hyphens[MAX_WORD * 4 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	bool any = false;
	if (hnj_hyphen_hyphenate3(c->dict, bytes, n, hyphens, NULL, &rep, &pos, &cut, LEFT_MIN,
				  RIGHT_MIN, LEFT_MIN, RIGHT_MIN) == 0) {
		for (int b = 0; b + 1 < n; b++) {
			/* A point after byte b, if b ends a character and the next starts one;
			 * non-standard breaks (rep: Schiff=fahrt) change letters and are skipped. */
			if (!(hyphens[b] & 1) || map[b + 1] == map[b] || (rep && rep[b]))
				continue;
			points[map[b + 1]] = true;
			any = true;
		}
	}
	if (rep) {
		for (int b = 0; b < n; b++)
			free(rep[b]);
		free(rep);
	}
	free(pos);
	free(cut);
	return any;
}

void hyphen_cleanup(void)
{
	for (size_t i = 0; i < n_cache; i++) {
		free(cache[i].lang);
		free(cache[i].path);
		if (cache[i].dict)
			hnj_hyphen_free(cache[i].dict);
		if (cache[i].conv)
			ucnv_close(cache[i].conv);
	}
	free(cache);
	cache = NULL;
	n_cache = 0;
}
