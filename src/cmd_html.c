/* cmd_html.c — `broadside html`: documents as web pages (every language side by side, and
 * each language alone); `broadside index`: the page that lists them all. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "html.h"
#include "out.h"
#include "resolve.h"

struct html_opts {
	const char *out;    /* html: the folder; index: the file */
	bool allow_missing; /* a missing translation is rendered, not refused */
	bool hyphenate;
	bool xml;           /* print the stylesheets' input instead of writing pages */
	struct cli_args args;
};

static const struct cli_option html_table[] = {
	{.name = "output", .letter = 'o', .metavar = "DIR", .help = "where the pages go (default: out)",
	 .action = CLI_STRING, .field = offsetof(struct html_opts, out)},
	{.name = "allow-missing",
	 .help = "render missing translations (empty in the parallel page, the\n"
		 "source text on a language's own page) instead of refusing them",
	 .action = CLI_SET_BOOL, .field = offsetof(struct html_opts, allow_missing), .value = 1},
	{.name = "no-hyphens", .help = "leave out the hyphenation points", .action = CLI_SET_BOOL,
	 .field = offsetof(struct html_opts, hyphenate), .value = 0},
	{.name = "xml", .help = "print what the stylesheets of xsl/ read, and write nothing",
	 .action = CLI_SET_BOOL, .field = offsetof(struct html_opts, xml), .value = 1},
	{NULL},
};

static const struct cli_option index_table[] = {
	{.name = "output", .letter = 'o', .metavar = "FILE",
	 .help = "the page to write (default: out/index.html)", .action = CLI_STRING,
	 .field = offsetof(struct html_opts, out)},
	{NULL},
};

/* Reads the command line of html or index into O; false when the run ends here (*STATUS
 * says how).  O->args is freed then; otherwise free it with cli_args_clear. */
static bool parse_options(const char *command, int argc, char **argv, struct html_opts *o,
			  enum cli_status *status)
{
	bool is_html = strcmp(command, "html") == 0;
	*o = (struct html_opts){.out = is_html ? "out" : "out/index.html", .hyphenate = true};
	*status = cli_parse(command, is_html ? html_table : index_table, o, argc, argv, &o->args);
	if (*status == CLI_OK && !o->args.help && o->args.n_files == 0)
		*status = cli_usage_error(command, "missing FILE", "");
	else if (*status == CLI_OK && o->xml && o->args.n_files != 1)
		*status = cli_usage_error(command, "--xml takes one FILE", "");
	if (*status == CLI_OK && !o->args.help)
		return true;
	cli_args_clear(&o->args);
	return false;
}

/* Rendering refuses a missing translation unless asked to allow it: validation's warning
 * becomes an error that says how. */
static void refuse_missing(struct diag_list *diags)
{
	for (size_t k = 0; k < diags->n; k++) {
		struct diag *d = &diags->items[k];
		if (d->severity != DIAG_WARNING || strcmp(d->rule, "translation-missing") != 0)
			continue;
		char *message = NULL;
		if (asprintf(&message, "%s; add it, or render with --allow-missing", d->message) < 0) {
			diags->out_of_memory = true;
			continue;
		}
		free(d->message);
		d->message = message;
		d->severity = DIAG_ERROR;
	}
}

/* Reads, validates and resolves PATH, adding what it finds to DIAGS.  On CLI_OK, *DOC and
 * *RDOC are new (free them); otherwise both are NULL. */
static enum cli_status load_resolved(const char *path, const struct html_opts *o,
				     struct diag_list *diags, struct model_doc **doc,
				     struct resolved_doc **rdoc)
{
	*doc = NULL;
	*rdoc = NULL;
	enum pipeline_status result = pipeline_check(path, diags, NULL, doc);
	if (result == PIPELINE_OK && !o->allow_missing)
		refuse_missing(diags);
	enum cli_status status = cli_status_of(result, diags, false);
	if (status != CLI_OK) {
		model_doc_free(*doc);
		*doc = NULL;
		return status;
	}
	struct resolve_options resolve = {.hyphenate = o->hyphenate};
	if (resolve_document(*doc, &resolve, rdoc) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "resolve",
			 "the text could not be resolved (out of memory?)");
		model_doc_free(*doc);
		*doc = NULL;
		return CLI_INTERNAL;
	}
	return CLI_OK;
}

/* html writes several files: -o must be a folder (or a name for a new one). */
static enum cli_status check_folder(const char *out)
{
	enum out_kind kind = out_kind_of(out);
	if (kind == OUT_DIRECTORY || kind == OUT_MISSING)
		return CLI_OK;
	struct diag_list diags;
	diag_list_init(&diags);
	diag_add(&diags, DIAG_ERROR, out, 0, 0, "output",
		 "-o %s: html writes several files (a page per language and the stylesheet), so "
		 "-o takes a folder, e.g. -o out/", out);
	cli_report(&diags, false, NULL);
	diag_list_clear(&diags);
	return CLI_USAGE;
}

/* Writes BYTES to DIR/NAME atomically; an error names the file. */
static enum cli_status write_output(const char *dir, const char *name, const char *bytes,
				    size_t len, struct diag_list *diags)
{
	char *path = NULL;
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return CLI_INTERNAL;
	enum cli_status status = CLI_OK;
	if (out_make_dirs(dir) != 0 || out_write(path, bytes, len) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		status = CLI_UNREADABLE;
	}
	free(path);
	return status;
}

static enum cli_status write_css(const char *dir, struct diag_list *diags)
{
	size_t len;
	const char *css = html_css(&len);
	return write_output(dir, HTML_CSS_NAME, css, len, diags);
}

struct page {
	char *name;
	char *bytes;
	size_t len;
};

static void pages_free(struct page *pages, size_t n)
{
	for (size_t i = 0; pages && i < n; i++) {
		free(pages[i].name);
		free(pages[i].bytes);
	}
	free(pages);
}

/* Every page of RDOC, made in memory before any is written: the parallel page, then one
 * per language.  CLI_OK and *PAGES (N_LANGS + 1 of them), or an error in DIAGS.  The
 * stylesheets' input tree is the same for every page, so it is built once. */
static enum cli_status render_pages(struct html *html, const struct resolved_doc *rdoc,
				    const char *path, struct diag_list *diags, struct page **pages)
{
	const struct model_doc *doc = rdoc->doc;
	*pages = calloc(doc->n_langs + 1, sizeof **pages);
	if (!*pages)
		return CLI_INTERNAL;
	struct html_tree *tree = NULL;
	bool have_tree = html_document_tree(rdoc, &tree) == 0;
	enum cli_status status = CLI_OK;
	for (size_t i = 0; status == CLI_OK && i <= doc->n_langs; i++) {
		const char *lang = i == 0 ? NULL : doc->langs[i - 1];
		struct page *page = &(*pages)[i];
		page->name = html_page_name(doc, lang);
		if (!page->name)
			status = CLI_INTERNAL;
		else if (!have_tree ||
			 html_render_page_tree(html, tree, lang, &page->bytes, &page->len) != 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "html", "the page %s could not be made: %s",
				 page->name, have_tree ? html_error(html) : "out of memory");
			status = CLI_INTERNAL;
		}
	}
	html_tree_free(tree);
	return status;
}

static enum cli_status print_tree(const struct resolved_doc *rdoc)
{
	struct html_tree *tree = NULL;
	if (html_document_tree(rdoc, &tree) != 0)
		return CLI_INTERNAL;
	char *bytes = NULL;
	size_t len = 0;
	enum cli_status status = html_tree_xml(tree, &bytes, &len) == 0 &&
					 fwrite(bytes, 1, len, cli_out()) == len
					 ? CLI_OK
					 : CLI_INTERNAL;
	free(bytes);
	html_tree_free(tree);
	return status;
}

/* One FILE of `broadside html`: its pages, or with --xml, the stylesheets' input. */
static enum cli_status html_file(struct html *html, const char *path, const struct html_opts *o,
				 struct diag_list *diags, bool *wrote)
{
	struct model_doc *doc = NULL;
	struct resolved_doc *rdoc = NULL;
	enum cli_status status = load_resolved(path, o, diags, &doc, &rdoc);
	struct page *pages = NULL;
	if (status == CLI_OK && o->xml)
		status = print_tree(rdoc);
	else if (status == CLI_OK)
		status = render_pages(html, rdoc, path, diags, &pages);
	for (size_t i = 0; status == CLI_OK && !o->xml && i <= doc->n_langs; i++) {
		status = write_output(o->out, pages[i].name, pages[i].bytes, pages[i].len, diags);
		if (status == CLI_OK)
			*wrote = true;
	}
	pages_free(pages, doc ? doc->n_langs + 1 : 0);
	resolved_doc_free(rdoc);
	model_doc_free(doc);
	return status;
}

/* Starts what both commands need; on failure says why. */
static enum cli_status start(struct html **html, bool need_html)
{
	*html = NULL;
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", cli_err());
		return CLI_INTERNAL;
	}
	char *error = NULL;
	if (need_html && !(*html = html_new(&error))) {
		fprintf(cli_err(), "broadside: the built-in stylesheets do not compile (a build defect): %s\n",
			error ? error : "out of memory");
		free(error);
		return CLI_INTERNAL;
	}
	return CLI_OK;
}

static void stop(struct html *html)
{
	html_free(html);
	html_cleanup();
	resolve_cleanup();
	pipeline_cleanup();
}

static enum cli_status html_main(int argc, char **argv)
{
	struct html_opts o;
	enum cli_status status;
	if (!parse_options("html", argc, argv, &o, &status))
		return status;
	if (!o.xml && (status = check_folder(o.out)) != CLI_OK) {
		cli_args_clear(&o.args);
		return status;
	}
	struct html *html = NULL;
	status = start(&html, !o.xml);
	bool wrote = false;
	for (size_t i = 0; status != CLI_INTERNAL && i < o.args.n_files; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		status = cli_worse(status, html_file(html, o.args.files[i], &o, &diags, &wrote));
		cli_report(&diags, false, NULL);
		diag_list_clear(&diags);
	}
	if (wrote) {
		struct diag_list diags;
		diag_list_init(&diags);
		status = cli_worse(status, write_css(o.out, &diags));
		cli_report(&diags, false, NULL);
		diag_list_clear(&diags);
	}
	stop(html);
	cli_args_clear(&o.args);
	return status;
}

/* Writes the index BYTES to OUT: a file (with the stylesheet next to it), a folder
 * (OUT/index.html), or stdout and streams (the page alone). */
static enum cli_status write_index_page(const char *out, const char *bytes, size_t len,
					struct diag_list *diags)
{
	enum out_kind kind = out_kind_of(out);
	if (kind == OUT_STDOUT || kind == OUT_STREAM) {
		if (out_write(out, bytes, len) == 0)
			return CLI_OK;
		diag_add(diags, DIAG_ERROR, out, 0, 0, "write", "cannot write: %s", strerror(errno));
		return CLI_UNREADABLE;
	}
	char *dir = NULL;
	const char *name = "index.html";
	if (kind == OUT_DIRECTORY) {
		dir = strdup(out);
		for (size_t k = dir ? strlen(dir) : 0; k > 1 && dir[k - 1] == '/'; k--)
			dir[k - 1] = '\0';
	} else {
		const char *slash = strrchr(out, '/');
		dir = out_dir_of(out);
		name = slash ? slash + 1 : out;
	}
	if (!dir)
		return CLI_INTERNAL;
	enum cli_status status = write_output(dir, name, bytes, len, diags);
	if (status == CLI_OK)
		status = write_css(dir, diags);
	free(dir);
	return status;
}

static enum cli_status write_index(struct html *html, const struct resolved_doc *const *rdocs,
				   size_t n, const char *out, struct diag_list *diags)
{
	char *bytes = NULL;
	size_t len = 0;
	enum cli_status status = CLI_OK;
	if (html_render_index(html, rdocs, n, &bytes, &len) != 0) {
		diag_add(diags, DIAG_ERROR, out, 0, 0, "html", "the index could not be made: %s",
			 html_error(html));
		status = CLI_INTERNAL;
	} else {
		status = write_index_page(out, bytes, len, diags);
	}
	free(bytes);
	return status;
}

static enum cli_status index_main(int argc, char **argv)
{
	struct html_opts o;
	enum cli_status status;
	if (!parse_options("index", argc, argv, &o, &status))
		return status;
	o.allow_missing = true; /* the index is where missing translations show */
	struct html *html = NULL;
	status = start(&html, true);
	size_t n = o.args.n_files;
	struct model_doc **docs = calloc(n + 1, sizeof *docs);
	struct resolved_doc **rdocs = calloc(n + 1, sizeof *rdocs);
	if (status == CLI_OK && (!docs || !rdocs))
		status = CLI_INTERNAL;
	for (size_t i = 0; status != CLI_INTERNAL && i < n; i++) {
		struct diag_list diags;
		diag_list_init(&diags);
		status = cli_worse(status, load_resolved(o.args.files[i], &o, &diags,
							 &docs[i], &rdocs[i]));
		cli_report(&diags, false, NULL);
		diag_list_clear(&diags);
	}
	if (status == CLI_OK) { /* one refused document, and the index is not written */
		struct diag_list diags;
		diag_list_init(&diags);
		status = write_index(html, (const struct resolved_doc *const *)rdocs, n, o.out, &diags);
		cli_report(&diags, false, NULL);
		diag_list_clear(&diags);
	}
	for (size_t i = 0; docs && rdocs && i < n; i++) {
		resolved_doc_free(rdocs[i]);
		model_doc_free(docs[i]);
	}
	free(rdocs);
	free(docs);
	stop(html);
	cli_args_clear(&o.args);
	return status;
}

const struct cli_command cmd_html = {
	"html", html_main, "write documents as web pages, every language and each alone",
	"usage: broadside html [-o DIR] [--allow-missing] [--no-hyphens] FILE...\n"
	"       broadside html --xml FILE\n",
	"Validates each FILE, resolves its text as the PDF does (dates in each language's\n"
	"calendar, NFC, bidi isolation, hyphenation points) and writes, for a document with\n"
	"id ID and languages L1 L2 ...:\n"
	"  DIR/ID.html      every language side by side, a row per unit (stacked on a phone)\n"
	"  DIR/ID.L1.html   one page per language, each linking to the others\n"
	"  DIR/" HTML_CSS_NAME " the pages' stylesheet\n"
	"The pages load their fonts from DIR/" HTML_FONTS_DIR "/: copy fonts/*.ttf there (make does).\n"
	"They need no script, and their Content-Security-Policy allows none. A document\n"
	"that is refused gets no page; every page is written whole or not at all.\n",
	{{"options", html_table}},
	"exit status: 0 written, 1 a document was refused, 2 wrong usage,\n"
	"3 a file could not be read or written\n"
	"\n"
	"example:\n"
	"  broadside html -o out xml/*.xml\n"
};

const struct cli_command cmd_index = {
	"index", index_main, "write the page listing documents, their languages and progress",
	"usage: broadside index [-o FILE] FILE...\n",
	"Validates every FILE and writes one page (default: out/index.html) that lists each\n"
	"document with its title in each language, how much of each translation is done\n"
	"(units translated and reviewed, drafts, missing) and links to its pages\n"
	"(ID.html, ID.LANG.html, as written by 'broadside html' into the same folder) and\n"
	"to its PDF leaflet (ID.pdf).  Missing translations are counted, not refused.  If\n"
	"any document is refused, the index is not written.  " HTML_CSS_NAME " is written\n"
	"next to it.\n",
	{{"options", index_table}},
	"exit status: 0 written, 1 a document was refused, 2 wrong usage,\n"
	"3 a file could not be read or written\n"
	"\n"
	"example:\n"
	"  broadside index -o out/index.html xml/*.xml\n"
};
