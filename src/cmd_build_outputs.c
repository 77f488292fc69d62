/* cmd_build_outputs.c — what `broadside build` writes once for the whole run: the web
 * fonts, the index, the reports, and the diagnostics printed.  See cmd_build.h. */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_build.h"
#include "html.h"
#include "memfile.h"
#include "out.h"
#include "resolve.h"

/* ---- the fonts and the index --------------------------------------------------------- */

/* E, a shared output, made or refused as STATUS says; returns it. */
static enum cli_status settle(struct entry *e, enum cli_status status)
{
	e->status = status;
	e->refused = status != CLI_OK;
	return status;
}

/* The web fonts the pages load: fonts/ copied into OUT/fonts/ (as the Makefile did). */
enum cli_status build_copy_fonts(const struct build_opts *o, const char *fonts, struct entry *e)
{
	char *dir = g_build_filename(o->out, HTML_FONTS_DIR, NULL);
	char **files = build_files_in(fonts);
	enum cli_status status = CLI_OK;
	for (char **f = files; status == CLI_OK && *f; f++) {
		const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
		if (!g_str_has_suffix(base, ".ttf") && !g_str_has_suffix(base, "-LICENSE.txt") &&
		    !g_str_has_suffix(base, "-OFL.txt"))
			continue;
		size_t len = 0;
		char *bytes = build_read_all(*f, &len);
		char *to = g_build_filename(dir, base, NULL);
		char *name = g_build_filename(HTML_FONTS_DIR, base, NULL);
		if (!bytes || out_make_dirs(dir) != 0 || out_write(to, bytes, len) != 0) {
			diag_add(&e->diags, DIAG_ERROR, bytes ? to : *f, 0, 0, "write",
				 "cannot copy the font: %s", strerror(errno));
			status = CLI_UNREADABLE;
		} else if (build_record_output(e, o->out, name) != 0) {
			status = CLI_INTERNAL;
		}
		g_free(name);
		g_free(to);
		g_free(bytes);
	}
	g_strfreev(files);
	g_free(dir);
	return settle(e, status);
}

/* Whether E (an entry, as html_index_drop_links passes it) wrote the file NAME. */
static bool has_output(const char *name, const void *ctx)
{
	const struct entry *e = ctx;
	for (size_t i = 0; i < e->n_outs; i++)
		if (strcmp(e->outs[i].name, name) == 0)
			return true;
	return false;
}

/* A <refused file> with the first diagnostics of E, errors first. */
static void add_refused(struct html_tree *tree, const struct entry *e)
{
	char *lines[5];
	size_t shown = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < e->diags.n && shown < 5; k++) {
			const struct diag *d = &e->diags.items[k];
			if ((pass == 0) != (d->severity == DIAG_ERROR))
				continue;
			lines[shown++] = g_strdup_printf("%s:%u:%u: %s: %s [%s]", d->file, d->line, d->col,
							 d->severity == DIAG_ERROR ? "error" : "warning",
							 d->message ? d->message : "…", d->rule);
		}
	}
	html_index_add_refused(tree, e->file, (const char *const *)lines, shown);
	for (size_t k = 0; k < shown; k++)
		g_free(lines[k]);
}

/* The documents of DOCS that were built, read and resolved again (in the parent: the
 * workers are gone) into MODELS and RDOCS, with OWNERS their entries; *K of them. */
static enum cli_status load_built(struct entry *docs, size_t n, struct model_doc **models,
				  struct resolved_doc **rdocs, struct entry **owners, size_t *k)
{
	struct diag_list seen; /* the documents' own, reported with them */
	diag_list_init(&seen);
	enum cli_status status = CLI_OK;
	for (size_t i = 0; status == CLI_OK && i < n; i++) {
		if (docs[i].refused)
			continue;
		struct resolve_options ropt = {.hyphenate = true};
		if (pipeline_check(docs[i].file, &seen, NULL, &models[*k]) != PIPELINE_OK ||
		    resolve_document(models[*k], &ropt, &rdocs[*k]) != 0) {
			model_doc_free(models[*k]);
			models[*k] = NULL;
			status = CLI_INTERNAL; /* it changed while we worked, or memory ran out */
			break;
		}
		owners[(*k)++] = &docs[i];
	}
	diag_list_clear(&seen);
	return status;
}

/* The index tree of the K built documents, their links to files not written dropped,
 * and the refused documents of DOCS added; NULL when memory ran out. */
static struct html_tree *index_tree(struct resolved_doc **rdocs, struct entry **owners,
				    size_t k, const struct entry *docs, size_t n)
{
	struct html_tree *tree = NULL;
	if (html_index_tree((const struct resolved_doc *const *)rdocs, k, &tree) != 0)
		return NULL;
	for (size_t i = 0; i < k; i++)
		html_index_drop_links(tree, i, has_output, owners[i]);
	for (size_t d = 0; d < n; d++)
		if (docs[d].refused)
			add_refused(tree, &docs[d]);
	return tree;
}

/* The index of the documents built (a refused one listed as failing), with the stylesheet
 * next to it. */
enum cli_status build_write_index(const struct build_opts *o, struct html *html,
				   struct entry *docs, size_t n, struct entry *e)
{
	struct model_doc **models = calloc(n + 1, sizeof *models);
	struct resolved_doc **rdocs = calloc(n + 1, sizeof *rdocs);
	struct entry **owners = calloc(n + 1, sizeof *owners);
	size_t k = 0;
	enum cli_status status = models && rdocs && owners ? CLI_OK : CLI_INTERNAL;
	if (status == CLI_OK && (status = load_built(docs, n, models, rdocs, owners, &k)) != CLI_OK)
		diag_add(&e->diags, DIAG_ERROR, "index.html", 0, 0, "internal",
			 "a document could not be read again for the index");
	struct html_tree *tree = status == CLI_OK ? index_tree(rdocs, owners, k, docs, n) : NULL;
	if (status == CLI_OK && !tree)
		status = CLI_INTERNAL;
	char *bytes = NULL;
	size_t len = 0;
	if (status == CLI_OK && html_render_index_tree(html, tree, &bytes, &len) != 0) {
		diag_add(&e->diags, DIAG_ERROR, "index.html", 0, 0, "html",
			 "the index could not be made: %s", html_error(html));
		status = CLI_INTERNAL;
	}
	if (status == CLI_OK)
		status = build_write_named(o->out, e, "index.html", bytes, len, &e->diags);
	size_t css_len = 0;
	const char *css = html_css(&css_len);
	if (status == CLI_OK)
		status = build_write_named(o->out, e, HTML_CSS_NAME, css, css_len, &e->diags);
	free(bytes);
	html_tree_free(tree);
	for (size_t j = 0; j < k; j++) {
		resolved_doc_free(rdocs[j]);
		model_doc_free(models[j]);
	}
	free(models);
	free(rdocs);
	free(owners);
	return settle(e, status);
}

/* ---- reports ----------------------------------------------------------------------------- */

/* The run for report.h; free DOCS' outputs arrays with build_run_free. */
void build_make_run(const struct entry *docs, size_t n, double seconds, struct report_run *run)
{
	struct report_doc *rd = calloc(n + 1, sizeof *rd);
	*run = (struct report_run){.docs = rd, .n = rd ? n : 0, .seconds = seconds};
	for (size_t i = 0; rd && i < n; i++) {
		const struct entry *e = &docs[i];
		const char **outs = calloc(e->n_outs + 1, sizeof *outs);
		for (size_t k = 0; outs && k < e->n_outs; k++)
			outs[k] = e->outs[k].name;
		rd[i] = (struct report_doc){.file = e->file, .refused = e->refused,
					    .rendered = e->rendered, .pdfs = e->pdfs, .pages = e->pages,
					    .outputs = outs, .n_outputs = outs ? e->n_outs : 0,
					    .diags = &e->diags};
		run->pdfs += e->pdfs;
		run->pages += e->pages;
		run->refused += e->refused;
		run->rendered += e->rendered;
		run->warnings += (int)diag_count(&e->diags, DIAG_WARNING);
	}
}

void build_run_free(struct report_run *run)
{
	for (size_t i = 0; i < run->n; i++)
		free((void *)run->docs[i].outputs);
	free((void *)run->docs);
}

typedef void report_fn(const struct report_run *run, FILE *out);

/* Writes the report FN makes to PATH ("-": stdout), atomically. */
static enum cli_status write_report(const char *path, report_fn *fn, const struct report_run *run)
{
	struct memfile m;
	if (memfile_open(&m))
		fn(run, m.f);
	size_t len;
	char *text = memfile_close(&m, &len);
	if (!text)
		return CLI_INTERNAL;
	enum cli_status status = CLI_OK;
	if (out_write(path, text, len) != 0) {
		fprintf(cli_err(), "broadside: build: %s: cannot write the report: %s\n", path,
			strerror(errno));
		status = CLI_UNREADABLE;
	}
	free(text);
	return status;
}

enum cli_status build_write_reports(const struct build_opts *o, const struct report_run *run)
{
	enum cli_status status = CLI_OK;
	for (size_t i = 0; i < o->n_reports; i++) {
		const char *r = o->reports[i];
		bool junit = g_str_has_prefix(r, "junit=");
		status = cli_worse(status, write_report(strchr(r, '=') + 1,
							junit ? report_junit : report_json, run));
	}
	if (o->annotations && strcmp(o->annotations, "github") == 0)
		status = cli_worse(status, write_report("-", report_github, run));
	else if (o->annotations)
		status = cli_worse(status, write_report(o->annotations[6] == '=' ? o->annotations + 7
							: "-", report_gitlab, run));
	return status;
}

/* Each document's diagnostics on stderr: a refused document's always, warnings of what was
 * built now (all with -v, errors only with -q). */
void build_print_diagnostics(const struct build_opts *o, const struct entry *docs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = &docs[i];
		if (o->verbose)
			fprintf(cli_err(), "%s: %s (%d PDFs, %d pages)\n", e->file,
				e->refused ? "refused" : e->rendered ? "built" : "up to date", e->pdfs,
				e->pages);
		bool warnings = o->verbose || (e->rendered && !o->quiet);
		for (size_t k = 0; k < e->diags.n; k++) {
			struct diag_list one = {.items = (struct diag *)&e->diags.items[k], .n = 1};
			if (e->diags.items[k].severity == DIAG_ERROR || warnings)
				diag_print_text(&one, cli_err());
		}
	}
}

