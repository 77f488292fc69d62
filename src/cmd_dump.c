/* cmd_dump.c — `broadside dump`: the resolved text of a document, readable. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_pdf.h"
#include "dump.h"
#include "fonts.h"
#include "memfile.h"
#include "resolve.h"

/* What dump is asked: with --layout, the pdf command's request, read by pdf's own option
 * entries (so it comes first: their fields are its fields). */
struct dump_request {
	struct pdf_request pdf;
	struct cli_flags flags;
	bool trace;             /* --layout: the layout trace instead of the text */
};

static const struct cli_option *pdf_option(const char *name)
{
	for (const struct cli_option *o = pdf_table; o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/* --layout[=KIND]: the trace, of KIND (checked as pdf checks its --layout) or of the
 * document's <print layout>. */
static const char *set_trace(void *opts, char *arg)
{
	((struct dump_request *)opts)->trace = true;
	return arg ? pdf_option("layout")->check(opts, arg) : NULL;
}

static const struct cli_option own_options[] = {
	{.name = "no-hyphens", .help = "leave out the hyphenation points", .action = CLI_SET_BITS,
	 .field = offsetof(struct dump_request, flags.flags), .value = FLAG_NO_HYPHENS},
	{.name = "layout", .metavar = "KIND", .optional = true, .action = CLI_CALL,
	 .check = set_trace, .lower = true,
	 .help = "instead, the layout trace: the document laid out as\n"
		 "`broadside pdf` lays it out, in KIND (parallel, stacked or\n"
		 "single; default: its <print layout>, or parallel), every\n"
		 "line of every page; the options below go with it"},
};

#define N_OWN (sizeof own_options / sizeof own_options[0])

/* dump's one option table: its own, then the pdf command's layout options. */
static struct cli_option dump_options[N_OWN + 24];

/* Made before main runs, so that `broadside help dump` lists them too. */
__attribute__((constructor)) static void make_dump_options(void)
{
	memcpy(dump_options, own_options, sizeof own_options);
	pdf_layout_options(dump_options + N_OWN, sizeof dump_options / sizeof dump_options[0] - N_OWN - 1);
}

static enum cli_status dump_file(const char *file, const struct dump_request *opts)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	struct diag_list diags;
	diag_list_init(&diags);
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(file, &diags, NULL, &doc);
	enum cli_status status = cli_status_of(result, &diags, false);
	diag_sort(&diags);
	diag_print_text(&diags, cli_err());
	if (doc) {
		struct resolve_options resolve = {.hyphenate = !(opts->flags.flags & FLAG_NO_HYPHENS)};
		struct resolved_doc *rdoc = NULL;
		if (resolve_document(doc, &resolve, &rdoc) == 0) {
			dump_document(rdoc, cli_out());
		} else {
			fprintf(cli_err(), "%s: error: the text could not be resolved (out of memory?)\n",
				file);
			status = CLI_INTERNAL;
		}
		resolved_doc_free(rdoc);
	}
	model_doc_free(doc);
	diag_list_clear(&diags);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

/* The header of LEAFLET's trace: what it is. */
static char *trace_header(const struct pdf_leaflet *leaflet)
{
	static const char *const kinds[] = {"parallel", "stacked", "single"};
	const struct model_doc *doc = leaflet->rdoc->doc;
	const struct layout_options *o = leaflet->options;
	char langs[256] = "";
	for (size_t l = 0; l < doc->n_langs; l++)
		if (o->kind != LAYOUT_SINGLE || l == o->single_lang)
			snprintf(langs + strlen(langs), sizeof langs - strlen(langs), " %s", doc->langs[l]);
	char fit[32] = "";
	if (leaflet->max_pages > 0)
		snprintf(fit, sizeof fit, ", at most %d pages", leaflet->max_pages);
	char *header = NULL;
	if (asprintf(&header, "%s %s: layout %s%s, page %.1f x %.1f pt%s%s",
		     doc->root == MODEL_LETTER ? "letter" : "appeal", doc->id ? doc->id : "?",
		     kinds[o->kind], langs, o->page_width, o->page_height, fit,
		     o->qr ? ", a QR code" : "") < 0)
		return NULL;
	return header;
}

/* LEAFLET laid out and its trace printed on CTX, a stream. */
static enum cli_status trace_leaflet(const struct pdf_leaflet *leaflet, void *ctx,
				     struct diag_list *diags)
{
	struct layout *layout = NULL;
	if (pdf_lay_out(leaflet, diags, &layout) != 0)
		return diags->n ? CLI_REFUSED : CLI_INTERNAL;
	char *header = trace_header(leaflet);
	if (header)
		dump_layout(layout, header, ctx);
	free(header);
	layout_free(layout);
	return header ? CLI_OK : CLI_INTERNAL;
}

/* The layout trace of FILE, on stdout only when every leaflet was laid out. */
static enum cli_status trace_file(const char *file, const struct pdf_request *req)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	struct memfile m;
	FILE *trace = memfile_open(&m);
	struct diag_list diags;
	diag_list_init(&diags);
	enum cli_status status = trace ? pdf_each_leaflet(file, req, trace_leaflet, trace, &diags)
				       : CLI_INTERNAL;
	cli_report(&diags, false, NULL);
	diag_list_clear(&diags);
	size_t len;
	char *text = memfile_close(&m, &len);
	if (text && status == CLI_OK)
		fwrite(text, 1, len, cli_out());
	free(text);
	fonts_cleanup();
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

/* A layout option without --layout, or --no-hyphens with it: what is wrong, or NULL. */
static const char *misused(const struct dump_request *r)
{
	struct pdf_request d = pdf_request_defaults();
	const struct pdf_request *p = &r->pdf;
	if (r->trace)
		return r->flags.flags & FLAG_NO_HYPHENS ? "--no-hyphens goes with plain dump, not --layout" : NULL;
	bool given = p->lang || p->paper || p->orientation || p->pages != d.pages ||
		     p->min_size != d.min_size || p->press.bleed != d.press.bleed || p->qr != d.qr ||
		     p->allow_missing != d.allow_missing;
	return given ? "the layout options go with --layout" : NULL;
}

static enum cli_status dump_main(int argc, char **argv)
{
	struct dump_request opts = {.pdf = pdf_request_defaults()};
	struct cli_args args;
	enum cli_status status = cli_parse("dump", dump_options, &opts, argc, argv, &args);
	if (status == CLI_OK && !args.help && args.n_files != 1)
		status = cli_usage_error("dump", "dump takes one FILE", "");
	if (status == CLI_OK && !args.help && misused(&opts))
		status = cli_usage_error("dump", misused(&opts), "");
	if (status == CLI_OK && !args.help && opts.trace)
		status = pdf_check_request("dump", &opts.pdf, &args);
	if (status == CLI_OK && !args.help)
		status = opts.trace ? trace_file(args.files[0], &opts.pdf)
				    : dump_file(args.files[0], &opts);
	cli_args_clear(&args);
	return status;
}

const struct cli_command cmd_dump = {
	"dump", dump_main, "print the resolved text of every unit in every language",
	"usage: broadside dump [--no-hyphens] FILE\n"
	"       broadside dump --layout[=KIND] [LAYOUT OPTIONS] FILE\n",
	"Validates FILE, resolves it as the PDF and HTML backends will (NFC, white space\n"
	"collapsed, dates written in each language's calendar, bidi isolation, hyphenation\n"
	"points) and prints every unit in every language with its direction and state.\n"
	"Made visible: ⟨LRI⟩ ⟨RLI⟩ ⟨PDI⟩ bidi isolates, ‧ soft hyphens, ⟨br⟩ line breaks,\n"
	"and inline markup as ⟨em⟩…⟨/em⟩, ⟨a URL⟩…⟨/a⟩, ⟨date ISO⟩…⟨/date⟩.\n"
	"\n"
	"With --layout, the layout trace: page by page, every line in reading order with\n"
	"its place (x y, points from the top left), role, size, width/column width, the gap\n"
	"ratio of its word spaces (1.00 ragged, above 1 stretched), hy where it ends in an\n"
	"added hyphen, its kept group (g) and its text; fills, rules, the QR code; how far\n"
	"down the text area each page reaches; then a summary.\n",
	{{"options", dump_options}},
	"exit status: 0 printed, 1 the document was refused, 2 wrong usage, 3 unreadable\n"
	"\n"
	"example:\n"
	"  broadside dump xml/appeal-free-them.xml | less\n"
	"  broadside dump --layout --lang fa --paper a5 xml/appeal-free-them.xml\n"
};
