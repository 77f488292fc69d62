/* xliff.c — XLIFF 2.1 export of a document's translations; see xliff.h (the import is
 * xliff_import.c).
 *
 * Both directions go through the tagged form of tagform.h (the PO files' strings), so
 * that the numbering of inline codes, and on import every check of a translation's
 * markup against its source, are the PO exchange's own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "segment.h"
#include "stale.h"
#include "tagform.h"
#include "xliff.h"

static const char *const state_names[] = {"initial", "translated", "reviewed", "final"};

/* ---- export ------------------------------------------------------------------------ */

struct writer {
	xmlTextWriterPtr w;
	bool failed;
};

static void w_check(struct writer *w, int rc)
{
	if (rc < 0)
		w->failed = true;
}

static void w_raw(struct writer *w, const char *text)
{
	w_check(w, xmlTextWriterWriteRaw(w->w, BAD_CAST text));
}

static void w_start(struct writer *w, const char *name)
{
	w_check(w, xmlTextWriterStartElement(w->w, BAD_CAST name));
}

static void w_end(struct writer *w)
{
	w_check(w, xmlTextWriterEndElement(w->w));
}

static void w_attr(struct writer *w, const char *name, const char *value)
{
	w_check(w, xmlTextWriterWriteAttribute(w->w, BAD_CAST name, BAD_CAST value));
}

static void w_text(struct writer *w, const char *text, size_t len)
{
	if (len > 0)
		w_check(w, xmlTextWriterWriteFormatString(w->w, "%.*s", (int)len, text));
}

/* <note [category="CATEGORY"]>TEXT</note> on a line of its own, INDENT deep. */
static void w_note(struct writer *w, const char *indent, const char *category,
		   const char *text)
{
	w_raw(w, indent);
	w_start(w, "note");
	if (category)
		w_attr(w, "category", category);
	w_check(w, xmlTextWriterWriteString(w->w, BAD_CAST text));
	w_end(w);
}

/* The inline elements of a source segment, by their tagged numbers. */
struct codes {
	const struct segment_token **elements, **dates;
	size_t n_elements, n_dates;
};

static int codes_of(const struct segment *source, struct codes *c)
{
	memset(c, 0, sizeof *c);
	c->elements = calloc(source->n + 1, sizeof *c->elements);
	c->dates = calloc(source->n + 1, sizeof *c->dates);
	if (!c->elements || !c->dates)
		return -1;
	for (size_t i = 0; i < source->n; i++) {
		const struct segment_token *tok = &source->items[i];
		if (tok->kind == SEG_OPEN)
			c->elements[c->n_elements++] = tok;
		else if (tok->kind == SEG_EMPTY && tok->element == INLINE_DATE)
			c->dates[c->n_dates++] = tok;
	}
	return 0;
}

static void codes_clear(struct codes *c)
{
	free(c->elements);
	free(c->dates);
}

/* The type, subType and bs:el of a <pc> for ELEMENT, with its attribute. */
static void w_pc_start(struct writer *w, const char *id, enum model_inline_kind element,
		       const char *attr)
{
	w_start(w, "pc");
	w_attr(w, "id", id);
	switch (element) {
	case INLINE_EM:
	case INLINE_STRONG:
		w_attr(w, "type", "fmt");
		w_attr(w, "subType", element == INLINE_EM ? "xlf:i" : "xlf:b");
		w_attr(w, "bs:el", element == INLINE_EM ? "em" : "strong");
		break;
	case INLINE_LINK:
		w_attr(w, "type", "link");
		w_attr(w, "bs:el", "a");
		if (attr)
			w_attr(w, "bs:href", attr);
		break;
	default:
		w_attr(w, "type", "other");
		w_attr(w, "bs:el", element == INLINE_NAME ? "name" : "foreign");
		if (element == INLINE_FOREIGN && attr)
			w_attr(w, "bs:lang", attr);
	}
}

static void w_date(struct writer *w, const char *id, const struct segment_token *date)
{
	w_start(w, "ph");
	w_attr(w, "id", id);
	w_attr(w, "type", "other");
	w_attr(w, "bs:el", "date");
	char disp[128];
	if (date && date->attr)
		snprintf(disp, sizeof disp, "%s%s%s", date->attr,
			 date->attr2 ? " – " : "", date->attr2 ? date->attr2 : "");
	w_attr(w, "disp", date && date->attr ? disp : "date");
	w_end(w);
}

static enum model_inline_kind element_named(const char *name, size_t len)
{
	if (len == 2 && strncmp(name, "em", 2) == 0)
		return INLINE_EM;
	if (len == 6 && strncmp(name, "strong", 6) == 0)
		return INLINE_STRONG;
	if (len == 4 && strncmp(name, "name", 4) == 0)
		return INLINE_NAME;
	if (len == 7 && strncmp(name, "foreign", 7) == 0)
		return INLINE_FOREIGN;
	return INLINE_TEXT;
}

/* Writes one tag of the tagged form (TAG, LEN bytes, between < and >) as an inline
 * code; false when it is none that segment_tagged writes (then it is text). */
static bool w_tag(struct writer *w, const char *tag, size_t len, const struct codes *c,
		  unsigned *extra, unsigned *brs)
{
	char id[32];
	unsigned n = 0;
	if (len >= 2 && tag[0] == '/') {
		w_end(w);
		return true;
	}
	if (len == 3 && strncmp(tag, "br/", 3) == 0) {
		snprintf(id, sizeof id, "br%u", ++*brs);
		w_start(w, "ph");
		w_attr(w, "id", id);
		w_attr(w, "type", "fmt");
		w_attr(w, "subType", "xlf:lb");
		w_attr(w, "bs:el", "br");
		w_end(w);
		return true;
	}
	if (sscanf(tag, "date%u/", &n) == 1 && n >= 1 && n <= c->n_dates) {
		snprintf(id, sizeof id, "date%u", n);
		w_date(w, id, c->dates[n - 1]);
		return true;
	}
	if (tag[0] >= '1' && tag[0] <= '9' && sscanf(tag, "%u", &n) == 1 && n <= c->n_elements) {
		snprintf(id, sizeof id, "%u", n);
		w_pc_start(w, id, c->elements[n - 1]->element, c->elements[n - 1]->attr);
		return true;
	}
	size_t name_len = strcspn(tag, " >");
	enum model_inline_kind kind = element_named(tag, name_len < len ? name_len : len);
	if (kind == INLINE_TEXT)
		return false;
	char lang[64] = "";
	if (kind == INLINE_FOREIGN)
		sscanf(tag, "foreign xml:lang=\"%63[^\"]\"", lang);
	snprintf(id, sizeof id, "x%u", ++*extra);
	w_pc_start(w, id, kind, lang);
	return true;
}

/* Writes TAGGED (the tagged form, tagform.h) as XLIFF inline content. */
static void w_inline(struct writer *w, const char *tagged, const struct codes *c)
{
	unsigned extra = 0, brs = 0;
	const char *run = tagged, *p = tagged;
	while (*p) {
		if (*p == '&') {
			w_text(w, run, (size_t)(p - run));
			bool amp = strncmp(p, "&amp;", 5) == 0;
			w_text(w, amp ? "&" : "<", 1);
			p += amp ? 5 : strncmp(p, "&lt;", 4) == 0 ? 4 : 1;
			run = p;
		} else if (*p == '<' && strchr(p, '>')) {
			const char *end = strchr(p, '>');
			w_text(w, run, (size_t)(p - run));
			if (!w_tag(w, p + 1, (size_t)(end - p - 1), c, &extra, &brs))
				w_text(w, p, (size_t)(end + 1 - p));
			p = run = end + 1;
		} else {
			p++;
		}
	}
	w_text(w, run, (size_t)(p - run));
}

/* What the unit's segment says of its translation T. */
struct target_info {
	char *tagged;            /* NULL: no target */
	const char *state;
	bool stale;
};

static int target_of(const struct model_unit *unit, const char *lang, const char *hash,
		     const struct segment *seg, struct target_info *ti)
{
	const struct model_text *t = model_unit_text(unit, lang);
	memset(ti, 0, sizeof *ti);
	if (!t)
		return 0;
	struct segment tseg;
	segment_init(&tseg);
	if (segment_from_text(t, &tseg) == 0 && segment_collapse(&tseg) == 0)
		ti->tagged = tagform_make(&tseg, seg);
	segment_clear(&tseg);
	ti->stale = stale_state_of(t, hash) == STALE_STALE;
	ti->state = ti->stale ? "initial" : state_names[t->state];
	return ti->tagged ? 0 : -1;
}

static void w_unit_notes(struct writer *w, const struct model_doc *doc,
			 const struct model_unit *unit, const struct target_info *ti)
{
	if (unit->n_notes == 0 && !ti->stale)
		return;
	w_raw(w, "\n   ");
	w_start(w, "notes");
	for (size_t i = 0; i < unit->n_notes; i++)
		w_note(w, "\n    ", NULL, unit->notes[i]);
	if (ti->stale) {
		char text[160];
		snprintf(text, sizeof text, "stale: the %s source changed after this translation "
			 "was confirmed", doc->source_lang);
		w_note(w, "\n    ", "broadside:stale", text);
	}
	w_raw(w, "\n   ");
	w_end(w);
}

static void w_segment(struct writer *w, const char *tagged, const struct codes *c,
		      const struct target_info *ti)
{
	w_raw(w, "\n   ");
	w_start(w, "segment");
	w_attr(w, "state", ti->tagged ? ti->state : "initial");
	if (ti->stale)
		w_attr(w, "subState", "broadside:stale");
	w_raw(w, "\n    ");
	w_start(w, "source");
	w_inline(w, tagged, c);
	w_end(w);
	if (ti->tagged) {
		w_raw(w, "\n    ");
		w_start(w, "target");
		w_inline(w, ti->tagged, c);
		w_end(w);
	}
	w_raw(w, "\n   ");
	w_end(w);
}

static int export_unit(struct writer *w, const struct model_doc *doc, const char *lang,
		       const struct model_unit *unit, struct xliff_counts *counts)
{
	const struct model_text *source;
	struct segment seg;
	struct codes c = {0};
	struct target_info ti = {0};
	char hash[STALE_HASH_SIZE];
	char *tagged;
	int rc = tagform_unit_source(doc, unit, &source, &seg, &tagged);
	if (rc <= 0)
		goto done; /* nothing to translate, or no memory */
	rc = -1;
	if (stale_hash(source, hash) != 0 || codes_of(&seg, &c) != 0 ||
	    target_of(unit, lang, hash, &seg, &ti) != 0)
		goto done;
	rc = 0;
	w_raw(w, "\n  ");
	w_start(w, "unit");
	w_attr(w, "id", unit->id);
	w_attr(w, "name", model_unit_kind_name(unit->kind));
	w_attr(w, "bs:src-hash", hash);
	w_unit_notes(w, doc, unit, &ti);
	w_segment(w, tagged, &c, &ti);
	w_raw(w, "\n  ");
	w_end(w);
	counts->units++;
	if (!ti.tagged)
		counts->untranslated++;
	else if (ti.stale)
		counts->stale++;
	else if (strcmp(ti.state, "initial") == 0)
		counts->drafts++;
	else
		counts->translated++;
done:
	free(ti.tagged);
	codes_clear(&c);
	segment_clear(&seg);
	free(tagged);
	return w->failed ? -1 : rc;
}

static void w_header(struct writer *w, const struct model_doc *doc, const char *lang,
		     const char *path)
{
	w_check(w, xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL));
	w_start(w, "xliff");
	w_attr(w, "xmlns", XLIFF_NS);
	w_attr(w, "xmlns:bs", XLIFF_BS_NS);
	w_attr(w, "version", "2.1");
	w_attr(w, "srcLang", doc->source_lang);
	w_attr(w, "trgLang", lang);
	w_raw(w, "\n ");
	w_start(w, "file");
	w_attr(w, "id", doc->id ? doc->id : "document");
	w_attr(w, "original", path);
	/* One <t> is one segment: a CAT tool that split it could not give it back. */
	w_attr(w, "canResegment", "no");
	if (doc->n_notes > 0) {
		w_raw(w, "\n  ");
		w_start(w, "notes");
		for (size_t i = 0; i < doc->n_notes; i++)
			w_note(w, "\n   ", "document", doc->notes[i]);
		w_raw(w, "\n  ");
		w_end(w);
	}
}

int xliff_export(const struct model_doc *doc, const struct source *src, const char *lang,
		 const char *path, char **out, size_t *out_len, struct xliff_counts *counts)
{
	(void)src;
	memset(counts, 0, sizeof *counts);
	*out = NULL;
	xmlBufferPtr buf = xmlBufferCreate();
	struct writer w = {.w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL};
	if (!w.w) {
		xmlBufferFree(buf);
		return -1;
	}
	w_header(&w, doc, lang, path);
	for (size_t u = 0; u < doc->n_units && !w.failed; u++)
		if (export_unit(&w, doc, lang, &doc->units[u], counts) != 0)
			w.failed = true;
	w_raw(&w, "\n ");
	w_end(&w);
	w_raw(&w, "\n");
	w_end(&w);
	w_check(&w, xmlTextWriterEndDocument(w.w));
	xmlFreeTextWriter(w.w);
	if (!w.failed) {
		*out_len = (size_t)xmlBufferLength(buf);
		*out = strndup((const char *)xmlBufferContent(buf), *out_len);
	}
	xmlBufferFree(buf);
	return *out ? 0 : -1;
}
