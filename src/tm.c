/* tm.c — the translation memory; see tm.h. */
#include "tm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "docfind.h"
#include "grow.h"
#include "segment.h"
#include "stale.h"

struct tm_doc {
	char *path;
	struct source *src;
	struct model_doc *doc;
};

/* One vouched-for text of a unit, by language and canonical form. */
struct tm_entry {
	const char *lang; /* lent by its document */
	char *key;        /* canonical form */
	size_t doc, unit;
	struct tm_words *words; /* for fuzzy matching; NULL until made */
};

/* A text as fuzzy matching sees it: its words (hashes of their UTF-8) and its markup. */
struct tm_words {
	uint64_t *hashes;
	size_t n;
	char *tags; /* the canonical form's tags, in order, text left out */
};

struct tm {
	struct loader loader; /* how documents are read */
	struct tm_doc *docs;
	size_t n_docs, cap_docs;
	struct tm_entry *entries;
	size_t n, cap;
};

static void words_free(struct tm_words *w)
{
	if (!w)
		return;
	free(w->hashes);
	free(w->tags);
	free(w);
}

struct tm *tm_new(const struct loader *loader)
{
	struct tm *tm = calloc(1, sizeof(struct tm));
	if (tm)
		tm->loader = *loader;
	return tm;
}

static void doc_free(struct tm_doc *d)
{
	free(d->path);
	source_free(d->src);
	model_doc_free(d->doc);
}

static void entry_free(struct tm_entry *e)
{
	free(e->key);
	words_free(e->words);
}

void tm_free(struct tm *tm)
{
	if (!tm)
		return;
	GROW_FREE(tm->docs, tm->n_docs, doc_free);
	GROW_FREE(tm->entries, tm->n, entry_free);
	free(tm);
}

size_t tm_documents(const struct tm *tm)
{
	return tm->n_docs;
}

/* How much T of UNIT can be trusted: 0 not at all (a draft, stale), else its state + 1;
 * a document's source counts as final.  -1 when memory ran out. */
static int trust(const struct model_doc *doc, const struct model_unit *unit,
		 const struct model_text *t)
{
	if (!t || !t->lang || !model_text_has_content(t)) /* an empty <t> is no translation */
		return 0;
	if (doc->source_lang && strcmp(t->lang, doc->source_lang) == 0)
		return STATE_FINAL + 1;
	if (t->state < STATE_TRANSLATED)
		return 0;
	enum stale_state stale;
	if (stale_text_state(doc, unit, t, &stale) != 0)
		return -1;
	return stale == STALE_STALE ? 0 : (int)t->state + 1;
}

/* E's unit's translation into LANG as a match of SCORE (*M), and how much it can be
 * trusted (trust()). */
static int entry_match(const struct tm *tm, const struct tm_entry *e, const char *lang,
		       unsigned score, struct tm_match *m)
{
	const struct tm_doc *d = &tm->docs[e->doc];
	const struct model_unit *unit = &d->doc->units[e->unit];
	const struct model_text *t = model_unit_text(unit, lang);
	bool is_source = t && t->lang && d->doc->source_lang &&
			 strcmp(t->lang, d->doc->source_lang) == 0;
	*m = (struct tm_match){t, unit, d->src, d->path, is_source, score};
	return trust(d->doc, unit, t);
}

static int compare_entries(const void *a, const void *b)
{
	const struct tm_entry *x = a, *y = b;
	int c = strcasecmp(x->lang, y->lang);
	if (c == 0)
		c = strcmp(x->key, y->key);
	if (c == 0)
		c = x->doc < y->doc ? -1 : x->doc > y->doc;
	if (c == 0)
		c = x->unit < y->unit ? -1 : x->unit > y->unit;
	return c;
}

static int add_entry(struct tm *tm, const char *lang, char *key, size_t doc, size_t unit)
{
	if (!GROW(tm->entries, tm->cap, tm->n + 1)) {
		free(key);
		return -1;
	}
	tm->entries[tm->n++] = (struct tm_entry){lang, key, doc, unit, NULL};
	return 0;
}

static struct tm_words *words_of(const char *key);

/* Indexes the vouched-for texts of document D, with their words for fuzzy matching. */
static int index_document(struct tm *tm, size_t d)
{
	const struct model_doc *doc = tm->docs[d].doc;
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		for (size_t i = 0; i < unit->n_texts; i++) {
			const struct model_text *t = &unit->texts[i];
			int trusted = trust(doc, unit, t);
			if (trusted < 0)
				return -1;
			if (trusted == 0 || model_unit_text(unit, t->lang) != t)
				continue;
			char *key = segment_canonical(t);
			if (!key || add_entry(tm, t->lang, key, d, u) != 0)
				return -1;
			if (!(tm->entries[tm->n - 1].words = words_of(key)))
				return -1;
		}
	}
	qsort(tm->entries, tm->n, sizeof *tm->entries, compare_entries);
	return 0;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Loads one document.  GIVEN: named by the user (unreadable is an error), not found in a
 * directory (unreadable is a warning). */
static int load_file(struct tm *tm, const char *path, bool given, const struct stat *exclude,
		     struct diag_list *diags)
{
	struct stat st;
	if (exclude && stat(path, &st) == 0 && same_file(&st, exclude))
		return 0;
	struct diag_list found;
	diag_list_init(&found);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	const struct loader *loader = &tm->loader;
	enum pipeline_status status = loader->check(loader->context, path, NULL, 0, &found, &src,
						    &doc);
	bool no_memory = found.out_of_memory;
	if (status == PIPELINE_UNREADABLE && given)
		for (size_t i = 0; i < found.n; i++)
			diag_add(diags, DIAG_ERROR, found.items[i].file, 0, 0, found.items[i].rule, "%s",
				 found.items[i].message);
	diag_list_clear(&found);
	if (no_memory)
		return -1;
	if (status == PIPELINE_UNREADABLE && given)
		return 1;
	if (status != PIPELINE_OK) {
		diag_add(diags, DIAG_WARNING, path, 0, 0, "tm-skipped",
			 "left out of the translation memory: %s (run 'broadside validate %s')",
			 status == PIPELINE_UNREADABLE ? "it cannot be read" : "it does not validate",
			 path);
		return 0;
	}
	if (!GROW(tm->docs, tm->cap_docs, tm->n_docs + 1)) {
		source_free(src);
		model_doc_free(doc);
		return -1;
	}
	char *copy = strdup(path);
	if (!copy) {
		source_free(src);
		model_doc_free(doc);
		return -1;
	}
	tm->docs[tm->n_docs++] = (struct tm_doc){copy, src, doc};
	return index_document(tm, tm->n_docs - 1);
}

/* A folder's documents, searched recursively (docfind.h); a folder that cannot be read or
 * holds no document is an error [read]. */
static int load_directory(struct tm *tm, const char *path, const struct stat *exclude,
			  struct diag_list *diags)
{
	char **names = NULL, *why = NULL;
	size_t n = 0;
	if (docfind_collect(&path, 1, &names, &n, &why) != 0) {
		int rc = why && strcmp(why, "out of memory") != 0 ? 1 : -1;
		if (rc == 1)
			diag_add(diags, DIAG_ERROR, path, 0, 0, "read", "%s", why);
		free(why);
		return rc;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = load_file(tm, names[i], false, exclude, diags);
	docfind_free(names, n);
	return rc;
}

int tm_load(struct tm *tm, const char *const *paths, size_t n, const char *exclude,
	    struct diag_list *diags)
{
	struct stat st, ex;
	bool has_exclude = exclude && stat(exclude, &ex) == 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc = load_directory(tm, paths[i], has_exclude ? &ex : NULL, diags);
		else
			rc = load_file(tm, paths[i], true, has_exclude ? &ex : NULL, diags);
	}
	return rc;
}

/* ---- fuzzy matching ----------------------------------------------------------------- */

/* Splits canonical form KEY into its tags (into TAGS) and its text (into TEXT, a space
 * for each tag, the five XML entities decoded).  Both have room for KEY. */
static void split_key(const char *key, char *text, char *tags)
{
	static const struct { const char *ref; char c; } refs[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
	size_t t = 0, g = 0;
	for (const char *p = key; *p;) {
		if (*p == '<') {
			while (*p && *p != '>')
				tags[g++] = *p++;
			if (*p)
				tags[g++] = *p++;
			text[t++] = ' ';
			continue;
		}
		size_t k = 0;
		while (*p == '&' && k < 5 && strncmp(p, refs[k].ref, strlen(refs[k].ref)) != 0)
			k++;
		if (*p == '&' && k < 5) {
			text[t++] = refs[k].c;
			p += strlen(refs[k].ref);
		} else {
			text[t++] = *p++;
		}
	}
	text[t] = tags[g] = '\0';
}

/* FNV-1a over a word's UTF-16 code units. */
static uint64_t word_hash(const UChar *u, int32_t n)
{
	uint64_t h = 14695981039346656037u;
	for (int32_t i = 0; i < n; i++)
		h = (h ^ u[i]) * 1099511628211u;
	return h;
}

/* The words of TEXT by ICU's word boundaries (UBRK_WORD, root locale): the pieces whose
 * rule status is a word's (letters, numbers, ideographs), not spaces or punctuation.  */
static int hash_words(const char *text, struct tm_words *w)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, text, -1, &err);
	err = U_ZERO_ERROR;
	UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
	w->hashes = malloc(((size_t)n16 + 1) * sizeof *w->hashes);
	if (!u || !w->hashes) {
		free(u);
		return -1;
	}
	u_strFromUTF8(u, n16 + 1, NULL, text, -1, &err);
	UBreakIterator *bi = U_SUCCESS(err) ? ubrk_open(UBRK_WORD, "", u, n16, &err) : NULL;
	if (!bi || U_FAILURE(err)) {
		ubrk_close(bi);
		free(u);
		return err == U_MEMORY_ALLOCATION_ERROR ? -1 : 0; /* bad UTF-8: no words */
	}
	for (int32_t start = ubrk_first(bi), end; (end = ubrk_next(bi)) != UBRK_DONE; start = end)
		if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
			w->hashes[w->n++] = word_hash(u + start, end - start);
	ubrk_close(bi);
	free(u);
	return 0;
}

/* KEY as fuzzy matching sees it; NULL when memory ran out. */
static struct tm_words *words_of(const char *key)
{
	size_t len = strlen(key);
	struct tm_words *w = calloc(1, sizeof *w);
	char *text = malloc(len + 1);
	if (w)
		w->tags = malloc(len + 1);
	if (!w || !text || !w->tags) {
		free(text);
		words_free(w);
		return NULL;
	}
	split_key(key, text, w->tags);
	int rc = hash_words(text, w);
	free(text);
	if (rc != 0) {
		words_free(w);
		return NULL;
	}
	return w;
}

/* The word-level similarity of A and B in percent, rounded down: 100 × (1 − d / max),
 * d the edit distance counted in words (a word inserted, deleted or replaced), max the
 * longer one's word count.  -1 when memory ran out; 0 when either has no words or their
 * markup differs (a proposal must never bring other dates or links). */
static int similarity(const struct tm_words *a, const struct tm_words *b)
{
	size_t max = a->n > b->n ? a->n : b->n, diff = a->n > b->n ? a->n - b->n : b->n - a->n;
	if (a->n == 0 || b->n == 0 || strcmp(a->tags, b->tags) != 0 ||
	    diff * 100 > max * (100 - TM_FUZZY_MIN))
		return 0;
	size_t *row = malloc((b->n + 1) * sizeof *row);
	if (!row)
		return -1;
	for (size_t j = 0; j <= b->n; j++)
		row[j] = j;
	for (size_t i = 1; i <= a->n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= b->n; j++) {
			size_t up = row[j];
			size_t best = diag + (a->hashes[i - 1] != b->hashes[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[b->n];
	free(row);
	return (int)((max - d) * 100 / max);
}

/* The best fuzzy match for canonical form KEY: the highest score of at least
 * TM_FUZZY_MIN, then the most trusted, then the first document and unit.  1, 0, -1. */
static int fuzzy_lookup(const struct tm *tm, const char *key, const char *source_lang,
			const char *lang, struct tm_match *match)
{
	struct tm_words *probe = words_of(key);
	if (!probe)
		return -1;
	int best_score = 0, best_trust = 0, rc = 0;
	size_t best_doc = 0, best_unit = 0;
	for (size_t i = 0; i < tm->n && rc >= 0; i++) {
		const struct tm_entry *e = &tm->entries[i];
		if (strcasecmp(e->lang, source_lang) != 0)
			continue;
		int score = similarity(probe, e->words);
		if (score < 0) {
			rc = -1;
			break;
		}
		if (score < TM_FUZZY_MIN || score < best_score)
			continue;
		struct tm_match candidate;
		int trusted = entry_match(tm, e, lang, (unsigned)score, &candidate);
		if (trusted < 0) {
			rc = -1;
			break;
		}
		bool earlier = e->doc < best_doc || (e->doc == best_doc && e->unit < best_unit);
		if (trusted == 0 || (score == best_score && (trusted < best_trust ||
							     (trusted == best_trust && !earlier))))
			continue;
		best_score = score;
		best_trust = trusted;
		best_doc = e->doc;
		best_unit = e->unit;
		*match = candidate;
		rc = 1;
	}
	words_free(probe);
	return rc;
}

int tm_lookup(const struct tm *tm, const struct model_text *source, const char *source_lang,
	      const char *lang, struct tm_match *match)
{
	char *key = segment_canonical(source);
	if (!key)
		return -1;
	struct tm_entry probe = {source_lang, key, 0, 0};
	/* The first entry not before (SOURCE_LANG, KEY). */
	size_t lo = 0, hi = tm->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (compare_entries(&tm->entries[mid], &probe) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int best = 0, rc = 0;
	for (size_t i = lo; i < tm->n; i++) {
		const struct tm_entry *e = &tm->entries[i];
		if (strcasecmp(e->lang, source_lang) != 0 || strcmp(e->key, key) != 0)
			break;
		struct tm_match candidate;
		int trusted = entry_match(tm, e, lang, 100, &candidate);
		if (trusted < 0) {
			rc = -1;
			break;
		}
		if (trusted > best) {
			best = trusted;
			*match = candidate;
			rc = 1;
		}
	}
	if (rc == 0)
		rc = fuzzy_lookup(tm, key, source_lang, lang, match);
	free(key);
	return rc;
}
