/* cmd_build.c — `broadside build`: a folder of documents into a folder of PDFs, pages and
 * an index, for CI.  Incremental (a manifest in the output folder records what each
 * output was made from), tolerant (a refused document stops only itself), parallel (one
 * forked process per document: Pango and fontconfig are not safe across threads, and a
 * process makes the same bytes as -j 1), with reports CI dashboards read (report.h).
 *
 * The manifest, OUT/.broadside-manifest, is text, one record a line, fields separated
 * by tabs (\t, \n, \\ escaped):
 *   broadside-manifest 1
 *   doc  FILE KEY STATE PDFS PAGES STATUS   a document (or ":fonts", ":index") and its key
 *   out  NAME SIZE SHA256                   an output of the doc above, in OUT
 *   diag SEVERITY LINE COL MORE RULE FILE MESSAGE
 * KEY is the SHA-256 of the document's path and bytes, broadside's version and
 * executable (its stylesheets, schema and code), the fonts and the options.  A worker
 * sends the parent its document's records in the same form through a pipe.
 *
 * This file has the options and the run; the manifest, the workers and the outputs
 * written once are in cmd_build_manifest.c, cmd_build_jobs.c and cmd_build_outputs.c
 * (cmd_build.h). */
#include <glib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_build.h"
#include "docfind.h"
#include "fonts.h"
#include "html.h"
#include "out.h"
#include "resolve.h"

#define MAX_REPORTS 8

/* ---- the command ------------------------------------------------------------------------ */

static const char *set_jobs(void *opts, char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (*end || end == arg || n < 1 || n > 256)
		return "takes a number of processes from 1 to 256";
	((struct build_opts *)opts)->jobs = (int)n;
	return NULL;
}

static const char *add_report(void *opts, char *arg)
{
	struct build_opts *o = opts;
	if ((!g_str_has_prefix(arg, "junit=") && !g_str_has_prefix(arg, "json=")) ||
	    !strchr(arg, '=')[1])
		return "takes junit=FILE or json=FILE";
	if (o->n_reports == MAX_REPORTS)
		return "is given too often";
	o->reports[o->n_reports++] = arg;
	return NULL;
}

static const char *set_annotations(void *opts, char *arg)
{
	if (strcmp(arg, "github") != 0 && strcmp(arg, "gitlab") != 0 &&
	    !(g_str_has_prefix(arg, "gitlab=") && arg[7]))
		return "is github, gitlab or gitlab=FILE";
	((struct build_opts *)opts)->annotations = arg;
	return NULL;
}

#define BUILD_FIELD(member) .field = offsetof(struct build_opts, member)

static const struct cli_option build_table[] = {
	{.name = "output", .letter = 'o', .metavar = "OUT", .action = CLI_STRING, BUILD_FIELD(out),
	 .help = "the folder the outputs go to (default: out)"},
	{.name = "jobs", .letter = 'j', .metavar = "N", .action = CLI_CALL, .check = set_jobs,
	 .help = "build N documents at a time, each in a process of its own\n"
		 "(default: the number of processors); the outputs are the same\n"
		 "bytes whatever N is"},
	{.name = "report", .metavar = "junit=FILE|json=FILE", .action = CLI_CALL,
	 .check = add_report,
	 .help = "also write a JUnit XML report (a testcase per document, a\n"
		 "failure with the diagnostics for each refused one) or a JSON\n"
		 "report to FILE (- for stdout); may be given more than once"},
	{.name = "annotations", .metavar = "github|gitlab[=FILE]", .action = CLI_CALL,
	 .check = set_annotations,
	 .help = "github: a ::error/::warning line per diagnostic on stdout, which\n"
		 "GitHub Actions shows on the file; gitlab: a code-quality\n"
		 "report (JSON) on stdout, or in FILE with gitlab=FILE"},
	{.name = "strict", .action = CLI_SET_BOOL, BUILD_FIELD(strict), .value = 1,
	 .help = "refuse documents with warnings too"},
	{.name = "quiet", .letter = 'q', .action = CLI_SET_BOOL, BUILD_FIELD(quiet), .value = 1,
	 .help = "print errors only: no warnings, progress or summary"},
	{.name = "verbose", .letter = 'v', .action = CLI_SET_BOOL, BUILD_FIELD(verbose), .value = 1,
	 .help = "say for each document whether it was built, up to date or\n"
		 "refused, and print every warning, also of documents up to date"},
	{NULL},
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The documents: the SRCs given, or xml/. */
static enum cli_status find_documents(struct build_opts *o, struct manifest *m)
{
	const char *fallback[] = {"xml"};
	char **list = NULL;
	size_t n = 0;
	char *why = NULL;
	bool given = o->args.n_files > 0;
	if (docfind_collect(given ? (const char *const *)o->args.files : fallback,
			    given ? o->args.n_files : 1, &list, &n, &why) != 0) {
		fprintf(cli_err(), "broadside: build: %s\n", why ? why : "out of memory");
		free(why);
		return CLI_UNREADABLE;
	}
	m->entries = calloc(n + 2, sizeof *m->entries);
	if (!m->entries) {
		docfind_free(list, n);
		return CLI_INTERNAL;
	}
	for (size_t i = 0; i < n; i++) {
		diag_list_init(&m->entries[i].diags);
		m->entries[i].file = list[i];
	}
	free(list);
	m->n = n;
	return CLI_OK;
}

/* The fonts and the index, each as an entry after the documents. */
static enum cli_status build_shared(const struct build_opts *o, struct html *html,
				    const char *global, const char *fonts, struct manifest *now_m,
				    const struct manifest *old)
{
	size_t n = now_m->n;
	struct entry *f = &now_m->entries[n], *ix = &now_m->entries[n + 1];
	diag_list_init(&f->diags);
	diag_list_init(&ix->diags);
	f->file = strdup(":fonts");
	ix->file = strdup(":index");
	now_m->n = n + 2;
	if (!f->file || !ix->file)
		return CLI_INTERNAL;
	snprintf(f->key, sizeof f->key, "%s", global);
	build_index_key(global, now_m->entries, n, ix->key);
	enum cli_status status = CLI_OK;
	if (!build_up_to_date(o, old, f))
		status = build_copy_fonts(o, fonts, f);
	if (!build_up_to_date(o, old, ix))
		status = cli_worse(status, build_write_index(o, html, now_m->entries, n, ix));
	for (size_t i = n; i < n + 2; i++) /* their own failures, said once */
		diag_print_text(&now_m->entries[i].diags, cli_err());
	return status;
}

/* Everything after the options: the documents found, built, the shared files written. */
static enum cli_status build_all(struct build_opts *o, struct html *html, const char *fonts,
				 struct manifest *old, struct manifest *m, double started)
{
	char global[65];
	build_global_key(o, fonts, global);
	size_t len = 0;
	char *path = g_build_filename(o->out, MANIFEST_NAME, NULL);
	char *text = build_read_all(path, &len);
	g_free(path);
	char *was = text ? g_strdup(text) : NULL; /* build_manifest_parse cuts TEXT up */
	if (text && build_manifest_parse(old, text) != 0)
		build_manifest_clear(old);
	g_free(text);
	enum cli_status status = find_documents(o, m);
	bool *todo = status == CLI_OK ? calloc(m->n + 1, sizeof *todo) : NULL;
	if (!todo) {
		g_free(was);
		return status == CLI_OK ? CLI_INTERNAL : status;
	}
	for (size_t i = 0; i < m->n; i++) {
		build_doc_key(global, m->entries[i].file, m->entries[i].key);
		todo[i] = !build_up_to_date(o, old, &m->entries[i]);
	}
	status = build_run_jobs(o, html, m->entries, todo, m->n);
	memset(todo, 0, m->n * sizeof *todo);
	if (status == CLI_OK && build_refuse_clashes(m->entries, m->n, todo))
		status = build_run_jobs(o, html, m->entries, todo, m->n);
	free(todo);
	size_t n_docs = m->n;
	for (size_t i = 0; i < n_docs; i++)
		status = cli_worse(status, m->entries[i].status);
	status = cli_worse(status, build_shared(o, html, global, fonts, m, old));
	build_remove_stale(o->out, old, m);
	status = cli_worse(status, build_write_manifest(o->out, m, was));
	g_free(was);
	build_print_diagnostics(o, m->entries, n_docs);
	struct report_run run;
	build_make_run(m->entries, n_docs, now() - started, &run);
	status = cli_worse(status, build_write_reports(o, &run));
	if (!o->quiet)
		fprintf(cli_err(), "%zu document%s, %d PDF%s, %d page%s, %d refused, %d warning%s in %.2f s\n",
			run.n, run.n == 1 ? "" : "s", run.pdfs, run.pdfs == 1 ? "" : "s", run.pages,
			run.pages == 1 ? "" : "s", run.refused, run.warnings, run.warnings == 1 ? "" : "s",
			now() - started);
	build_run_free(&run);
	return status;
}

static enum cli_status start(struct html **html, const char **fonts)
{
	const char *why = NULL;
	char *error = NULL;
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", cli_err());
		return CLI_INTERNAL;
	}
	if (!fonts_font_map(&why)) {
		fprintf(cli_err(), "broadside: build: %s\n", why);
		return CLI_UNREADABLE;
	}
	*fonts = fonts_dir();
	if (!(*html = html_new(&error))) {
		fprintf(cli_err(), "broadside: the built-in stylesheets do not compile (a build defect): %s\n",
			error ? error : "out of memory");
		free(error);
		return CLI_INTERNAL;
	}
	return CLI_OK;
}

static enum cli_status build_main(int argc, char **argv)
{
	double started = now();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct build_opts o = {.out = "out", .jobs = cpus > 0 && cpus <= 256 ? (int)cpus : 1};
	enum cli_status status = cli_parse("build", build_table, &o, argc, argv, &o.args);
	if (status != CLI_OK || o.args.help) {
		cli_args_clear(&o.args);
		return status;
	}
	if (out_kind_of(o.out) != OUT_DIRECTORY && out_kind_of(o.out) != OUT_MISSING) {
		cli_args_clear(&o.args);
		return cli_usage_error("build", "-o takes a folder, not ", o.out);
	}
	for (size_t i = 0; i < o.args.n_files; i++) {
		if (strcmp(o.args.files[i], "-") == 0) { /* its outputs would have no source to key */
			cli_args_clear(&o.args);
			return cli_usage_error("build", "builds files and folders, not standard input: ", "-");
		}
	}
	struct html *html = NULL;
	const char *fonts = NULL;
	struct manifest old = {0}, m = {0};
	status = start(&html, &fonts);
	if (status == CLI_OK)
		status = build_all(&o, html, fonts, &old, &m, started);
	build_manifest_clear(&m);
	build_manifest_clear(&old);
	html_free(html);
	html_cleanup();
	fonts_cleanup();
	resolve_cleanup();
	pipeline_cleanup();
	cli_args_clear(&o.args);
	return status;
}

const struct cli_command cmd_build = {
	"build", build_main, "build a folder of documents: PDFs, pages, fonts and an index",
	"usage: broadside build [OPTIONS] [SRC...]\n",
	"Validates every document in each SRC (default: xml/; a folder is searched for\n"
	"*.xml files that are broadside documents, the schema folder left out) and writes\n"
	"into OUT (default: out/), for a document with id ID and languages L1 L2 ...:\n"
	"  ID.pdf, or ID.L1.pdf ...  the leaflets its <print> asks for\n"
	"  ID.L1.pdf ...             and one leaflet per language\n"
	"  ID.html, ID.L1.html ...   its web pages (as 'broadside html')\n"
	"and once: index.html (every document, the refused ones listed as failing with\n"
	"their first diagnostics; links only to files that were written), " HTML_CSS_NAME ",\n"
	"and the fonts the pages load, in " HTML_FONTS_DIR "/.\n"
	"\n"
	"It is incremental: OUT/" MANIFEST_NAME " records what each output was made from\n"
	"(the hash of the document's bytes, the fonts, broadside itself with its stylesheets,\n"
	"the options and SOURCE_DATE_EPOCH); what has not changed is not made again, and the\n"
	"outputs of documents that are gone are removed (only files the manifest lists).\n"
	"A refused document gets no outputs and does not stop the others.  Documents are\n"
	"built in parallel processes (-j); the bytes are the same as with -j 1.\n"
	"\n"
	"At the end, one line on stderr: N documents, N PDFs, N pages, N refused, N warnings\n"
	"in S s; a progress line while it runs, on a terminal only.\n",
	{{"options", build_table}},
	"exit status: 0 built, 1 a document was refused (the others are built), 2 wrong\n"
	"usage, 3 a file could not be read or written, 4 internal error\n"
	"\n"
	"examples:\n"
	"  broadside build\n"
	"  broadside build -j 4 -o public docs/\n"
	"  broadside build --report junit=build/junit.xml --annotations github xml/\n"
	"  broadside build --annotations gitlab=gl-code-quality.json xml/\n"
};

