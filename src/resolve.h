/* resolve.h — the text stage: every <t> becomes the exact text the backends draw.
 *
 * Between the model and both backends (PDF and HTML), so that both print the same text.
 * For each unit and language it makes one paragraph string (UTF-8) in which:
 *  - text is NFC and white space is collapsed as FORMAT.md says;
 *  - <date> is written in the language with ICU, in its default calendar (Farsi: Solar
 *    Hijri with Persian digits);
 *  - foreign runs, names and link texts of the other direction are wrapped in Unicode
 *    isolates (LRI/RLI … PDI), since Pango has no per-run direction;
 *  - hyphenation points are soft hyphens (U+00AD), from the patterns of each run's own
 *    language (a foreign run's), where it has them, and never in names or links;
 *  - dates and times never break inside (no-break spaces, U+00A0, or U+202F where ICU
 *    puts a thin space), but after an event's weekday and before a range's second date;
 *    in running text a number and its unit, currency or month ("25 %", "5 July",
 *    "۲۷ خرداد") and the digit groups of a number ("10 000") are joined by U+00A0;
 *  - <br/> is U+2028 LINE SEPARATOR.
 * and a list of spans saying which byte ranges are emphasised, names, links, dates or in
 * another language.  The direction of every paragraph comes from its language (ICU),
 * never from its first strong character; every other fact of a language (script, digits,
 * names, fonts) is computed here once per document language (lang.h) and carried along.
 *
 * A resolved document borrows the model it was made from (which must outlive it) and
 * owns everything else; resolved_doc_free releases it. */
#ifndef BROADSIDE_RESOLVE_H
#define BROADSIDE_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "lang.h"
#include "model.h"

enum resolve_dir { RESOLVE_LTR, RESOLVE_RTL };

enum resolve_style {
	STYLE_EM = 1 << 0,
	STYLE_STRONG = 1 << 1,
	STYLE_NAME = 1 << 2,
	STYLE_LINK = 1 << 3,
	STYLE_FOREIGN = 1 << 4,
	STYLE_DATE = 1 << 5,
};

/* One inline element of the source, as a byte range of the paragraph's text.  Spans nest
 * as the elements did and come in the order their elements started. */
struct resolved_span {
	size_t start, end;      /* [start, end) in resolved_text.text, isolates outside */
	enum resolve_style style; /* the one element this span stands for */
	const char *lang;       /* STYLE_FOREIGN: its language; lent from the model */
	enum resolve_dir dir;   /* the direction its text runs in */
	bool isolated;          /* wrapped in LRI/RLI … PDI in the text */
	const char *href;       /* STYLE_LINK; lent from the model */
	const char *date;       /* STYLE_DATE: the ISO date or "FROM/TO"; owned */
};

struct resolved_text {
	const struct model_text *t; /* NULL: no translation in this language */
	const char *lang;           /* lent from the model */
	enum resolve_dir dir;
	char *text;
	size_t len;
	struct resolved_span *spans;
	size_t n_spans;
};

/* One unit in every language of the document, in langs order. */
struct resolved_unit {
	const struct model_unit *unit;
	struct resolved_text *texts; /* model_doc.n_langs entries */
};

/* Dates and times of the head and of events, written in each language. */
struct resolved_when {
	char **date; /* per language; NULL where there is none */
	char **time;
};

struct resolved_doc {
	const struct model_doc *doc;
	enum resolve_dir *dirs;        /* per language */
	struct lang_facts *langs;      /* per language: what lang.h knows of it */
	struct resolved_unit *units;   /* per model unit, same order */
	struct resolved_when published; /* head <date> */
	struct resolved_when *events;  /* per block; only BLOCK_EVENT entries are filled */
};

struct resolve_options {
	bool hyphenate; /* insert soft hyphens (true for print and the web) */
};

/* Resolves DOC.  Returns 0 and a new document in *OUT, or -1 (out of memory, or ICU
 * failed: a defect) with *OUT NULL. */
int resolve_document(const struct model_doc *doc, const struct resolve_options *options,
		     struct resolved_doc **out);

void resolved_doc_free(struct resolved_doc *rdoc);

/* Releases the cached hyphenation dictionaries. */
void resolve_cleanup(void);

/* The writing direction of LANG (lang_is_rtl). */
enum resolve_dir resolve_lang_dir(const char *lang);

/* The language's long date ("17. Juni 2023", "۲۷ خرداد ۱۴۰۲"), a range
 * ("17.–22. Juni 2023", "۲۷ خرداد تا ۱ تیر ۱۴۰۲"), a date with its weekday for events,
 * and a time of day "HH:MM" ("19:00", "7:00 PM", "۱۹:۰۰").  Each returns a new string
 * (free it) or NULL if ISO is not a real date/time. */
char *resolve_format_date(const char *lang, const char *iso);
char *resolve_format_range(const char *lang, const char *from, const char *to);
char *resolve_format_weekday_date(const char *lang, const char *iso);
char *resolve_format_time(const char *lang, const char *hhmm);

#endif
