/* lint_rules.h — what lint's engine (lint.c) shares with the files of rules
 * (lint_common.c, lint_fa.c, lint_de.c), and nothing else includes.
 *
 * The engine flattens one <t> into the linter's text (struct ch), marks URLs typed as
 * text, and walks the rule table: each rule that the options and the document's allow-
 * comments let run, and whose language the text has, is called once on the whole text.
 * A rule reports through lint_report and fixes through lint_fix, lint_fix1 and
 * lint_delete; those check again that the rule is on, so a rule may also report under a
 * name of its own choosing. */
#ifndef BROADSIDE_LINT_RULES_H
#define BROADSIDE_LINT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "lint.h"

#define ZWNJ 0x200C
/* What <date/> and <br/> stand for in the flattened text; never in the source. */
#define OBJECT_DATE 0xFFFC
#define OBJECT_BR 0x2028

/* The languages that have rules of their own, by primary subtag. */
enum lang { LANG_OTHER, LANG_FA, LANG_DE };

enum {
	CH_SKIP = 1,   /* no language rules here: link text, a name in another script, a URL */
	CH_OBJECT = 2, /* a <date/> or <br/>, not a character of the source */
};

struct ch {
	uint32_t cp;
	uint32_t offset; /* of the character (or its reference's '&') in the source */
	const char *tag; /* the language tag in force there (lent by the model); NULL: none */
	uint8_t lang;    /* enum lang of TAG */
	uint8_t flags;
};

/* At most this many rules are allowed by comments for one <t>. */
#define ALLOW_MAX 32

/* A rule name in the source, as allowed by a comment. */
struct allowed {
	const char *name;
	size_t len;
};

struct linter {
	const struct source *src;
	const struct lint_options *options; /* NULL: every rule */
	struct allowed allowed[ALLOW_MAX];  /* silenced in the <t> being checked */
	size_t n_allowed;
	struct diag_list *diags;
	struct lint_fixes *fixes; /* NULL: findings only */
	bool failed;              /* out of memory */
	struct ch *chars;         /* the <t> being checked, flattened */
	size_t n, cap;
	char *token;              /* scratch: one ASCII token, room for n + 1 bytes */
	size_t cap_token;
	struct lang_facts *facts; /* of the tags asked about by lint_lang_facts */
	size_t n_facts, cap_facts;
};

/* ---- the rule table ------------------------------------------------------------------ */

struct lint_rule;

/* Checks the whole flattened text of L, as RULE. */
typedef void lint_check(struct linter *l, const struct lint_rule *rule);

struct lint_rule {
	const char *name;   /* stable: tests, scripts and allow-comments use it */
	const char *lang;   /* the primary subtag whose text it checks; "*" (RFC 4647's
			     * wildcard): every language */
	bool fixable;       /* whether it makes safe fixes */
	lint_check *check;
};

/* The rules in the order they run (the order of findings at one place), ended by an
 * entry with a NULL name.  Defined in lint.c. */
extern const struct lint_rule lint_rules[];

/* every language: lint_common.c */
lint_check lint_check_invisible_char, lint_check_bidi_mark, lint_check_space_edge,
	lint_check_space_doubled;
/* Farsi: lint_fa.c */
lint_check lint_check_fa_letters, lint_check_fa_presentation_form, lint_check_fa_digits,
	lint_check_fa_punctuation, lint_check_fa_tatweel, lint_check_fa_zwnj_misplaced,
	lint_check_fa_zwnj_missing, lint_check_fa_guillemets;
/* German: lint_de.c */
lint_check lint_check_de_quotes, lint_check_de_dash, lint_check_de_abbreviation;

/* ---- what the engine lends the rules (lint.c) ----------------------------------------- */

/* At most this many characters replace one (U+FDFA's NFKC form has 18). */
#define FIX_MAX 20

/* A warning of RULE at character I, if RULE is on. */
void lint_report(struct linter *l, size_t i, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Adds the safe fix of character I: TO[0 .. N_TO) instead.  RULE, here and in
 * lint_delete, is a rule's static name (a fix keeps it, as lint_fix.rule). */
void lint_fix(struct linter *l, size_t i, const uint32_t *to, size_t n_to, const char *rule);
void lint_fix1(struct linter *l, size_t i, uint32_t to, const char *rule);

/* Adds the safe fix that deletes LENGTH source bytes at OFFSET. */
void lint_delete(struct linter *l, uint32_t offset, uint32_t length, const char *rule,
		 const char *description);

/* How many source bytes at OFFSET write CP: its UTF-8 bytes, or a whole character
 * reference; 0 when the source there is neither (then no fix is made). */
uint32_t lint_source_span(const struct source *src, uint32_t offset, uint32_t cp);

/* What lang.h knows of TAG (its quotation marks), computed once per document; NULL when
 * memory ran out (then L has failed). */
const struct lang_facts *lint_lang_facts(struct linter *l, const char *tag);

/* CP as a NUL-terminated UTF-8 string in BUF (at least 5 bytes). */
const char *lint_utf8_of(uint32_t cp, char *buf);

/* ---- reading the flattened text ------------------------------------------------------ */

/* The character at I, or 0 outside the text. */
static inline uint32_t cp_at(const struct linter *l, size_t i)
{
	return i < l->n ? l->chars[i].cp : 0;
}

static inline uint32_t cp_before(const struct linter *l, size_t i)
{
	return i > 0 ? l->chars[i - 1].cp : 0;
}

static inline bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

static inline bool is_ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

static inline bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x06F0 && cp <= 0x06F9);
}

/* Whether character I is text of language LANG that its rules check. */
static inline bool checked_in(const struct linter *l, size_t i, enum lang lang)
{
	if (i >= l->n || (l->chars[i].flags & (CH_SKIP | CH_OBJECT)))
		return false;
	return l->chars[i].lang == lang;
}

#endif
