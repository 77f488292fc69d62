/* html.h — the HTML backend: resolved documents as web pages, through libxslt.
 *
 * The C side turns a resolved document (resolve.h) into one XML tree: the same text the
 * PDF draws (ICU dates, NFC, soft hyphens), with each unit's text in every language, the
 * inline markup as elements, and the text stage's bidi isolates turned into `dir`
 * attributes on the runs they wrapped.  The stylesheets of xsl/, built into the binary,
 * turn that tree into HTML: every element, attribute and class of the pages is theirs.
 *
 * libxslt runs locked down: it may read the built-in stylesheets and nothing else, write
 * no file, create no directory and touch no network; a page holding text that escaped
 * escaping (disable-output-escaping) is refused.
 *
 * html.c is that sandbox (the stylesheets, compiled locked down, and running them);
 * html_tree.c builds the tree.  A renderer owns its compiled stylesheets; html_free
 * releases it.  Pages come back as new buffers the caller frees; a tree is the caller's
 * until html_tree_free. */
#ifndef BROADSIDE_HTML_H
#define BROADSIDE_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "resolve.h"

/* The stylesheet every page links, written next to the pages, and the folder of fonts
 * (a copy of fonts/) its @font-face rules point at. */
#define HTML_CSS_NAME "broadside.css"
#define HTML_FONTS_DIR "fonts"

struct html;

/* The tree the stylesheets read (libxml2's, opaque outside html.c and html_tree.c). */
struct html_tree;

/* One stylesheet: NAME is what xsl:include and xsl:import call it. */
struct html_sheet {
	const char *name;
	const char *bytes;
	size_t len;
};

/* Compiles the stylesheets built into broadside.  Returns a new renderer, or NULL and a
 * new message in *ERROR (a build defect, or out of memory); free the message. */
struct html *html_new(char **error);

/* The same with other stylesheets (tests): SHEETS must hold "page.xsl" and "index.xsl";
 * they may include each other by name, and are held to the same rules. */
struct html *html_new_with(const struct html_sheet *sheets, size_t n, char **error);

void html_free(struct html *html);

/* Releases libxslt's global state; call once, after the last html_free. */
void html_cleanup(void);

/* Why the last html_render_* call on HTML failed; owned by HTML. */
const char *html_error(const struct html *html);

/* A page of RDOC: LANG NULL for every language side by side, or one of the document's
 * languages for that language alone.  Returns 0 and the page in *OUT (LEN bytes, NUL
 * after them; free it), or -1 (see html_error). */
int html_render_page(struct html *html, const struct resolved_doc *rdoc, const char *lang,
		     char **out, size_t *len);

/* The same page from TREE, a tree as html_document_tree makes (tests feed it hostile
 * ones); the caller keeps TREE. */
int html_render_page_tree(struct html *html, const struct html_tree *tree, const char *lang,
			  char **out, size_t *len);

/* The index of DOCS: each document's title in each language, how far each translation
 * is, and links to its pages and its PDF.  As html_render_page. */
int html_render_index(struct html *html, const struct resolved_doc *const *docs, size_t n,
		      char **out, size_t *len);

/* The index from TREE, a tree as html_index_tree makes, perhaps changed by the caller
 * (`broadside build` drops the links to files it did not write, and adds a <refused
 * file> element, with <diagnostic> children holding each message, per refused document).
 * As html_render_page; the caller keeps TREE. */
int html_render_index_tree(struct html *html, const struct html_tree *tree, char **out,
			   size_t *len);

/* The file name of a page of DOC ("ID.html", or "ID.LANG.html" for one language), as the
 * pages link to each other.  New string, or NULL (out of memory). */
char *html_page_name(const struct model_doc *doc, const char *lang);

/* The file name of DOC's PDF leaflet as `broadside pdf` writes it and the index links it:
 * "ID.pdf", or "ID.LANG.pdf" for one language.  As above. */
char *html_pdf_name(const struct model_doc *doc, const char *lang);

/* The trees the stylesheets read, for tests and for `broadside html --xml`: the document
 * (as html_render_page sees it) and the index.  0 and a new tree in *OUT, or -1. */
int html_document_tree(const struct resolved_doc *rdoc, struct html_tree **out);
int html_index_tree(const struct resolved_doc *const *docs, size_t n, struct html_tree **out);

void html_tree_free(struct html_tree *tree);

/* TREE as XML text, not indented: 0 and a new buffer in *OUT (LEN bytes, NUL after them;
 * free it), or -1 (out of memory). */
int html_tree_xml(const struct html_tree *tree, char **out, size_t *len);

/* In an index tree: unsets the page and pdf links of the I-th document (and of its
 * languages) whose file WRITTEN(name, CTX) says was not written. */
void html_index_drop_links(struct html_tree *tree, size_t i,
			   bool (*written)(const char *name, const void *ctx), const void *ctx);

/* In an index tree: adds <refused file="FILE"> with a <diagnostic> per line of
 * DIAGNOSTICS (N of them). */
void html_index_add_refused(struct html_tree *tree, const char *file,
			    const char *const *diagnostics, size_t n);

/* The pages' stylesheet (HTML_CSS_NAME), built in; LEN bytes, lent. */
const char *html_css(size_t *len);

#endif
