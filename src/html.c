/* html.c — resolved documents as web pages with libxslt; see html.h. */
#include "html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h> /* xmlStringTextNoenc */
#include <libxml/xmlerror.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

#include "uri.h"
#include "textcheck.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

/* ---- the stylesheets, built in ------------------------------------------------------- */

/* Linked into the binary, as schema_data.S does for the schema, so that broadside reads no
 * file it was not given and renders the same from any directory.  The paths are relative
 * to the top of the source tree, where the Makefile runs the compiler. */
#define EMBED(sym, path)                                                                   \
	".globl " #sym "\n.hidden " #sym "\n" #sym ":\n.incbin \"" path "\"\n"             \
	".globl " #sym "_end\n.hidden " #sym "_end\n" #sym "_end:\n.byte 0\n"
__asm__(".pushsection .rodata\n"
	EMBED(broadside_xsl_common, "xsl/common.xsl")
	EMBED(broadside_xsl_page, "xsl/page.xsl")
	EMBED(broadside_xsl_index, "xsl/index.xsl")
	EMBED(broadside_css, "xsl/broadside.css")
	".popsection\n");
#define EMBEDDED(sym)                                                                      \
	extern const char sym[] __attribute__((visibility("hidden")));                     \
	extern const char sym##_end[] __attribute__((visibility("hidden")))
EMBEDDED(broadside_xsl_common);
EMBEDDED(broadside_xsl_page);
EMBEDDED(broadside_xsl_index);
EMBEDDED(broadside_css);

const char *html_css(size_t *len)
{
	*len = (size_t)(broadside_css_end - broadside_css);
	return broadside_css;
}

/* ---- the renderer -------------------------------------------------------------------- */

struct html {
	xsltStylesheetPtr page, index;
	xsltSecurityPrefsPtr compile_prefs, run_prefs;
	char error[1024];
	size_t error_len;
	unsigned n_errors;
};

/* The sheets being compiled: what xsl:include may name.  libxslt's loader and security
 * hooks are global and take no user pointer, so this is too; set only inside html_new. */
static const struct html_sheet *compiling;
static size_t n_compiling;

static const struct html_sheet *find_sheet(const char *name)
{
	for (size_t i = 0; name && i < n_compiling; i++)
		if (strcmp(compiling[i].name, name) == 0)
			return &compiling[i];
	return NULL;
}

/* Every message of libxml2 and libxslt while we run them comes here: kept, never printed.
 * libxslt writes one message in several calls, so they are joined. */
static void on_error(void *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void on_error(void *ctx, const char *fmt, ...)
{
	struct html *html = ctx;
	html->n_errors++;
	if (html->error_len + 1 >= sizeof html->error)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(html->error + html->error_len, sizeof html->error - html->error_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		html->error_len += (size_t)n < sizeof html->error - html->error_len
					   ? (size_t)n
					   : sizeof html->error - html->error_len - 1;
}

static void on_structured_error(void *ctx, xmlErrorPtr err)
{
	if (err)
		on_error(ctx, "%s", err->message ? err->message : "error\n");
}

/* Routes the libraries' messages to HTML until restore_errors. */
struct saved_errors {
	xmlGenericErrorFunc generic;
	void *generic_ctx;
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
};

static struct saved_errors capture_errors(struct html *html)
{
	struct saved_errors saved = {xmlGenericError, xmlGenericErrorContext, xmlStructuredError,
				     xmlStructuredErrorContext};
	html->error_len = 0;
	html->error[0] = '\0';
	html->n_errors = 0;
	xmlSetGenericErrorFunc(html, on_error);
	xmlSetStructuredErrorFunc(html, on_structured_error);
	xsltSetGenericErrorFunc(html, on_error);
	return saved;
}

static void restore_errors(struct html *html, const struct saved_errors *saved)
{
	xmlSetGenericErrorFunc(saved->generic_ctx, saved->generic);
	xmlSetStructuredErrorFunc(saved->structured_ctx, saved->structured);
	xsltSetGenericErrorFunc(NULL, NULL);
	while (html->error_len > 0 && (html->error[html->error_len - 1] == '\n' ||
				       html->error[html->error_len - 1] == ' '))
		html->error[--html->error_len] = '\0';
	for (char *p = html->error; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

static void fail(struct html *html, const char *what)
{
	if (html->error_len == 0) {
		snprintf(html->error, sizeof html->error, "%s", what);
		html->error_len = strlen(html->error);
	}
}

const char *html_error(const struct html *html)
{
	return html->error;
}

/* Reading: at compile time, only the sheets themselves, by name; at run time nothing. */
static int allow_sheet(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec;
	return ctxt == NULL && find_sheet(value) != NULL;
}

static xmlDocPtr parse_sheet(const struct html_sheet *sheet, xmlDictPtr dict)
{
	xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
	if (!pctxt)
		return NULL;
	if (dict) { /* as libxslt's own loader: an included sheet shares the includer's names */
		xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	/* No network, no DTD, no entities: the sheets are ours, but parsed as carefully. */
	xmlDocPtr doc = xmlCtxtReadMemory(pctxt, sheet->bytes, (int)sheet->len, sheet->name, "UTF-8",
					  XML_PARSE_NONET | XML_PARSE_NOCDATA);
	xmlFreeParserCtxt(pctxt);
	return doc;
}

static xmlDocPtr load_included(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
			       xsltLoadType type)
{
	(void)options;
	(void)ctxt;
	const struct html_sheet *sheet = find_sheet((const char *)uri);
	if (type != XSLT_LOAD_STYLESHEET || !sheet)
		return NULL; /* document() and anything not built in: never */
	return parse_sheet(sheet, dict);
}

static xsltSecurityPrefsPtr new_prefs(bool compiling_sheets)
{
	xsltSecurityPrefsPtr prefs = xsltNewSecurityPrefs();
	if (!prefs)
		return NULL;
	int rc = xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE,
				      compiling_sheets ? allow_sheet : xsltSecurityForbid);
	rc |= xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	rc |= xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
	rc |= xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
	rc |= xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
	if (rc != 0) {
		xsltFreeSecurityPrefs(prefs);
		return NULL;
	}
	return prefs;
}

static xsltStylesheetPtr compile_sheet(struct html *html, const char *name)
{
	const struct html_sheet *sheet = find_sheet(name);
	if (!sheet) {
		on_error(html, "no stylesheet named %s", name);
		return NULL;
	}
	xmlDocPtr doc = parse_sheet(sheet, NULL);
	if (!doc)
		return NULL;
	xsltStylesheetPtr style = xsltParseStylesheetDoc(doc);
	if (!style || style->errors > 0) {
		if (style)
			xsltFreeStylesheet(style); /* frees DOC with it */
		else
			xmlFreeDoc(doc);
		return NULL;
	}
	return style;
}

struct html *html_new_with(const struct html_sheet *sheets, size_t n, char **error)
{
	*error = NULL;
	struct html *html = calloc(1, sizeof *html);
	if (!html) {
		*error = strdup("out of memory");
		return NULL;
	}
	struct saved_errors saved = capture_errors(html);
	compiling = sheets;
	n_compiling = n;
	html->compile_prefs = new_prefs(true);
	html->run_prefs = new_prefs(false);
	if (html->compile_prefs && html->run_prefs) {
		xsltSetDefaultSecurityPrefs(html->compile_prefs);
		xsltSetLoaderFunc(load_included);
		html->page = compile_sheet(html, "page.xsl");
		if (html->page)
			html->index = compile_sheet(html, "index.xsl");
		xsltSetLoaderFunc(NULL);
		/* Whatever else runs a stylesheet in this process may read and write nothing. */
		xsltSetDefaultSecurityPrefs(html->run_prefs);
	}
	compiling = NULL;
	n_compiling = 0;
	bool ok = html->page && html->index && html->n_errors == 0;
	if (!ok)
		fail(html, "the stylesheets do not compile");
	restore_errors(html, &saved);
	if (!ok) {
		*error = strdup(html->error);
		html_free(html);
		return NULL;
	}
	return html;
}

struct html *html_new(char **error)
{
	const struct html_sheet sheets[] = {
		{"common.xsl", broadside_xsl_common,
		 (size_t)(broadside_xsl_common_end - broadside_xsl_common)},
		{"page.xsl", broadside_xsl_page, (size_t)(broadside_xsl_page_end - broadside_xsl_page)},
		{"index.xsl", broadside_xsl_index,
		 (size_t)(broadside_xsl_index_end - broadside_xsl_index)},
	};
	return html_new_with(sheets, sizeof sheets / sizeof sheets[0], error);
}

void html_free(struct html *html)
{
	if (!html)
		return;
	xsltFreeStylesheet(html->page);
	xsltFreeStylesheet(html->index);
	if (xsltGetDefaultSecurityPrefs() == html->run_prefs ||
	    xsltGetDefaultSecurityPrefs() == html->compile_prefs)
		xsltSetDefaultSecurityPrefs(NULL);
	xsltFreeSecurityPrefs(html->compile_prefs);
	xsltFreeSecurityPrefs(html->run_prefs);
	free(html);
}

void html_cleanup(void)
{
	xsltCleanupGlobals();
}

/* ---- running a stylesheet ------------------------------------------------------------ */

/* True when the result holds text a stylesheet wrote with disable-output-escaping. */
static bool has_unescaped_text(xmlNodePtr node)
{
	for (; node; node = node->next) {
		if (node->type == XML_TEXT_NODE && node->name == xmlStringTextNoenc)
			return true;
		if (node->children && has_unescaped_text(node->children))
			return true;
	}
	return false;
}

/* Runs STYLE on TREE with the string parameter LANG (or none) and serialises the result
 * as the stylesheet's xsl:output says. */
static int transform(struct html *html, xsltStylesheetPtr style, xmlDocPtr tree,
		     const char *lang, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	struct saved_errors saved = capture_errors(html);
	xmlDocPtr result = NULL;
	xmlChar *bytes = NULL;
	int size = 0;
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, tree);
	if (!ctxt || xsltSetCtxtSecurityPrefs(html->run_prefs, ctxt) != 0)
		goto done;
	xsltSetTransformErrorFunc(ctxt, html, on_error);
	if (lang && xsltQuoteOneUserParam(ctxt, BAD_CAST "lang", BAD_CAST lang) != 0)
		goto done;
	result = xsltApplyStylesheetUser(style, tree, NULL, NULL, NULL, ctxt);
	if (!result || ctxt->state != XSLT_STATE_OK || html->n_errors > 0)
		goto done;
	if (has_unescaped_text(result->children)) {
		on_error(html, "a stylesheet wrote text without escaping it (disable-output-escaping)");
		goto done;
	}
	if (xsltSaveResultToString(&bytes, &size, result, style) != 0 || !bytes || size <= 0)
		goto done;
	*out = malloc((size_t)size + 1);
	if (*out) {
		memcpy(*out, bytes, (size_t)size);
		(*out)[size] = '\0';
		*len = (size_t)size;
	}
done:
	xmlFree(bytes);
	xmlFreeDoc(result);
	xsltFreeTransformContext(ctxt);
	if (!*out)
		fail(html, "the stylesheet failed (out of memory?)");
	restore_errors(html, &saved);
	return *out ? 0 : -1;
}

int html_render_page(struct html *html, const struct resolved_doc *rdoc, const char *lang,
		     char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	xmlDocPtr tree = NULL;
	if (html_document_tree(rdoc, &tree) != 0) {
		html->error_len = 0;
		fail(html, "out of memory");
		return -1;
	}
	int rc = html_render_page_tree(html, tree, lang, out, len);
	xmlFreeDoc(tree);
	return rc;
}

int html_render_page_tree(struct html *html, xmlDocPtr tree, const char *lang, char **out,
			  size_t *len)
{
	return transform(html, html->page, tree, lang, out, len);
}

int html_render_index(struct html *html, const struct resolved_doc *const *docs, size_t n,
		      char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	xmlDocPtr tree = NULL;
	if (html_index_tree(docs, n, &tree) != 0) {
		html->error_len = 0;
		fail(html, "out of memory");
		return -1;
	}
	int rc = transform(html, html->index, tree, NULL, out, len);
	xmlFreeDoc(tree);
	return rc;
}

int html_render_index_tree(struct html *html, xmlDocPtr tree, char **out, size_t *len)
{
	return transform(html, html->index, tree, NULL, out, len);
}

char *html_page_name(const struct model_doc *doc, const char *lang)
{
	char *name = NULL;
	int n = lang ? asprintf(&name, "%s.%s.html", doc->id, lang)
		     : asprintf(&name, "%s.html", doc->id);
	return n < 0 ? NULL : name;
}

char *html_pdf_name(const struct model_doc *doc, const char *lang)
{
	char *name = NULL;
	int n = lang ? asprintf(&name, "%s.%s.pdf", doc->id, lang) : asprintf(&name, "%s.pdf", doc->id);
	return n < 0 ? NULL : name;
}

/* ---- what the stylesheets read: languages -------------------------------------------- */

/* What the pages need to know of a language beyond its tag and direction: its script
 * (which font), its digits (how lists are numbered) and its name in itself (the links
 * between the pages).  All from ICU, so any language ICU knows works. */
struct lang_info {
	const char *tag;
	const char *dir;
	char script[16];
	const char *numbers; /* a CSS list-style-type */
	char name[160];
};

static const char *css_numbers(const char *numbering_system)
{
	static const char *const map[][2] = {
		{"arab", "arabic-indic"}, {"arabext", "persian"}, {"beng", "bengali"},
		{"deva", "devanagari"},   {"gujr", "gujarati"},   {"guru", "gurmukhi"},
		{"hanidec", "cjk-decimal"}, {"khmr", "khmer"},   {"knda", "kannada"},
		{"laoo", "lao"},          {"mlym", "malayalam"},  {"mong", "mongolian"},
		{"mymr", "myanmar"},      {"orya", "oriya"},      {"tamldec", "tamil"},
		{"telu", "telugu"},       {"thai", "thai"},       {"tibt", "tibetan"},
	};
	for (size_t i = 0; numbering_system && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], numbering_system) == 0)
			return map[i][1];
	return "decimal";
}

/* The script of the language TAG (ICU's likely one) into SCRIPT, "Zyyy" when unknown, and
 * its ICU locale into LOCALE; false when ICU does not read TAG. */
static bool lang_script(const char *tag, char script[16], char locale[ULOC_FULLNAME_CAPACITY])
{
	snprintf(script, 16, "Zyyy");
	char likely[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(tag, locale, ULOC_FULLNAME_CAPACITY, NULL, &status);
	if (U_FAILURE(status))
		return false;
	uloc_addLikelySubtags(locale, likely, sizeof likely, &status);
	char found[16];
	if (U_SUCCESS(status) && uloc_getScript(likely, found, sizeof found, &status) > 0 &&
	    U_SUCCESS(status))
		snprintf(script, 16, "%s", found);
	return true;
}

static void lang_info_init(struct lang_info *info, const char *tag, enum resolve_dir dir)
{
	info->tag = tag;
	info->dir = dir == RESOLVE_RTL ? "rtl" : "ltr";
	info->numbers = "decimal";
	snprintf(info->name, sizeof info->name, "%s", tag);

	char locale[ULOC_FULLNAME_CAPACITY];
	if (!lang_script(tag, info->script, locale))
		return;

	UErrorCode status = U_ZERO_ERROR;
	UNumberingSystem *ns = unumsys_open(locale, &status);
	if (U_SUCCESS(status))
		info->numbers = css_numbers(unumsys_getName(ns));
	unumsys_close(ns);

	status = U_ZERO_ERROR;
	UDisplayContext context = UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU;
	ULocaleDisplayNames *names = uldn_openForContext(locale, &context, 1, &status);
	UChar name[64];
	int32_t n = U_SUCCESS(status) ? uldn_localeDisplayName(names, locale, name, 64, &status) : 0;
	if (U_SUCCESS(status) && n > 0 && n < 64)
		u_strToUTF8(info->name, sizeof info->name, NULL, name, n, &status);
	if (U_FAILURE(status))
		snprintf(info->name, sizeof info->name, "%s", tag);
	uldn_close(names);
}

/* ---- what the stylesheets read: the tree --------------------------------------------- */

/* libxml2 returns NULL when out of memory; the builder notes it and every helper then
 * does nothing, so that building goes on to the end and fails once. */
struct builder {
	bool failed;
	const struct resolved_doc *rdoc;
	struct lang_info *langs; /* per language of rdoc */
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

static void set_lang(struct builder *b, xmlNodePtr node, const struct lang_info *info)
{
	set_attr(b, node, "lang", info->tag);
	set_attr(b, node, "dir", info->dir);
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
		char script[16], locale[ULOC_FULLNAME_CAPACITY];
		lang_script(span->lang, script, locale);
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
		set_lang(b, t, &b->langs[l]);
		set_attr(b, t, "state", state_name(rt));
		if (rt->t && rt->text)
			add_runs(b, t, rt, 0, rt->len, 0);
	}
}

static void add_when(struct builder *b, xmlNodePtr parent, const struct resolved_when *when)
{
	for (size_t l = 0; l < b->rdoc->doc->n_langs; l++) {
		xmlNodePtr node = add_element(b, parent, "when");
		set_lang(b, node, &b->langs[l]);
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

/* Points the builder at RDOC and learns its languages. */
static void builder_use(struct builder *b, const struct resolved_doc *rdoc)
{
	free(b->langs);
	b->rdoc = rdoc;
	b->langs = calloc(rdoc->doc->n_langs + 1, sizeof *b->langs);
	if (!b->langs) {
		b->failed = true;
		return;
	}
	for (size_t l = 0; l < rdoc->doc->n_langs; l++)
		lang_info_init(&b->langs[l], rdoc->doc->langs[l], rdoc->dirs[l]);
}

static void add_document_attrs(struct builder *b, xmlNodePtr node)
{
	const struct model_doc *doc = b->rdoc->doc;
	set_attr(b, node, "kind", doc->root == MODEL_LETTER ? "letter" : "appeal");
	set_attr(b, node, "id", doc->id);
	set_attr(b, node, "source", doc->source_lang);
	char *page = html_page_name(doc, NULL);
	char *pdf = html_pdf_name(doc, NULL);
	if (!page || !pdf)
		b->failed = true;
	set_attr(b, node, "page", page);
	set_attr(b, node, "pdf", pdf);
	free(page);
	free(pdf);
}

static xmlNodePtr add_language(struct builder *b, xmlNodePtr parent, size_t l)
{
	const struct lang_info *info = &b->langs[l];
	xmlNodePtr node = add_element(b, parent, "language");
	set_attr(b, node, "code", info->tag);
	set_attr(b, node, "dir", info->dir);
	set_attr(b, node, "script", info->script);
	set_attr(b, node, "numbers", info->numbers);
	set_attr(b, node, "name", info->name);
	char *page = html_page_name(b->rdoc->doc, info->tag);
	char *pdf = html_pdf_name(b->rdoc->doc, info->tag);
	if (!page || !pdf)
		b->failed = true;
	set_attr(b, node, "page", page);
	set_attr(b, node, "pdf", pdf);
	free(page);
	free(pdf);
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

static int finish_tree(struct builder *b, xmlDocPtr tree, xmlDocPtr *out)
{
	free(b->langs);
	b->langs = NULL;
	if (b->failed || !tree) {
		xmlFreeDoc(tree);
		return -1;
	}
	*out = tree;
	return 0;
}

int html_document_tree(const struct resolved_doc *rdoc, xmlDocPtr *out)
{
	*out = NULL;
	struct builder b = {0};
	builder_use(&b, rdoc);
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

int html_index_tree(const struct resolved_doc *const *docs, size_t n, xmlDocPtr *out)
{
	*out = NULL;
	struct builder b = {0};
	xmlDocPtr tree = new_tree(&b, "index");
	xmlNodePtr root = tree ? xmlDocGetRootElement(tree) : NULL;
	for (size_t i = 0; root && !b.failed && i < n; i++) {
		builder_use(&b, docs[i]);
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
