/* lint.c — lint's engine: which rules run, the flattened text, findings and fixes; see
 * lint.h.  The rules are in lint_common.c (every language), lint_fa.c and lint_de.c, each
 * listed with its fix at the top of its file, and all of them in lint_rules below.
 *
 * A <t> is checked as one string of characters, its inline markup flattened, so that a
 * rule sees the neighbours of a character across <em> or <name>.  Each character keeps
 * its language (the <t>'s, or the innermost <foreign>'s primary subtag) and where it
 * stands in the source.  The language rules leave alone link text, names in another
 * script than their language's, and URLs and e-mail addresses typed as text; the rules
 * of every language (spaces, invisible characters) apply everywhere.
 *
 * lint_apply returns -1 also for fixes that do not fit the source (unsorted, overlapping,
 * or past its end), which lint_document never makes. */
#include "lint.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uscript.h>

#include "grow.h"
#include "lint_rules.h"
#include "uri.h"
#include "utf8.h"
#include "order.h"

/* ---- UTF-8 and the source ---------------------------------------------------------- */

const char *lint_utf8_of(uint32_t cp, char *buf)
{
	buf[utf8_encode(cp, buf)] = '\0';
	return buf;
}

uint32_t lint_source_span(const struct source *src, uint32_t offset, uint32_t cp)
{
	if (offset == SOURCE_NO_OFFSET || offset >= src->len)
		return 0;
	const char *p = src->bytes + offset;
	size_t avail = src->len - offset;
	char buf[4];
	size_t n = utf8_encode(cp, buf);
	if (n <= avail && memcmp(p, buf, n) == 0)
		return (uint32_t)n;
	uint32_t written;
	size_t len = utf8_decode_reference(p, avail, &written);
	return len && written == cp ? (uint32_t)len : 0;
}

/* ---- the rule table ---------------------------------------------------------------- */

/* In the order the rules ran before they had a table: a finding's place sorts the
 * findings, and among findings at one place this order stands. */
const struct lint_rule lint_rules[] = {
	{"invisible-char", "*", false, lint_check_invisible_char},
	{"bidi-mark", "*", false, lint_check_bidi_mark},
	{"fa-arabic-yeh", "fa", true, lint_check_fa_letters},
	{"fa-arabic-kaf", "fa", true, lint_check_fa_letters},
	{"fa-heh", "fa", true, lint_check_fa_letters},
	{"fa-presentation-form", "fa", true, lint_check_fa_presentation_form},
	{"fa-digits", "fa", true, lint_check_fa_digits},
	{"fa-punctuation", "fa", true, lint_check_fa_punctuation},
	{"fa-tatweel", "fa", false, lint_check_fa_tatweel},
	{"de-quotes", "de", true, lint_check_de_quotes},
	{"de-dash", "de", false, lint_check_de_dash},
	{"space-edge", "*", false, lint_check_space_edge},
	{"space-doubled", "*", true, lint_check_space_doubled},
	{"fa-zwnj-misplaced", "fa", true, lint_check_fa_zwnj_misplaced},
	{"fa-zwnj-missing", "fa", false, lint_check_fa_zwnj_missing},
	{"fa-guillemets", "fa", true, lint_check_fa_guillemets},
	{"de-abbreviation", "de", false, lint_check_de_abbreviation},
	{NULL, NULL, false, NULL},
};

bool lint_rule_known(const char *rule)
{
	for (const struct lint_rule *r = lint_rules; r->name; r++)
		if (strcmp(r->name, rule) == 0)
			return true;
	return false;
}

static bool listed_in(const char *rule, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], rule) == 0)
			return true;
	return false;
}

/* Whether RULE runs in the <t> being checked: the options allow it, no comment silences it. */
static bool rule_on(const struct linter *l, const char *rule)
{
	const struct lint_options *o = l->options;
	if (o && ((o->n_enable > 0 && !listed_in(rule, o->enable, o->n_enable)) ||
		  listed_in(rule, o->disable, o->n_disable)))
		return false;
	for (size_t i = 0; i < l->n_allowed; i++)
		if (strlen(rule) == l->allowed[i].len &&
		    memcmp(rule, l->allowed[i].name, l->allowed[i].len) == 0)
			return false;
	return true;
}

/* ---- fixes ------------------------------------------------------------------------- */

void lint_fixes_init(struct lint_fixes *fixes)
{
	fixes->items = NULL;
	fixes->n = fixes->cap = 0;
}

static void fix_free(struct lint_fix *fix)
{
	free(fix->edit.text);
	free(fix->description);
}

void lint_fixes_clear(struct lint_fixes *fixes)
{
	if (fixes) {
		GROW_FREE(fixes->items, fixes->n, fix_free);
		lint_fixes_init(fixes);
	}
}

static int fixes_push(struct lint_fixes *fixes, const struct lint_fix *fix)
{
	if (!GROW(fixes->items, fixes->cap, fixes->n + 1))
		return -1;
	fixes->items[fixes->n++] = *fix;
	return 0;
}

/* Adds the fix that puts TEXT for LENGTH bytes at OFFSET (RULE: static). */
static void add_fix(struct linter *l, uint32_t offset, uint32_t length, const char *text,
		    const char *rule, const char *description)
{
	struct lint_fix fix = {
		.edit = {.offset = offset, .length = length, .text = strdup(text)},
		.rule = rule,
		.description = strdup(description),
	};
	if (!fix.edit.text || !fix.description || fixes_push(l->fixes, &fix) != 0) {
		fix_free(&fix);
		l->failed = true;
	}
}

static int compare_fixes(const void *a, const void *b)
{
	const struct lint_fix *x = a, *y = b;
	return ORDER(x->edit.offset, y->edit.offset) ?: ORDER(x->edit.length, y->edit.length);
}

/* Sorts FIXES by offset and drops any that overlaps the one before it.  The rules add
 * fixes in the order they find them (a quotation's guillemets after the letters inside
 * it); one sort at the end costs less than keeping the list in order all along. */
static void fixes_settle(struct lint_fixes *fixes)
{
	if (fixes->n == 0)
		return;
	qsort(fixes->items, fixes->n, sizeof *fixes->items, compare_fixes);
	size_t kept = 1;
	for (size_t i = 1; i < fixes->n; i++) {
		const struct edit *last = &fixes->items[kept - 1].edit;
		if (fixes->items[i].edit.offset < last->offset + last->length)
			fix_free(&fixes->items[i]);
		else
			fixes->items[kept++] = fixes->items[i];
	}
	fixes->n = kept;
}

void lint_fix(struct linter *l, size_t i, const uint32_t *to, size_t n_to, const char *rule)
{
	const struct ch *c = &l->chars[i];
	uint32_t length = l->fixes && rule_on(l, rule) ? lint_source_span(l->src, c->offset, c->cp) : 0;
	if (length == 0 || n_to == 0 || n_to > FIX_MAX)
		return;
	char replacement[4 * FIX_MAX + 1], description[12 * FIX_MAX + 16];
	size_t r = 0;
	int d = snprintf(description, sizeof description, "U+%04X →", (unsigned)c->cp);
	for (size_t k = 0; k < n_to; k++) {
		r += utf8_encode(to[k], replacement + r);
		d += snprintf(description + d, sizeof description - (size_t)d, " U+%04X",
			      (unsigned)to[k]);
	}
	replacement[r] = '\0';
	add_fix(l, c->offset, length, replacement, rule, description);
}

void lint_delete(struct linter *l, uint32_t offset, uint32_t length, const char *rule,
		 const char *description)
{
	if (!l->fixes || length == 0 || !rule_on(l, rule))
		return;
	add_fix(l, offset, length, "", rule, description);
}

void lint_fix1(struct linter *l, size_t i, uint32_t to, const char *rule)
{
	lint_fix(l, i, &to, 1, rule);
}

int lint_apply(const struct source *src, const struct lint_fixes *fixes, char **out,
	       size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	struct edit *edits = malloc((fixes->n ? fixes->n : 1) * sizeof *edits);
	if (!edits)
		return -1;
	for (size_t i = 0; i < fixes->n; i++)
		edits[i] = fixes->items[i].edit;
	int rc = edit_splice(src, edits, fixes->n, out, out_len);
	free(edits);
	return rc;
}

/* ---- findings ---------------------------------------------------------------------- */

void lint_report(struct linter *l, size_t i, const char *rule, const char *fmt, ...)
{
	if (!rule_on(l, rule))
		return;
	va_list ap;
	va_start(ap, fmt);
	diag_vat(l->diags, l->src, l->chars[i].offset, DIAG_WARNING, rule, fmt, ap);
	va_end(ap);
}

/* ---- the flattened text ------------------------------------------------------------ */

static enum lang lang_of(const char *tag)
{
	if (!tag || strcspn(tag, "-_") != 2)
		return LANG_OTHER;
	if (strncasecmp(tag, "fa", 2) == 0)
		return LANG_FA;
	if (strncasecmp(tag, "de", 2) == 0)
		return LANG_DE;
	return LANG_OTHER;
}

/* The language and flags in force at a place of the inline tree. */
struct scope {
	const char *tag;
	uint8_t lang;
	uint8_t flags;
};

static void push_char(struct linter *l, uint32_t cp, uint32_t offset, struct scope scope,
		      uint8_t flags)
{
	if (!GROW(l->chars, l->cap, l->n + 1)) {
		l->failed = true;
		return;
	}
	l->chars[l->n++] =
		(struct ch){cp, offset, scope.tag, scope.lang, (uint8_t)(scope.flags | flags)};
}

/* The script of the first letter of RUNS that has one, or USCRIPT_INVALID_CODE. */
static UScriptCode runs_script(const struct model_inline *runs, size_t n)
{
	for (size_t r = 0; r < n; r++) {
		const struct model_inline *run = &runs[r];
		for (size_t i = 0; run->kind == INLINE_TEXT && i < run->text_len;) {
			uint32_t cp;
			i += utf8_decode(run->text + i, run->text_len - i, &cp);
			UErrorCode status = U_ZERO_ERROR;
			UScriptCode script = uscript_getScript((UChar32)cp, &status);
			if (U_SUCCESS(status) && script != USCRIPT_COMMON &&
			    script != USCRIPT_INHERITED && script != USCRIPT_UNKNOWN)
				return script;
		}
		UScriptCode inner = runs_script(run->children, run->n_children);
		if (inner != USCRIPT_INVALID_CODE)
			return inner;
	}
	return USCRIPT_INVALID_CODE;
}

/* Whether NAME is written in another script than the language TAG's (a Latin-script name
 * in Farsi text).  Unknown either way: no. */
static bool name_in_other_script(const struct model_inline *name, const char *tag)
{
	UScriptCode script = runs_script(name->children, name->n_children);
	UScriptCode codes[8];
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = tag ? uscript_getCode(tag, codes, 8, &status) : 0;
	if (script == USCRIPT_INVALID_CODE || U_FAILURE(status) || n <= 0)
		return false;
	for (int32_t i = 0; i < n; i++)
		if (codes[i] == script)
			return false;
	return true;
}

static void flatten(struct linter *l, const struct model_inline *runs, size_t n,
		    struct scope scope)
{
	for (size_t r = 0; r < n && !l->failed; r++) {
		const struct model_inline *run = &runs[r];
		struct scope inner = scope;
		switch (run->kind) {
		case INLINE_TEXT:
			for (size_t i = 0; i < run->text_len;) {
				uint32_t cp;
				size_t len = utf8_decode(run->text + i, run->text_len - i, &cp);
				push_char(l, cp, run->text_offsets[i], scope, 0);
				i += len;
			}
			continue;
		case INLINE_DATE:
			push_char(l, OBJECT_DATE, run->offset, scope, CH_OBJECT);
			continue;
		case INLINE_BR:
			push_char(l, OBJECT_BR, run->offset, scope, CH_OBJECT);
			continue;
		case INLINE_FOREIGN:
			if (run->lang) {
				inner.tag = run->lang;
				inner.lang = (uint8_t)lang_of(run->lang);
			}
			break;
		case INLINE_LINK:
			inner.flags |= CH_SKIP;
			break;
		case INLINE_NAME:
			if (name_in_other_script(run, scope.tag))
				inner.flags |= CH_SKIP;
			break;
		case INLINE_EM:
		case INLINE_STRONG:
			break;
		}
		flatten(l, run->children, run->n_children, inner);
	}
}
/* ---- URLs and e-mail addresses typed as text --------------------------------------- */

static bool is_url_char(const struct ch *c)
{
	return !(c->flags & CH_OBJECT) && c->cp > 0x20 && c->cp < 0x7F &&
	       !strchr("\"<>`{}|\\^", (int)c->cp);
}

/* Marks URLs and e-mail addresses: the language rules leave them alone.  A token here is
 * a run of printable ASCII; uri_token_address says which part of it is an address. */
static void mark_urls(struct linter *l)
{
	for (size_t i = 0; i < l->n;) {
		if (!is_url_char(&l->chars[i])) {
			i++;
			continue;
		}
		size_t a = i, b = i, start, n;
		while (b < l->n && is_url_char(&l->chars[b]))
			b++;
		i = b;
		for (size_t k = a; k < b; k++)
			l->token[k - a] = (char)l->chars[k].cp;
		if (uri_token_address(l->token, b - a, &start, &n))
			for (size_t k = a + start; k < a + start + n; k++)
				l->chars[k].flags |= CH_SKIP;
	}
}

/* ---- documents --------------------------------------------------------------------- */

const struct lang_facts *lint_lang_facts(struct linter *l, const char *tag)
{
	for (size_t i = 0; i < l->n_facts; i++)
		if (strcmp(l->facts[i].tag, tag) == 0)
			return &l->facts[i];
	if (!GROW(l->facts, l->cap_facts, l->n_facts + 1)) {
		l->failed = true;
		return NULL;
	}
	lang_facts_init(&l->facts[l->n_facts], tag);
	return &l->facts[l->n_facts++];
}

/* Which languages' rules have text to check in L: a bit per enum lang. */
static unsigned langs_checked(const struct linter *l)
{
	unsigned langs = 0;
	for (size_t i = 0; i < l->n; i++)
		if (!(l->chars[i].flags & (CH_SKIP | CH_OBJECT)))
			langs |= 1u << l->chars[i].lang;
	return langs;
}

/* Flattens T, marks its URLs, and runs each rule of the table that is on and has text
 * of its language to check; each rule walks the whole text once. */
static void lint_text(struct linter *l, const struct model_text *t)
{
	l->n = 0;
	struct scope top = {t->lang, (uint8_t)lang_of(t->lang), 0};
	flatten(l, t->runs, t->n_runs, top);
	if (l->failed || l->n == 0)
		return;
	if (!GROW(l->token, l->cap_token, l->n + 1)) {
		l->failed = true;
		return;
	}
	mark_urls(l);
	unsigned langs = langs_checked(l);
	for (const struct lint_rule *r = lint_rules; r->name && !l->failed; r++)
		if (rule_on(l, r->name) &&
		    (strcmp(r->lang, "*") == 0 || (langs & (1u << lang_of(r->lang)))))
			r->check(l, r);
}

/* ---- comments that silence rules --------------------------------------------------- */

/* Adds the rules a comment's content [P, END) allows, if it is "broadside: allow …". */
static void allow_from_comment(struct linter *l, const char *p, const char *end)
{
	static const char ws[] = " \t\r\n";
	while (p < end && strchr(ws, *p))
		p++;
	if ((size_t)(end - p) < 10 || memcmp(p, "broadside:", 10) != 0)
		return;
	p += 10;
	while (p < end && strchr(ws, *p))
		p++;
	if ((size_t)(end - p) < 5 || memcmp(p, "allow", 5) != 0)
		return;
	for (p += 5; p < end;) {
		while (p < end && (strchr(ws, *p) || *p == ','))
			p++;
		const char *name = p;
		while (p < end && !strchr(ws, *p) && *p != ',')
			p++;
		if (p > name && l->n_allowed < ALLOW_MAX)
			l->allowed[l->n_allowed++] = (struct allowed){name, (size_t)(p - name)};
	}
}

/* The comments directly before the element at OFFSET: only white space between. */
static void allow_before(struct linter *l, uint32_t offset)
{
	const char *b = l->src->bytes;
	size_t at = offset < l->src->len ? offset : 0;
	for (;;) {
		while (at > 0 && strchr(" \t\r\n", b[at - 1]))
			at--;
		if (at < 3 || memcmp(b + at - 3, "-->", 3) != 0)
			return;
		size_t open = at - 3;
		while (open >= 4 && memcmp(b + open - 4, "<!--", 4) != 0)
			open--;
		if (open < 4)
			return;
		allow_from_comment(l, b + open, b + at - 3);
		at = open - 4;
	}
}

/* The comments inside the <t> at OFFSET (up to its end tag). */
static void allow_inside(struct linter *l, uint32_t offset)
{
	const char *b = l->src->bytes, *end = b + l->src->len;
	const char *p = offset < l->src->len ? b + offset : end;
	const char *close = memmem(p, (size_t)(end - p), "</t>", 4);
	if (!close)
		return;
	while ((p = memmem(p, (size_t)(close - p), "<!--", 4))) {
		const char *stop = memmem(p + 4, (size_t)(close - p - 4), "-->", 3);
		if (!stop)
			return;
		allow_from_comment(l, p + 4, stop);
		p = stop + 3;
	}
}

int lint_document(const struct model_doc *doc, const struct source *src,
		  struct diag_list *diags, struct lint_fixes *fixes)
{
	return lint_document_with(doc, src, NULL, diags, fixes);
}

int lint_document_with(const struct model_doc *doc, const struct source *src,
		       const struct lint_options *options, struct diag_list *diags,
		       struct lint_fixes *fixes)
{
	struct linter l = {.src = src, .options = options, .diags = diags, .fixes = fixes};
	for (size_t u = 0; u < doc->n_units && !l.failed; u++)
		for (size_t i = 0; i < doc->units[u].n_texts && !l.failed; i++) {
			const struct model_text *t = &doc->units[u].texts[i];
			l.n_allowed = 0;
			allow_before(&l, doc->units[u].offset);
			allow_before(&l, t->offset);
			allow_inside(&l, t->offset);
			lint_text(&l, t);
		}
	if (fixes)
		fixes_settle(fixes);
	free(l.chars);
	free(l.token);
	free(l.facts);
	return l.failed || diags->out_of_memory ? -1 : 0;
}
