/* exchange_import.c — a translator's PO file back into edits of the document; see
 * exchange.h (the export is exchange.c, what PO and XLIFF imports share import.h). */
#include "exchange.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import.h"
#include "po.h"
#include "segment.h"
#include "stale.h"
#include "tagform.h"

/* The document's language for TAG: the same tag (de_CH for de-CH) or, when the document
 * has none, its one language that is TAG's primary subtag alone (fr for fr_FR, fr-FR,
 * fr_FR.UTF-8, fr@euro), and then *VARIANT is set.  NULL when there is none. */
static const char *lang_for(const struct model_doc *doc, const char *tag, bool *variant)
{
	*variant = false;
	const char *same = import_doc_language(doc, tag);
	if (same)
		return same;
	size_t primary = strcspn(tag, "_-.@");
	for (size_t i = 0; i < doc->n_langs && primary > 0; i++)
		if (strlen(doc->langs[i]) == primary && strncasecmp(doc->langs[i], tag, primary) == 0) {
			*variant = true;
			return doc->langs[i];
		}
	return NULL;
}

/* The language the file was exported for, as broadside recorded it: the header field
 * X-Broadside-Language, or the tag in the first comment line ("# Translation into de of
 * the broadside document"), which older exports have; NULL when neither is there.
 * *AT gets where it stands. */
static char *recorded_language(const struct po_entry *header, const struct source *po,
			       uint32_t *at)
{
	*at = header->offset;
	char *lang = po_header_field(header, "X-Broadside-Language", at);
	static const char intro[] = "# Translation into ";
	if (lang || strncmp(po->bytes, intro, sizeof intro - 1) != 0)
		return lang;
	const char *tag = po->bytes + sizeof intro - 1;
	*at = (uint32_t)(tag - po->bytes);
	return strndup(tag, strcspn(tag, " \n"));
}

/* A German file relabelled "Language: fa" would overwrite every Farsi translation with
 * German: the Language header must be the language the file was exported for. */
static bool check_recorded_language(struct import_run *im, const struct po_entry *header,
				    const char *lang, const char *mine, uint32_t lang_at)
{
	uint32_t at;
	char *recorded = recorded_language(header, im->file, &at);
	bool variant;
	bool same = !recorded || lang_for(im->doc, recorded, &variant) == mine;
	unsigned line, col;
	source_position(im->file, at, &line, &col);
	if (!same)
		import_refuse(im, lang_at, "po-language",
			      "the header says Language: %s, but this file was exported as a translation "
			      "into %s (line %u); a file relabelled for another language is refused: "
			      "export one for %s", lang, recorded, line, lang);
	free(recorded);
	return same;
}

/* Who translated: the header's Last-Translator, unless empty or a placeholder (xgettext's,
 * msginit --no-translator's). */
static char *last_translator(const struct po_entry *header)
{
	char *who = po_header_field(header, "Last-Translator", NULL);
	if (who && (!who[0] || strncmp(who, "FULL NAME", 9) == 0 ||
		    strcmp(who, "Automatically generated") == 0)) {
		free(who);
		who = NULL;
	}
	return who;
}

/* The document the header names: this one, or none (a file from msginit or Weblate,
 * whose entries must then name the document's units). */
static void check_document(struct import_run *im, const struct po_entry *header)
{
	uint32_t at = header->offset;
	char *id = po_header_field(header, "X-Broadside-Document", &at);
	if (!id)
		import_warn(im, header->msgstr.offset, "po-document",
			    "the header names no broadside document (X-Broadside-Document): not a file "
			    "of 'broadside po export'; its entries are taken by their msgctxt, which "
			    "must be unit ids of \"%s\"", im->doc->id);
	else if (strcmp(id, im->doc->id) != 0)
		import_refuse(im, at, "po-document", "this file is for the document \"%s\", not \"%s\" (%s)",
			      id, im->doc->id, im->src->path);
	free(id);
}

/* The header's checks: the document, the language, UTF-8.  Sets IM->lang. */
static void check_header(struct import_run *im, const struct po_file *file, const char *want)
{
	static const struct po_entry no_header;
	const struct model_doc *doc = im->doc;
	const struct po_entry *header = po_header(file);
	if (!header)
		header = &no_header;
	check_document(im, header);
	uint32_t at = header->offset;
	char *lang = po_header_field(header, "Language", &at);
	if ((!lang || !lang[0]) && want) {
		free(lang);
		lang = strdup(want);
		at = header->msgstr.offset;
	}
	bool variant = false;
	const char *mine = lang ? lang_for(doc, lang, &variant) : NULL;
	if (!lang || !lang[0])
		import_refuse(im, header->msgstr.offset, "po-language", "the header has no Language; "
			      "name the file's language with --lang");
	else if (!mine)
		import_refuse(im, at, "po-language", "this file is in %s, which is not one of the languages "
			      "of \"%s\" (%s)", lang, doc->id, im->src->path);
	else if (strcmp(mine, doc->source_lang) == 0)
		import_refuse(im, at, "po-language", "this file is in %s, the source language of \"%s\"; "
			      "translations only", lang, doc->id);
	else if (want && strcasecmp(want, mine) != 0)
		import_refuse(im, at, "po-language", "this file is in %s, not %s (--lang)", lang, want);
	else if (check_recorded_language(im, header, lang, mine, at))
		im->lang = mine;
	if (im->lang && variant)
		import_warn(im, at, "po-language", "the header says Language: %s; imported as %s, the "
			    "document's language", lang, mine);
	free(lang);
	im->translator = last_translator(header);
	at = header->offset;
	char *type = po_header_field(header, "Content-Type", &at);
	const char *charset = type ? strcasestr(type, "charset=") : NULL;
	if (charset && strncasecmp(charset + 8, "UTF-8", 5) != 0)
		import_refuse(im, at, "po-charset", "the file says it is in %s; broadside reads UTF-8 "
			      "(convert it with: msgconv --to-code=UTF-8)", charset + 8);
	free(type);
}

/* Parses the tagged string S against SOURCE into OUT; refuses it at its place. */
static bool parse_string(struct import_run *im, const struct po_string *s,
			 const struct segment *source, const char *what, struct segment *out)
{
	struct tagform_error err;
	int rc = tagform_parse(s->text, s->len, source, out, &err);
	if (rc < 0)
		im->failed = true;
	else if (rc > 0)
		import_refuse(im, s->offsets[err.at <= s->len ? err.at : s->len], "po-tags", "%s: %s", what,
			      err.message);
	return rc == 0;
}

/* Who made T's translation, when the file says (translator="…"). */
static void set_translator(struct import_run *im, const struct model_text *t)
{
	if (im->translator)
		import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "translator", im->translator));
}

/* A draft translated from OLD, a source the unit no longer has: a note says so. */
static void note_old_source(struct import_run *im, const struct model_unit *unit, const char *old)
{
	char *note = NULL;
	if (asprintf(&note, "A draft from po import, translated from an earlier source: %s",
		     old) < 0) {
		im->failed = true;
		return;
	}
	import_edit_done(im, edit_insert_note(im->edits, im->src, unit, note));
	free(note);
}

/* The edits for the translation of UNIT that ENTRY brings, now parsed into TR; OLD is the
 * earlier source it was translated from when that is no longer the unit's (or NULL). */
static void apply_entry(struct import_run *im, const struct po_entry *entry,
			const struct model_unit *unit, const char *hash, struct segment *tr,
			const char *old)
{
	struct import_text text;
	if (!import_text_of(im, unit, tr, &text))
		goto done;
	const struct model_text *t = text.t;
	const char *xml = text.xml;
	bool fuzzy = entry->fuzzy || old;
	if (import_text_same(&text)) {
		bool unconfirmed = stale_state_of(t, hash) == STALE_STALE || t->state == STATE_INITIAL;
		if (fuzzy || !unconfirmed) {
			im->report->unchanged++;
			goto done;
		}
		/* Approved as it is: confirmed, and a draft no longer. */
		if (t->state == STATE_INITIAL)
			import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", "translated"));
		import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", hash));
		set_translator(im, t);
		import_report_add(im, (struct import_item){.unit = unit, .offset = t->offset,
						     .change = IMPORT_CONFIRMED});
		goto done;
	} else if (t) {
		import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "state",
						      fuzzy ? "initial" : "translated"));
		if (!fuzzy)
			import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", hash));
		set_translator(im, t);
		import_edit_done(im, edit_t_content(im->edits, im->src, t, xml));
		import_report_add(im, (struct import_item){
			unit, t->offset, IMPORT_CHANGED, fuzzy, old != NULL, NULL});
	} else {
		import_edit_done(im, edit_insert_t_by(im->edits, im->src, unit, im->lang,
						      fuzzy ? "initial" : "translated", fuzzy ? NULL : hash,
						      im->translator, xml));
		import_report_add(im, (struct import_item){
			unit, unit->offset, IMPORT_NEW, fuzzy, old != NULL, NULL});
	}
	if (old)
		note_old_source(im, unit, old);
done:
	import_text_clear(&text);
}

/* The unit ENTRY is for, or NULL when it is for none (refused). */
static const struct model_unit *entry_unit(struct import_run *im, const struct po_entry *entry)
{
	if (entry->plural) {
		import_refuse(im, entry->msgid.offset, "po-entry", "a plural entry (msgid_plural); "
			      "broadside's entries have none");
		return NULL;
	}
	if (!entry->msgctxt.present) {
		import_refuse(im, entry->msgid.offset, "po-context", "an entry without msgctxt; broadside "
			      "names each entry by its unit's id");
		return NULL;
	}
	const char *id = entry->msgctxt.text;
	const struct model_unit *unit = model_doc_unit(im->doc, id);
	if (!unit) {
		import_refuse(im, entry->msgctxt.offset, "po-context", "there is no unit \"%s\" in \"%s\" (%s)",
			      id, im->doc->id, im->src->path);
		return NULL;
	}
	size_t index = (size_t)(unit - im->doc->units);
	if (im->seen[index]) {
		import_refuse(im, entry->msgctxt.offset, "po-context", "a second entry for unit \"%s\"", id);
		return NULL;
	}
	im->seen[index] = true;
	return unit;
}

/* Whether ENTRY's msgid is SEG, the source of its unit as it is now (WANT, canonical);
 * a msgid whose tags do not fit is another source too.  -1 when memory ran out. */
static int source_changed(const struct po_entry *entry, const struct segment *seg,
			  const char *want, struct tagform_error *err)
{
	struct segment given;
	segment_init(&given);
	int rc = tagform_parse(entry->msgid.text, entry->msgid.len, seg, &given, err);
	char *have = rc == 0 ? segment_canonical_of(&given) : NULL;
	if (rc == 0)
		rc = have ? strcmp(want, have) != 0 : -1;
	else if (rc > 0)
		rc = 2;
	free(have);
	segment_clear(&given);
	return rc;
}

/* The file is refused for an entry whose source changed (--strict). */
static void refuse_changed(struct import_run *im, const struct po_entry *entry, const char *id,
			   int changed, const struct tagform_error *err)
{
	if (changed == 2)
		import_refuse(im, entry->msgid.offsets[err->at <= entry->msgid.len ? err->at
										 : entry->msgid.len],
			      "po-tags", "the msgid: %s", err->message);
	else
		import_refuse(im, entry->msgid.offset, "po-source-changed",
			      "the msgid is not the source of unit \"%s\" as it is now; the source "
			      "changed after this file was exported (or the msgid was edited): export "
			      "again and merge this file into the new one with msgmerge", id);
}

/* Checks one entry against the document and adds its edits. */
static void import_entry(struct import_run *im, const struct po_entry *entry)
{
	const struct model_unit *unit = entry_unit(im, entry);
	if (!unit)
		return;
	const char *id = unit->id;
	const struct model_text *source = model_unit_text(unit, im->doc->source_lang);
	struct segment seg, tr;
	segment_init(&seg);
	segment_init(&tr);
	char hash[STALE_HASH_SIZE];
	char *want = NULL;
	struct tagform_error err;
	int changed = -1;
	if (!source || segment_from_text(source, &seg) != 0 || segment_collapse(&seg) != 0 ||
	    stale_hash(source, hash) != 0 || !(want = segment_canonical(source)) ||
	    (changed = source_changed(entry, &seg, want, &err)) < 0) {
		im->failed = true;
		goto done;
	}
	if (changed && im->strict) {
		refuse_changed(im, entry, id, changed, &err);
		goto done;
	}
	if (strspn(entry->msgstr.text ? entry->msgstr.text : "", " \t\n\r") == entry->msgstr.len) {
		/* White space only is no translation: it changes nothing, as an empty one. */
		im->report->empty++;
		goto done;
	}
	if (!changed) {
		if (parse_string(im, &entry->msgstr, &seg, "the msgstr", &tr))
			apply_entry(im, entry, unit, hash, &tr, NULL);
		goto done;
	}
	int rc = tagform_parse(entry->msgstr.text, entry->msgstr.len, &seg, &tr, &err);
	if (rc < 0)
		im->failed = true;
	else if (rc > 0)
		import_warn(im, entry->msgid.offset, "po-source-changed", "the source of unit \"%s\" "
			    "changed after this file was exported, and its translation does not fit the "
			    "new one (%s): left out; translate it again", id, err.message);
	else {
		import_warn(im, entry->msgid.offset, "po-source-changed", "the source of unit \"%s\" "
			    "changed after this file was exported: its translation goes in as a draft "
			    "(state=\"initial\"), the old source in a <note>; check it against the new "
			    "source", id);
		apply_entry(im, entry, unit, hash, &tr, entry->msgid.text);
	}
done:
	segment_clear(&seg);
	segment_clear(&tr);
	free(want);
}

int exchange_import(const struct model_doc *doc, const struct source *src,
		    const struct source *po, const struct exchange_import_options *options,
		    struct edit_list *edits, struct import_report *report,
		    struct diag_list *diags)
{
	struct po_file file;
	po_file_init(&file);
	struct import_run im = {.doc = doc, .src = src, .file = po, .edits = edits,
				.report = report, .diags = diags, .strict = options->strict};
	im.seen = calloc(doc->n_units + 1, sizeof *im.seen);
	int rc = im.seen ? po_parse(po, &file, diags) : -1;
	if (rc == 0) {
		check_header(&im, &file, options->lang);
		if (im.lang && !(report->lang = strdup(im.lang)))
			im.failed = true;
	}
	const struct po_entry *header = po_header(&file);
	for (size_t i = 0; rc == 0 && im.lang && i < file.n && !im.failed; i++)
		if (&file.entries[i] != header)
			import_entry(&im, &file.entries[i]);
	rc = import_finish(&im, rc);
	po_file_clear(&file);
	free(im.translator);
	free(im.seen);
	return rc;
}
