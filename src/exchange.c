/* exchange.c — PO export and import of a document's translations; see exchange.h. */
#include "exchange.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "po.h"
#include "segment.h"
#include "tagform.h"
#include "stale.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

/* ---- plural forms ------------------------------------------------------------------ */

#define SLAVIC_EAST "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"

static const struct {
	const char *lang;
	const char *forms;
} plural_forms[] = {
	/* one form */
	{"ja", "nplurals=1; plural=0;"}, {"ko", "nplurals=1; plural=0;"},
	{"vi", "nplurals=1; plural=0;"}, {"zh", "nplurals=1; plural=0;"},
	{"th", "nplurals=1; plural=0;"}, {"id", "nplurals=1; plural=0;"},
	{"ms", "nplurals=1; plural=0;"}, {"lo", "nplurals=1; plural=0;"},
	{"km", "nplurals=1; plural=0;"}, {"my", "nplurals=1; plural=0;"},
	/* zero and one singular */
	{"fa", "nplurals=2; plural=(n > 1);"}, {"prs", "nplurals=2; plural=(n > 1);"},
	{"fr", "nplurals=2; plural=(n > 1);"}, {"pt-BR", "nplurals=2; plural=(n > 1);"},
	{"hi", "nplurals=2; plural=(n > 1);"}, {"bn", "nplurals=2; plural=(n > 1);"},
	{"hy", "nplurals=2; plural=(n > 1);"}, {"am", "nplurals=2; plural=(n > 1);"},
	/* more than two */
	{"ar", "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"},
	{"ru", SLAVIC_EAST}, {"uk", SLAVIC_EAST}, {"be", SLAVIC_EAST}, {"sr", SLAVIC_EAST},
	{"hr", SLAVIC_EAST}, {"bs", SLAVIC_EAST},
	{"pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
	{"cs", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
	{"sk", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
	{"ro", "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);"},
	{"lt", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"},
	{"lv", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"},
	{"sl", "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"},
	{"ga", "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);"},
};

const char *exchange_plural_forms(const char *lang)
{
	size_t n = sizeof plural_forms / sizeof plural_forms[0];
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(lang, plural_forms[i].lang) == 0)
			return plural_forms[i].forms;
	size_t primary = strcspn(lang, "-_");
	for (size_t i = 0; i < n; i++)
		if (strlen(plural_forms[i].lang) == primary &&
		    strncasecmp(lang, plural_forms[i].lang, primary) == 0)
			return plural_forms[i].forms;
	return "nplurals=2; plural=(n != 1);";
}

/* ---- what a unit is, for translators ------------------------------------------------ */

static const char *kind_description(enum model_unit_kind kind)
{
	switch (kind) {
	case UNIT_TITLE: return "the title";
	case UNIT_SUBTITLE: return "the subtitle";
	case UNIT_ISSUER: return "who issues the document";
	case UNIT_FROM: return "the sender of the letter";
	case UNIT_TO: return "the addressee of the letter";
	case UNIT_PLACE: return "where the document was written";
	case UNIT_HEADING: return "a heading";
	case UNIT_PARAGRAPH: return "a paragraph";
	case UNIT_SALUTATION: return "the salutation of the letter";
	case UNIT_CLOSING: return "the closing of the letter";
	case UNIT_SIGNATURE: return "the signature of the letter";
	case UNIT_ITEM: return "a list item";
	case UNIT_CITE: return "who said the quotation";
	case UNIT_VENUE: return "where the event takes place";
	}
	return "a unit";
}

/* "<item> a list item, in a list of demands" and the like. */
static void write_kind(FILE *out, const struct model_doc *doc, size_t index)
{
	const struct model_unit *unit = &doc->units[index];
	fprintf(out, "#. <%s> %s", model_unit_kind_name(unit->kind), kind_description(unit->kind));
	for (size_t b = 0; b < doc->n_blocks; b++) {
		const struct model_block *block = &doc->blocks[b];
		if (block->kind == BLOCK_UNIT || index < block->first_unit ||
		    index >= block->first_unit + block->n_units)
			continue;
		if (block->kind == BLOCK_LIST)
			fprintf(out, ", in a list of %s", block->list_kind == LIST_DEMANDS   ? "demands"
							  : block->list_kind == LIST_NUMBERS ? "numbered points"
											     : "points");
		else if (block->kind == BLOCK_QUOTE)
			fputs(", in a quotation", out);
		else if (block->kind == BLOCK_EVENT)
			fprintf(out, ", about an event on %s%s%s", block->when ? block->when : "?",
				block->time ? " at " : "", block->time ? block->time : "");
	}
	fputc('\n', out);
}

/* A note as one comment line "#. LABEL: NOTE", its white space collapsed. */
static void write_note(FILE *out, const char *label, const char *note)
{
	fprintf(out, "#. %s:", label);
	bool space = true;
	for (const char *p = note; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = true;
			continue;
		}
		if (space)
			fputc(' ', out);
		space = false;
		fputc(*p, out);
	}
	fputc('\n', out);
}

/* ---- export ------------------------------------------------------------------------ */

/* LANG as gettext writes it in a Language header: de, pt_BR. */
static void write_po_language(FILE *out, const char *lang)
{
	for (const char *p = lang; *p; p++)
		fputc(*p == '-' ? '_' : *p, out);
}

/* The first lines of the header's comment: what the file is, and how it goes back. */
static void write_intro(FILE *out, const struct model_doc *doc,
			const struct exchange_export_options *o, const char *path)
{
	if (o->lang) {
		fprintf(out,
			"# Translation into %s of the broadside document \"%s\"\n"
			"# (%s, source language %s), written by broadside %s.\n"
			"# Bring it back into the document with\n"
			"#   broadside po import %s THIS-FILE.po\n",
			o->lang, doc->id, path, doc->source_lang, BROADSIDE_VERSION, path);
		return;
	}
	/* No "# Translation into" here: the importer reads a language from such a line. */
	fprintf(out,
		"# Translation template of the broadside document \"%s\"\n"
		"# (%s, source language %s), written by broadside %s.\n"
		"# Start a language LL (fr, ckb, pt-BR) with\n"
		"#   broadside lang add LL %s\n"
		"#   msginit --no-translator -l LL -i THIS-FILE.pot -o LL.po\n"
		"# then translate LL.po and bring it back into the document with\n"
		"#   broadside po import %s LL.po\n",
		doc->id, path, doc->source_lang, BROADSIDE_VERSION, path, path);
}

/* The header fields from Content-Type on. */
static void write_header_tail(FILE *out, const struct model_doc *doc,
			      const struct exchange_export_options *o)
{
	fprintf(out,
		"\"MIME-Version: 1.0\\n\"\n"
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\"Content-Transfer-Encoding: 8bit\\n\"\n");
	if (!o->lang) {
		/* msginit puts the language's own formula here. */
		fputs("\"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n\"\n", out);
	} else {
		/* A long formula (Arabic's, the East Slavic one) is wrapped as gettext wraps it. */
		char *plural;
		if (asprintf(&plural, "Plural-Forms: %s\n", exchange_plural_forms(o->lang)) < 0)
			plural = NULL;
		if (!plural || po_write_continued(out, plural) != 0)
			fprintf(out, "\"Plural-Forms: %s\\n\"\n", exchange_plural_forms(o->lang));
		free(plural);
	}
	fprintf(out,
		"\"X-Generator: broadside %s\\n\"\n"
		"\"X-Broadside-Document: %s\\n\"\n"
		"\"X-Broadside-Source-Language: %s\\n\"\n",
		BROADSIDE_VERSION, doc->id, doc->source_lang);
	if (o->lang)
		fprintf(out, "\"X-Broadside-Language: %s\\n\"\n", o->lang);
}

static void write_header(FILE *out, const struct model_doc *doc,
			 const struct exchange_export_options *o)
{
	char date[32];
	struct tm tm;
	gmtime_r(&o->now, &tm);
	strftime(date, sizeof date, "%Y-%m-%d %H:%M+0000", &tm);
	/* A line break in the file's name must not start a new line of the PO file. */
	char *path = diag_escaped(o->path);
	write_intro(out, doc, o, path ? path : "?");
	free(path);
	fputs("#\n"
	      "# One entry per unit of the document: msgctxt is the unit's id, msgid its source\n"
	      "# text, msgstr the translation.  Inline markup is written as short tags; keep\n"
	      "# them around the words they mark:\n"
	      "#   <1>…</1>, <2>…</2>  the source's emphasis, names, foreign-language runs and\n"
	      "#                       links, numbered in order; an entry's \"tags:\" comment\n"
	      "#                       says which is which\n"
	      "#   <date1/>, <date2/>  dates: the renderer writes them in your language and\n"
	      "#                       calendar, so do not type the date\n"
	      "#   <br/>               a line break\n"
	      "# Keep every link and every date, once each.  Other tags may be left out, and\n"
	      "# <em>…</em>, <strong>…</strong>, <name>…</name> and <foreign xml:lang=\"en\">…\n"
	      "# </foreign> (a run in another language) may be added.  In the text, write &\n"
	      "# as &amp; and < as &lt;.\n"
	      "# Fuzzy entries go back as drafts (state=\"initial\"); the others as translated and\n"
	      "# confirmed against their source.  Empty entries change nothing.\n"
	      "#\n",
	      out);
	/* The document's own notes for translators, where PO editors show them. */
	for (size_t i = 0; i < doc->n_notes; i++)
		write_note(out, "note", doc->notes[i]);
	if (!o->lang)
		fputs("#, fuzzy\n", out);
	fprintf(out, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: %s\\n\"\n", doc->id);
	if (doc->contact_email)
		fprintf(out, "\"Report-Msgid-Bugs-To: %s\\n\"\n", doc->contact_email);
	if (o->lang) {
		fprintf(out,
			"\"POT-Creation-Date: %s\\n\"\n"
			"\"PO-Revision-Date: %s\\n\"\n"
			"\"Last-Translator: \\n\"\n"
			"\"Language-Team: \\n\"\n"
			"\"Language: ",
			date, date);
		write_po_language(out, o->lang);
		fputs("\\n\"\n", out);
	} else {
		/* The placeholders msginit and Weblate fill in. */
		fprintf(out,
			"\"POT-Creation-Date: %s\\n\"\n"
			"\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n"
			"\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n"
			"\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n"
			"\"Language: \\n\"\n",
			date);
	}
	write_header_tail(out, doc, o);
}

/* The tagged form of T numbered after SOURCE (collapsed), or NULL. */
static char *tagged_of(const struct model_text *t, const struct segment *source)
{
	struct segment seg;
	segment_init(&seg);
	char *tagged = NULL;
	if (segment_from_text(t, &seg) == 0 && segment_collapse(&seg) == 0)
		tagged = tagform_make(&seg, source);
	segment_clear(&seg);
	return tagged;
}

/* The source the stale translation T was confirmed against, tagged, from an earlier
 * version of the document; NULL when none has it.  *FAILED when memory ran out. */
static char *previous_source(const struct exchange_export_options *o, const char *id,
			     const struct model_text *t, bool *failed)
{
	for (size_t i = 0; i < o->n_previous; i++) {
		const struct model_doc *old = o->previous[i];
		const struct model_unit *unit = model_doc_unit(old, id);
		const struct model_text *source =
			unit && old->source_lang ? model_unit_text(unit, old->source_lang) : NULL;
		char hash[STALE_HASH_SIZE];
		if (!source)
			continue;
		if (stale_hash(source, hash) != 0) {
			*failed = true;
			return NULL;
		}
		if (strcmp(hash, t->src_hash) != 0)
			continue;
		struct segment seg;
		segment_init(&seg);
		char *tagged = NULL;
		if (segment_from_text(source, &seg) == 0 && segment_collapse(&seg) == 0)
			tagged = tagform_make(&seg, &seg);
		segment_clear(&seg);
		if (!tagged)
			*failed = true;
		return tagged;
	}
	return NULL;
}

/* What an entry says besides its strings. */
struct entry_notes {
	bool fuzzy, stale;
	char *msgstr, *previous;
	struct tm_match proposal;
	bool proposed;
};

/* Works out the msgstr of UNIT's entry and whether it is fuzzy. */
static int entry_translation(const struct model_doc *doc, const struct model_unit *unit,
			     const struct model_text *source, const struct segment *seg,
			     const struct exchange_export_options *o, struct entry_notes *e)
{
	const struct model_text *t = o->lang ? model_unit_text(unit, o->lang) : NULL;
	if (t) {
		char hash[STALE_HASH_SIZE];
		if (stale_hash(source, hash) != 0 || !(e->msgstr = tagged_of(t, seg)))
			return -1;
		e->stale = stale_state_of(t, hash) == STALE_STALE;
		e->fuzzy = e->stale || t->state == STATE_INITIAL;
		bool failed = false;
		if (e->stale)
			e->previous = previous_source(o, unit->id, t, &failed);
		return failed ? -1 : 0;
	}
	if (o->memory && o->lang) {
		int found = tm_lookup(o->memory, source, doc->source_lang, o->lang, &e->proposal);
		if (found < 0)
			return -1;
		if (found) {
			e->proposed = e->fuzzy = true;
			e->msgstr = tagged_of(e->proposal.text, seg);
			return e->msgstr ? 0 : -1;
		}
	}
	e->msgstr = strdup("");
	return e->msgstr ? 0 : -1;
}

/* The comments of the entry of unit INDEX: what it is, its notes, its tags, whether it
 * is stale or a proposal, where it is. */
static void write_comments(FILE *out, const struct model_doc *doc, const struct source *src,
			   size_t index, const char *legend, const struct entry_notes *e,
			   const struct exchange_export_options *o)
{
	const struct model_unit *unit = &doc->units[index];
	unsigned line, col;
	source_position(src, unit->offset, &line, &col);
	fputc('\n', out);
	write_kind(out, doc, index);
	for (size_t i = 0; i < unit->n_notes; i++)
		write_note(out, "note", unit->notes[i]);
	/* The document's notes are mostly about its head ("keep the title short"). */
	for (size_t i = 0; index < doc->n_head_units && i < doc->n_notes; i++)
		write_note(out, "document note", doc->notes[i]);
	if (legend[0])
		fprintf(out, "#. tags: %s\n", legend);
	if (e->stale)
		fprintf(out, "#. stale: the %s source changed after this translation was confirmed\n",
			doc->source_lang);
	if (e->proposed) {
		unsigned pline, pcol;
		source_position(e->proposal.src, e->proposal.unit->offset, &pline, &pcol);
		char *from = diag_escaped(e->proposal.path);
		fprintf(out, "#. proposal: from %s:%u, unit \"%s\", for a translator to check\n",
			from ? from : "?", pline, e->proposal.unit->id ? e->proposal.unit->id : "?");
		free(from);
	}
	char *path = diag_escaped(o->path);
	fprintf(out, "#: %s:%u\n", path ? path : "?", line);
	free(path);
	if (e->fuzzy)
		fputs("#, fuzzy\n", out);
}

static int export_unit(FILE *out, const struct model_doc *doc, const struct source *src,
		       size_t index, const struct exchange_export_options *o,
		       struct exchange_counts *counts)
{
	const struct model_unit *unit = &doc->units[index];
	const struct model_text *source = model_unit_text(unit, doc->source_lang);
	if (!source || !unit->id)
		return 0;
	struct segment seg;
	segment_init(&seg);
	struct entry_notes e = {0};
	char *msgid = NULL, *legend = NULL;
	int rc = -1;
	if (segment_from_text(source, &seg) != 0 || segment_collapse(&seg) != 0 ||
	    !(msgid = tagform_make(&seg, &seg)) || !(legend = tagform_legend(&seg)) ||
	    entry_translation(doc, unit, source, &seg, o, &e) != 0)
		goto done;
	rc = 0;
	if (msgid[0] == '\0')
		goto done; /* nothing to translate; an empty msgid is the header's */
	write_comments(out, doc, src, index, legend, &e, o);
	if (e.previous && po_write_string(out, "#| ", "msgid", e.previous) != 0)
		rc = -1;
	if (po_write_string(out, "", "msgctxt", unit->id) != 0 ||
	    po_write_string(out, "", "msgid", msgid) != 0 ||
	    po_write_string(out, "", "msgstr", e.msgstr) != 0)
		rc = -1;
	if (e.msgstr[0] == '\0')
		counts->untranslated++;
	else if (e.fuzzy)
		counts->fuzzy++;
	else
		counts->translated++;
	counts->proposals += e.proposed;
	counts->previous += e.previous != NULL;
done:
	segment_clear(&seg);
	free(msgid);
	free(legend);
	free(e.msgstr);
	free(e.previous);
	return rc;
}

int exchange_export(const struct model_doc *doc, const struct source *src,
		    const struct exchange_export_options *options, FILE *out,
		    struct exchange_counts *counts)
{
	memset(counts, 0, sizeof *counts);
	write_header(out, doc, options);
	for (size_t u = 0; u < doc->n_units; u++)
		if (export_unit(out, doc, src, u, options, counts) != 0)
			return -1;
	return 0;
}

/* ---- import ------------------------------------------------------------------------ */

void exchange_report_clear(struct exchange_report *report)
{
	if (!report)
		return;
	free(report->lang);
	free(report->items);
	memset(report, 0, sizeof *report);
}

struct importer {
	const struct model_doc *doc;
	const struct source *src, *po;
	struct edit_list *edits;
	struct exchange_report *report;
	struct diag_list *diags;
	const char *lang;
	char *translator;  /* the header's Last-Translator, or NULL */
	bool *seen;        /* per unit */
	bool strict, refused, failed;
};

static void refuse(struct importer *im, uint32_t offset, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void refuse(struct importer *im, uint32_t offset, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(im->diags, im->po, offset, DIAG_ERROR, rule, fmt, ap);
	va_end(ap);
	im->refused = true;
}

static void warn(struct importer *im, uint32_t offset, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void warn(struct importer *im, uint32_t offset, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(im->diags, im->po, offset, DIAG_WARNING, rule, fmt, ap);
	va_end(ap);
}

/* The document's language written as TAG (de_CH, de-ch, de-CH), or NULL. */
static const char *doc_language(const struct model_doc *doc, const char *tag)
{
	for (size_t i = 0; i < doc->n_langs; i++) {
		const char *a = doc->langs[i], *b = tag;
		while (*a && *b && ((*a == '-' && *b == '_') || tolower((unsigned char)*a) ==
								    tolower((unsigned char)*b))) {
			a++;
			b++;
		}
		if (!*a && !*b)
			return doc->langs[i];
	}
	return NULL;
}

/* The document's language for TAG: the same tag (de_CH for de-CH) or, when the document
 * has none, its one language that is TAG's primary subtag alone (fr for fr_FR, fr-FR,
 * fr_FR.UTF-8, fr@euro), and then *VARIANT is set.  NULL when there is none. */
static const char *lang_for(const struct model_doc *doc, const char *tag, bool *variant)
{
	*variant = false;
	const char *same = doc_language(doc, tag);
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
static bool check_recorded_language(struct importer *im, const struct po_entry *header,
				    const char *lang, const char *mine, uint32_t lang_at)
{
	uint32_t at;
	char *recorded = recorded_language(header, im->po, &at);
	bool variant;
	bool same = !recorded || lang_for(im->doc, recorded, &variant) == mine;
	unsigned line, col;
	source_position(im->po, at, &line, &col);
	if (!same)
		refuse(im, lang_at, "po-language",
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
static void check_document(struct importer *im, const struct po_entry *header)
{
	uint32_t at = header->offset;
	char *id = po_header_field(header, "X-Broadside-Document", &at);
	if (!id)
		warn(im, header->msgstr.offset, "po-document",
		     "the header names no broadside document (X-Broadside-Document): not a file "
		     "of 'broadside po export'; its entries are taken by their msgctxt, which "
		     "must be unit ids of \"%s\"", im->doc->id);
	else if (strcmp(id, im->doc->id) != 0)
		refuse(im, at, "po-document", "this file is for the document \"%s\", not \"%s\" (%s)",
		       id, im->doc->id, im->src->path);
	free(id);
}

/* The header's checks: the document, the language, UTF-8.  Sets IM->lang. */
static void check_header(struct importer *im, const struct po_file *file, const char *want)
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
		refuse(im, header->msgstr.offset, "po-language", "the header has no Language; "
		       "name the file's language with --lang");
	else if (!mine)
		refuse(im, at, "po-language", "this file is in %s, which is not one of the languages "
		       "of \"%s\" (%s)", lang, doc->id, im->src->path);
	else if (strcmp(mine, doc->source_lang) == 0)
		refuse(im, at, "po-language", "this file is in %s, the source language of \"%s\"; "
		       "translations only", lang, doc->id);
	else if (want && strcasecmp(want, mine) != 0)
		refuse(im, at, "po-language", "this file is in %s, not %s (--lang)", lang, want);
	else if (check_recorded_language(im, header, lang, mine, at))
		im->lang = mine;
	if (im->lang && variant)
		warn(im, at, "po-language", "the header says Language: %s; imported as %s, the "
		     "document's language", lang, mine);
	free(lang);
	im->translator = last_translator(header);
	at = header->offset;
	char *type = po_header_field(header, "Content-Type", &at);
	const char *charset = type ? strcasestr(type, "charset=") : NULL;
	if (charset && strncasecmp(charset + 8, "UTF-8", 5) != 0)
		refuse(im, at, "po-charset", "the file says it is in %s; broadside reads UTF-8 "
		       "(convert it with: msgconv --to-code=UTF-8)", charset + 8);
	free(type);
}

static void report_add(struct importer *im, const struct model_unit *unit, uint32_t offset,
		       enum exchange_change change, bool draft, bool source_changed)
{
	struct exchange_report *r = im->report;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct exchange_item *items = realloc(r->items, cap * sizeof *items);
		if (!items) {
			im->failed = true;
			return;
		}
		r->items = items;
		r->cap = cap;
	}
	r->items[r->n++] = (struct exchange_item){unit, offset, change, draft, source_changed};
}

static void edit_done(struct importer *im, enum edit_status status)
{
	if (status == EDIT_NO_MEMORY)
		im->failed = true;
	else if (status != EDIT_OK)
		refuse(im, 0, "internal", "cannot find a <t> in %s where the model says it is "
		       "(a defect in broadside)", im->src->path);
}

/* Parses the tagged string S against SOURCE into OUT; refuses it at its place. */
static bool parse_string(struct importer *im, const struct po_string *s,
			 const struct segment *source, const char *what, struct segment *out)
{
	struct tagform_error err;
	int rc = tagform_parse(s->text, s->len, source, out, &err);
	if (rc < 0)
		im->failed = true;
	else if (rc > 0)
		refuse(im, s->offsets[err.at <= s->len ? err.at : s->len], "po-tags", "%s: %s", what,
		       err.message);
	return rc == 0;
}

/* Who made T's translation, when the file says (translator="…"). */
static void set_translator(struct importer *im, const struct model_text *t)
{
	if (im->translator)
		edit_done(im, edit_t_attribute(im->edits, im->src, t, "translator", im->translator));
}

/* A draft translated from OLD, a source the unit no longer has: a note says so. */
static void note_old_source(struct importer *im, const struct model_unit *unit, const char *old)
{
	char *note = NULL;
	if (asprintf(&note, "A draft from po import, translated from an earlier source: %s",
		     old) < 0) {
		im->failed = true;
		return;
	}
	edit_done(im, edit_insert_note(im->edits, im->src, unit, note));
	free(note);
}

/* The edits for the translation of UNIT that ENTRY brings, now parsed into TR; OLD is the
 * earlier source it was translated from when that is no longer the unit's (or NULL). */
static void apply_entry(struct importer *im, const struct po_entry *entry,
			const struct model_unit *unit, const char *hash, struct segment *tr,
			const char *old)
{
	const struct model_text *t = model_unit_text(unit, im->lang);
	char *xml = segment_xml(tr);
	char *mine = t ? segment_canonical(t) : NULL;
	char *theirs = segment_canonical_of(tr);
	if (!xml || !theirs || (t && !mine)) {
		im->failed = true;
		goto done;
	}
	bool fuzzy = entry->fuzzy || old;
	if (t && strcmp(mine, theirs) == 0) {
		bool unconfirmed = stale_state_of(t, hash) == STALE_STALE || t->state == STATE_INITIAL;
		if (fuzzy || !unconfirmed) {
			im->report->unchanged++;
			goto done;
		}
		/* Approved as it is: confirmed, and a draft no longer. */
		if (t->state == STATE_INITIAL)
			edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", "translated"));
		edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", hash));
		set_translator(im, t);
		report_add(im, unit, t->offset, EXCHANGE_CONFIRMED, false, false);
		goto done;
	} else if (t) {
		edit_done(im, edit_t_attribute(im->edits, im->src, t, "state",
					       fuzzy ? "initial" : "translated"));
		if (!fuzzy)
			edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", hash));
		set_translator(im, t);
		edit_done(im, edit_t_content(im->edits, im->src, t, xml));
		report_add(im, unit, t->offset, EXCHANGE_CHANGED, fuzzy, old != NULL);
	} else {
		edit_done(im, edit_insert_t_by(im->edits, im->src, unit, im->lang,
					       fuzzy ? "initial" : "translated", fuzzy ? NULL : hash,
					       im->translator, xml));
		report_add(im, unit, unit->offset, EXCHANGE_NEW, fuzzy, old != NULL);
	}
	if (old)
		note_old_source(im, unit, old);
done:
	free(xml);
	free(mine);
	free(theirs);
}

/* The unit ENTRY is for, or NULL when it is for none (refused). */
static const struct model_unit *entry_unit(struct importer *im, const struct po_entry *entry)
{
	if (entry->plural) {
		refuse(im, entry->msgid.offset, "po-entry", "a plural entry (msgid_plural); "
		       "broadside's entries have none");
		return NULL;
	}
	if (!entry->msgctxt.present) {
		refuse(im, entry->msgid.offset, "po-context", "an entry without msgctxt; broadside "
		       "names each entry by its unit's id");
		return NULL;
	}
	const char *id = entry->msgctxt.text;
	const struct model_unit *unit = model_doc_unit(im->doc, id);
	if (!unit) {
		refuse(im, entry->msgctxt.offset, "po-context", "there is no unit \"%s\" in \"%s\" (%s)",
		       id, im->doc->id, im->src->path);
		return NULL;
	}
	size_t index = (size_t)(unit - im->doc->units);
	if (im->seen[index]) {
		refuse(im, entry->msgctxt.offset, "po-context", "a second entry for unit \"%s\"", id);
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
static void refuse_changed(struct importer *im, const struct po_entry *entry, const char *id,
			   int changed, const struct tagform_error *err)
{
	if (changed == 2)
		refuse(im, entry->msgid.offsets[err->at <= entry->msgid.len ? err->at
									  : entry->msgid.len],
		       "po-tags", "the msgid: %s", err->message);
	else
		refuse(im, entry->msgid.offset, "po-source-changed",
		       "the msgid is not the source of unit \"%s\" as it is now; the source "
		       "changed after this file was exported (or the msgid was edited): export "
		       "again and merge this file into the new one with msgmerge", id);
}

/* Checks one entry against the document and adds its edits. */
static void import_entry(struct importer *im, const struct po_entry *entry)
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
		warn(im, entry->msgid.offset, "po-source-changed", "the source of unit \"%s\" "
		     "changed after this file was exported, and its translation does not fit the "
		     "new one (%s): left out; translate it again", id, err.message);
	else {
		warn(im, entry->msgid.offset, "po-source-changed", "the source of unit \"%s\" "
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
		    struct edit_list *edits, struct exchange_report *report,
		    struct diag_list *diags)
{
	struct po_file file;
	po_file_init(&file);
	struct importer im = {.doc = doc, .src = src, .po = po, .edits = edits, .report = report,
			      .diags = diags, .strict = options->strict};
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
	if (rc == 0 && (im.failed || diags->out_of_memory))
		rc = -1;
	else if (rc == 0 && im.refused)
		rc = 1;
	if (rc != 0)
		edit_list_clear(edits);
	po_file_clear(&file);
	free(im.translator);
	free(im.seen);
	return rc;
}
