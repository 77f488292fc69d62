/* xliff.c — XLIFF 2.1 export and import of a document's translations; see xliff.h.
 *
 * Both directions go through the tagged form of segment.h (the PO files' strings), so
 * that the numbering of inline codes, and on import every check of a translation's
 * markup against its source, are the PO exchange's own. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "load.h"
#include "segment.h"
#include "tagform.h"
#include "stale.h"
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

/* Writes TAGGED (the tagged form, segment.h) as XLIFF inline content. */
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
	const struct model_text *source = model_unit_text(unit, doc->source_lang);
	if (!source || !unit->id)
		return 0;
	struct segment seg;
	segment_init(&seg);
	struct codes c = {0};
	struct target_info ti = {0};
	char hash[STALE_HASH_SIZE];
	char *tagged = NULL;
	int rc = -1;
	if (segment_from_text(source, &seg) != 0 || segment_collapse(&seg) != 0 ||
	    !(tagged = tagform_make(&seg, &seg)) || stale_hash(source, hash) != 0 ||
	    codes_of(&seg, &c) != 0 || target_of(unit, lang, hash, &seg, &ti) != 0)
		goto done;
	rc = 0;
	if (tagged[0] == '\0')
		goto done; /* nothing to translate */
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

/* ---- import ------------------------------------------------------------------------ */

void xliff_report_clear(struct xliff_report *report)
{
	if (!report)
		return;
	free(report->lang);
	free(report->items);
	memset(report, 0, sizeof *report);
}

struct importer {
	const struct model_doc *doc;
	const struct source *src, *xlf;
	struct edit_list *edits;
	struct xliff_report *report;
	struct diag_list *diags;
	const char *lang;
	bool strict;
	bool *seen;        /* per unit */
	bool refused, failed;
};

static void refuse(struct importer *im, const void *node, const char *rule, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

static void refuse(struct importer *im, const void *node, const char *rule, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(im->diags, im->xlf, node ? load_node_offset(node) : 0, DIAG_ERROR, rule, fmt,
		 ap);
	va_end(ap);
	im->refused = true;
}

static bool is_element(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       strcmp((const char *)node->ns->href, XLIFF_NS) == 0 &&
	       strcmp((const char *)node->name, name) == 0;
}

static xmlNode *child_element(const xmlNode *node, const char *name)
{
	for (xmlNode *c = node ? node->children : NULL; c; c = c->next)
		if (is_element(c, name))
			return c;
	return NULL;
}

/* An attribute's value, lent from the tree, or NULL.  NS NULL: no namespace. */
static const char *attr_of(const xmlNode *node, const char *name, const char *ns)
{
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		bool same_ns = ns ? a->ns && strcmp((const char *)a->ns->href, ns) == 0 : !a->ns;
		if (same_ns && strcmp((const char *)a->name, name) == 0 && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	}
	return NULL;
}

/* The document's language written as TAG (de_CH, de-ch, de-CH), or NULL. */
static const char *doc_language(const struct model_doc *doc, const char *tag)
{
	for (size_t i = 0; tag && i < doc->n_langs; i++) {
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

/* The root's and the <file>'s checks: XLIFF 2, this document, its languages.  The
 * <file>, or NULL (refused). */
static const xmlNode *check_header(struct importer *im, const xmlNode *root, const char *want)
{
	const struct model_doc *doc = im->doc;
	const char *version = is_element(root, "xliff") ? attr_of(root, "version", NULL) : NULL;
	if (!version || strncmp(version, "2.", 2) != 0) {
		refuse(im, root, "xliff-version", "not an XLIFF 2 file (an <xliff version=\"2.x\"> "
		       "in the namespace %s); export one with 'broadside xliff export'", XLIFF_NS);
		return NULL;
	}
	const char *src_lang = attr_of(root, "srcLang", NULL);
	const char *trg_lang = attr_of(root, "trgLang", NULL);
	const char *mine = doc_language(doc, trg_lang);
	const char *source = doc_language(doc, src_lang);
	if (!source || strcmp(source, doc->source_lang) != 0)
		refuse(im, root, "xliff-language", "the file's source language is %s, not %s, the "
		       "source language of \"%s\"", src_lang ? src_lang : "missing", doc->source_lang,
		       doc->id);
	else if (!mine || strcmp(mine, doc->source_lang) == 0)
		refuse(im, root, "xliff-language", "the file's target language is %s, which is not "
		       "a translation language of \"%s\" (%s)", trg_lang ? trg_lang : "missing",
		       doc->id, im->src->path);
	else if (want && strcasecmp(want, mine) != 0)
		refuse(im, root, "xliff-language", "this file is in %s, not %s (--lang)", mine, want);
	else
		im->lang = mine;
	const xmlNode *file = child_element(root, "file");
	const char *id = file ? attr_of(file, "id", NULL) : NULL;
	if (!file || !id || strcmp(id, doc->id) != 0) {
		refuse(im, file ? (const void *)file : root, "xliff-document",
		       "this file is for the document \"%s\", not \"%s\" (%s)", id ? id : "?",
		       doc->id, im->src->path);
		return NULL;
	}
	return im->lang ? file : NULL;
}

static bool is_number(const char *s)
{
	return s && *s && strspn(s, "0123456789") == strlen(s);
}

static bool put_inline(struct importer *im, FILE *out, const xmlNode *node);

/* A <pc>: a numbered code of the source, or an element by name (bs:el). */
static bool put_pc(struct importer *im, FILE *out, const xmlNode *pc)
{
	const char *id = attr_of(pc, "id", NULL);
	const char *el = attr_of(pc, "el", XLIFF_BS_NS);
	const char *lang = attr_of(pc, "lang", XLIFF_BS_NS);
	char end[32];
	if (is_number(id)) {
		fprintf(out, "<%s>", id);
		snprintf(end, sizeof end, "</%s>", id);
	} else if (el && (strcmp(el, "em") == 0 || strcmp(el, "strong") == 0 ||
			  strcmp(el, "name") == 0)) {
		fprintf(out, "<%s>", el);
		snprintf(end, sizeof end, "</%s>", el);
	} else if (el && strcmp(el, "foreign") == 0 && lang) {
		fputs("<foreign xml:lang=\"", out);
		tagform_write_text(out, lang);
		fputs("\">", out);
		snprintf(end, sizeof end, "</foreign>");
	} else {
		refuse(im, pc, "xliff-inline", "a <pc id=\"%s\"> that is none of the source's codes "
		       "and no em, strong, name or foreign (bs:el); keep the source's codes",
		       id ? id : "");
		return false;
	}
	for (const xmlNode *c = pc->children; c; c = c->next)
		if (!put_inline(im, out, c))
			return false;
	fputs(end, out);
	return true;
}

/* A <ph>: one of the source's dates, or a line break. */
static bool put_ph(struct importer *im, FILE *out, const xmlNode *ph)
{
	const char *id = attr_of(ph, "id", NULL);
	const char *el = attr_of(ph, "el", XLIFF_BS_NS);
	const char *sub = attr_of(ph, "subType", NULL);
	if (id && strncmp(id, "date", 4) == 0 && is_number(id + 4)) {
		fprintf(out, "<%s/>", id);
		return true;
	}
	if ((el && strcmp(el, "br") == 0) || (sub && strcmp(sub, "xlf:lb") == 0)) {
		fputs("<br/>", out);
		return true;
	}
	refuse(im, ph, "xliff-inline", "a <ph id=\"%s\"> that is none of the source's dates "
	       "and no line break", id ? id : "");
	return false;
}

/* Writes NODE (in a <target>) in the tagged form to OUT; false when refused. */
static bool put_inline(struct importer *im, FILE *out, const xmlNode *node)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		tagform_write_text(out, (const char *)node->content);
		return true;
	}
	if (node->type != XML_ELEMENT_NODE)
		return true; /* comments, processing instructions */
	if (is_element(node, "pc"))
		return put_pc(im, out, node);
	if (is_element(node, "ph"))
		return put_ph(im, out, node);
	if (is_element(node, "mrk")) {
		/* An annotation (a term, a comment) of the CAT tool: its text is the text. */
		for (const xmlNode *c = node->children; c; c = c->next)
			if (!put_inline(im, out, c))
				return false;
		return true;
	}
	refuse(im, node, "xliff-inline", "<%s> is not supported in a target; broadside's inline "
	       "codes are <pc> and <ph> (and <mrk>)", (const char *)node->name);
	return false;
}

/* The tagged form of TARGET in a new string (*LEN bytes), or NULL (refused or no memory:
 * see IM). */
static char *target_tagged(struct importer *im, const xmlNode *target, size_t *len)
{
	char *text = NULL;
	FILE *out = open_memstream(&text, len);
	if (!out) {
		im->failed = true;
		return NULL;
	}
	bool ok = true;
	for (const xmlNode *c = target->children; c && ok; c = c->next)
		ok = put_inline(im, out, c);
	if (fclose(out) != 0)
		im->failed = true;
	if (!ok || im->failed) {
		free(text);
		return NULL;
	}
	return text;
}

static void report_add(struct importer *im, const struct model_unit *unit, uint32_t offset,
		       enum xliff_change change, const char *state)
{
	struct xliff_report *r = im->report;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct xliff_item *items = realloc(r->items, cap * sizeof *items);
		if (!items) {
			im->failed = true;
			return;
		}
		r->items = items;
		r->cap = cap;
	}
	r->items[r->n++] = (struct xliff_item){unit, offset, change, state};
}

static void edit_done(struct importer *im, enum edit_status status)
{
	if (status == EDIT_NO_MEMORY)
		im->failed = true;
	else if (status != EDIT_OK)
		refuse(im, NULL, "internal", "cannot find a <t> in %s where the model says it is "
		       "(a defect in broadside)", im->src->path);
}

/* What a unit's <segment> brings. */
struct incoming {
	const struct model_unit *unit;
	const char *hash;        /* the source's src-hash now */
	int state;               /* an index into state_names */
	bool stale_mark;         /* subState="broadside:stale" */
	bool source_changed;     /* since the export */
};

/* The <t> is the same text: only its state or confirmation can change. */
static void apply_same(struct importer *im, const struct incoming *in,
		       const struct model_text *t)
{
	bool stale = stale_state_of(t, in->hash) == STALE_STALE;
	if (in->source_changed || (in->stale_mark && in->state == STATE_INITIAL) ||
	    ((int)t->state == in->state && (!stale || in->state == STATE_INITIAL))) {
		im->report->unchanged++;
		return;
	}
	const char *state = state_names[in->state];
	if ((int)t->state != in->state)
		edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", state));
	if (in->state != STATE_INITIAL)
		edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", in->hash));
	report_add(im, in->unit, t->offset, XLIFF_STATE, state);
}

/* The edits for the translation TR (parsed) of IN's unit. */
static void apply_target(struct importer *im, const struct incoming *in, struct segment *tr)
{
	const struct model_text *t = model_unit_text(in->unit, im->lang);
	char *xml = segment_xml(tr);
	char *mine = t ? segment_canonical(t) : NULL;
	char *theirs = segment_canonical_of(tr);
	if (!xml || !theirs || (t && !mine)) {
		im->failed = true;
		goto done;
	}
	if (t && strcmp(mine, theirs) == 0) {
		apply_same(im, in, t);
		goto done;
	}
	/* A translation of a source that changed since is a draft, whatever its state. */
	int state = in->source_changed ? STATE_INITIAL : in->state;
	const char *name = state_names[state];
	enum xliff_change change = in->source_changed ? XLIFF_SOURCE_CHANGED
						      : t ? XLIFF_CHANGED : XLIFF_NEW;
	if (t) {
		if ((int)t->state != state)
			edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", name));
		if (state != STATE_INITIAL)
			edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", in->hash));
		edit_done(im, edit_t_content(im->edits, im->src, t, xml));
		report_add(im, in->unit, t->offset, change, name);
	} else {
		edit_done(im, edit_insert_t(im->edits, im->src, in->unit, im->lang, name,
					    state != STATE_INITIAL ? in->hash : NULL, xml));
		report_add(im, in->unit, in->unit->offset, change, name);
	}
done:
	free(xml);
	free(mine);
	free(theirs);
}

static int state_index(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name && strcmp(name, state_names[i]) == 0)
			return i;
	return name ? -1 : STATE_INITIAL; /* XLIFF's default */
}

/* The unit UNIT_NODE is for, or NULL (refused). */
static const struct model_unit *unit_of(struct importer *im, const xmlNode *unit_node)
{
	const char *id = attr_of(unit_node, "id", NULL);
	const struct model_unit *unit = id ? model_doc_unit(im->doc, id) : NULL;
	if (!unit) {
		refuse(im, unit_node, "xliff-unit", "there is no unit \"%s\" in \"%s\" (%s)",
		       id ? id : "", im->doc->id, im->src->path);
		return NULL;
	}
	size_t index = (size_t)(unit - im->doc->units);
	if (im->seen[index]) {
		refuse(im, unit_node, "xliff-unit", "a second <unit> for unit \"%s\"", id);
		return NULL;
	}
	im->seen[index] = true;
	return unit;
}

/* Reads the <segment> of a unit into IN; its <target>, or NULL. */
static const xmlNode *segment_of(struct importer *im, const xmlNode *unit_node,
				 struct incoming *in)
{
	const xmlNode *segment = child_element(unit_node, "segment");
	size_t n = 0;
	for (const xmlNode *c = unit_node->children; c; c = c->next)
		n += is_element(c, "segment");
	if (n != 1) {
		refuse(im, unit_node, "xliff-segment", "unit \"%s\" has %zu segments; broadside's "
		       "units are one segment each (canResegment=\"no\")", in->unit->id, n);
		return NULL;
	}
	const char *state = attr_of(segment, "state", NULL);
	const char *sub = attr_of(segment, "subState", NULL);
	in->state = state_index(state);
	in->stale_mark = sub && strcmp(sub, "broadside:stale") == 0;
	if (in->state < 0) {
		refuse(im, segment, "xliff-state", "state=\"%s\" is none of initial, translated, "
		       "reviewed, final", state);
		return NULL;
	}
	return child_element(segment, "target");
}

/* Checks one <unit> against the document and adds its edits. */
static void import_unit(struct importer *im, const xmlNode *unit_node)
{
	struct incoming in = {.unit = unit_of(im, unit_node)};
	if (!in.unit)
		return;
	const struct model_text *source = model_unit_text(in.unit, im->doc->source_lang);
	const char *exported = attr_of(unit_node, "src-hash", XLIFF_BS_NS);
	const xmlNode *target = segment_of(im, unit_node, &in);
	struct segment seg, tr;
	segment_init(&seg);
	segment_init(&tr);
	char hash[STALE_HASH_SIZE];
	char *tagged = NULL;
	size_t len = 0;
	if (im->refused)
		goto done;
	if (!source || segment_from_text(source, &seg) != 0 || segment_collapse(&seg) != 0 ||
	    stale_hash(source, hash) != 0) {
		im->failed = true;
		goto done;
	}
	in.hash = hash;
	if (!exported) {
		refuse(im, unit_node, "xliff-unit", "unit \"%s\" has no bs:src-hash; export the file "
		       "with 'broadside xliff export'", in.unit->id);
		goto done;
	}
	in.source_changed = strcmp(exported, hash) != 0;
	if (in.source_changed && im->strict)
		refuse(im, unit_node, "xliff-source-changed", "the source of unit \"%s\" changed "
		       "after this file was exported (--strict); export again", in.unit->id);
	if (!target) {
		im->report->empty++;
		goto done;
	}
	if (!(tagged = target_tagged(im, target, &len)))
		goto done;
	if (strspn(tagged, " \t\n\r") == len) {
		im->report->empty++;
		goto done;
	}
	struct tagform_error err;
	int rc = tagform_parse(tagged, len, &seg, &tr, &err);
	if (rc < 0)
		im->failed = true;
	else if (rc > 0)
		refuse(im, target, "xliff-inline", "the target of unit \"%s\": %s", in.unit->id,
		       err.message);
	else if (!im->refused)
		apply_target(im, &in, &tr);
done:
	segment_clear(&seg);
	segment_clear(&tr);
	free(tagged);
}

/* Imports the units of NODE (a <file> or a <group>). */
static void import_units(struct importer *im, const xmlNode *node)
{
	for (const xmlNode *c = node->children; c && !im->failed; c = c->next)
		if (is_element(c, "unit"))
			import_unit(im, c);
		else if (is_element(c, "group"))
			import_units(im, c);
}

int xliff_import(const struct model_doc *doc, const struct source *src,
		 const struct source *xlf, const char *lang, bool strict,
		 struct edit_list *edits, struct xliff_report *report, struct diag_list *diags)
{
	struct importer im = {.doc = doc, .src = src, .xlf = xlf, .edits = edits,
			      .report = report, .diags = diags, .strict = strict};
	xmlDocPtr tree = NULL;
	im.seen = calloc(doc->n_units + 1, sizeof *im.seen);
	if (!im.seen)
		return -1;
	int rc = load_document(xlf, diags, &tree) == 0 ? 0 : 1;
	const xmlNode *file = rc == 0 ? check_header(&im, xmlDocGetRootElement(tree), lang) : NULL;
	if (file && !(report->lang = strdup(im.lang)))
		im.failed = true;
	if (file && !im.failed)
		import_units(&im, file);
	if (rc == 0 && (im.failed || diags->out_of_memory))
		rc = -1;
	else if (rc == 0 && im.refused)
		rc = 1;
	if (rc != 0)
		edit_list_clear(edits);
	xmlFreeDoc(tree);
	free(im.seen);
	return rc;
}
