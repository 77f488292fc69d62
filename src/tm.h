/* tm.h — a translation memory over other documents.
 *
 * Appeals repeat themselves ("Free all political prisoners!"): a unit whose source text
 * another document already has, with a translation someone vouched for, can start from
 * that translation.  The memory reads the documents it is given (files, or the documents
 * found in a folder and its subfolders, docfind.h) and answers, for a source <t> and a language, the best such
 * translation.
 *
 * Two texts are the same when their canonical forms are (segment.h: NFC, white space
 * collapsed, the same inline markup with the same dates and links), so that a proposal
 * never brings a date or a link the source does not have.  A text of another document
 * counts as a source when it is that document's source, or a translation in state
 * translated or better that is not stale; the proposal is that unit's <t> in the wanted
 * language, under the same conditions: the one in the best state, then the one found
 * first (in the order the documents were given, then document order).
 *
 * A memory owns the documents it loaded; tm_free releases them. */
#ifndef BROADSIDE_TM_H
#define BROADSIDE_TM_H

#include <stdbool.h>

#include "diag.h"
#include "loader.h"
#include "model.h"
#include "source.h"

struct tm;

/* What the memory proposes; everything is lent by the memory. */
struct tm_match {
	const struct model_text *text; /* the translation */
	const struct model_unit *unit; /* its unit */
	const struct source *src;      /* the document's bytes (for LINE:COL) */
	const char *path;
	bool is_source;                /* the text is its document's source */
	unsigned score;                /* 100: the same text; else a fuzzy match's percent */
};

/* A fuzzy match needs at least this many percent of the words (see tm_lookup). */
#define TM_FUZZY_MIN 75

/* A new, empty memory that reads its documents with LOADER (copied; its context must
 * outlive the memory), or NULL when memory ran out. */
struct tm *tm_new(const struct loader *loader);
void tm_free(struct tm *tm);

/* Adds PATHS[0 .. N), in that order: each a document, or the documents of a folder,
 * searched recursively and sorted by path (docfind_collect; a folder that cannot be read
 * or holds no document is an error [read]).  The file EXCLUDE (the same file, by device and inode, however
 * it is named; may be NULL) is left out, so that a document never proposes to itself.  A
 * document that does not validate is skipped with a warning [tm-skipped].  Returns 0; 1
 * when a path cannot be read (an error [read] added; the paths after it are not read);
 * -1 when memory ran out. */
int tm_load(struct tm *tm, const char *const *paths, size_t n, const char *exclude,
	    struct diag_list *diags);

/* How many documents the memory holds. */
size_t tm_documents(const struct tm *tm);

/* The best translation into LANG of a unit whose source <t> is SOURCE (in SOURCE_LANG).
 * When no text is the same, the best fuzzy match: a text with the same inline markup
 * (tags, dates, links) whose words are at least TM_FUZZY_MIN percent the same, where
 * words are found by ICU's word boundaries (ubrk, UBRK_WORD; spaces and punctuation are
 * no words; compared exactly, case included) and the score is 100 × (1 − d / max), d the
 * edit distance in words and max the longer text's word count, rounded down; the highest
 * score wins, then the best state, then the first document and unit.
 * Returns 1 and fills *MATCH, 0 when there is none, -1 when memory ran out. */
int tm_lookup(const struct tm *tm, const struct model_text *source, const char *source_lang,
	      const char *lang, struct tm_match *match);

#endif
