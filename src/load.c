/* load.c — secure parsing with libxml2; see load.h. */
#include "load.h"

#include <stdbool.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#define XINCLUDE_NS "http://www.w3.org/2001/XInclude"

struct load_state {
	const struct source *src;
	struct diag_list *diags;
	bool refused; /* a DOCTYPE was seen: the parse was stopped */
};

static xmlParserInputPtr refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL; /* nothing is ever loaded from outside the document */
}

void load_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity);
}

void load_cleanup(void)
{
	xmlCleanupParser();
}

static void on_error(void *data, xmlErrorPtr err)
{
	struct load_state *state = data;
	if (state->refused || !err || err->code == XML_ERR_USER_STOP)
		return;
	const char *msg = err->message ? err->message : "malformed XML";
	enum diag_severity severity = err->level == XML_ERR_WARNING ? DIAG_WARNING : DIAG_ERROR;
	unsigned line = err->line > 0 ? (unsigned)err->line : 0;
	unsigned col = err->int2 > 0 ? (unsigned)err->int2 : (line ? 1 : 0);
	diag_add(state->diags, severity, state->src->path, line, col, "xml-syntax", "%s", msg);
}

/* Called as soon as `<!DOCTYPE name` has been read, before any declaration in it. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
		       const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	xmlParserCtxtPtr ctxt = ctx;
	struct load_state *state = ctxt->_private;
	const char *at = strstr(state->src->bytes, "<!DOCTYPE");
	uint32_t offset = at ? (uint32_t)(at - state->src->bytes) : SOURCE_NO_OFFSET;
	diag_at(state->diags, state->src, offset, DIAG_ERROR, "doctype",
		"a DOCTYPE is not allowed: broadside documents declare no DTD or entities, "
		"and none is read");
	state->refused = true;
	xmlStopParser(ctxt);
}

/* Length of the valid UTF-8 sequence at P (before END), or 0 if it is not one. */
static size_t utf8_valid_length(const unsigned char *p, const unsigned char *end)
{
	if (p[0] < 0x80)
		return 1;
	size_t n;
	unsigned cp;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return n;
}

/* UTF-8 only: no other BOM, no other declared encoding, no invalid byte sequence. */
static int check_encoding(const struct source *src, struct diag_list *diags)
{
	const unsigned char *b = (const unsigned char *)src->bytes;
	if ((src->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) ||
	    (src->len >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF)) {
		diag_at(diags, src, 0, DIAG_ERROR, "encoding",
			"the file is UTF-16 or UTF-32; broadside documents are UTF-8 only");
		return -1;
	}
	const unsigned char *end = b + src->len;
	for (const unsigned char *p = b; p < end;) {
		/* libxml2 stops reading at a NUL after the root element, so whatever follows it
		 * would be accepted unseen (and kept by every rewrite). */
		if (*p == 0) {
			diag_at(diags, src, (uint32_t)(p - b), DIAG_ERROR, "xml-syntax",
				"a NUL byte is not allowed anywhere in an XML document; after the root "
				"element only white space, comments and processing instructions may follow");
			return -1;
		}
		size_t n = utf8_valid_length(p, end);
		if (n == 0) {
			diag_at(diags, src, (uint32_t)(p - b), DIAG_ERROR, "encoding",
				"invalid UTF-8 (byte 0x%02X); save the file as UTF-8", *p);
			return -1;
		}
		p += n;
	}
	const char *decl = src->bytes;
	if (src->len >= 3 && memcmp(decl, "\xEF\xBB\xBF", 3) == 0)
		decl += 3;
	if (strncmp(decl, "<?xml", 5) == 0) {
		const char *close = strstr(decl, "?>");
		const char *enc = strstr(decl, "encoding");
		if (close && enc && enc < close) {
			const char *q = enc + 8;
			while (*q == ' ' || *q == '=' || *q == '\t' || *q == '\r' || *q == '\n')
				q++;
			if ((*q == '"' || *q == '\'') && strncasecmp(q + 1, "UTF-8", 5) != 0 &&
			    strncasecmp(q + 1, "UTF8", 4) != 0) {
				diag_at(diags, src, (uint32_t)(q + 1 - src->bytes), DIAG_ERROR,
					"encoding",
					"the XML declaration names another encoding; broadside documents are UTF-8 only");
				return -1;
			}
		}
	}
	return 0;
}

/* ---- positions: the source is walked token by token alongside the tree --------------- */

static void set_offset(void *node, uint32_t offset)
{
	((xmlNodePtr)node)->_private = (void *)(uintptr_t)((uintptr_t)offset + 1);
}

uint32_t load_node_offset(const void *node)
{
	uintptr_t v = node ? (uintptr_t)((const xmlNode *)node)->_private : 0;
	return v ? (uint32_t)(v - 1) : SOURCE_NO_OFFSET;
}

/* The next element or text node after NODE in document order (preorder). */
static xmlNodePtr next_in_order(xmlNodePtr node, xmlNodePtr root)
{
	if (node->type == XML_ELEMENT_NODE && node->children)
		return node->children;
	while (node && node != root) {
		if (node->next)
			return node->next;
		node = node->parent;
	}
	return NULL;
}

static xmlNodePtr next_of_kind(xmlNodePtr node, xmlNodePtr root, bool element)
{
	for (; node; node = next_in_order(node, root)) {
		bool is_text = node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
		if (element ? node->type == XML_ELEMENT_NODE : is_text)
			return node;
	}
	return NULL;
}

/* The first node of TYPE at or after NODE, in document order within TOP. */
static xmlNodePtr next_of_type(xmlNodePtr node, xmlNodePtr top, xmlElementType type)
{
	for (; node; node = next_in_order(node, top))
		if (node->type == type)
			return node;
	return NULL;
}

/* Gives *NODE (a comment or processing instruction) the offset of P, and moves it on to
 * the next node of its type: they too come in the same order in the tree and the source,
 * in the prolog and after the root element as well as inside it. */
static void take_offset(xmlNodePtr *node, xmlDocPtr doc, const char *base, const char *p)
{
	if (!*node)
		return;
	set_offset(*node, (uint32_t)(p - base));
	*node = next_of_type(next_in_order(*node, (xmlNodePtr)doc), (xmlNodePtr)doc, (*node)->type);
}

/* Records the offsets of the attribute values of ELEMENT, whose start tag begins at P. */
static const char *annotate_start_tag(xmlNodePtr element, const char *base, const char *p)
{
	p++; /* '<' */
	while (*p && *p != '>' && !(*p == '/' && p[1] == '>')) {
		if (*p == '"' || *p == '\'') {
			char quote = *p;
			const char *value = p + 1;
			const char *name_end = p - 1;
			while (name_end > base && (*name_end == '=' || *name_end == ' ' ||
						   *name_end == '\t' || *name_end == '\n' ||
						   *name_end == '\r'))
				name_end--;
			const char *name = name_end;
			while (name > base && name[-1] != ' ' && name[-1] != '\t' &&
			       name[-1] != '\n' && name[-1] != '\r')
				name--;
			size_t name_len = (size_t)(name_end - name + 1);
			for (xmlAttrPtr a = element->properties; a; a = a->next) {
				size_t full = strlen((const char *)a->name);
				const char *local = name;
				size_t local_len = name_len;
				const char *colon = memchr(name, ':', name_len);
				if (a->ns && colon) {
					local = colon + 1;
					local_len = name_len - (size_t)(local - name);
				}
				if (full == local_len && memcmp(a->name, local, full) == 0 &&
				    load_node_offset(a) == SOURCE_NO_OFFSET) {
					set_offset(a, (uint32_t)(value - base));
					break;
				}
			}
			p = strchr(value, quote);
			if (!p)
				return NULL;
		}
		p++;
	}
	return p;
}

/* Gives every element, attribute, text, comment and processing-instruction node of DOC
 * its source offset.  The tree was parsed from these very bytes, without a DTD, so start
 * tags, text runs, comments and PIs in the source come in the same order as their nodes
 * in the tree. */
static void annotate(xmlDocPtr doc, const struct source *src)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		return;
	xmlNodePtr element = root, text = next_of_kind(root, root, false);
	xmlNodePtr comment = next_of_type(doc->children, (xmlNodePtr)doc, XML_COMMENT_NODE);
	xmlNodePtr pi = next_of_type(doc->children, (xmlNodePtr)doc, XML_PI_NODE);
	const char *base = src->bytes, *p = base;
	bool in_root = false;
	while (*p) {
		if (strncmp(p, "<!--", 4) == 0) {
			take_offset(&comment, doc, base, p);
			p = strstr(p + 4, "-->");
			p = p ? p + 3 : NULL;
		} else if (strncmp(p, "<?", 2) == 0) {
			/* The XML declaration looks like a PI but is none. */
			bool declaration = strncmp(p, "<?xml", 5) == 0 && strchr(" \t\r\n?", p[5]) &&
					   (p == base || (p == base + 3 && (unsigned char)*base == 0xEF));
			if (!declaration)
				take_offset(&pi, doc, base, p);
			p = strstr(p + 2, "?>");
			p = p ? p + 2 : NULL;
		} else if (strncmp(p, "<![CDATA[", 9) == 0) {
			if (text) {
				set_offset(text, (uint32_t)(p + 9 - base));
				text = next_of_kind(next_in_order(text, root), root, false);
			}
			p = strstr(p + 9, "]]>");
			p = p ? p + 3 : NULL;
		} else if (strncmp(p, "</", 2) == 0) {
			p = strchr(p, '>');
			p = p ? p + 1 : NULL;
		} else if (*p == '<') {
			if (element) {
				in_root = true;
				set_offset(element, (uint32_t)(p - base));
				p = annotate_start_tag(element, base, p);
				element = next_of_kind(next_in_order(element, root), root, true);
			} else {
				p = strchr(p, '>');
			}
			if (p && *p)
				p++;
		} else {
			const char *start = p;
			while (*p && *p != '<')
				p++;
			/* Text outside the root element is not in the tree. */
			if (text && in_root) {
				set_offset(text, (uint32_t)(start - base));
				text = next_of_kind(next_in_order(text, root), root, false);
			}
		}
		if (!p)
			return;
	}
}

/* ---- limits ------------------------------------------------------------------------ */

/* Where the comment, PI, CDATA section or declaration at P ends (P itself if there is none
 * there), or NULL when it is unterminated. */
static const char *skip_markup(const char *p, const char *end)
{
	static const struct { const char *open, *close; } skipped[] = {
		{"<!--", "-->"}, {"<?", "?>"}, {"<![CDATA[", "]]>"}, {"<!", ">"},
	};
	for (size_t k = 0; k < sizeof skipped / sizeof *skipped; k++) {
		size_t n = strlen(skipped[k].open), m = strlen(skipped[k].close);
		if ((size_t)(end - p) < n || memcmp(p, skipped[k].open, n) != 0)
			continue;
		const char *close = memmem(p + n, (size_t)(end - p) - n, skipped[k].close, m);
		return close ? close + m : NULL;
	}
	return p;
}

/* Counts the start tags, and the attributes of each, in the bytes: before libxml2 spends
 * time and memory on a tree of millions of elements, or adds attributes to one element
 * at the end of a list (quadratic in their number). */
static int check_markup_counts(const struct source *src, struct diag_list *diags)
{
	const char *p = src->bytes, *end = src->bytes + src->len;
	size_t elements = 0;
	while (p && (p = memchr(p, '<', (size_t)(end - p)))) {
		const char *after = skip_markup(p, end);
		if (after != p) {
			p = after; /* NULL when unterminated: the parser says so */
			continue;
		}
		if (p + 1 < end && p[1] != '/' && ++elements > LOAD_MAX_ELEMENTS) {
			diag_at(diags, src, (uint32_t)(p - src->bytes), DIAG_ERROR, "limit",
				"the document has more than %d elements; broadside takes at most %d",
				LOAD_MAX_ELEMENTS, LOAD_MAX_ELEMENTS);
			return -1;
		}
		unsigned attributes = 0;
		const char *q = p + 1;
		for (; q < end && *q != '>'; q++) {
			if (*q == '"' || *q == '\'') {
				q = memchr(q + 1, *q, (size_t)(end - q - 1));
				if (!q)
					return 0; /* an unterminated value: the parser says so */
			} else if (*q == '=' && ++attributes > LOAD_MAX_ATTRIBUTES) {
				diag_at(diags, src, (uint32_t)(p - src->bytes), DIAG_ERROR, "limit",
					"this start tag has more than %d attributes; broadside takes at "
					"most %d in one element", LOAD_MAX_ATTRIBUTES, LOAD_MAX_ATTRIBUTES);
				return -1;
			}
		}
		p = q;
	}
	return 0;
}

static bool named(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static size_t count_elements(xmlNodePtr node, size_t stop)
{
	size_t n = 0;
	for (xmlNodePtr c = node->children; c && n <= stop; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			n += 1 + count_elements(c, stop - n);
	return n;
}

/* The first element of the tree over one of the limits, with what it is over. */
static xmlNodePtr over_limit(xmlNodePtr root, const char **what)
{
	for (xmlNodePtr n = root; n; n = next_in_order(n, root)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		size_t texts = 0;
		for (xmlNodePtr c = n->children; c; c = c->next)
			texts += named(c, "t") || named(c, "note");
		if (texts > LOAD_MAX_UNIT_CHILDREN) {
			*what = "children";
			return n;
		}
		if (named(n, "t") && count_elements(n, LOAD_MAX_INLINE) > LOAD_MAX_INLINE) {
			*what = "inline";
			return n;
		}
	}
	return NULL;
}

static int check_limits(xmlDocPtr doc, const struct source *src, struct diag_list *diags)
{
	const char *what = NULL;
	xmlNodePtr node = over_limit(xmlDocGetRootElement(doc), &what);
	if (!node)
		return 0;
	uint32_t at = load_node_offset(node);
	if (strcmp(what, "children") == 0)
		diag_at(diags, src, at, DIAG_ERROR, "limit",
			"<%.60s> has more than %d <t> and <note> elements; broadside takes at most %d",
			node->name, LOAD_MAX_UNIT_CHILDREN, LOAD_MAX_UNIT_CHILDREN);
	else
		diag_at(diags, src, at, DIAG_ERROR, "limit",
			"this <t> holds more than %d inline elements; broadside takes at most %d "
			"in one <t> (split the text into several units)",
			LOAD_MAX_INLINE, LOAD_MAX_INLINE);
	return -1;
}

static void report_xinclude(xmlNodePtr node, const struct source *src, struct diag_list *diags)
{
	for (xmlNodePtr n = node; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && n->ns->href && strcmp((const char *)n->ns->href, XINCLUDE_NS) == 0)
			diag_at(diags, src, load_node_offset(n), DIAG_ERROR, "xinclude",
				"XInclude is not allowed; nothing was included");
		else
			report_xinclude(n->children, src, diags);
	}
}

int load_document(const struct source *src, struct diag_list *diags, xmlDocPtr *out)
{
	*out = NULL;
	if (src->len == 0) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "xml-syntax", "the file is empty");
		return -1;
	}
	if (check_encoding(src, diags) != 0)
		return -1;
	if (src->len > INT32_MAX)
		return -1;
	if (check_markup_counts(src, diags) != 0)
		return -1;

	struct load_state state = {.src = src, .diags = diags};
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "no-memory", "out of memory");
		return -1;
	}
	ctxt->_private = &state;
	ctxt->sax->internalSubset = on_doctype;
	xmlSetStructuredErrorFunc(&state, on_error);
	/* No NOENT, DTDLOAD, DTDATTR, XINCLUDE: nothing is substituted or fetched.  COMPACT
	 * keeps short texts inside their nodes (fewer allocations; the tree is never edited). */
	int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOXINCNODE |
		      XML_PARSE_COMPACT;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, src->bytes, (int)src->len, src->path, "UTF-8",
					  options);
	bool well_formed = ctxt->wellFormed && !state.refused;
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeParserCtxt(ctxt);

	if (!doc || !well_formed) {
		if (!state.refused && diag_count(diags, DIAG_ERROR) == 0)
			diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "xml-syntax",
				"the file is not well-formed XML");
		xmlFreeDoc(doc);
		return -1;
	}
	annotate(doc, src);
	if (check_limits(doc, src, diags) != 0) {
		xmlFreeDoc(doc);
		return -1;
	}
	/* The document is still returned so that its other problems are reported too. */
	report_xinclude(xmlDocGetRootElement(doc), src, diags);
	*out = doc;
	return 0;
}
