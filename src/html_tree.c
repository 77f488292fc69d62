/* html_tree.c — the tree the stylesheets read, built from resolved documents; see html.h.
 *
 * An html_tree is a libxml2 document under another name, so that no header shows libxml2;
 * only html.c (which runs the stylesheets on it) and this file look inside. */
#include "html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "uri.h"
#include "textcheck.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

/* ---- what the stylesheets read: the tree --------------------------------------------- */

/* libxml2 returns NULL when out of memory; the builder notes it and every helper then
 * does nothing, so that building goes on to the end and fails once. */
struct builder {
	bool failed;
	const struct resolved_doc *rdoc;
};

static xmlNodePtr add_element(struct builder *b, xmlNodePtr parent, const char *name)
{
	if (!parent)
		return NULL;
	xmlNodePtr node = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!node)
		b->failed = true;
	return node;
}

static void set_attr(struct builder *b, xmlNodePtr node, const char *name, const char *value)
{
	if (node && value && !xmlSetProp(node, BAD_CAST name, BAD_CAST value))
		b->failed = true;
}

/* Sets NAME to URI, made by uri_encode or uri_mailto (NULL: out of memory), and frees it. */
static void set_uri_attr(struct builder *b, xmlNodePtr node, const char *name, char *uri)
{
	if (!uri)
		b->failed = true;
	set_attr(b, node, name, uri);
	free(uri);
}

static void set_attr_count(struct builder *b, xmlNodePtr node, const char *name, size_t value)
{
	char text[32];
	snprintf(text, sizeof text, "%zu", value);
	set_attr(b, node, name, text);
}

static void add_text_node(struct builder *b, xmlNodePtr parent, const char *text, size_t len)
{
	if (!parent || len == 0)
		return;
	xmlNodePtr node = xmlNewTextLen(BAD_CAST text, (int)len);
	if (!node || !xmlAddChild(parent, node)) {
		xmlFreeNode(node);
		b->failed = true;
	}
}

/* Appends TEXT[FROM, TO) to PARENT.  The isolates the text stage put around other-direction
 * runs are left out (the runs' elements carry `dir`, which isolates them in HTML); U+2028,
 * a <br/> of the source, becomes <br/> again. */
static void add_text(struct builder *b, xmlNodePtr parent, const char *text, size_t from,
		     size_t to)
{
	size_t start = from;
	for (size_t i = from; i < to;) {
		const unsigned char *p = (const unsigned char *)text + i;
		bool isolate = i + 3 <= to && p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 &&
			       p[2] <= 0xA9; /* U+2066–U+2069 */
		bool line_break = i + 3 <= to && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA8;
		if (!isolate && !line_break) {
			i++;
			continue;
		}
		add_text_node(b, parent, text + start, i - start);
		if (line_break)
			add_element(b, parent, "br");
		i += 3;
		start = i;
	}
	add_text_node(b, parent, text + start, to - start);
}

static const char *dir_name(bool rtl)
{
	return rtl ? "rtl" : "ltr";
}

static void set_lang(struct builder *b, xmlNodePtr node, const struct lang_facts *info)
{
	set_attr(b, node, "lang", info->tag);
	set_attr(b, node, "dir", dir_name(info->rtl));
	set_attr(b, node, "script", info->script);
}

/* The element of one span: its markup, and `dir` when the text stage isolated it. */
static xmlNodePtr add_span(struct builder *b, xmlNodePtr parent, const struct resolved_span *span)
{
	static const struct {
		enum resolve_style style;
		const char *name;
	} names[] = {
		{STYLE_EM, "em"},     {STYLE_STRONG, "strong"}, {STYLE_NAME, "name"},
		{STYLE_LINK, "a"},    {STYLE_FOREIGN, "foreign"}, {STYLE_DATE, "date"},
	};
	const char *name = "span";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].style == span->style)
			name = names[i].name;
	xmlNodePtr node = add_element(b, parent, name);
	if (span->style == STYLE_FOREIGN && span->lang) {
		/* only the script: a language's display name and digits cost ICU far more */
		char script[16];
		lang_script(span->lang, script);
		set_attr(b, node, "lang", span->lang);
		set_attr(b, node, "script", script);
	}
	/* Validation refused every other scheme; this keeps it so if that ever changes. */
	if (span->style == STYLE_LINK && span->href && textcheck_link(span->href))
		set_uri_attr(b, node, "href", uri_encode(span->href));
	if (span->style == STYLE_DATE && span->date) {
		const char *slash = strchr(span->date, '/');
		if (slash) {
			char *from = strndup(span->date, (size_t)(slash - span->date));
			if (!from)
				b->failed = true;
			set_attr(b, node, "from", from);
			set_attr(b, node, "to", slash + 1);
			free(from);
		} else {
			set_attr(b, node, "when", span->date);
		}
	}
	if (span->isolated)
		set_attr(b, node, "dir", span->dir == RESOLVE_RTL ? "rtl" : "ltr");
	return node;
}

/* Appends RT's text [FROM, TO) with the spans from index S on that lie inside it, as
 * nested elements; returns the index of the first span it did not place.  Spans nest and
 * come in the order they start (resolve.h), so one pass places them all. */
static size_t add_runs(struct builder *b, xmlNodePtr parent, const struct resolved_text *rt,
		       size_t from, size_t to, size_t s)
{
	size_t pos = from;
	while (s < rt->n_spans) {
		const struct resolved_span *span = &rt->spans[s];
		if (span->start < pos || span->start > to || span->end > to || span->end < span->start)
			break;
		add_text(b, parent, rt->text, pos, span->start);
		xmlNodePtr node = add_span(b, parent, span);
		s = add_runs(b, node, rt, span->start, span->end, s + 1);
		pos = span->end;
	}
	add_text(b, parent, rt->text, pos, to);
	return s;
}

static const char *state_name(const struct resolved_text *rt)
{
	static const char *const names[] = {
		[STATE_INITIAL] = "initial", [STATE_TRANSLATED] = "translated",
		[STATE_REVIEWED] = "reviewed", [STATE_FINAL] = "final",
	};
	return rt->t ? names[rt->t->state] : "missing";
}

/* A unit as the element of its kind holding one <t> per language, in display order; a
 * language without a translation has <t state="missing"/>. */
static void add_unit(struct builder *b, xmlNodePtr parent, size_t u)
{
	const struct model_doc *doc = b->rdoc->doc;
	const struct resolved_unit *ru = &b->rdoc->units[u];
	xmlNodePtr node = add_element(b, parent, model_unit_kind_name(ru->unit->kind));
	set_attr(b, node, "id", ru->unit->id);
	for (size_t l = 0; l < doc->n_langs; l++) {
		const struct resolved_text *rt = &ru->texts[l];
		xmlNodePtr t = add_element(b, node, "t");
		set_lang(b, t, &b->rdoc->langs[l]);
		set_attr(b, t, "state", state_name(rt));
		if (rt->t && rt->text)
			add_runs(b, t, rt, 0, rt->len, 0);
	}
}

static void add_when(struct builder *b, xmlNodePtr parent, const struct resolved_when *when)
{
	for (size_t l = 0; l < b->rdoc->doc->n_langs; l++) {
		xmlNodePtr node = add_element(b, parent, "when");
		set_lang(b, node, &b->rdoc->langs[l]);
		set_attr(b, node, "date", when->date ? when->date[l] : NULL);
		set_attr(b, node, "time", when->time ? when->time[l] : NULL);
	}
}

static void add_block(struct builder *b, xmlNodePtr body, size_t i)
{
	static const char *const list_kinds[] = {
		[LIST_BULLETS] = "bullets", [LIST_NUMBERS] = "numbers", [LIST_DEMANDS] = "demands",
	};
	const struct model_block *block = &b->rdoc->doc->blocks[i];
	xmlNodePtr node = body;
	switch (block->kind) {
	case BLOCK_UNIT:
		break;
	case BLOCK_LIST:
		node = add_element(b, body, "list");
		set_attr(b, node, "kind", list_kinds[block->list_kind]);
		break;
	case BLOCK_QUOTE:
		node = add_element(b, body, "quote");
		break;
	case BLOCK_EVENT:
		node = add_element(b, body, "event");
		set_attr(b, node, "when", block->when);
		set_attr(b, node, "until", block->until);
		set_attr(b, node, "time", block->time);
		add_when(b, node, &b->rdoc->events[i]);
		break;
	}
	if (node != body)
		set_attr(b, node, "id", block->id);
	for (size_t u = block->first_unit; u < block->first_unit + block->n_units; u++)
		add_unit(b, node, u);
}

/* NODE's page and pdf attributes: the file names of the page and leaflet in LANG (NULL:
 * every language). */
static void set_file_attrs(struct builder *b, xmlNodePtr node, const char *lang)
{
	char *page = html_page_name(b->rdoc->doc, lang);
	char *pdf = html_pdf_name(b->rdoc->doc, lang);
	if (!page || !pdf)
		b->failed = true;
	set_attr(b, node, "page", page);
	set_attr(b, node, "pdf", pdf);
	free(page);
	free(pdf);
}

static void add_document_attrs(struct builder *b, xmlNodePtr node)
{
	const struct model_doc *doc = b->rdoc->doc;
	set_attr(b, node, "kind", doc->root == MODEL_LETTER ? "letter" : "appeal");
	set_attr(b, node, "id", doc->id);
	set_attr(b, node, "source", doc->source_lang);
	set_file_attrs(b, node, NULL);
}

static xmlNodePtr add_language(struct builder *b, xmlNodePtr parent, size_t l)
{
	const struct lang_facts *info = &b->rdoc->langs[l];
	xmlNodePtr node = add_element(b, parent, "language");
	set_attr(b, node, "code", info->tag);
	set_attr(b, node, "dir", dir_name(info->rtl));
	set_attr(b, node, "script", info->script);
	set_attr(b, node, "numbers", info->numbers);
	set_attr(b, node, "name", info->name);
	set_file_attrs(b, node, info->tag);
	return node;
}

static xmlDocPtr new_tree(struct builder *b, const char *root)
{
	xmlDocPtr tree = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr node = tree ? xmlNewDocNode(tree, NULL, BAD_CAST root, NULL) : NULL;
	if (!node) {
		xmlFreeDoc(tree);
		b->failed = true;
		return NULL;
	}
	xmlDocSetRootElement(tree, node);
	set_attr(b, node, "generator", "broadside " BROADSIDE_VERSION);
	return tree;
}

static int finish_tree(struct builder *b, xmlDocPtr tree, struct html_tree **out)
{
	if (b->failed || !tree) {
		xmlFreeDoc(tree);
		return -1;
	}
	*out = (struct html_tree *)tree;
	return 0;
}

int html_document_tree(const struct resolved_doc *rdoc, struct html_tree **out)
{
	*out = NULL;
	struct builder b = {.rdoc = rdoc};
	const struct model_doc *doc = rdoc->doc;
	xmlDocPtr tree = new_tree(&b, "document");
	xmlNodePtr root = tree && !b.failed ? xmlDocGetRootElement(tree) : NULL;
	if (root) {
		add_document_attrs(&b, root);
		for (size_t l = 0; l < doc->n_langs; l++)
			add_language(&b, root, l);
		xmlNodePtr head = add_element(&b, root, "head");
		for (size_t u = 0; u < doc->n_head_units; u++)
			add_unit(&b, head, u);
		if (doc->date) {
			xmlNodePtr date = add_element(&b, head, "date");
			set_attr(&b, date, "when", doc->date);
			add_when(&b, date, &rdoc->published);
		}
		if (doc->contact_email || doc->contact_url) {
			xmlNodePtr contact = add_element(&b, head, "contact");
			set_attr(&b, contact, "email", doc->contact_email);
			if (doc->contact_email)
				set_uri_attr(&b, contact, "mailto", uri_mailto(doc->contact_email));
			if (doc->contact_url && textcheck_link(doc->contact_url)) {
				set_attr(&b, contact, "url", doc->contact_url);
				set_uri_attr(&b, contact, "href", uri_encode(doc->contact_url));
			}
		}
		xmlNodePtr body = add_element(&b, root, "body");
		for (size_t i = 0; i < doc->n_blocks; i++)
			add_block(&b, body, i);
	}
	return finish_tree(&b, tree, out);
}

/* How far each translation of one document is: units per state, per language. */
static void add_progress(struct builder *b, xmlNodePtr language, size_t l)
{
	const struct resolved_doc *rdoc = b->rdoc;
	size_t counts[5] = {0}; /* the states, then missing */
	for (size_t u = 0; u < rdoc->doc->n_units; u++) {
		const struct resolved_text *rt = &rdoc->units[u].texts[l];
		counts[rt->t ? (size_t)rt->t->state : 4]++;
	}
	set_attr_count(b, language, "initial", counts[STATE_INITIAL]);
	set_attr_count(b, language, "translated", counts[STATE_TRANSLATED]);
	set_attr_count(b, language, "reviewed", counts[STATE_REVIEWED]);
	set_attr_count(b, language, "final", counts[STATE_FINAL]);
	set_attr_count(b, language, "missing", counts[4]);
}

int html_index_tree(const struct resolved_doc *const *docs, size_t n, struct html_tree **out)
{
	*out = NULL;
	struct builder b = {0};
	xmlDocPtr tree = new_tree(&b, "index");
	xmlNodePtr root = tree ? xmlDocGetRootElement(tree) : NULL;
	for (size_t i = 0; root && !b.failed && i < n; i++) {
		b.rdoc = docs[i];
		xmlNodePtr node = add_element(&b, root, "document");
		add_document_attrs(&b, node);
		set_attr_count(&b, node, "units", docs[i]->doc->n_units);
		for (size_t l = 0; !b.failed && l < docs[i]->doc->n_langs; l++)
			add_progress(&b, add_language(&b, node, l), l);
		for (size_t u = 0; !b.failed && u < docs[i]->doc->n_head_units; u++)
			if (docs[i]->units[u].unit->kind == UNIT_TITLE)
				add_unit(&b, node, u);
	}
	return finish_tree(&b, tree, out);
}

void html_tree_free(struct html_tree *tree)
{
	xmlFreeDoc((xmlDocPtr)tree);
}

int html_tree_xml(const struct html_tree *tree, char **out, size_t *len)
{
	xmlChar *bytes = NULL;
	int size = 0;
	*out = NULL;
	*len = 0;
	/* Not indented: in mixed content, indenting would change the text. */
	xmlDocDumpFormatMemoryEnc((xmlDocPtr)tree, &bytes, &size, "UTF-8", 0);
	if (bytes && size >= 0 && (*out = malloc((size_t)size + 1))) {
		memcpy(*out, bytes, (size_t)size);
		(*out)[size] = '\0';
		*len = (size_t)size;
	}
	xmlFree(bytes);
	return *out ? 0 : -1;
}

/* Unsets NODE's and its descendants' page and pdf attributes that WRITTEN says no. */
static void drop_links(xmlNodePtr node, bool (*written)(const char *name, const void *ctx),
		       const void *ctx)
{
	static const char *const attrs[] = {"page", "pdf"};
	for (size_t a = 0; a < 2; a++) {
		xmlChar *v = xmlGetProp(node, (const xmlChar *)attrs[a]);
		if (v && !written((const char *)v, ctx))
			xmlUnsetProp(node, (const xmlChar *)attrs[a]);
		xmlFree(v);
	}
	for (xmlNodePtr c = node->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			drop_links(c, written, ctx);
}

void html_index_drop_links(struct html_tree *tree, size_t i,
			   bool (*written)(const char *name, const void *ctx), const void *ctx)
{
	xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)tree);
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && i-- == 0) {
			drop_links(c, written, ctx);
			return;
		}
}

void html_index_add_refused(struct html_tree *tree, const char *file,
			    const char *const *diagnostics, size_t n)
{
	xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)tree);
	if (!root)
		return;
	xmlNodePtr node = xmlNewChild(root, NULL, (const xmlChar *)"refused", NULL);
	xmlNewProp(node, (const xmlChar *)"file", (const xmlChar *)file);
	for (size_t k = 0; k < n; k++)
		xmlNewTextChild(node, NULL, (const xmlChar *)"diagnostic", (const xmlChar *)diagnostics[k]);
}
