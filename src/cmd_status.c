/* cmd_status.c — `broadside status`: what is missing, drafted or stale, per language. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "cli.h"
#include "lang.h"
#include "memfile.h"
#include "segment.h"
#include "status.h"
#include "utf8.h"

#define MAX_ITEMS 64

struct requirement {
	const char *lang;
	enum model_state state;
};

struct status_options {
	struct cli_args args;
	bool json;
	struct requirement require[MAX_ITEMS];
	size_t n_require;
	int min; /* -1: none */
};

/* ---- terminal columns ----------------------------------------------------------------- */

/* How many terminal columns S takes: combining marks and format characters (ZWNJ, bidi
 * marks) none, East Asian wide and fullwidth characters two, the others one. */
static size_t display_width(const char *s)
{
	size_t width = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		int8_t type = u_charType((UChar32)cp);
		if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
		    type == U_CONTROL_CHAR)
			continue;
		int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
		width += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
	}
	return width;
}

/* S padded with spaces to WIDTH columns. */
static void print_padded(const char *s, size_t width)
{
	fputs(s, cli_out());
	for (size_t w = display_width(s); w < width; w++)
		fputc(' ', cli_out());
}

/* "de  German" (ICU's English name of the language, left out when it is 20 characters or
 * longer), in BUF. */
static void lang_label(const char *lang, bool is_source, char *buf, size_t size)
{
	char name[64];
	lang_english_name(lang, name, sizeof name);
	size_t chars = 0;
	for (const char *p = name; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars >= 20)
		name[0] = '\0';
	snprintf(buf, size, "%s  %s%s", lang, name, is_source ? " (source)" : "");
}

/* The title in the source language as plain text, white space collapsed; new or NULL. */
static char *title_text(const struct model_doc *doc)
{
	if (doc->n_head_units == 0 || !doc->source_lang)
		return NULL;
	const struct model_text *t = model_unit_text(&doc->units[0], doc->source_lang);
	if (!t)
		return NULL;
	struct segment seg;
	segment_init(&seg);
	struct memfile m = {0};
	FILE *out = NULL;
	if (segment_from_text(t, &seg) == 0 && segment_collapse(&seg) == 0 &&
	    (out = memfile_open(&m))) {
		for (size_t i = 0; i < seg.n; i++)
			if (seg.items[i].kind == SEG_TEXT)
				fputs(seg.items[i].text, out);
			else if (seg.items[i].kind == SEG_EMPTY)
				fputs(seg.items[i].element == INLINE_BR ? " / " : "…", out);
	}
	segment_clear(&seg);
	return memfile_close(&m, NULL);
}

/* ---- the table ---------------------------------------------------------------------- */

static const char *const headers[] = {"units", "initial", "translated", "reviewed",
				      "final", "missing", "stale", "complete"};
#define N_COLUMNS (sizeof headers / sizeof headers[0])

static void cells_of(const struct status_lang *l, char cells[N_COLUMNS][24])
{
	size_t values[] = {l->units, l->initial, l->translated, l->reviewed, l->final,
			   l->missing, l->stale};
	for (size_t c = 0; c < N_COLUMNS - 1; c++)
		snprintf(cells[c], 24, "%zu", values[c]);
	snprintf(cells[N_COLUMNS - 1], 24, "%u%%", l->percent);
}

/* "  de  missing (2): prisoners, slogan" */
static void print_units(const char *lang, const char *what, const struct model_unit **units,
			size_t n)
{
	if (n == 0)
		return;
	fprintf(cli_out(), "  %s  %s (%zu): ", lang, what, n);
	for (size_t i = 0; i < n; i++)
		fprintf(cli_out(), "%s%s", i ? ", " : "", units[i]->id ? units[i]->id : "?");
	fputc('\n', cli_out());
}

static void print_table(const char *path, const struct status_doc *st)
{
	const struct model_doc *doc = st->doc;
	char *title = title_text(doc);
	fprintf(cli_out(), "%s: %s \"%s\", %zu units\n", path, doc->root == MODEL_LETTER ? "letter" : "appeal",
	       doc->id, doc->n_units);
	/* The title last on its own line: whatever a terminal does with right-to-left
	 * text, nothing else on the screen moves. */
	if (title)
		fprintf(cli_out(), "  title: %s\n", title);
	free(title);
	char labels[MAX_ITEMS][128];
	size_t label_width = strlen("language"), n = st->n_langs < MAX_ITEMS ? st->n_langs : MAX_ITEMS;
	for (size_t i = 0; i < n; i++) {
		lang_label(st->langs[i].lang, st->langs[i].is_source, labels[i], sizeof labels[i]);
		size_t w = display_width(labels[i]);
		label_width = w > label_width ? w : label_width;
	}
	fputs("  ", cli_out());
	print_padded("language", label_width);
	for (size_t c = 0; c < N_COLUMNS; c++)
		fprintf(cli_out(), "  %s", headers[c]);
	fputc('\n', cli_out());
	for (size_t i = 0; i < n; i++) {
		char cells[N_COLUMNS][24];
		cells_of(&st->langs[i], cells);
		fputs("  ", cli_out());
		print_padded(labels[i], label_width);
		for (size_t c = 0; c < N_COLUMNS; c++)
			fprintf(cli_out(), "  %*s", (int)strlen(headers[c]), cells[c]);
		fputc('\n', cli_out());
	}
	for (size_t i = 0; i < n; i++) {
		const struct status_lang *l = &st->langs[i];
		print_units(l->lang, "stale", l->stale_units, l->stale);
		print_units(l->lang, "missing", l->missing_units, l->missing);
		print_units(l->lang, "drafts", l->draft_units, l->initial);
	}
}

/* ---- JSON --------------------------------------------------------------------------- */

static void print_json_units(const char *name, const struct model_unit **units, size_t n)
{
	fprintf(cli_out(), ", \"%s\": [", name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", cli_out());
		diag_json_string(cli_out(), units[i]->id ? units[i]->id : "");
	}
	fputc(']', cli_out());
}

static void print_json(const char *path, const struct status_doc *st, bool first)
{
	const struct model_doc *doc = st->doc;
	char *title = title_text(doc);
	fprintf(cli_out(), "%s\n  {\"file\": ", first ? "" : ",");
	diag_json_string(cli_out(), path);
	fputs(", \"state\": \"ok\", \"id\": ", cli_out());
	diag_json_string(cli_out(), doc->id);
	fputs(", \"title\": ", cli_out());
	diag_json_string(cli_out(), title ? title : "");
	fputs(", \"source\": ", cli_out());
	diag_json_string(cli_out(), doc->source_lang);
	fprintf(cli_out(), ", \"units\": %zu, \"languages\": [", doc->n_units);
	free(title);
	for (size_t i = 0; i < st->n_langs; i++) {
		const struct status_lang *l = &st->langs[i];
		fprintf(cli_out(), "%s\n    {\"lang\": ", i ? "," : "");
		diag_json_string(cli_out(), l->lang);
		fprintf(cli_out(), ", \"source\": %s, \"units\": %zu, \"initial\": %zu, \"translated\": %zu, "
		       "\"reviewed\": %zu, \"final\": %zu, \"missing\": %zu, \"stale\": %zu, "
		       "\"unconfirmed\": %zu, \"complete\": %u",
		       l->is_source ? "true" : "false", l->units, l->initial, l->translated,
		       l->reviewed, l->final, l->missing, l->stale, l->unconfirmed, l->percent);
		print_json_units("stale_units", l->stale_units, l->stale);
		print_json_units("missing_units", l->missing_units, l->missing);
		print_json_units("draft_units", l->draft_units, l->initial);
		fputc('}', cli_out());
	}
	fputs("]}", cli_out());
}

/* ---- refused documents -------------------------------------------------------------- */

/* A refused document is listed too, so that a report of many documents leaves none out:
 * in the JSON array, an object with its file, "state": "refused" and its diagnostics
 * (those of validate --json); in the text, one line (the errors follow on stderr). */
static void print_refused(const char *path, struct diag_list *diags, bool json, bool first)
{
	size_t errors = diag_count(diags, DIAG_ERROR), warnings = diag_count(diags, DIAG_WARNING);
	if (!json) {
		fprintf(cli_out(), "%s: refused, %zu error%s", path, errors, errors == 1 ? "" : "s");
		if (warnings)
			fprintf(cli_out(), ", %zu warning%s", warnings, warnings == 1 ? "" : "s");
		fputc('\n', cli_out());
		return;
	}
	fprintf(cli_out(), "%s\n  {\"file\": ", first ? "" : ",");
	diag_json_string(cli_out(), path);
	fputs(", \"state\": \"refused\", \"diagnostics\": ", cli_out());
	diag_sort(diags);
	diag_print_json(diags, cli_out());
	fputc('}', cli_out());
}

/* ---- the command -------------------------------------------------------------------- */

static enum cli_status status_file(const char *path, const struct status_options *o,
				   bool first, struct diag_list *diags, bool *printed)
{
	*printed = false;
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(path, diags, &src, &doc);
	if (result == PIPELINE_REFUSED && !diags->out_of_memory) {
		print_refused(path, diags, o->json, first);
		*printed = true;
	}
	if (result != PIPELINE_OK)
		return cli_status_of(result, diags, false);
	struct status_doc st;
	enum cli_status status = CLI_OK;
	if (status_document(doc, &st) != 0) {
		status = CLI_INTERNAL;
	} else {
		if (o->json)
			print_json(path, &st, first);
		else
			print_table(path, &st);
		*printed = true;
		for (size_t i = 0; i < o->n_require; i++)
			status_require(&st, src, o->require[i].lang, o->require[i].state, diags);
		if (o->min >= 0)
			status_min(&st, src, (unsigned)o->min, diags);
		status_doc_clear(&st);
	}
	model_doc_free(doc);
	source_free(src);
	return cli_worse(status, cli_status_of(PIPELINE_OK, diags, false));
}

static const char *add_requirement(void *opts, char *arg)
{
	struct status_options *o = opts;
	char *eq = strchr(arg, '=');
	int state = eq ? status_state_parse(eq + 1) : STATE_TRANSLATED;
	if (o->n_require == MAX_ITEMS)
		return "is given too often";
	if (state < 0 || (eq && eq == arg))
		return "wants LANG=STATE (STATE: initial, translated, reviewed or final)";
	if (eq)
		*eq = '\0';
	o->require[o->n_require++] = (struct requirement){arg, (enum model_state)state};
	return NULL;
}

static const char *set_min(void *opts, char *arg)
{
	struct status_options *o = opts;
	char *end;
	long v = strtol(arg, &end, 10);
	if (*end == '%')
		end++;
	if (*arg == '\0' || *end != '\0' || v < 0 || v > 100)
		return "wants a percentage 0–100";
	o->min = (int)v;
	return NULL;
}

static const struct cli_option status_table[] = {
	{.name = "json", .letter = 'j',
	 .help = "the same as a JSON array on stdout: per document file, id,\n"
		 "title, source, units, and per language its counts,\n"
		 "complete (percent), unconfirmed (no src-hash), and the ids\n"
		 "in stale_units, missing_units, draft_units; state is \"ok\",\n"
		 "or \"refused\" for a document that is not valid (then only\n"
		 "file and diagnostics, as validate --json prints them)",
	 .action = CLI_SET_BOOL, .field = offsetof(struct status_options, json), .value = 1},
	{.name = "require", .letter = 'r', .metavar = "LANG=STATE",
	 .help = "every unit must be in LANG, at STATE or better (initial,\n"
		 "translated, reviewed, final), and not stale (repeatable)",
	 .action = CLI_CALL, .check = add_requirement},
	{.name = "min", .letter = 'm', .metavar = "PERCENT",
	 .help = "every translation must be at least PERCENT complete", .action = CLI_CALL,
	 .check = set_min},
	{NULL},
};

static enum cli_status parse_options(int argc, char **argv, struct status_options *o)
{
	enum cli_status status = cli_parse("status", status_table, o, argc, argv, &o->args);
	if (status == CLI_OK && !o->args.help && o->args.n_files == 0)
		return cli_usage_error("status", "missing FILE", "");
	return status;
}

/* One FILE's table (or JSON object, in one array for all of them), then its errors. */
static enum cli_status status_and_report(const char *path, size_t index, const void *options,
					 struct diag_list *diags)
{
	const struct status_options *o = options;
	static size_t printed; /* JSON objects so far: an unreadable FILE prints none */
	if (index > 0 && !o->json)
		fputc('\n', cli_out());
	if (index == 0) {
		printed = 0;
		if (o->json)
			fputc('[', cli_out());
	}
	bool printed_this;
	enum cli_status status = status_file(path, o, printed == 0, diags, &printed_this);
	printed += printed_this;
	/* The table says what is missing or stale; only what stops a run is printed. */
	fflush(cli_out());
	status = cli_worse(status, cli_report_errors(diags, NULL));
	if (index + 1 == o->args.n_files && o->json)
		fputs("\n]\n", cli_out());
	return status;
}

static enum cli_status status_main(int argc, char **argv)
{
	struct status_options o = {.min = -1};
	enum cli_status parsed = parse_options(argc, argv, &o);
	return cli_run_files(&o.args, parsed, status_and_report, &o);
}

const struct cli_command cmd_status = {
	"status", status_main, "how complete and up to date each translation is",
	"usage: broadside status [--json] [--require LANG=STATE]... [--min PERCENT] FILE...\n",
	"For each document and language: how many units there are, how many are drafts\n"
	"(initial), translated, reviewed or final, how many are missing, how many are stale\n"
	"(their source changed since they were confirmed: see 'broadside help confirm'), and\n"
	"how complete the language is: the share of units translated or better and not\n"
	"stale, rounded down.  The stale, missing and draft units are named below the table.\n"
	"\n"
	"For CI before a print run: --require and --min turn an incomplete language into\n"
	"errors (FILE:LINE:COL: error: … [status-require], [status-min]) and exit 1.\n",
	{{"options", status_table}},
	"exit status: 0 done (and every requirement met), 1 a requirement failed or a\n"
	"document was refused, 2 wrong usage, 3 a file could not be read\n"
	"\n"
	"examples:\n"
	"  broadside status xml/*.xml\n"
	"  broadside status --require fa=reviewed --min 100 xml/appeal-free-them.xml\n"
	"  broadside status --json xml/*.xml | jq '.[].languages[] | {lang, complete}'\n"
};
