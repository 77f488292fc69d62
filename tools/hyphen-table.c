/* hyphen-table OUT DIC... — compiles libhyphen dictionaries into broadside's table.
 *
 * Each dictionary is loaded with libhyphen's own loader (hnj_hyphen_load), so that the
 * state machine in the table is exactly the one libhyphen would build at run time, and
 * written out in the layout of src/hyphen_data.h.  Runs at build time only. */
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>

#include "hyphen_data.h"

struct blob {
	unsigned char *bytes;
	size_t len, cap;
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "hyphen-table: %s: %s\n", what, detail);
	exit(1);
}

/* Appends LEN bytes (zeros when DATA is NULL) at a 4-byte boundary; returns their offset. */
static uint32_t put(struct blob *b, const void *data, size_t len)
{
	size_t at = (b->len + 3) & ~(size_t)3;
	if (at + len > b->cap) {
		b->cap = (at + len) * 2;
		b->bytes = realloc(b->bytes, b->cap);
		if (!b->bytes)
			die("out of memory", "");
	}
	memset(b->bytes + b->len, 0, at - b->len);
	if (data)
		memcpy(b->bytes + at, data, len);
	else
		memset(b->bytes + at, 0, len);
	b->len = at + len;
	if (b->len > UINT32_MAX)
		die("table too large", "");
	return (uint32_t)at;
}

static int by_char(const void *a, const void *b)
{
	return (unsigned char)((const HyphenTrans *)a)->ch -
	       (unsigned char)((const HyphenTrans *)b)->ch;
}

/* The states in breadth-first order from the start state (which stays 0): the states a
 * short word visits lie together, so a process touches few pages of the table.
 * ORDER[i] is the old number of new state i; RENUMBER the reverse. */
static void breadth_first(HyphenDict *d, int *order, int *renumber)
{
	size_t n = (size_t)d->num_states, head = 0, tail = 0;
	for (size_t s = 0; s < n; s++)
		renumber[s] = -1;
	order[tail++] = 0;
	renumber[0] = 0;
	while (head < tail) {
		HyphenState *st = &d->states[order[head++]];
		if (st->num_trans > 0)
			qsort(st->trans, (size_t)st->num_trans, sizeof *st->trans, by_char);
		for (int k = 0; k < st->num_trans; k++) {
			int to = st->trans[k].new_state;
			if (renumber[to] < 0) {
				renumber[to] = (int)tail;
				order[tail++] = to;
			}
		}
	}
	for (size_t s = 0; s < n; s++) /* unreachable states (none in practice) go last */
		if (renumber[s] < 0) {
			renumber[s] = (int)tail;
			order[tail++] = (int)s;
		}
}

/* One level's states, transitions (sorted by byte) and pattern digits. */
static struct hyphen_data_level put_level(struct blob *b, HyphenDict *d, const char *path)
{
	size_t n = (size_t)d->num_states, n_trans = 0, pool_len = 1;
	for (size_t s = 0; s < n; s++) {
		HyphenState *st = &d->states[s];
		if (st->repl)
			die(path, "non-standard hyphenation (a pattern with '/') is not supported");
		n_trans += (size_t)st->num_trans;
		if (st->match && *st->match)
			pool_len += strlen(st->match) + 1;
	}
	struct hyphen_data_state *states = calloc(n + 1, sizeof *states);
	uint8_t *chars = malloc(n_trans + 1);
	uint32_t *targets = malloc((n_trans + 1) * sizeof *targets);
	char *pool = calloc(pool_len, 1);
	int *order = malloc(n * sizeof *order), *renumber = malloc(n * sizeof *renumber);
	if (!states || !chars || !targets || !pool || !order || !renumber)
		die("out of memory", path);
	breadth_first(d, order, renumber);
	size_t t = 0, p = 1;
	for (size_t s = 0; s < n; s++) {
		HyphenState *st = &d->states[order[s]];
		states[s].trans = (uint32_t)t;
		states[s].fallback = st->fallback_state < 0 ? -1 : renumber[st->fallback_state];
		for (int k = 0; k < st->num_trans; k++) {
			chars[t] = (uint8_t)st->trans[k].ch;
			targets[t++] = (uint32_t)renumber[st->trans[k].new_state];
		}
		if (st->match && *st->match) {
			states[s].match = (uint32_t)p;
			strcpy(pool + p, st->match);
			p += strlen(st->match) + 1;
		}
	}
	states[n].trans = (uint32_t)t;
	struct hyphen_data_level level = {.n_states = (uint32_t)n};
	level.states = put(b, states, (n + 1) * sizeof *states);
	level.targets = put(b, targets, n_trans * sizeof *targets);
	level.chars = put(b, chars, n_trans);
	level.matches = put(b, pool, pool_len);
	free(states);
	free(chars);
	free(targets);
	free(pool);
	free(order);
	free(renumber);
	return level;
}

/* For a single-byte charset, the code point of each byte (iconv decodes them one by one). */
static void fill_codepoints(struct hyphen_data_dict *out, const char *path)
{
	iconv_t cd = iconv_open("UTF-32LE", out->charset);
	if (cd == (iconv_t)-1)
		die(path, "unknown charset on its first line");
	for (int byte = 1; byte < 256; byte++) {
		char in[1] = {(char)byte};
		unsigned char u[8];
		char *ip = in, *op = (char *)u;
		size_t il = 1, ol = sizeof u;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != sizeof u - 4)
			continue;
		uint32_t cp = u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
		if (cp > 0xFFFF)
			die(path, "a single-byte charset with a character beyond the BMP");
		out->codepoint[byte] = (uint16_t)cp;
	}
	iconv_close(cd);
}

static void copy_name(char *dst, size_t cap, const char *src, size_t len, const char *path)
{
	if (len >= cap)
		die(path, "name too long");
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static void put_dict(struct blob *b, size_t index, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t len = strlen(base);
	if (strncmp(base, "hyph_", 5) != 0 || len < 10 || strcmp(base + len - 4, ".dic") != 0)
		die(path, "not named hyph_LANG.dic");
	HyphenDict *top = hnj_hyphen_load(path);
	if (!top)
		die(path, strerror(errno));
	struct hyphen_data_dict d = {0};
	copy_name(d.file, sizeof d.file, base, len, path);
	copy_name(d.name, sizeof d.name, base + 5, len - 9, path);
	copy_name(d.charset, sizeof d.charset, top->cset, strlen(top->cset), path);
	d.utf8 = top->utf8 != 0;
	d.lhmin = top->lhmin;
	d.rhmin = top->rhmin;
	d.clhmin = top->clhmin;
	d.crhmin = top->crhmin;
	if (!d.utf8)
		fill_codepoints(&d, path);
	if (top->nohyphen) {
		const char *nh = top->nohyphen;
		size_t total = 0;
		for (int i = 0; i <= top->nohyphenl; i++)
			total += strlen(nh + total) + 1;
		d.nohyphen = put(b, nh, total);
		d.n_nohyphen = (uint32_t)top->nohyphenl + 1;
	}
	HyphenDict *level = top;
	for (; level && d.n_levels < 2; level = level->nextlevel)
		d.level[d.n_levels++] = put_level(b, level, path);
	if (level)
		die(path, "more than two levels");
	memcpy(b->bytes + offsetof(struct hyphen_data_header, dict) + index * sizeof d, &d,
	       sizeof d);
	hnj_hyphen_free(top);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc - 2 > HYPHEN_DATA_MAX_DICTS) {
		fprintf(stderr, "usage: hyphen-table OUT DIC...\n");
		return 2;
	}
	size_t n = (size_t)(argc - 2);
	struct blob b = {0};
	put(&b, NULL, sizeof(struct hyphen_data_header) + n * sizeof(struct hyphen_data_dict));
	for (size_t i = 0; i < n; i++)
		put_dict(&b, i, argv[i + 2]);
	put(&b, NULL, 0);
	struct hyphen_data_header h = {HYPHEN_DATA_MAGIC, HYPHEN_DATA_VERSION, (uint32_t)n,
				       (uint32_t)b.len};
	memcpy(b.bytes, &h, sizeof h);
	FILE *f = fopen(argv[1], "wb");
	if (!f || fwrite(b.bytes, 1, b.len, f) != b.len || fclose(f) != 0)
		die(argv[1], strerror(errno));
	free(b.bytes);
	return 0;
}
