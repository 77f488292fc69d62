/* cmd_pdf.c — `broadside pdf`: print-ready leaflets. */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "cmd_pdf.h"
#include "fonts.h"
#include "layout.h"
#include "out.h"
#include "pdf.h"
#include "resolve.h"

/* "3mm", "0.125in", "9pt" in points; false for anything else. */
static bool parse_length(const char *s, double *points)
{
	char *end;
	double v = strtod(s, &end);
	double unit = strcmp(end, "mm") == 0 ? 72 / 25.4 : strcmp(end, "cm") == 0 ? 720 / 25.4
		      : strcmp(end, "in") == 0 ? 72 : strcmp(end, "pt") == 0 ? 1 : 0;
	if (end == s || unit == 0 || v < 0 || v * unit > 72)
		return false;
	*points = v * unit;
	return true;
}

/* The sheet that holds N pages of PAPER side by side: the next A size up (two up for 4),
 * or tabloid for US letter.  false when there is no standard one. */
static bool sheet_for(const char *paper, int n, const char *orientation, double *w, double *h)
{
	static const char *const a[] = {"a6", "a5", "a4", "a3"};
	const char *sheet = NULL;
	for (int i = 0; i < 4; i++)
		if (strcmp(paper, a[i]) == 0 && i + (n == 4 ? 2 : 1) < 4)
			sheet = a[i + (n == 4 ? 2 : 1)];
	if (strcmp(paper, "letter") == 0 && n == 2)
		sheet = "tabloid";
	if (!sheet || !layout_paper_size(sheet, w, h))
		return false;
	/* Two portrait pages side by side make a landscape sheet, and the other way round;
	 * four keep the page's orientation. */
	bool landscape = strcmp(orientation, "landscape") == 0;
	if ((n == 2) != landscape) {
		double t = *w;
		*w = *h;
		*h = t;
	}
	return true;
}

static bool parse_layout(const char *name, enum layout_kind *kind)
{
	static const char *const names[] = {"parallel", "stacked", "single"};
	for (int i = 0; i < 3; i++)
		if (name && strcmp(name, names[i]) == 0) {
			*kind = (enum layout_kind)i;
			return true;
		}
	return false;
}

static size_t lang_index(const struct model_doc *doc, const char *lang)
{
	for (size_t l = 0; l < doc->n_langs; l++)
		if (strcmp(doc->langs[l], lang) == 0)
			return l;
	return SIZE_MAX;
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
static bool build_date(time_t *when)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde) {
		*when = time(NULL);
		return true;
	}
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	if (errno || *end || v < 0)
		return false;
	*when = (time_t)v;
	return true;
}

/* The plain text of unit KIND in language L, for the metadata (no isolates, no soft
 * hyphens); NULL when there is none.  Owned by the caller. */
static char *plain_text(const struct resolved_doc *rdoc, enum model_unit_kind kind, size_t l)
{
	for (size_t u = 0; u < rdoc->doc->n_head_units; u++) {
		if (rdoc->doc->units[u].kind != kind || !rdoc->units[u].texts[l].text)
			continue;
		const char *t = rdoc->units[u].texts[l].text;
		char *out = malloc(strlen(t) + 1), *o = out;
		for (const char *p = t; out && *p;) {
			gunichar c = g_utf8_get_char(p);
			const char *next = g_utf8_next_char(p);
			if (c == 0x2028)
				*o++ = ' ';
			else if (!(c == 0xAD || (c >= 0x2066 && c <= 0x2069)))
				memcpy(o, p, (size_t)(next - p)), o += next - p;
			p = next;
		}
		if (out)
			*o = '\0';
		return out;
	}
	return NULL;
}

static int sink_begin(void *ctx)
{
	return pdf_writer_restart(ctx);
}

static int sink_page(void *ctx, const struct layout *layout, int page)
{
	return pdf_writer_page(ctx, layout, page);
}

/* The PDF of RDOC into *BYTES: laid out and drawn page by page, each page released once
 * drawn; an imposed run (several pages on a sheet) is laid out whole, then drawn.  Sets
 * *PAGES and *BODY. */
static enum cli_status draw_pdf(const struct resolved_doc *rdoc, const struct source *src,
				const struct layout_options *options, const struct pdf_request *req,
				int max_pages, const struct pdf_info *info, char **bytes, size_t *len,
				int *pages, double *body, struct layout_fit_report *fit,
				struct diag_list *diags)
{
	const char *why = "out of memory";
	int rc;
	if (req->press.nup > 1) {
		struct layout *layout = NULL;
		rc = layout_fit(rdoc, src, options, max_pages > 0 ? max_pages : INT_MAX, req->min_size,
				diags, &layout);
		if (rc != 0)
			return diags->n ? CLI_REFUSED : CLI_INTERNAL;
		*pages = layout->n_pages;
		*body = fit->natural_size = layout->body_size;
		fit->space_scale = 1;
		rc = pdf_render(layout, options->page_width, options->page_height, info, &req->press,
				bytes, len, &why);
		layout_free(layout);
	} else {
		struct pdf_writer *w = pdf_writer_new(options->page_width, options->page_height, info,
						      &req->press);
		if (!w)
			return CLI_INTERNAL;
		struct layout_sink sink = {.begin = sink_begin, .page = sink_page, .ctx = w};
		rc = layout_stream(rdoc, src, options, max_pages, req->min_size, &sink, diags, pages, body,
				   fit);
		if (rc != 0) {
			pdf_writer_free(w);
			return diags->n ? CLI_REFUSED : CLI_INTERNAL;
		}
		rc = pdf_writer_finish(w, bytes, len, &why);
		pdf_writer_free(w);
	}
	if (rc != 0) {
		diag_add(diags, DIAG_ERROR, src->path, 0, 0, "pdf", "the PDF could not be made: %s", why);
		return CLI_INTERNAL;
	}
	return CLI_OK;
}

static bool same_or_unset(const char *given, const char *own, const char *fallback)
{
	return !given || strcmp(given, own ? own : fallback) == 0;
}

/* Whether REQ renders DOC as its <print> says (its layout and paper): only then does its
 * page count apply, which was chosen for that layout on that paper (an A5 or a single-
 * language edition of an A4 leaflet takes other pages). */
static bool own_print(const struct model_doc *doc, const struct pdf_request *req)
{
	return same_or_unset(req->layout, doc->print.layout, "parallel") &&
	       same_or_unset(req->paper, doc->print.paper, "a4") &&
	       same_or_unset(req->orientation, doc->print.orientation, "portrait");
}

/* Renders one PDF of DOC in LAYOUT (for SINGLE, in language L) to PATH; unless QUIET,
 * says the size it was fitted to.  Sets *N_PAGES. */
static enum cli_status render_one(const struct resolved_doc *rdoc, const struct source *src,
				  struct layout_options *options, const struct pdf_request *req,
				  const char *path, bool quiet, int *n_pages,
				  struct diag_list *diags)
{
	const struct model_doc *doc = rdoc->doc;
	int max_pages = req->pages ? req->pages : own_print(doc, req) ? (int)doc->print.pages : 0;
	time_t when;
	if (!build_date(&when)) {
		diag_add(diags, DIAG_ERROR, src->path, 0, 0, "environment",
			 "SOURCE_DATE_EPOCH must be a number of seconds since 1970");
		return CLI_USAGE;
	}
	size_t l = options->kind == LAYOUT_SINGLE ? options->single_lang
						  : lang_index(doc, doc->source_lang ? doc->source_lang : "");
	if (l == SIZE_MAX)
		l = 0;
	char *title = plain_text(rdoc, UNIT_TITLE, l);
	char *author = plain_text(rdoc, UNIT_ISSUER, l);
	if (!author)
		author = plain_text(rdoc, UNIT_FROM, l);
	char *subject = plain_text(rdoc, UNIT_SUBTITLE, l);
	char keywords[256] = "";
	for (size_t k = 0; k < doc->n_langs; k++)
		snprintf(keywords + strlen(keywords), sizeof keywords - strlen(keywords), "%s%s",
			 k ? ", " : "", doc->langs[k]);
	struct pdf_info info = {
		.title = title, .author = author, .subject = subject, .keywords = keywords,
		.lang = doc->langs[l], .rtl = rdoc->dirs[l] == RESOLVE_RTL, .date = when,
	};
	char *bytes = NULL;
	size_t len = 0;
	int pages = 0;
	double body = 0;
	struct layout_fit_report fit = {0, 1, NULL};
	enum cli_status status = draw_pdf(rdoc, src, options, req, max_pages, &info, &bytes, &len,
					  &pages, &body, &fit, diags);
	enum out_kind kind = out_kind_of(path);
	/* The size is said when it was fitted (on stderr when the PDF goes to stdout). */
	FILE *report = kind == OUT_STDOUT || kind == OUT_STREAM ? cli_err() : cli_out();
	bool smaller = body < fit.natural_size - 0.005, tighter = fit.space_scale < 1;
	const char *saved = max_pages > 0 ? ""
			    : smaller && tighter ? " (type made smaller and paragraphs closer"
			    : smaller ? " (type made smaller" : tighter ? " (paragraphs set closer" : "";
	*n_pages = pages;
	if (status == CLI_OK && !quiet && (max_pages > 0 || *saved))
		fprintf(report, "%s: %d page%s, body %.2f pt%s%s%s%s\n", path, pages,
			pages == 1 ? "" : "s", body, saved, *saved ? " " : "",
			*saved && fit.why ? fit.why : "", *saved ? ")" : "");
	if (status == CLI_OK && out_write(path, bytes, len) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "write", "cannot write the PDF: %s", strerror(errno));
		status = CLI_UNREADABLE;
	}
	free(bytes);
	free(title);
	free(author);
	free(subject);
	return status;
}

/* -o FILE where N PDFs would be written: a usage error that says what to give instead. */
static enum cli_status several_for_one(const struct pdf_request *req, const char *file,
				       size_t n, struct diag_list *diags)
{
	const char *o = req->output;
	size_t stem = strlen(o);
	if (stem > 4 && strcmp(o + stem - 4, ".pdf") == 0)
		stem -= 4;
	bool dash = strcmp(o, "-") == 0;
	diag_add(diags, DIAG_ERROR, file, 0, 0, "output",
		 "-o %s: this run writes %zu PDFs (%s)%s; give a folder, e.g. -o %.*s/%s", o, n,
		 req->n_files > 1 ? "one per document" : "one per language",
		 dash ? ", and standard output takes one" : "", dash ? 3 : (int)stem,
		 dash ? "out" : o, req->n_files > 1 ? "" : ", or --lang LANG");
	return CLI_USAGE;
}

/* Where a PDF goes: -o (a file for one output, a folder for several: a name ending in
 * '/' or an existing folder) or out/.  CLI_OK and a new *PATH, or an error in DIAGS. */
static enum cli_status output_path(const struct pdf_request *req, const struct model_doc *doc,
				   const char *file, const char *lang, size_t n, char **path,
				   struct diag_list *diags)
{
	*path = NULL;
	const char *id = doc->id ? doc->id : "document";
	bool several = n > 1 || req->n_files > 1;
	enum out_kind kind = req->output ? out_kind_of(req->output) : OUT_DIRECTORY;
	if (req->output && kind != OUT_DIRECTORY) {
		if (several)
			return several_for_one(req, file, n * (size_t)req->n_files, diags);
		*path = strdup(req->output);
		return *path ? CLI_OK : CLI_INTERNAL;
	}
	const char *o = req->output;
	if (o && !several && o[strlen(o) - 1] != '/') {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "output",
			 "-o %s is a folder; give a file name, e.g. -o %s/%s.pdf, or -o %s/ to write "
			 "into it", o, o, id, o);
		return CLI_USAGE;
	}
	char *name = NULL;
	if ((lang ? asprintf(&name, "%s.%s.pdf", id, lang) : asprintf(&name, "%s.pdf", id)) < 0)
		return CLI_INTERNAL;
	enum cli_status status = cli_output_in(o ? o : "out", name, path, diags);
	free(name);
	return status;
}

enum cli_status pdf_each_leaflet(const char *file, const struct pdf_request *req,
				 pdf_leaflet_fn *fn, void *ctx, struct diag_list *diags)
{
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(file, diags, &src, &doc);
	if (result != PIPELINE_OK)
		return cli_status_of(result, diags, false);
	/* Unless allowed, the layout refuses each missing translation as an error. */
	if (!req->allow_missing)
		diag_remove(diags, DIAG_WARNING, "translation-missing");
	enum cli_status status = CLI_OK;
	struct layout_options options = {.type_scale = 1.0, .allow_missing = req->allow_missing,
					 .bleed = req->press.bleed > 0};
	const char *layout_name = req->layout ? req->layout : doc->print.layout ? doc->print.layout : "parallel";
	const char *paper = req->paper ? req->paper : doc->print.paper ? doc->print.paper : "a4";
	const char *orientation = req->orientation ? req->orientation
				  : doc->print.orientation ? doc->print.orientation : "portrait";
	parse_layout(layout_name, &options.kind);
	layout_paper_size(paper, &options.page_width, &options.page_height);
	struct pdf_request local = *req;
	if (req->qr == 1 || (req->qr < 0 && doc->print.qr == 1)) {
		if (!doc->contact_url) {
			diag_add(diags, DIAG_ERROR, file, 0, 0, "qr-url",
				 "a QR code needs <contact url=\"…\"/> in the head");
			status = CLI_REFUSED;
		}
		options.qr = doc->contact_url;
	}
	if (local.press.nup > 1 &&
	    !sheet_for(paper, local.press.nup, orientation, &local.press.sheet_width,
		       &local.press.sheet_height)) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "nup",
			 "--nup %d: there is no standard sheet for %d %s pages", local.press.nup,
			 local.press.nup, paper);
		status = CLI_USAGE;
	}
	req = &local;
	if (strcmp(orientation, "landscape") == 0) {
		double w = options.page_width;
		options.page_width = options.page_height;
		options.page_height = w;
	}
	size_t first = 0, last = 1;
	if (options.kind == LAYOUT_SINGLE) {
		if (req->lang) {
			first = lang_index(doc, req->lang);
			if (first == SIZE_MAX) {
				diag_add(diags, DIAG_ERROR, file, 0, 0, "lang-unknown",
					 "--lang %s: the document's languages are its langs", req->lang);
				status = CLI_USAGE;
			}
			last = first + 1;
		} else {
			last = doc->n_langs; /* one leaflet per language */
		}
	}
	struct resolve_options ropt = {.hyphenate = true};
	struct resolved_doc *rdoc = NULL;
	if (status == CLI_OK && resolve_document(doc, &ropt, &rdoc) != 0)
		status = CLI_INTERNAL;
	struct pdf_leaflet leaflet = {.file = file, .rdoc = rdoc, .src = src, .options = &options,
				      .req = req, .n = last - first,
				      .max_pages = req->pages ? req->pages
						   : own_print(doc, req) ? (int)doc->print.pages : 0};
	for (size_t l = first; status == CLI_OK && l < last; l++) {
		options.single_lang = l;
		status = fn(&leaflet, ctx, diags);
	}
	resolved_doc_free(rdoc);
	model_doc_free(doc);
	source_free(src);
	return status;
}

/* LEAFLET written as a PDF where -o says. */
static enum cli_status write_leaflet(const struct pdf_leaflet *leaflet, void *ctx,
				     struct diag_list *diags)
{
	(void)ctx;
	const struct model_doc *doc = leaflet->rdoc->doc;
	struct layout_options *options = leaflet->options;
	bool single = options->kind == LAYOUT_SINGLE;
	char *path = NULL;
	enum cli_status status = output_path(leaflet->req, doc, leaflet->file,
					     single ? doc->langs[options->single_lang] : NULL,
					     leaflet->n, &path, diags);
	int pages = 0;
	if (status == CLI_OK)
		status = render_one(leaflet->rdoc, leaflet->src, options, leaflet->req, path, false,
				    &pages, diags);
	free(path);
	return status;
}

enum cli_status pdf_write_leaflet(const struct pdf_leaflet *leaflet, const char *path,
				  int *pages, struct diag_list *diags)
{
	return render_one(leaflet->rdoc, leaflet->src, leaflet->options, leaflet->req, path, true,
			  pages, diags);
}

int pdf_lay_out(const struct pdf_leaflet *leaflet, struct diag_list *diags, struct layout **out)
{
	/* Without a limit, fitting with room to spare still settles the pages (a nearly
	 * empty last page, one under 70 % full) as the streamed PDF does. */
	const struct pdf_leaflet *l = leaflet;
	return layout_fit(l->rdoc, l->src, l->options, l->max_pages > 0 ? l->max_pages : INT_MAX,
			  l->req->min_size, diags, out);
}

/* ---- the command line: each option's check stores its value ------------------------- */

static const char *set_layout(void *opts, char *arg)
{
	enum layout_kind kind;
	if (!parse_layout(arg, &kind))
		return "is parallel, stacked or single";
	((struct pdf_request *)opts)->layout = arg;
	return NULL;
}

static const char *set_paper(void *opts, char *arg)
{
	double w, h;
	if (!layout_paper_size(arg, &w, &h))
		return "is a3, a4, a5, a6, letter, legal or tabloid";
	((struct pdf_request *)opts)->paper = arg;
	return NULL;
}

static const char *set_orientation(void *opts, char *arg)
{
	if (strcmp(arg, "portrait") != 0 && strcmp(arg, "landscape") != 0)
		return "is portrait or landscape";
	((struct pdf_request *)opts)->orientation = arg;
	return NULL;
}

static const char *set_bleed(void *opts, char *arg)
{
	if (!parse_length(arg, &((struct pdf_request *)opts)->press.bleed))
		return "takes a length such as 3mm, 0.125in or 9pt";
	return NULL;
}

static const char *set_nup(void *opts, char *arg)
{
	char *end;
	int *nup = &((struct pdf_request *)opts)->press.nup;
	*nup = (int)strtol(arg, &end, 10);
	return *end || (*nup != 2 && *nup != 4) ? "takes 2 or 4" : NULL;
}

static const char *set_pages(void *opts, char *arg)
{
	char *end;
	int *pages = &((struct pdf_request *)opts)->pages;
	*pages = (int)strtol(arg, &end, 10);
	return *end || *pages < 1 || *pages > 999 ? "takes a number of pages" : NULL;
}

static const char *set_min_size(void *opts, char *arg)
{
	char *end;
	double *size = &((struct pdf_request *)opts)->min_size;
	*size = strtod(arg, &end);
	/* Written so that NaN (strtod reads "nan") is refused too. */
	return *end || end == arg || !(*size >= 3 && *size <= 72) ? "takes points from 3 to 72" : NULL;
}

#define PDF_FIELD(member) .field = offsetof(struct pdf_request, member)

struct pdf_request pdf_request_defaults(void)
{
	return (struct pdf_request){.min_size = 8.5, .press = {.nup = 1}, .qr = -1};
}

size_t pdf_layout_options(struct cli_option *table, size_t max)
{
	/* Not what only a PDF file has: where it goes, the press's marks and sheets; and
	 * --layout, which dump spells its own way. */
	static const char *const not[] = {"output", "layout", "marks", "nup", "duplicate"};
	size_t n = 0;
	for (const struct cli_option *o = pdf_table; o->name && n < max; o++) {
		bool skip = false;
		for (size_t k = 0; k < sizeof not / sizeof not[0]; k++)
			skip |= strcmp(o->name, not[k]) == 0;
		if (!skip)
			table[n++] = *o;
	}
	return n;
}

const struct cli_option pdf_table[] = {
	{.name = "output", .letter = 'o', .metavar = "OUT", .action = CLI_STRING, PDF_FIELD(output),
	 .help = "the PDF (one FILE, one leaflet) or a folder; default out/\n"
		 "with out/ID.pdf, or out/ID.LANG.pdf for a single language"},
	{.name = "layout", .metavar = "parallel|stacked|single", .action = CLI_CALL,
	 .check = set_layout, .lower = true,
	 .help = "parallel: a column per language, units row by row;\n"
		 "stacked: each unit in every language in turn;\n"
		 "single: one language (all of them, one PDF each, unless --lang)"},
	{.name = "lang", .metavar = "LANG", .action = CLI_STRING, PDF_FIELD(lang),
	 .help = "a single-language leaflet in LANG (implies --layout single)"},
	{.name = "paper", .metavar = "a3|a4|a5|a6|letter|legal|tabloid", .action = CLI_CALL,
	 .check = set_paper, .lower = true, .help = "the page size (in any case: A5 is a5)"},
	{.name = "orientation", .metavar = "portrait|landscape", .action = CLI_CALL,
	 .check = set_orientation, .lower = true, .help = "the page's orientation"},
	{.name = "pages", .metavar = "N", .action = CLI_CALL, .check = set_pages,
	 .help = "fit onto at most N pages, shrinking the type as little as\n"
		 "needed (overrides <print pages>, which holds only for the\n"
		 "layout and paper <print> names); the size is reported"},
	{.name = "min-size", .metavar = "PT", .action = CLI_CALL, .check = set_min_size,
	 .help = "never below this body size when fitting (default 8.5)"},
	{.name = "bleed", .metavar = "LEN", .action = CLI_CALL, .check = set_bleed, .lower = true,
	 .help = "run edge-touching backgrounds LEN past the trim (3mm,\n"
		 "0.125in); the PDF's BleedBox and TrimBox say where"},
	{.name = "marks", .action = CLI_SET_BOOL, PDF_FIELD(press.marks), .value = 1,
	 .help = "crop marks outside the trim"},
	{.name = "nup", .metavar = "2|4", .action = CLI_CALL, .check = set_nup,
	 .help = "2 or 4 pages on each sheet of the next larger paper (A5 on\n"
		 "A4, A6 on A4, A4 on A3, letter on tabloid), with cut marks"},
	{.name = "duplicate", .action = CLI_SET_BOOL, PDF_FIELD(press.duplicate), .value = 1,
	 .help = "with --nup: fill each sheet with copies of one page"},
	{.name = "qr", .action = CLI_SET_INT, PDF_FIELD(qr), .value = 1,
	 .help = "a QR code of the contact URL (also <print qr=\"yes\">)"},
	{.name = "no-qr", .action = CLI_SET_INT, PDF_FIELD(qr), .value = 0,
	 .help = "no QR code, whatever <print qr> says (the later of --qr\n"
		 "and --no-qr wins)"},
	{.name = "allow-missing", .action = CLI_SET_BOOL, PDF_FIELD(allow_missing), .value = 1,
	 .help = "print missing translations as marked empty cells\n"
		 "instead of refusing"},
	{NULL},
};

enum cli_status pdf_check_request(const char *command, struct pdf_request *req,
				  const struct cli_args *args)
{
	if (args->n_files == 0)
		return cli_usage_error(command, "missing FILE", "");
	if (req->press.nup > 1 && (req->press.bleed > 0 || req->press.marks))
		return cli_usage_error(command, "--nup draws its own cut marks; leave out ", "--bleed and --marks");
	if (req->press.duplicate && req->press.nup < 2)
		return cli_usage_error(command, "--duplicate goes with ", "--nup 2 or --nup 4");
	if (req->lang && (!req->layout || strcmp(req->layout, "single") != 0))
		req->layout = "single"; /* --lang asks for a single-language leaflet */
	req->n_files = (int)args->n_files;
	return CLI_OK;
}

/* One FILE's leaflets (cli_file_fn). */
static enum cli_status render_file(const char *path, size_t index, const void *options,
				   struct diag_list *diags)
{
	(void)index;
	return pdf_each_leaflet(path, options, write_leaflet, NULL, diags);
}

static enum cli_status pdf_main(int argc, char **argv)
{
	struct pdf_request req = pdf_request_defaults();
	struct cli_args args;
	enum cli_status status = cli_parse("pdf", pdf_table, &req, argc, argv, &args);
	if (status == CLI_OK && !args.help)
		status = pdf_check_request("pdf", &req, &args);
	bool rendered = status == CLI_OK && !args.help;
	/* Each FILE's problems are printed next to it, as a print run goes. */
	status = cli_run_files_reporting(&args, status, render_file, &req, CLI_SHOW_ALL, NULL);
	if (rendered) {
		fonts_cleanup();
		resolve_cleanup();
	}
	return status;
}

const struct cli_command cmd_pdf = {
	"pdf", pdf_main, "render print-ready PDF leaflets",
	"usage: broadside pdf [OPTIONS] FILE...\n",
	"Renders each FILE as a PDF leaflet with Pango and cairo, with the fonts in fonts/\n"
	"only.  Options override the document's <print> element, which overrides the\n"
	"defaults (a4, portrait, parallel).\n",
	{{"options", pdf_table}},
	"SOURCE_DATE_EPOCH sets the PDF's dates: the same input gives the same bytes.\n"
	"A PDF is written to a temporary file and renamed; a failed render writes nothing.\n"
	"\n"
	"exit status: 0 written, 1 refused (invalid, a missing translation, a character no\n"
	"font has), 2 wrong usage, 3 a file could not be read or written\n"
	"\n"
	"examples:\n"
	"  broadside pdf xml/appeal-free-them.xml\n"
	"  broadside pdf --layout single --lang fa --paper a5 xml/appeal-free-them.xml\n"
	"  broadside pdf --layout stacked -o /tmp/flyer.pdf xml/letter-to-rapporteur.xml\n"
	"  broadside pdf --paper a5 --nup 2 -o /tmp/a5-on-a4.pdf xml/appeal-free-them.xml\n"
	"  broadside pdf --pages 1 --bleed 3mm --marks -o /tmp/poster.pdf xml/appeal-free-them.xml\n",
};
