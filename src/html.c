/* html.c — the HTML backend's sandbox: the built-in stylesheets, compiled and run by
 * libxslt under security prefs that let it read nothing else and write nothing; the tree
 * they run on comes from html_tree.c.  See html.h. */
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
	struct html_tree *tree = NULL;
	if (html_document_tree(rdoc, &tree) != 0) {
		html->error_len = 0;
		fail(html, "out of memory");
		return -1;
	}
	int rc = html_render_page_tree(html, tree, lang, out, len);
	html_tree_free(tree);
	return rc;
}

/* An html_tree is a libxml2 document (html_tree.c). */
int html_render_page_tree(struct html *html, const struct html_tree *tree, const char *lang,
			  char **out, size_t *len)
{
	return transform(html, html->page, (xmlDocPtr)tree, lang, out, len);
}

int html_render_index(struct html *html, const struct resolved_doc *const *docs, size_t n,
		      char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	struct html_tree *tree = NULL;
	if (html_index_tree(docs, n, &tree) != 0) {
		html->error_len = 0;
		fail(html, "out of memory");
		return -1;
	}
	int rc = html_render_index_tree(html, tree, out, len);
	html_tree_free(tree);
	return rc;
}

int html_render_index_tree(struct html *html, const struct html_tree *tree, char **out,
			   size_t *len)
{
	return transform(html, html->index, (xmlDocPtr)tree, NULL, out, len);
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

