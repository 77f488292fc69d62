/* tm.c — the translation memory; see tm.h. */
#include "tm.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "docfind.h"
#include "pipeline.h"
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
};

struct tm {
	struct tm_doc *docs;
	size_t n_docs, cap_docs;
	struct tm_entry *entries;
	size_t n, cap;
};

struct tm *tm_new(void)
{
	return calloc(1, sizeof(struct tm));
}

void tm_free(struct tm *tm)
{
	if (!tm)
		return;
	for (size_t i = 0; i < tm->n_docs; i++) {
		free(tm->docs[i].path);
		source_free(tm->docs[i].src);
		model_doc_free(tm->docs[i].doc);
	}
	for (size_t i = 0; i < tm->n; i++)
		free(tm->entries[i].key);
	free(tm->docs);
	free(tm->entries);
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
	if (tm->n == tm->cap) {
		size_t cap = tm->cap ? tm->cap * 2 : 64;
		struct tm_entry *items = realloc(tm->entries, cap * sizeof *items);
		if (!items) {
			free(key);
			return -1;
		}
		tm->entries = items;
		tm->cap = cap;
	}
	tm->entries[tm->n++] = (struct tm_entry){lang, key, doc, unit};
	return 0;
}

/* Indexes the vouched-for texts of document D. */
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
	enum pipeline_status status = pipeline_check(path, &found, &src, &doc);
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
	if (tm->n_docs == tm->cap_docs) {
		size_t cap = tm->cap_docs ? tm->cap_docs * 2 : 8;
		struct tm_doc *docs = realloc(tm->docs, cap * sizeof *docs);
		if (!docs) {
			source_free(src);
			model_doc_free(doc);
			return -1;
		}
		tm->docs = docs;
		tm->cap_docs = cap;
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
		const struct tm_doc *d = &tm->docs[e->doc];
		const struct model_unit *unit = &d->doc->units[e->unit];
		const struct model_text *t = model_unit_text(unit, lang);
		int trusted = trust(d->doc, unit, t);
		if (trusted < 0) {
			rc = -1;
			break;
		}
		if (trusted > best) {
			best = trusted;
			*match = (struct tm_match){t, unit, d->src, d->path,
						   trusted == STATE_FINAL + 1 &&
							   strcmp(t->lang, d->doc->source_lang) == 0};
			rc = 1;
		}
	}
	free(key);
	return rc;
}
