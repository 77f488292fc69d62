/* model.c — freeing and reading the plain document; see model.h. */
#include "model.h"
#include "grow.h"
#include "order.h"

#include <stdlib.h>
#include <string.h>

static void inline_free(struct model_inline *run)
{
	free(run->text);
	free(run->text_offsets);
	free(run->lang);
	free(run->href);
	free(run->when);
	free(run->from);
	free(run->to);
	GROW_FREE(run->children, run->n_children, inline_free);
}

static void strings_free(char **strings, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(strings[i]);
	free(strings);
}

static void unit_free(struct model_unit *unit)
{
	free(unit->id);
	for (size_t i = 0; i < unit->n_texts; i++) {
		struct model_text *t = &unit->texts[i];
		free(t->lang);
		free(t->src_hash);
		for (size_t j = 0; j < t->n_runs; j++)
			inline_free(&t->runs[j]);
		free(t->runs);
	}
	free(unit->texts);
	strings_free(unit->notes, unit->n_notes);
}

void model_doc_free(struct model_doc *doc)
{
	if (!doc)
		return;
	free(doc->id);
	free(doc->source_lang);
	strings_free(doc->langs, doc->n_langs);
	GROW_FREE(doc->units, doc->n_units, unit_free);
	for (size_t i = 0; i < doc->n_blocks; i++) {
		free(doc->blocks[i].id);
		free(doc->blocks[i].when);
		free(doc->blocks[i].until);
		free(doc->blocks[i].time);
	}
	free(doc->blocks);
	free(doc->date);
	free(doc->contact_email);
	free(doc->contact_url);
	free(doc->print.paper);
	free(doc->print.orientation);
	free(doc->print.layout);
	strings_free(doc->notes, doc->n_notes);
	free(doc->units_by_id);
	free(doc);
}

static bool digits(const char *s, size_t n, int *value)
{
	*value = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*value = *value * 10 + (s[i] - '0');
	}
	return true;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

bool model_date_parse(const char *s, struct model_date *date)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	struct model_date d;
	if (!digits(s, 4, &d.year) || !digits(s + 5, 2, &d.month) || !digits(s + 8, 2, &d.day))
		return false;
	if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > days_in_month(d.year, d.month))
		return false;
	*date = d;
	return true;
}

int model_date_compare(const struct model_date *a, const struct model_date *b)
{
	return ORDER(a->year, b->year) ?: ORDER(a->month, b->month) ?: ORDER(a->day, b->day);
}

const struct model_text *model_unit_text(const struct model_unit *unit, const char *lang)
{
	for (size_t i = 0; lang && i < unit->n_texts; i++)
		if (unit->texts[i].lang && strcmp(unit->texts[i].lang, lang) == 0)
			return &unit->texts[i];
	return NULL;
}

static bool runs_have_content(const struct model_inline *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_inline *run = &runs[i];
		if (run->kind == INLINE_DATE)
			return true;
		for (size_t k = 0; run->kind == INLINE_TEXT && k < run->text_len; k++)
			if (!strchr(" \t\n\r", run->text[k]))
				return true;
		if (runs_have_content(run->children, run->n_children))
			return true;
	}
	return false;
}

bool model_text_has_content(const struct model_text *t)
{
	return t && runs_have_content(t->runs, t->n_runs);
}

const struct model_text *model_unit_usable_text(const struct model_unit *unit, const char *lang)
{
	const struct model_text *t = model_unit_text(unit, lang);
	return model_text_has_content(t) ? t : NULL;
}

static const struct model_doc *sorting; /* qsort passes no context */

static int compare_by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(sorting->units[i].id, sorting->units[j].id);
	return c ? c : (i > j) - (i < j);
}

int model_doc_index(struct model_doc *doc)
{
	free(doc->units_by_id);
	doc->units_by_id = malloc((doc->n_units + 1) * sizeof *doc->units_by_id);
	doc->n_units_by_id = 0;
	if (!doc->units_by_id)
		return -1;
	for (size_t i = 0; i < doc->n_units; i++)
		if (doc->units[i].id)
			doc->units_by_id[doc->n_units_by_id++] = i;
	sorting = doc;
	qsort(doc->units_by_id, doc->n_units_by_id, sizeof *doc->units_by_id, compare_by_id);
	sorting = NULL;
	return 0;
}

const struct model_unit *model_doc_unit(const struct model_doc *doc, const char *id)
{
	if (!id)
		return NULL;
	if (!doc->units_by_id) {
		for (size_t i = 0; i < doc->n_units; i++)
			if (doc->units[i].id && strcmp(doc->units[i].id, id) == 0)
				return &doc->units[i];
		return NULL;
	}
	size_t lo = 0, hi = doc->n_units_by_id; /* the first whose id is not before ID */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(doc->units[doc->units_by_id[mid]].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->n_units_by_id && strcmp(doc->units[doc->units_by_id[lo]].id, id) == 0)
		return &doc->units[doc->units_by_id[lo]];
	return NULL;
}

const char *model_unit_kind_name(enum model_unit_kind kind)
{
	static const char *const names[] = {
		[UNIT_TITLE] = "title",         [UNIT_SUBTITLE] = "subtitle",
		[UNIT_ISSUER] = "issuer",       [UNIT_FROM] = "from",
		[UNIT_TO] = "to",               [UNIT_PLACE] = "place",
		[UNIT_HEADING] = "h",           [UNIT_PARAGRAPH] = "p",
		[UNIT_SALUTATION] = "salutation", [UNIT_CLOSING] = "closing",
		[UNIT_SIGNATURE] = "signature", [UNIT_ITEM] = "item",
		[UNIT_CITE] = "cite",           [UNIT_VENUE] = "place",
	};
	return names[kind];
}
