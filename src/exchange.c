/* exchange.c — PO export of a document's translations; see exchange.h (the import is
 * exchange_import.c). */
#include "exchange.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "po.h"
#include "segment.h"
#include "stale.h"
#include "tagform.h"

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
	const struct model_text *source;
	struct segment seg;
	struct entry_notes e = {0};
	char *msgid, *legend = NULL;
	/* with nothing to translate, no entry: an empty msgid is the header's */
	int rc = tagform_unit_source(doc, unit, &source, &seg, &msgid);
	if (rc <= 0)
		goto done;
	rc = -1;
	if (!(legend = tagform_legend(&seg)) || entry_translation(doc, unit, source, &seg, o, &e) != 0)
		goto done;
	rc = 0;
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
