/* validate.c — RELAX NG and the format's rules; see validate.h. */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/relaxng.h>

#include "grow.h"
#include "lang.h"
#include "load.h"
#include "textcheck.h"
#include "utf8.h"

/* The schema, xml/schema/broadside.rng, linked into the binary (schema_data.S), so that
 * broadside reads no file it was not given. */
extern const char broadside_schema_rng[];
extern const char broadside_schema_rng_end[];

static xmlRelaxNGPtr schema;

int validate_init(void)
{
	if (schema)
		return 0;
	int len = (int)(broadside_schema_rng_end - broadside_schema_rng);
	xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewMemParserCtxt(broadside_schema_rng, len);
	if (!ctxt)
		return -1;
	schema = xmlRelaxNGParse(ctxt);
	xmlRelaxNGFreeParserCtxt(ctxt);
	return schema ? 0 : -1;
}

void validate_cleanup(void)
{
	xmlRelaxNGFree(schema);
	schema = NULL;
}

/* ---- schema ------------------------------------------------------------------------ */

struct schema_report {
	const struct source *src;
	struct diag_list found;
};

static void on_schema_error(void *data, xmlErrorPtr err)
{
	struct schema_report *report = data;
	if (!err)
		return;
	const char *message = err->message ? err->message : "invalid";
	/* libxml2 follows each real problem with a summary for every ancestor
	 * ("Element body failed to validate content"); they add nothing. */
	if (strstr(message, "failed to validate content"))
		return;
	const xmlNode *node = err->node;
	char better[160];
	if (strstr(message, "Expecting an element , got nothing") && node && node->name) {
		snprintf(better, sizeof better,
			 "<%.60s> is incomplete: an element it must have is missing", node->name);
		message = better;
	}
	diag_at(&report->found, report->src, load_node_offset(node), DIAG_ERROR, "schema", "%s",
		message);
}

void validate_schema(xmlDocPtr tree, const struct source *src, struct diag_list *diags)
{
	if (!schema && validate_init() != 0) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "schema",
			"the built-in schema could not be compiled");
		return;
	}
	xmlRelaxNGValidCtxtPtr ctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!ctxt) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "no-memory", "out of memory");
		return;
	}
	struct schema_report report = {.src = src};
	diag_list_init(&report.found);
	xmlRelaxNGSetValidStructuredErrors(ctxt, on_schema_error, &report);
	int rc = xmlRelaxNGValidateDoc(ctxt, tree);
	xmlRelaxNGFreeValidCtxt(ctxt);
	/* Messages libxml2 gives no place ("Extra element t in interleave") only repeat a
	 * problem it also reports at its place; they are kept when they are all there is. */
	bool any_placed = false;
	for (size_t i = 0; i < report.found.n; i++)
		any_placed |= report.found.items[i].line != 0;
	for (size_t i = 0; i < report.found.n; i++) {
		const struct diag *d = &report.found.items[i];
		if (d->line || d->more || !any_placed)
			diag_copy(diags, d);
	}
	if (rc != 0 && report.found.n == 0)
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "schema",
			"the document does not follow the schema");
	if (report.found.out_of_memory)
		diags->out_of_memory = true;
	diag_list_clear(&report.found);
}

/* ---- characters -------------------------------------------------------------------- */

/* Where the character CP of a parsed string came from: P is its place in the source
 * (END the source's end); returns the place after it, or NULL when the source does not
 * hold CP there (then the caller stops mapping and points at the node).  REFS: the
 * source may write it as a reference (text and attribute values, not CDATA sections,
 * comments or PIs).  Line ends were normalised to LF, and attribute values turned tabs
 * and line ends into spaces. */
static const char *source_step(const char *p, const char *end, bool refs, uint32_t cp)
{
	uint32_t v;
	if (p >= end)
		return NULL;
	if (refs && *p == '&') {
		size_t n = utf8_decode_reference(p, (size_t)(end - p), &v);
		return n && v == cp ? p + n : NULL;
	}
	if (*p == '\r' && (cp == '\n' || cp == ' '))
		return p + 1 + (p + 1 < end && p[1] == '\n');
	if ((*p == '\t' || *p == '\n') && cp == ' ')
		return p + 1;
	size_t n = utf8_decode(p, (size_t)(end - p), &v);
	return v == cp ? p + n : NULL;
}

static void check_char(uint32_t cp, uint32_t offset, const struct source *src,
		       struct diag_list *diags)
{
	if (textcheck_is_control(cp))
		diag_at(diags, src, offset, DIAG_ERROR, "control-char",
			"control character U+%04X is not allowed; delete it", cp);
	else if (textcheck_is_bidi_control(cp))
		diag_at(diags, src, offset, DIAG_ERROR, "bidi-control",
			"bidi control U+%04X can make text read differently from how it is "
			"stored; delete it and mark other-language runs with <foreign xml:lang=\"…\">",
			cp);
}

/* Whether the UTF-8 string TEXT may hold a character check_char refuses: an ASCII
 * control, a C1 control (C2 80..9F) or a bidi control (E2 80 AA..AE, E2 81 A6..A9).
 * Almost no text does, so this byte scan spares mapping every character to the source. */
static bool may_hold_control(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p < 0x20 ? *p != '\t' && *p != '\n' && *p != '\r' : *p == 0x7F)
			return true;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true;
		if (*p == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
				   (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)))
			return true;
	}
	return false;
}

/* Checks TEXT, a string as the parser reported it, whose source starts at OFFSET; each
 * problem is reported where its character stands in the source. */
static void check_string(const char *text, uint32_t offset, bool refs, const struct source *src,
			 struct diag_list *diags)
{
	if (!text || !may_hold_control(text))
		return;
	const char *end = src->bytes + src->len;
	const char *p = offset < src->len ? src->bytes + offset : NULL;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		check_char(cp, p ? (uint32_t)(p - src->bytes) : offset, src, diags);
		if (p)
			p = source_step(p, end, refs, cp);
		i += n;
	}
}

/* Where the data of the processing instruction NODE starts: after "<?", its target and
 * the white space that follows. */
static uint32_t pi_data_offset(const xmlNode *node, const struct source *src)
{
	uint32_t offset = load_node_offset(node);
	if (offset >= src->len)
		return SOURCE_NO_OFFSET;
	size_t at = offset + 2 + strlen((const char *)node->name);
	while (at < src->len && strchr(" \t\r\n", src->bytes[at]) && src->bytes[at])
		at++;
	return at < src->len ? (uint32_t)at : SOURCE_NO_OFFSET;
}

static void check_node_chars(const xmlNode *node, const struct source *src,
			     struct diag_list *diags);

static void check_element_chars(const xmlNode *node, const struct source *src,
				struct diag_list *diags)
{
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		xmlChar *value = xmlNodeGetContent((const xmlNode *)a);
		if (!value)
			diags->out_of_memory |= a->children != NULL;
		check_string((const char *)value, load_node_offset(a), true, src, diags);
		xmlFree(value);
	}
	/* Namespace declarations are attributes in the source but not in the tree. */
	for (const xmlNs *ns = node->nsDef; ns; ns = ns->next)
		check_string((const char *)ns->href, load_node_offset(node), true, src, diags);
	for (const xmlNode *child = node->children; child; child = child->next)
		check_node_chars(child, src, diags);
}

static void check_node_chars(const xmlNode *node, const struct source *src,
			     struct diag_list *diags)
{
	uint32_t offset = load_node_offset(node);
	const char *content = (const char *)node->content;
	switch (node->type) {
	case XML_ELEMENT_NODE:
		check_element_chars(node, src, diags);
		break;
	case XML_TEXT_NODE:
		check_string(content, offset, true, src, diags);
		break;
	case XML_CDATA_SECTION_NODE:
		check_string(content, offset, false, src, diags);
		break;
	case XML_COMMENT_NODE:
		check_string(content, offset == SOURCE_NO_OFFSET ? offset : offset + 4, false, src,
			     diags);
		break;
	case XML_PI_NODE:
		check_string(content, pi_data_offset(node, src), false, src, diags);
		break;
	default:
		break;
	}
}

void validate_characters(xmlDocPtr tree, const struct source *src, struct diag_list *diags)
{
	for (const xmlNode *node = tree ? tree->children : NULL; node; node = node->next)
		check_node_chars(node, src, diags);
}

/* ---- ids and languages ------------------------------------------------------------- */

/* Ids go into a hash table: a document of 100,000 units is checked in one pass. */
static void check_id(GHashTable *seen, const char *id, uint32_t offset,
		     const struct source *src, struct diag_list *diags)
{
	if (!id)
		return;
	gpointer first;
	if (g_hash_table_lookup_extended(seen, id, NULL, &first)) {
		unsigned line, col;
		source_position(src, GPOINTER_TO_UINT(first), &line, &col);
		diag_at(diags, src, offset, DIAG_ERROR, "id-unique",
			"id \"%s\" is already used on line %u; ids must be unique", id, line);
		return;
	}
	g_hash_table_insert(seen, (gpointer)id, GUINT_TO_POINTER(offset));
}

static void check_ids(const struct model_doc *doc, const struct source *src,
		      struct diag_list *diags)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	check_id(seen, doc->id, doc->id_offset, src, diags);
	/* In document order: units and containers interleave in the body. */
	for (size_t u = 0; u < doc->n_head_units; u++)
		check_id(seen, doc->units[u].id, doc->units[u].id_offset, src, diags);
	for (size_t b = 0; b < doc->n_blocks; b++) {
		const struct model_block *block = &doc->blocks[b];
		check_id(seen, block->id, block->id_offset, src, diags);
		for (size_t u = block->first_unit; u < block->first_unit + block->n_units; u++)
			check_id(seen, doc->units[u].id, doc->units[u].id_offset, src, diags);
	}
	g_hash_table_destroy(seen);
}

/* The schema's xsd:NCName collapses white space before it checks, so it lets
 * id="  x\t" through, and files would be named "  x .html": an id holds none. */
static void check_id_name(const char *id, uint32_t offset, const struct source *src,
			  struct diag_list *diags)
{
	if (id && id[strcspn(id, " \t\n\r")])
		diag_at(diags, src, offset, DIAG_ERROR, "id-invalid",
			"id \"%s\" holds white space; an id is an XML NCName (letters, digits, "
			"'-', '_', '.'), and names files", id);
}

static void check_id_names(const struct model_doc *doc, const struct source *src,
			   struct diag_list *diags)
{
	check_id_name(doc->id, doc->id_offset, src, diags);
	for (size_t u = 0; u < doc->n_units; u++)
		check_id_name(doc->units[u].id, doc->units[u].id_offset, src, diags);
	for (size_t b = 0; b < doc->n_blocks; b++)
		check_id_name(doc->blocks[b].id, doc->blocks[b].id_offset, src, diags);
}

/* The languages of langs, each distinct one looked up and checked with ICU once, so that
 * a language listed 5,000 times costs what it costs listed once. */
struct lang_set {
	GHashTable *index; /* tag → how often it is listed */
	struct lang_entry {
		bool first; /* the first listing of its tag */
		bool valid; /* (first listings only) a tag that ICU knows */
		bool over;  /* (first listings only) past VALIDATE_MAX_LANGS: not checked */
	} *entries;        /* per position in langs */
	size_t distinct;
};

/* More would make every unit's checks long (and no leaflet has a hundred columns). */
#define VALIDATE_MAX_LANGS 100

static int lang_set_init(struct lang_set *set, const struct model_doc *doc)
{
	set->distinct = 0;
	set->index = g_hash_table_new(g_str_hash, g_str_equal);
	set->entries = calloc(doc->n_langs + 1, sizeof *set->entries);
	if (!set->entries)
		return -1;
	for (size_t i = 0; i < doc->n_langs; i++) {
		gpointer n = g_hash_table_lookup(set->index, doc->langs[i]);
		g_hash_table_insert(set->index, doc->langs[i], GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
		set->entries[i].first = !n;
		set->distinct += !n;
		set->entries[i].over = !n && set->distinct > VALIDATE_MAX_LANGS;
		set->entries[i].valid = !n && !set->entries[i].over && lang_tag_valid(doc->langs[i]);
	}
	return 0;
}

static void lang_set_clear(struct lang_set *set)
{
	g_hash_table_destroy(set->index);
	free(set->entries);
}

static bool doc_has_lang(const struct lang_set *langs, const char *lang)
{
	return lang && g_hash_table_contains(langs->index, lang);
}

/* Each distinct problem once: an invalid or repeated tag is reported at its first listing. */
static void check_langs(const struct model_doc *doc, const struct lang_set *langs,
			const struct source *src, struct diag_list *diags)
{
	if (langs->distinct > VALIDATE_MAX_LANGS)
		diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "limit",
			"langs lists %zu languages; broadside takes at most %d", langs->distinct,
			VALIDATE_MAX_LANGS);
	for (size_t i = 0; i < doc->n_langs; i++) {
		size_t listed = GPOINTER_TO_SIZE(g_hash_table_lookup(langs->index, doc->langs[i]));
		if (!langs->entries[i].first || langs->entries[i].over)
			continue;
		if (!langs->entries[i].valid)
			diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "lang-tag",
				"\"%s\" in langs is not a BCP 47 language tag that ICU knows "
				"(for example en, fa, de, ckb, pt-BR)", doc->langs[i]);
		if (listed == 2)
			diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "lang-duplicate",
				"\"%s\" is listed twice in langs", doc->langs[i]);
		else if (listed > 2)
			diag_at(diags, src, doc->langs_offset, DIAG_ERROR, "lang-duplicate",
				"\"%s\" is listed %zu times in langs; list each language once",
				doc->langs[i], listed);
	}
	if (doc->source_lang && !lang_tag_valid(doc->source_lang))
		diag_at(diags, src, doc->source_lang_offset, DIAG_ERROR, "lang-tag",
			"xml:lang=\"%s\" is not a BCP 47 language tag that ICU knows",
			doc->source_lang);
	else if (doc->source_lang && doc->n_langs && !doc_has_lang(langs, doc->source_lang))
		diag_at(diags, src, doc->source_lang_offset, DIAG_ERROR, "lang-source",
			"the source language \"%s\" is not among langs; add it there", doc->source_lang);
}

/* ---- inline runs: dates, links, foreign languages ---------------------------------- */

struct run_visitor {
	const struct source *src;
	struct diag_list *diags;
};

static void check_date_value(const char *value, uint32_t offset, const struct source *src,
			     struct diag_list *diags, struct model_date *out)
{
	struct model_date d;
	if (model_date_parse(value, &d)) {
		if (out)
			*out = d;
		return;
	}
	if (out)
		out->year = 0;
	diag_at(diags, src, offset, DIAG_ERROR, "date-invalid",
		"\"%s\" is not a real calendar date (YYYY-MM-DD)", value);
}

static void check_range(const char *from, const char *to, uint32_t offset,
			const struct source *src, struct diag_list *diags)
{
	struct model_date a, b;
	if (model_date_parse(from, &a) && model_date_parse(to, &b) && model_date_compare(&b, &a) < 0)
		diag_at(diags, src, offset, DIAG_ERROR, "date-range",
			"the range ends (%s) before it starts (%s)", to, from);
}

static void check_runs(const struct model_inline *runs, size_t n, const struct source *src,
		       struct diag_list *diags)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_inline *run = &runs[i];
		switch (run->kind) {
		case INLINE_DATE:
			if (run->when)
				check_date_value(run->when, run->date_offset, src, diags, NULL);
			if (run->from && run->to) {
				check_date_value(run->from, run->date_offset, src, diags, NULL);
				check_date_value(run->to, run->date_offset, src, diags, NULL);
				check_range(run->from, run->to, run->date_offset, src, diags);
			}
			break;
		case INLINE_LINK:
			if (run->href && textcheck_is_mailto(run->href) && !textcheck_link(run->href))
				diag_at(diags, src, run->href_offset, DIAG_ERROR, "link-email",
					"\"%s\" is not a mailto: link to e-mail addresses "
					"(mailto:local-part@domain.example)", run->href);
			else if (run->href && !textcheck_link(run->href))
				diag_at(diags, src, run->href_offset, DIAG_ERROR, "link-scheme",
					"links must be http:, https: or mailto:; refusing \"%s\"",
					run->href);
			break;
		case INLINE_FOREIGN:
			if (run->lang && !lang_tag_valid(run->lang))
				diag_at(diags, src, run->offset, DIAG_ERROR, "lang-tag",
					"xml:lang=\"%s\" is not a BCP 47 language tag that ICU knows",
					run->lang);
			break;
		default:
			break;
		}
		check_runs(run->children, run->n_children, src, diags);
	}
}

/* ---- translations against their source --------------------------------------------- */

/* A date or link of a <t>, as a comparable string, with where it stands. */
struct anchor {
	char key[64];
	const char *href; /* links: the href itself, which may be long */
	uint32_t offset;
	bool matched;
};

struct anchors {
	struct anchor *items;
	size_t n, cap;
	bool failed;
};

static void anchors_add(struct anchors *a, const char *key, const char *href, uint32_t offset)
{
	if (!GROW(a->items, a->cap, a->n + 1)) {
		a->failed = true;
		return;
	}
	struct anchor *item = &a->items[a->n++];
	snprintf(item->key, sizeof item->key, "%s", key);
	item->href = href;
	item->offset = offset;
	item->matched = false;
}

static void collect_anchors(const struct model_inline *runs, size_t n, bool links,
			    struct anchors *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_inline *run = &runs[i];
		if (!links && run->kind == INLINE_DATE) {
			char key[64];
			if (run->when)
				snprintf(key, sizeof key, "%.20s", run->when);
			else
				snprintf(key, sizeof key, "%.20s to %.20s", run->from ? run->from : "?",
					 run->to ? run->to : "?");
			anchors_add(out, key, NULL, run->offset);
		} else if (links && run->kind == INLINE_LINK && run->href) {
			anchors_add(out, "", run->href, run->offset);
		}
		collect_anchors(run->children, run->n_children, links, out);
	}
}

static bool anchor_equal(const struct anchor *a, const struct anchor *b)
{
	if (a->href || b->href)
		return a->href && b->href && strcmp(a->href, b->href) == 0;
	return strcmp(a->key, b->key) == 0;
}

static void compare_anchors(const struct model_text *source, const struct model_text *t,
			    bool links, const struct source *src, struct diag_list *diags)
{
	struct anchors want = {0}, have = {0};
	collect_anchors(source->runs, source->n_runs, links, &want);
	collect_anchors(t->runs, t->n_runs, links, &have);
	const char *what = links ? "link" : "date";
	const char *rule = links ? "link-mismatch" : "date-mismatch";
	for (size_t i = 0; i < have.n; i++) {
		struct anchor *h = &have.items[i];
		for (size_t j = 0; j < want.n && !h->matched; j++)
			if (!want.items[j].matched && anchor_equal(h, &want.items[j]))
				h->matched = want.items[j].matched = true;
		if (!h->matched)
			diag_at(diags, src, h->offset, DIAG_ERROR, rule,
				"the %s translation has the %s %s, which its source (%s) does not; "
				"dates and links must be the same in every language",
				t->lang, what, links ? h->href : h->key, source->lang);
	}
	for (size_t j = 0; j < want.n; j++)
		if (!want.items[j].matched)
			diag_at(diags, src, t->offset, DIAG_ERROR, rule,
				"the %s translation lacks the %s %s of its source (%s)", t->lang, what,
				links ? want.items[j].href : want.items[j].key, source->lang);
	if (want.failed || have.failed)
		diags->out_of_memory = true;
	free(want.items);
	free(have.items);
}

/* ---- units ------------------------------------------------------------------------- */

static void check_unit(const struct model_doc *doc, const struct lang_set *langs,
		       const struct model_unit *unit, const struct source *src,
		       struct diag_list *diags)
{
	const char *id = unit->id ? unit->id : "?";
	const struct model_text *source = NULL;
	for (size_t i = 0; i < unit->n_texts; i++) {
		const struct model_text *t = &unit->texts[i];
		check_runs(t->runs, t->n_runs, src, diags);
		if (!t->lang)
			continue;
		if (!doc_has_lang(langs, t->lang)) {
			diag_at(diags, src, t->lang_offset, DIAG_ERROR, "lang-unknown",
				"<t xml:lang=\"%s\"> in unit \"%s\", but \"%s\" is not in langs", t->lang,
				id, t->lang);
			continue;
		}
		if (model_unit_text(unit, t->lang) != t) {
			diag_at(diags, src, t->offset, DIAG_ERROR, "lang-duplicate",
				"unit \"%s\" has a second <t> in %s; one per language", id, t->lang);
			continue;
		}
		if (doc->source_lang && strcmp(t->lang, doc->source_lang) == 0)
			source = t;
	}
	if (!source && doc->source_lang && doc_has_lang(langs, doc->source_lang)) {
		diag_at(diags, src, unit->offset, DIAG_ERROR, "source-missing",
			"unit \"%s\" has no <t> in its source language %s", id, doc->source_lang);
		return;
	}
	for (size_t l = 0; l < doc->n_langs; l++) {
		if (!langs->entries[l].valid)
			continue;
		const struct model_text *t = model_unit_text(unit, doc->langs[l]);
		if (model_text_has_content(t))
			continue;
		if (t)
			diag_at(diags, src, t->offset, DIAG_WARNING, "translation-missing",
				"unit \"%s\" has an empty %s translation; an empty <t> counts as "
				"missing", id, doc->langs[l]);
		else
			diag_at(diags, src, unit->offset, DIAG_WARNING, "translation-missing",
				"unit \"%s\" has no %s translation", id, doc->langs[l]);
	}
	for (size_t i = 0; source && i < unit->n_texts; i++) {
		const struct model_text *t = &unit->texts[i];
		if (t == source || !t->lang || model_unit_text(unit, t->lang) != t ||
		    !doc_has_lang(langs, t->lang) || !model_text_has_content(t))
			continue;
		compare_anchors(source, t, false, src, diags);
		compare_anchors(source, t, true, src, diags);
	}
}

static void check_head_values(const struct model_doc *doc, const struct source *src,
			      struct diag_list *diags)
{
	if (doc->date)
		check_date_value(doc->date, doc->date_offset, src, diags, NULL);
	if (doc->contact_email && !textcheck_email(doc->contact_email))
		diag_at(diags, src, doc->contact_email_offset, DIAG_ERROR, "contact-email",
			"\"%s\" is not an e-mail address (local-part@domain.example: letters, digits "
			"and !#$%%&'*+-/=?^_`{|}~ joined by single dots, then a domain name)",
			doc->contact_email);
	/* What validate accepts, every backend renders: the PDF's QR code needs the url. */
	if (doc->print.qr == 1 && !doc->contact_url)
		diag_at(diags, src, doc->print.qr_offset, DIAG_ERROR, "qr-url",
			"qr=\"yes\" needs a url to encode: add <contact url=\"https://…\"/> to the head, "
			"or leave the QR code out");
	if (doc->contact_url && !textcheck_link(doc->contact_url))
		diag_at(diags, src, doc->contact_url_offset, DIAG_ERROR, "link-scheme",
			"the contact url must be http:, https: or mailto:; refusing \"%s\"",
			doc->contact_url);
	for (size_t b = 0; b < doc->n_blocks; b++) {
		const struct model_block *block = &doc->blocks[b];
		if (block->kind != BLOCK_EVENT)
			continue;
		if (block->when)
			check_date_value(block->when, block->when_offset, src, diags, NULL);
		if (block->until) {
			check_date_value(block->until, block->until_offset, src, diags, NULL);
			if (block->when)
				check_range(block->when, block->until, block->until_offset, src, diags);
		}
	}
}

void validate_rules(const struct model_doc *doc, const struct source *src,
		    struct diag_list *diags)
{
	check_ids(doc, src, diags);
	check_id_names(doc, src, diags);
	struct lang_set langs;
	if (lang_set_init(&langs, doc) != 0) {
		lang_set_clear(&langs);
		diags->out_of_memory = true;
		return;
	}
	check_langs(doc, &langs, src, diags);
	check_head_values(doc, src, diags);
	for (size_t u = 0; u < doc->n_units; u++)
		check_unit(doc, &langs, &doc->units[u], src, diags);
	lang_set_clear(&langs);
}
