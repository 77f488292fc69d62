/* build.c — tree to model; see build.h. */
#include "build.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "load.h"
#include "utf8.h"

struct builder {
	const struct source *src;
	struct model_doc *doc;
	size_t cap_langs, cap_units, cap_blocks, cap_notes; /* of the arrays of doc */
	bool failed; /* out of memory somewhere: the whole build fails */
};

static bool is_named(xmlNodePtr node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
	       strcmp((const char *)node->name, name) == 0;
}

/* An element's name and the kind (an enum model_*_kind) of what it is built into. */
struct element_kind {
	const char *name;
	int kind;
};

/* The kind that TABLE gives NODE (an element in no namespace), or -1. */
static int kind_of(xmlNodePtr node, const struct element_kind *table, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_named(node, table[i].name))
			return table[i].kind;
	return -1;
}

#define KIND_OF(node, table) kind_of((node), (table), sizeof(table) / sizeof *(table))

static char *dup_string(struct builder *b, const xmlChar *s)
{
	if (!s)
		return NULL;
	char *copy = strdup((const char *)s);
	if (!copy)
		b->failed = true;
	return copy;
}

/* The value of attribute NAME (in no namespace, or in xml: when XML is true), copied. */
static char *attribute(struct builder *b, xmlNodePtr node, const char *name, bool xml,
		       uint32_t *offset)
{
	xmlAttrPtr attr = xml ? xmlHasNsProp(node, (const xmlChar *)name, XML_XML_NAMESPACE)
			      : xmlHasNsProp(node, (const xmlChar *)name, NULL);
	if (offset)
		*offset = attr ? load_node_offset(attr) : load_node_offset(node);
	if (!attr)
		return NULL;
	xmlChar *value = xmlNodeListGetString(node->doc, attr->children, 1);
	char *copy = dup_string(b, value ? value : (const xmlChar *)"");
	xmlFree(value);
	return copy;
}

/* Makes room for one more element of SIZE bytes in *ITEMS (*N of them, room for *CAP);
 * returns it, zeroed.  Doubling keeps a body of 100,000 units linear to build; starting
 * from one element wastes nothing on the many arrays that stay short (a <t>'s runs). */
static void *push(struct builder *b, void *items_ptr, size_t *n, size_t *cap, size_t size)
{
	if (!grow_zeroed(items_ptr, cap, *n + 1, size, 1)) {
		b->failed = true;
		return NULL;
	}
	char *items;
	memcpy(&items, items_ptr, sizeof items);
	return items + (*n)++ * size; /* zero: grow_zeroed cleared it, nothing wrote it */
}

/* ---- text with its source offsets -------------------------------------------------- */

/* Fills OFFSETS[0 .. LEN) with where each byte of TEXT came from in the source,
 * re-reading the raw characters from START.  Returns false if they do not match. */
static bool trace_offsets(const struct source *src, uint32_t start, bool cdata, const char *text,
			  size_t len, uint32_t *offsets)
{
	const char *raw = src->bytes + start, *end = src->bytes + src->len;
	size_t i = 0;
	while (i < len && raw < end) {
		char buf[4];
		size_t n, consumed;
		if (*raw == '\r') {
			buf[0] = '\n';
			n = 1;
			consumed = raw + 1 < end && raw[1] == '\n' ? 2 : 1;
		} else if (*raw == '&' && !cdata) {
			uint32_t cp;
			consumed = utf8_decode_reference(raw, (size_t)(end - raw), &cp);
			if (consumed == 0)
				return false;
			n = utf8_encode(cp, buf);
		} else {
			buf[0] = *raw;
			n = 1;
			consumed = 1;
		}
		if (i + n > len || memcmp(text + i, buf, n) != 0)
			return false;
		/* A literal character maps byte for byte; a reference's bytes all map to its '&'. */
		for (size_t k = 0; k < n; k++)
			offsets[i + k] = (uint32_t)(raw - src->bytes);
		i += n;
		raw += consumed;
	}
	return i == len;
}

static void build_text_run(struct builder *b, xmlNodePtr node, struct model_inline *run)
{
	run->kind = INLINE_TEXT;
	run->offset = load_node_offset(node);
	run->text = dup_string(b, node->content ? node->content : (const xmlChar *)"");
	if (!run->text)
		return;
	run->text_len = strlen(run->text);
	run->text_offsets = malloc((run->text_len + 1) * sizeof *run->text_offsets);
	if (!run->text_offsets) {
		b->failed = true;
		return;
	}
	bool traced = run->offset != SOURCE_NO_OFFSET &&
		      trace_offsets(b->src, run->offset, node->type == XML_CDATA_SECTION_NODE,
				    run->text, run->text_len, run->text_offsets);
	if (!traced)
		for (size_t i = 0; i < run->text_len; i++)
			run->text_offsets[i] = run->offset;
	run->text_offsets[run->text_len] = run->offset; /* keeps the array non-empty */
}

/* ---- inline markup ----------------------------------------------------------------- */

static void build_runs(struct builder *b, xmlNodePtr first, struct model_inline **runs,
		       size_t *n_runs);

static const struct element_kind inline_elements[] = {
	{"em", INLINE_EM},     {"strong", INLINE_STRONG}, {"name", INLINE_NAME},
	{"foreign", INLINE_FOREIGN}, {"a", INLINE_LINK},  {"date", INLINE_DATE},
	{"br", INLINE_BR},
};

static void build_element_run(struct builder *b, xmlNodePtr node, struct model_inline *run)
{
	run->offset = load_node_offset(node);
	switch (run->kind) {
	case INLINE_FOREIGN:
		run->lang = attribute(b, node, "lang", true, NULL);
		break;
	case INLINE_LINK:
		run->href = attribute(b, node, "href", false, &run->href_offset);
		break;
	case INLINE_DATE: {
		uint32_t from_offset;
		run->when = attribute(b, node, "when", false, &run->date_offset);
		run->from = attribute(b, node, "from", false, &from_offset);
		run->to = attribute(b, node, "to", false, NULL);
		if (!run->when)
			run->date_offset = from_offset;
		return;
	}
	default:
		break;
	}
	if (run->kind != INLINE_BR)
		build_runs(b, node->children, &run->children, &run->n_children);
}

/* Builds the runs of the nodes from FIRST on into *RUNS, which is empty. */
static void build_runs(struct builder *b, xmlNodePtr first, struct model_inline **runs,
		       size_t *n_runs)
{
	size_t cap = 0;
	for (xmlNodePtr node = first; node && !b->failed; node = node->next) {
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			struct model_inline *run = push(b, runs, n_runs, &cap, sizeof *run);
			if (run)
				build_text_run(b, node, run);
			continue;
		}
		int kind = KIND_OF(node, inline_elements);
		if (kind < 0)
			continue;
		struct model_inline *run = push(b, runs, n_runs, &cap, sizeof *run);
		if (run) {
			run->kind = (enum model_inline_kind)kind;
			build_element_run(b, node, run);
		}
	}
}

/* ---- units ------------------------------------------------------------------------- */

static enum model_state parse_state(const char *s, bool is_source, bool *given)
{
	static const char *const names[] = {"initial", "translated", "reviewed", "final"};
	*given = false;
	for (size_t i = 0; s && i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*given = true;
			return (enum model_state)i;
		}
	return is_source ? STATE_FINAL : STATE_TRANSLATED;
}

static char *note_text(struct builder *b, xmlNodePtr node)
{
	xmlChar *content = xmlNodeGetContent(node);
	char *copy = dup_string(b, content ? content : (const xmlChar *)"");
	xmlFree(content);
	return copy;
}

static void build_t(struct builder *b, xmlNodePtr node, struct model_text *t)
{
	t->offset = load_node_offset(node);
	t->lang = attribute(b, node, "lang", true, &t->lang_offset);
	char *state = attribute(b, node, "state", false, NULL);
	bool is_source = t->lang && b->doc->source_lang && strcmp(t->lang, b->doc->source_lang) == 0;
	t->state = parse_state(state, is_source, &t->state_given);
	free(state);
	t->src_hash = attribute(b, node, "src-hash", false, NULL);
	build_runs(b, node->children, &t->runs, &t->n_runs);
}

/* Adds NODE as a unit of KIND; returns its index, or (size_t)-1. */
static size_t build_unit(struct builder *b, xmlNodePtr node, enum model_unit_kind kind)
{
	struct model_doc *doc = b->doc;
	struct model_unit *unit = push(b, &doc->units, &doc->n_units, &b->cap_units, sizeof *unit);
	if (!unit)
		return (size_t)-1;
	unit->kind = kind;
	unit->offset = load_node_offset(node);
	unit->id = attribute(b, node, "id", false, &unit->id_offset);
	size_t cap_texts = 0, cap_notes = 0;
	for (xmlNodePtr child = node->children; child && !b->failed; child = child->next) {
		if (is_named(child, "t")) {
			struct model_text *t =
				push(b, &unit->texts, &unit->n_texts, &cap_texts, sizeof *t);
			if (t)
				build_t(b, child, t);
		} else if (is_named(child, "note")) {
			char **note =
				push(b, &unit->notes, &unit->n_notes, &cap_notes, sizeof *note);
			if (note)
				*note = note_text(b, child);
		}
	}
	return doc->n_units - 1;
}

/* ---- head and body ----------------------------------------------------------------- */

static const struct element_kind head_units[] = {
	{"title", UNIT_TITLE}, {"subtitle", UNIT_SUBTITLE}, {"issuer", UNIT_ISSUER},
	{"from", UNIT_FROM},   {"to", UNIT_TO},             {"place", UNIT_PLACE},
}, body_units[] = {
	{"h", UNIT_HEADING},         {"p", UNIT_PARAGRAPH}, {"salutation", UNIT_SALUTATION},
	{"closing", UNIT_CLOSING},   {"signature", UNIT_SIGNATURE},
};

static void build_print(struct builder *b, xmlNodePtr node)
{
	struct model_print *print = &b->doc->print;
	print->present = true;
	print->paper = attribute(b, node, "paper", false, NULL);
	print->orientation = attribute(b, node, "orientation", false, NULL);
	print->layout = attribute(b, node, "layout", false, NULL);
	char *pages = attribute(b, node, "pages", false, NULL);
	print->pages = pages ? (unsigned)strtoul(pages, NULL, 10) : 0;
	free(pages);
	char *qr = attribute(b, node, "qr", false, &print->qr_offset);
	print->qr = qr ? strcmp(qr, "yes") == 0 : -1;
	free(qr);
}

static void build_head(struct builder *b, xmlNodePtr head)
{
	struct model_doc *doc = b->doc;
	for (xmlNodePtr node = head->children; node && !b->failed; node = node->next) {
		int kind = KIND_OF(node, head_units);
		if (kind >= 0)
			build_unit(b, node, (enum model_unit_kind)kind);
		/* A repeated date, contact or print is a schema error; the first one counts. */
		if (is_named(node, "date") && !doc->date) {
			doc->date = attribute(b, node, "when", false, &doc->date_offset);
		} else if (is_named(node, "contact") && !doc->contact_email && !doc->contact_url) {
			doc->contact_email = attribute(b, node, "email", false,
						       &doc->contact_email_offset);
			doc->contact_url = attribute(b, node, "url", false, &doc->contact_url_offset);
		} else if (is_named(node, "print") && !doc->print.present) {
			build_print(b, node);
		} else if (is_named(node, "note")) {
			char **note =
				push(b, &doc->notes, &doc->n_notes, &b->cap_notes, sizeof *note);
			if (note)
				*note = note_text(b, node);
		}
	}
	doc->n_head_units = doc->n_units;
}

static enum model_list_kind list_kind(const char *kind)
{
	if (kind && strcmp(kind, "numbers") == 0)
		return LIST_NUMBERS;
	if (kind && strcmp(kind, "demands") == 0)
		return LIST_DEMANDS;
	return LIST_BULLETS;
}

/* A list, quote or event: its units, of the kinds its children name. */
static void build_container(struct builder *b, xmlNodePtr node, struct model_block *block)
{
	block->first_unit = b->doc->n_units;
	for (xmlNodePtr child = node->children; child && !b->failed; child = child->next) {
		if (block->kind == BLOCK_LIST && is_named(child, "item"))
			build_unit(b, child, UNIT_ITEM);
		else if (is_named(child, "p"))
			build_unit(b, child, UNIT_PARAGRAPH);
		else if (block->kind == BLOCK_QUOTE && is_named(child, "cite"))
			build_unit(b, child, UNIT_CITE);
		else if (block->kind == BLOCK_EVENT && is_named(child, "place"))
			build_unit(b, child, UNIT_VENUE);
	}
	block->n_units = b->doc->n_units - block->first_unit;
}

static void build_block(struct builder *b, xmlNodePtr node)
{
	static const struct element_kind containers[] = {
		{"list", BLOCK_LIST}, {"quote", BLOCK_QUOTE}, {"event", BLOCK_EVENT},
	};
	struct model_doc *doc = b->doc;
	int unit_kind = KIND_OF(node, body_units), container = KIND_OF(node, containers);
	if (unit_kind < 0 && container < 0)
		return;
	struct model_block *block = push(b, &doc->blocks, &doc->n_blocks, &b->cap_blocks,
					 sizeof *block);
	if (!block)
		return;
	block->offset = load_node_offset(node);
	if (unit_kind >= 0) {
		block->kind = BLOCK_UNIT;
		block->first_unit = build_unit(b, node, (enum model_unit_kind)unit_kind);
		block->n_units = 1;
		return;
	}
	block->kind = (enum model_block_kind)container;
	block->id = attribute(b, node, "id", false, &block->id_offset);
	if (block->kind == BLOCK_LIST) {
		char *kind = attribute(b, node, "kind", false, NULL);
		block->list_kind = list_kind(kind);
		free(kind);
	}
	if (block->kind == BLOCK_EVENT) {
		block->when = attribute(b, node, "when", false, &block->when_offset);
		block->until = attribute(b, node, "until", false, &block->until_offset);
		block->time = attribute(b, node, "time", false, NULL);
	}
	/* The block pointer may move while units are added; keep its index. */
	size_t index = doc->n_blocks - 1;
	struct model_block copy = *block;
	build_container(b, node, &copy);
	doc->blocks[index] = copy;
}

static void build_langs(struct builder *b, xmlNodePtr root)
{
	struct model_doc *doc = b->doc;
	char *langs = attribute(b, root, "langs", false, &doc->langs_offset);
	if (!langs)
		return;
	for (char *save = NULL, *tok = strtok_r(langs, " \t\r\n", &save); tok && !b->failed;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		char **lang = push(b, &doc->langs, &doc->n_langs, &b->cap_langs, sizeof *lang);
		if (lang) {
			*lang = strdup(tok);
			if (!*lang)
				b->failed = true;
		}
	}
	free(langs);
}

int build_document(xmlDocPtr tree, const struct source *src, struct model_doc **out)
{
	*out = NULL;
	struct model_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return -1;
	struct builder b = {.src = src, .doc = doc};
	xmlNodePtr root = xmlDocGetRootElement(tree);
	if (root) {
		doc->root = is_named(root, "letter") ? MODEL_LETTER : MODEL_APPEAL;
		doc->offset = load_node_offset(root);
		doc->id = attribute(&b, root, "id", false, &doc->id_offset);
		doc->source_lang = attribute(&b, root, "lang", true, &doc->source_lang_offset);
		build_langs(&b, root);
		for (xmlNodePtr node = root->children; node && !b.failed; node = node->next) {
			if (is_named(node, "head") && doc->n_units == 0)
				build_head(&b, node);
			else if (is_named(node, "body"))
				for (xmlNodePtr child = node->children; child && !b.failed;
				     child = child->next)
					build_block(&b, child);
		}
	}
	if (b.failed || model_doc_index(doc) != 0) {
		model_doc_free(doc);
		return -1;
	}
	*out = doc;
	return 0;
}
