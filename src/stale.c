/* stale.c — src-hash and stale translations; see stale.h. */
#include "stale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "segment.h"

void stale_hash_canonical(const char *canonical, char hash[STALE_HASH_SIZE])
{
	guint8 digest[32];
	gsize len = sizeof digest;
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)canonical, (gssize)strlen(canonical));
	g_checksum_get_digest(sum, digest, &len);
	g_checksum_free(sum);
	int n = snprintf(hash, STALE_HASH_SIZE, "sha256:");
	for (size_t i = 0; i < 8; i++)
		n += snprintf(hash + n, STALE_HASH_SIZE - (size_t)n, "%02x", digest[i]);
}

int stale_hash(const struct model_text *source, char hash[STALE_HASH_SIZE])
{
	char *canonical = segment_canonical(source);
	if (!canonical)
		return -1;
	stale_hash_canonical(canonical, hash);
	free(canonical);
	return 0;
}

enum stale_state stale_state_of(const struct model_text *t, const char *source_hash)
{
	if (!t->src_hash)
		return STALE_UNKNOWN;
	return strcmp(t->src_hash, source_hash) == 0 ? STALE_FRESH : STALE_STALE;
}

static bool is_source(const struct model_doc *doc, const struct model_text *t)
{
	return t->lang && doc->source_lang && strcmp(t->lang, doc->source_lang) == 0;
}

int stale_text_state(const struct model_doc *doc, const struct model_unit *unit,
		     const struct model_text *t, enum stale_state *state)
{
	*state = STALE_UNKNOWN;
	const struct model_text *source = model_unit_text(unit, doc->source_lang);
	if (!t->src_hash || !source || is_source(doc, t))
		return 0;
	char hash[STALE_HASH_SIZE];
	if (stale_hash(source, hash) != 0)
		return -1;
	*state = stale_state_of(t, hash);
	return 0;
}

void stale_check(const struct model_doc *doc, const struct source *src,
		 struct diag_list *diags)
{
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		const struct model_text *source = doc->source_lang
							  ? model_unit_text(unit, doc->source_lang)
							  : NULL;
		bool confirmed = false;
		for (size_t i = 0; i < unit->n_texts; i++)
			confirmed |= unit->texts[i].src_hash && !is_source(doc, &unit->texts[i]);
		if (!source || !confirmed)
			continue;
		char hash[STALE_HASH_SIZE];
		if (stale_hash(source, hash) != 0) {
			diags->out_of_memory = true;
			return;
		}
		for (size_t i = 0; i < unit->n_texts; i++) {
			const struct model_text *t = &unit->texts[i];
			if (is_source(doc, t) || !t->lang || stale_state_of(t, hash) != STALE_STALE)
				continue;
			diag_at(diags, src, t->offset, DIAG_WARNING, "translation-stale",
				"the %s translation of unit \"%s\" is stale: its %s source has changed "
				"since it was confirmed; update it, then run "
				"'broadside confirm %s --lang %s --unit %s'",
				t->lang, unit->id ? unit->id : "?", doc->source_lang, src->path, t->lang,
				unit->id ? unit->id : "?");
		}
	}
}
