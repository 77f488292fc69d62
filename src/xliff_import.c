/* xliff_import.c — a translator's XLIFF 2.1 file back into edits of the document; see
 * xliff.h (the export is xliff.c, what PO and XLIFF imports share import.h).
 *
 * A target goes through the tagged form (tagform.h), so that every check of a
 * translation's markup against its source is the PO import's own. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "escape.h"
#include "import.h"
#include "load.h"
#include "memfile.h"
#include "segment.h"
#include "stale.h"
#include "tagform.h"
#include "xliff.h"

static const char *const state_names[] = {"initial", "translated", "reviewed", "final"};

static void refuse(struct import_run *im, const void *node, const char *rule, const char *fmt,
		   ...) __attribute__((format(printf, 4, 5)));

/* An error at NODE of the XLIFF file (NULL: at its start). */
static void refuse(struct import_run *im, const void *node, const char *rule, const char *fmt,
		   ...)
{
	va_list ap;
	va_start(ap, fmt);
	import_vrefuse(im, node ? load_node_offset(node) : 0, rule, fmt, ap);
	va_end(ap);
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

/* The root's and the <file>'s checks: XLIFF 2, this document, its languages.  The
 * <file>, or NULL (refused). */
static const xmlNode *check_header(struct import_run *im, const xmlNode *root, const char *want)
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
	const char *mine = import_doc_language(doc, trg_lang);
	const char *source = import_doc_language(doc, src_lang);
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

static bool put_inline(struct import_run *im, FILE *out, const xmlNode *node);

/* A <pc>: a numbered code of the source, or an element by name (bs:el). */
static bool put_pc(struct import_run *im, FILE *out, const xmlNode *pc)
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
		escape_write(out, lang, &escape_xml_minimal);
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
static bool put_ph(struct import_run *im, FILE *out, const xmlNode *ph)
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
static bool put_inline(struct import_run *im, FILE *out, const xmlNode *node)
{
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		escape_write(out, (const char *)node->content, &escape_xml_minimal);
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
static char *target_tagged(struct import_run *im, const xmlNode *target, size_t *len)
{
	struct memfile m;
	FILE *out = memfile_open(&m);
	bool ok = out != NULL;
	for (const xmlNode *c = target->children; c && ok; c = c->next)
		ok = put_inline(im, out, c);
	char *text = memfile_close(&m, len);
	if (!text)
		im->failed = true;
	if (!ok || im->failed) {
		free(text);
		return NULL;
	}
	return text;
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
static void apply_same(struct import_run *im, const struct incoming *in,
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
		import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", state));
	if (in->state != STATE_INITIAL)
		import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", in->hash));
	import_report_add(im, (struct import_item){.unit = in->unit, .offset = t->offset,
					     .change = IMPORT_STATE, .state = state});
}

/* The edits for the translation TR (parsed) of IN's unit. */
static void apply_target(struct import_run *im, const struct incoming *in, struct segment *tr)
{
	struct import_text text;
	if (!import_text_of(im, in->unit, tr, &text))
		goto done;
	const struct model_text *t = text.t;
	const char *xml = text.xml;
	if (import_text_same(&text)) {
		apply_same(im, in, t);
		goto done;
	}
	/* A translation of a source that changed since is a draft, whatever its state. */
	int state = in->source_changed ? STATE_INITIAL : in->state;
	const char *name = state_names[state];
	enum import_change change = in->source_changed ? IMPORT_SOURCE_CHANGED
						      : t ? IMPORT_CHANGED : IMPORT_NEW;
	if (t) {
		if ((int)t->state != state)
			import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "state", name));
		if (state != STATE_INITIAL)
			import_edit_done(im, edit_t_attribute(im->edits, im->src, t, "src-hash", in->hash));
		import_edit_done(im, edit_t_content(im->edits, im->src, t, xml));
		import_report_add(im, (struct import_item){.unit = in->unit, .offset = t->offset,
						     .change = change, .state = name});
	} else {
		import_edit_done(im, edit_insert_t(im->edits, im->src, in->unit, im->lang, name,
						   state != STATE_INITIAL ? in->hash : NULL, xml));
		import_report_add(im, (struct import_item){.unit = in->unit,
						     .offset = in->unit->offset,
						     .change = change, .state = name});
	}
done:
	import_text_clear(&text);
}

static int state_index(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (name && strcmp(name, state_names[i]) == 0)
			return i;
	return name ? -1 : STATE_INITIAL; /* XLIFF's default */
}

/* The unit UNIT_NODE is for, or NULL (refused). */
static const struct model_unit *unit_of(struct import_run *im, const xmlNode *unit_node)
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
static const xmlNode *segment_of(struct import_run *im, const xmlNode *unit_node,
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
static void import_unit(struct import_run *im, const xmlNode *unit_node)
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
static void import_units(struct import_run *im, const xmlNode *node)
{
	for (const xmlNode *c = node->children; c && !im->failed; c = c->next)
		if (is_element(c, "unit"))
			import_unit(im, c);
		else if (is_element(c, "group"))
			import_units(im, c);
}

int xliff_import(const struct model_doc *doc, const struct source *src,
		 const struct source *xlf, const char *lang, bool strict,
		 struct edit_list *edits, struct import_report *report, struct diag_list *diags)
{
	struct import_run im = {.doc = doc, .src = src, .file = xlf, .edits = edits,
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
	rc = import_finish(&im, rc);
	xmlFreeDoc(tree);
	free(im.seen);
	return rc;
}
