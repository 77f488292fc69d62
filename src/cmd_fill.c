/* cmd_fill.c — `broadside fill`: drafts for missing translations from other documents. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "edit.h"
#include "rewrite.h"
#include "segment.h"
#include "status.h"
#include "tm.h"

struct fill_options {
	struct cli_args args;
	const char *from[CLI_MAX_REPEATS], *langs[CLI_MAX_REPEATS];
	size_t n_from, n_langs;
	bool dry_run;
};

/* A filled translation, to report once the file is written. */
struct filled {
	const struct model_unit *unit;
	const char *lang;
	struct tm_match match;
};

static bool wanted(const struct model_doc *doc, const struct fill_options *o, const char *lang)
{
	if (strcmp(lang, doc->source_lang) == 0)
		return false;
	if (o->n_langs == 0)
		return true;
	for (size_t i = 0; i < o->n_langs; i++)
		if (strcmp(o->langs[i], lang) == 0)
			return true;
	return false;
}

/* The proposal's content as the XML of a new <t>: its text as one line. */
static char *proposal_xml(const struct model_text *t)
{
	struct segment seg;
	segment_init(&seg);
	char *xml = NULL;
	if (segment_from_text(t, &seg) == 0 && segment_collapse(&seg) == 0)
		xml = segment_xml(&seg);
	segment_clear(&seg);
	return xml;
}

/* A fuzzy match's draft is noted as such, with its score and where it came from. */
static enum edit_status note_fuzzy(struct edit_list *edits, const struct source *src,
				   const struct model_unit *unit, const char *lang,
				   const struct tm_match *match)
{
	char *text = NULL;
	if (asprintf(&text,
		     "broadside fill: the %s draft is a fuzzy match, %u%% of the words the same, "
		     "from %s (unit \"%s\"): check it against this unit's source",
		     lang, match->score, match->path, match->unit->id ? match->unit->id : "?") < 0)
		return EDIT_NO_MEMORY;
	enum edit_status status = edit_insert_note(edits, src, unit, text);
	free(text);
	return status;
}

/* Adds a draft for every missing translation the memory has; *N_FILLED counts them,
 * *N_MISSING what is still missing. */
static int fill_document(const struct model_doc *doc, const struct source *src,
			 const struct tm *memory, const struct fill_options *o,
			 struct edit_list *edits, struct filled *filled, size_t *n_filled,
			 size_t *n_missing)
{
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_unit *unit = &doc->units[u];
		const struct model_text *source = model_unit_text(unit, doc->source_lang);
		for (size_t l = 0; source && l < doc->n_langs; l++) {
			const char *lang = doc->langs[l];
			if (!wanted(doc, o, lang) || model_unit_text(unit, lang))
				continue;
			struct tm_match match;
			int found = tm_lookup(memory, source, doc->source_lang, lang, &match);
			if (found < 0)
				return -1;
			if (!found) {
				(*n_missing)++;
				continue;
			}
			char *xml = proposal_xml(match.text);
			enum edit_status status = xml ? edit_insert_t(edits, src, unit, lang, "initial",
								      NULL, xml)
						      : EDIT_NO_MEMORY;
			free(xml);
			if (status == EDIT_OK && match.score < 100)
				status = note_fuzzy(edits, src, unit, lang, &match);
			if (status != EDIT_OK)
				return -1;
			filled[(*n_filled)++] = (struct filled){unit, lang, match};
		}
	}
	return 0;
}

/* ", a fuzzy match (N% of the words)" in a static buffer. */
static const char *fuzzy_note(unsigned score)
{
	static char buf[64];
	snprintf(buf, sizeof buf, ", a fuzzy match (%u%% of the words)", score);
	return buf;
}

static void print_filled(const struct source *src, const struct filled *filled, size_t n,
			 size_t missing, size_t documents, bool dry_run)
{
	for (size_t i = 0; i < n; i++) {
		const struct filled *f = &filled[i];
		unsigned line, col, from_line, from_col;
		source_position(src, f->unit->offset, &line, &col);
		source_position(f->match.src, f->match.unit->offset, &from_line, &from_col);
		fprintf(cli_out(), "%s:%u:%u: %s: %s \"%s\" from %s:%u (unit \"%s\", %s), as a draft%s\n",
		       src->path, line, col, dry_run ? "would fill" : "filled", f->lang,
		       f->unit->id ? f->unit->id : "?", f->match.path, from_line,
		       f->match.unit->id ? f->match.unit->id : "?",
		       f->match.is_source ? "its source text"
					  : status_state_name(f->match.text->state),
		       f->match.score < 100 ? fuzzy_note(f->match.score) : "");
	}
	fprintf(cli_out(), "%s: %s %zu translation%s from %zu document%s; %zu still missing\n", src->path,
	       dry_run ? "would fill" : "filled", n, n == 1 ? "" : "s", documents,
	       documents == 1 ? "" : "s", missing);
}

/* A fill as an editor: the memory loaded, the drafts found, what was filled kept for
 * the report. */
struct fill_job {
	const struct fill_options *o;
	const char *path;
	struct tm *memory;
	struct filled *filled;
	size_t n_filled, n_missing;
};

static enum cli_status fill_edit(void *ctx, const struct model_doc *doc,
				 const struct source *src, struct edit_list *edits,
				 struct diag_list *diags)
{
	struct fill_job *job = ctx;
	job->memory = tm_new(&pipeline_loader);
	job->filled = calloc(doc->n_units * doc->n_langs + 1, sizeof *job->filled);
	if (!job->memory || !job->filled)
		return CLI_INTERNAL;
	int loaded = tm_load(job->memory, job->o->from, job->o->n_from, job->path, diags);
	if (loaded != 0)
		return loaded < 0 ? CLI_INTERNAL : CLI_UNREADABLE;
	return fill_document(doc, src, job->memory, job->o, edits, job->filled, &job->n_filled,
			     &job->n_missing) == 0
		       ? CLI_OK
		       : CLI_INTERNAL;
}

static void fill_report(void *ctx, const struct model_doc *doc, const struct source *src,
			bool dry_run)
{
	(void)doc;
	const struct fill_job *job = ctx;
	print_filled(src, job->filled, job->n_filled, job->n_missing, tm_documents(job->memory),
		     dry_run);
}

/* One FILE filled (cli_file_fn).  Its own warnings are `validate`'s; the memory's
 * (tm-skipped) are shown. */
static enum cli_status fill_file(const char *path, size_t index, const void *options,
				 struct diag_list *diags)
{
	(void)index;
	const struct fill_options *o = options;
	static const struct cli_editor editor = {fill_edit, fill_report};
	struct fill_job job = {.o = o, .path = path};
	enum cli_status status = cli_edit_document(path, o->dry_run, &editor, &job, diags);
	free(job.filled);
	tm_free(job.memory);
	return status;
}

static const struct cli_option fill_table[] = {
	{.name = "from", .letter = 'f', .metavar = "DIR|FILE",
	 .help = "documents to take translations from (repeatable)", .action = CLI_LIST,
	 .field = offsetof(struct fill_options, from), .count = offsetof(struct fill_options, n_from)},
	{.name = "lang", .letter = 'l', .metavar = "LANG",
	 .help = "only this language (repeatable; default: every translation)", .action = CLI_LIST,
	 .field = offsetof(struct fill_options, langs), .count = offsetof(struct fill_options, n_langs)},
	CLI_DRY_RUN(struct fill_options, "say what would be filled, write nothing"),
	{NULL},
};

static enum cli_status parse_options(int argc, char **argv, struct fill_options *o)
{
	enum cli_status status = cli_parse("fill", fill_table, o, argc, argv, &o->args);
	if (status != CLI_OK || o->args.help || (status = cli_rewritable_files(&o->args)) != CLI_OK)
		return status;
	if (o->n_from == 0)
		return cli_usage_error("fill", "fill from what? Give --from DIR or --from FILE", "");
	return CLI_OK;
}

static enum cli_status fill_main(int argc, char **argv)
{
	struct fill_options o = {0};
	enum cli_status parsed = parse_options(argc, argv, &o);
	return cli_run_files_reporting(&o.args, parsed, fill_file, &o, CLI_SHOW_ERRORS,
				       "tm-skipped");
}

const struct cli_command cmd_fill = {
	"fill", fill_main, "draft missing translations from other documents (translation memory)",
	"usage: broadside fill FILE... --from DIR|FILE [--from DIR|FILE]... [--lang LANG]...\n"
	"                      [--dry-run]\n",
	"The same slogans and sentences come back from appeal to appeal.  For every unit of\n"
	"FILE that lacks a translation, fill looks in the other documents (the --from files,\n"
	"and the documents in the --from folders and their subfolders) for a unit with the\n"
	"same source text, and copies its translation into FILE as a draft,\n"
	"state=\"initial\", for a translator to review.  The same text means the same after\n"
	"Unicode NFC and white-space collapsing, with the same inline markup, dates and\n"
	"links.  Only translations someone vouched for are copied: state translated or\n"
	"better, and not stale; the best state wins, then the first found.  FILE itself is\n"
	"never a source.\n"
	"When no text is the same, a fuzzy match is offered: the same inline markup, and at\n"
	"least 75% of the words the same (words by ICU's word boundaries; score = 1 - word\n"
	"edit distance / the longer text's word count).  It is filled in as a draft too,\n"
	"with a <note> giving its score and where it came from.\n"
	"\n"
	"Each draft is a new <t> line after the unit's last one, with the same indentation;\n"
	"the rest of FILE stays byte for byte, and the file is checked and replaced\n"
	"atomically.  What was filled, and from where, is printed.\n"
	"`broadside po export --from …` puts the same proposals into a PO file as fuzzy\n"
	"entries instead.\n",
	{{"options", fill_table}},
	"exit status: 0 done, 1 a document was refused, 2 wrong usage, 3 a file could not be\n"
	"read or written\n"
	"\n"
	"example:\n"
	"  broadside fill drafts/appeal-2024.xml --from xml/\n"
};
