/* status.c — translation status per language; see status.h. */
#include "status.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "stale.h"

static const char *const state_names[] = {"initial", "translated", "reviewed", "final"};

int status_state_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(name, state_names[i]) == 0)
			return i;
	return -1;
}

const char *status_state_name(enum model_state state)
{
	return (unsigned)state < 4 ? state_names[state] : "?";
}

void status_doc_clear(struct status_doc *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_langs; i++)
		free(st->langs[i].missing_units); /* and the other two lists: one block */
	free(st->langs);
	memset(st, 0, sizeof *st);
}

static void count_unit(const struct model_unit *unit, const char *source_hash,
		       struct status_lang *l)
{
	const struct model_text *t = model_unit_usable_text(unit, l->lang);
	l->units++;
	if (!t) {
		l->missing_units[l->missing++] = unit;
		return;
	}
	size_t *by_state[] = {&l->initial, &l->translated, &l->reviewed, &l->final};
	(*by_state[t->state])++;
	if (t->state == STATE_INITIAL)
		l->draft_units[l->initial - 1] = unit;
	enum stale_state stale = l->is_source || !source_hash ? STALE_UNKNOWN
							      : stale_state_of(t, source_hash);
	if (stale == STALE_STALE)
		l->stale_units[l->stale++] = unit;
	if (!l->is_source && !t->src_hash)
		l->unconfirmed++;
	if (t->state >= STATE_TRANSLATED && stale != STALE_STALE)
		l->done++;
}

int status_document(const struct model_doc *doc, struct status_doc *out)
{
	memset(out, 0, sizeof *out);
	out->doc = doc;
	out->langs = calloc(doc->n_langs + 1, sizeof *out->langs);
	if (!out->langs)
		return -1;
	out->n_langs = doc->n_langs;
	for (size_t i = 0; i < doc->n_langs; i++) {
		struct status_lang *l = &out->langs[i];
		l->lang = doc->langs[i];
		l->is_source = doc->source_lang && strcmp(l->lang, doc->source_lang) == 0;
		/* one block, each list with room for every unit and a NULL */
		l->missing_units = calloc(3 * (doc->n_units + 1), sizeof *l->missing_units);
		if (!l->missing_units)
			goto failed;
		l->stale_units = l->missing_units + doc->n_units + 1;
		l->draft_units = l->stale_units + doc->n_units + 1;
	}
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		const struct model_text *source =
			doc->source_lang ? model_unit_text(unit, doc->source_lang) : NULL;
		char hash[STALE_HASH_SIZE];
		if (source && stale_hash(source, hash) != 0)
			goto failed;
		for (size_t i = 0; i < out->n_langs; i++)
			count_unit(unit, source ? hash : NULL, &out->langs[i]);
	}
	for (size_t i = 0; i < out->n_langs; i++) {
		struct status_lang *l = &out->langs[i];
		l->percent = l->units ? (unsigned)(l->done * 100 / l->units) : 100;
	}
	return 0;
failed:
	status_doc_clear(out);
	return -1;
}

static const struct status_lang *find_lang(const struct status_doc *st, const char *lang)
{
	for (size_t i = 0; i < st->n_langs; i++)
		if (strcasecmp(st->langs[i].lang, lang) == 0)
			return &st->langs[i];
	return NULL;
}

void status_require(const struct status_doc *st, const struct source *src, const char *lang,
		    enum model_state state, struct diag_list *diags)
{
	const struct model_doc *doc = st->doc;
	const struct status_lang *l = find_lang(st, lang);
	if (!l) {
		diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "status-require",
			"--require %s=%s: %s is not one of the document's languages", lang,
			status_state_name(state), lang);
		return;
	}
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		const struct model_text *t = model_unit_usable_text(unit, l->lang);
		const char *id = unit->id ? unit->id : "?";
		bool stale = false;
		for (size_t k = 0; k < l->stale; k++)
			stale |= l->stale_units[k] == unit;
		if (!t)
			diag_at(diags, src, unit->offset, DIAG_ERROR, "status-require",
				"unit \"%s\" has no %s translation (--require %s=%s)", id, l->lang,
				l->lang, status_state_name(state));
		else if (t->state < state)
			diag_at(diags, src, t->offset, DIAG_ERROR, "status-require",
				"unit \"%s\" is only %s in %s (--require %s=%s)", id,
				status_state_name(t->state), l->lang, l->lang, status_state_name(state));
		else if (stale)
			diag_at(diags, src, t->offset, DIAG_ERROR, "status-require",
				"unit \"%s\" is stale in %s: its source changed since it was confirmed "
				"(--require %s=%s)", id, l->lang, l->lang, status_state_name(state));
	}
}

void status_min(const struct status_doc *st, const struct source *src, unsigned percent,
		struct diag_list *diags)
{
	for (size_t i = 0; i < st->n_langs; i++) {
		const struct status_lang *l = &st->langs[i];
		if (l->is_source || l->percent >= percent)
			continue;
		diag_at(diags, src, st->doc->langs_offset, DIAG_ERROR, "status-min",
			"%s is %u%% complete (--min %u): %zu missing, %zu drafts, %zu stale of %zu units",
			l->lang, l->percent, percent, l->missing, l->initial, l->stale, l->units);
	}
}
