/* diag.h — diagnostics: what is wrong, where, and under which rule.
 *
 * Stages never print.  They add diagnostics to a list; the CLI prints the list as
 * `FILE:LINE:COL: error: message [rule]` lines or as JSON, and picks the exit status.
 * A list owns copies of every string it is given.
 *
 * A list keeps at most DIAG_MAX_PER_RULE diagnostics of one severity under one rule for
 * one file; the rest are only counted, in one summary diagnostic after them ("… and 4900
 * more"), so that a hostile document cannot make gigabytes of messages. */
#ifndef BROADSIDE_DIAG_H
#define BROADSIDE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "source.h"

enum diag_severity { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_severity severity;
	char *file;
	unsigned line, col; /* 0 where unknown */
	char *rule;
	char *message;
	size_t more; /* a summary: this many more diagnostics under the rule (no place) */
};

/* A real document's report stays whole (a leaflet has a few dozen units); a hostile one
 * stays short. */
#define DIAG_MAX_PER_RULE 100

struct diag_tally; /* how many diagnostics of one file, rule and severity were added */

struct diag_list {
	struct diag *items;
	size_t n, cap;
	bool out_of_memory; /* a diagnostic could not be stored; the run must fail */
	struct diag_tally *tallies;
	size_t n_tallies, cap_tallies;
};

void diag_list_init(struct diag_list *list);
void diag_list_clear(struct diag_list *list);

/* Adds a diagnostic at LINE:COL of FILE (either may be 0). */
void diag_add(struct diag_list *list, enum diag_severity severity, const char *file,
	      unsigned line, unsigned col, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Adds a diagnostic at byte OFFSET of SRC (SOURCE_NO_OFFSET: the file alone). */
void diag_at(struct diag_list *list, const struct source *src, uint32_t offset,
	     enum diag_severity severity, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* diag_at with a va_list: for a stage's own reporting function (which also keeps its
 * state), so that it need not format the message first. */
void diag_vat(struct diag_list *list, const struct source *src, uint32_t offset,
	      enum diag_severity severity, const char *rule, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));

/* Adds a copy of D, which may be another list's summary (then its count is added). */
void diag_copy(struct diag_list *list, const struct diag *d);

/* How many diagnostics of SEVERITY were added, those only counted in a summary too. */
size_t diag_count(const struct diag_list *list, enum diag_severity severity);

/* Drops the diagnostics of SEVERITY under RULE (when a later stage says it better). */
void diag_remove(struct diag_list *list, enum diag_severity severity, const char *rule);

/* Turns every warning into an error (--strict). */
void diag_promote_warnings(struct diag_list *list);

/* Sorts by file, then line and column, keeping the order of equal places; a file's
 * summaries come after its other diagnostics. */
void diag_sort(struct diag_list *list);

/* S as it may be printed on a line of its own: S itself when it holds no control
 * character, otherwise escaped C-style (\n, \t, \r, \\, \", \xNN for other C0 and C1
 * controls and DEL), so that a file name with a line break cannot forge a diagnostic
 * line or a PO entry.  A new string (free it), or NULL when memory ran out. */
char *diag_escaped(const char *s);

/* Prints each diagnostic on one line; file names and messages with control characters
 * are escaped (diag_escaped). */
void diag_print_text(const struct diag_list *list, FILE *out);

/* A JSON array of objects with file, line, column, severity, rule and message (and, for a
 * summary, line and column 0 and "more": how many were not listed). */
void diag_print_json(const struct diag_list *list, FILE *out);

/* Writes S as a JSON string literal, escaped. */
void diag_json_string(FILE *out, const char *s);

#endif
