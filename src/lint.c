/* lint.c — typographic rules per language, and their safe fixes; see lint.h.
 *
 * The rules, by their stable names ("fix" marks the ones with a safe fix):
 *
 *   Farsi (fa)
 *     fa-arabic-yeh          fix  Arabic yeh U+064A, alef maksura U+0649 → Farsi yeh U+06CC
 *     fa-arabic-kaf          fix  Arabic kaf U+0643 → Farsi kaf U+06A9
 *     fa-heh                 fix  heh goal U+06C1, doachashmee U+06BE, ae U+06D5 → heh U+0647
 *     fa-presentation-form   fix  U+FB50–U+FDFF, U+FE70–U+FEFE → their NFKC form
 *     fa-digits              fix  Arabic-Indic digits and 0–9 → Persian digits U+06F0–U+06F9
 *     fa-punctuation         fix  , ; ? → ، ؛ ؟  (a comma between digits: reported only)
 *     fa-zwnj-missing             a space or nothing where U+200C belongs (می‌, ‌ها, ‌ترین…)
 *     fa-zwnj-misplaced      fix  U+200C next to a space, punctuation, an edge or another one
 *                                 (fixed only next to a space: the U+200C is deleted)
 *     fa-tatweel                  U+0640
 *     fa-guillemets          fix  »…« → «…»
 *   German (de)
 *     de-quotes              fix  "…" → „…“
 *     de-abbreviation             z.B. → z. B. with U+202F
 *     de-dash                     " - " → " – "
 *   Every language
 *     space-doubled          fix  two spaces in a row on one source line → one
 *     space-edge                  white space without a line break at the edge of a <t>
 *     invisible-char              U+200B, U+FEFF, U+00AD, U+2060
 *     bidi-mark                   U+200E, U+200F, U+061C
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

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include "utf8.h"

#define ZWNJ 0x200C
/* What <date/> and <br/> stand for in the flattened text; never in the source. */
#define OBJECT_DATE 0xFFFC
#define OBJECT_BR 0x2028

/* Swiss and Liechtenstein German quote with «…», and are otherwise German. */
enum lang { LANG_OTHER, LANG_FA, LANG_DE, LANG_DE_CH };

enum {
	CH_SKIP = 1,   /* no language rules here: link text, a name in another script, a URL */
	CH_OBJECT = 2, /* a <date/> or <br/>, not a character of the source */
};

struct ch {
	uint32_t cp;
	uint32_t offset; /* of the character (or its reference's '&') in the source */
	uint8_t lang;    /* enum lang */
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
	char *token;              /* scratch: one ASCII token, n + 1 bytes */
};

/* ---- UTF-8 and the source ---------------------------------------------------------- */

/* CP as a NUL-terminated UTF-8 string in BUF (at least 5 bytes). */
static const char *utf8_of(uint32_t cp, char *buf)
{
	buf[utf8_encode(cp, buf)] = '\0';
	return buf;
}

/* How many source bytes at OFFSET write CP: its UTF-8 bytes, or a whole character
 * reference; 0 when the source there is neither (then no fix is made). */
static uint32_t source_span(const struct source *src, uint32_t offset, uint32_t cp)
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

/* ---- rules that run ---------------------------------------------------------------- */

static const char *const rule_names[] = {
	"fa-arabic-yeh", "fa-arabic-kaf", "fa-heh", "fa-presentation-form", "fa-digits",
	"fa-punctuation", "fa-zwnj-missing", "fa-zwnj-misplaced", "fa-tatweel", "fa-guillemets",
	"de-quotes", "de-abbreviation", "de-dash", "space-doubled", "space-edge",
	"invisible-char", "bidi-mark", NULL,
};

bool lint_rule_known(const char *rule)
{
	for (size_t i = 0; rule_names[i]; i++)
		if (strcmp(rule_names[i], rule) == 0)
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
	free(fix->replacement);
	free(fix->rule);
	free(fix->description);
}

void lint_fixes_clear(struct lint_fixes *fixes)
{
	if (!fixes)
		return;
	for (size_t i = 0; i < fixes->n; i++)
		fix_free(&fixes->items[i]);
	free(fixes->items);
	lint_fixes_init(fixes);
}

static int fixes_push(struct lint_fixes *fixes, const struct lint_fix *fix)
{
	if (fixes->n == fixes->cap) {
		size_t cap = fixes->cap ? fixes->cap * 2 : 16;
		struct lint_fix *items = realloc(fixes->items, cap * sizeof *items);
		if (!items)
			return -1;
		fixes->items = items;
		fixes->cap = cap;
	}
	fixes->items[fixes->n++] = *fix;
	return 0;
}

static int compare_fixes(const void *a, const void *b)
{
	const struct lint_fix *x = a, *y = b;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->length < y->length ? -1 : x->length > y->length;
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
		const struct lint_fix *last = &fixes->items[kept - 1];
		if (fixes->items[i].offset < last->offset + last->length)
			fix_free(&fixes->items[i]);
		else
			fixes->items[kept++] = fixes->items[i];
	}
	fixes->n = kept;
}

/* At most this many characters replace one (U+FDFA's NFKC form has 18). */
#define FIX_MAX 20

/* Adds the safe fix of character I: TO[0 .. N_TO) instead. */
static void add_fix(struct linter *l, size_t i, const uint32_t *to, size_t n_to, const char *rule)
{
	const struct ch *c = &l->chars[i];
	uint32_t length = l->fixes && rule_on(l, rule) ? source_span(l->src, c->offset, c->cp) : 0;
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
	struct lint_fix fix = {
		.offset = c->offset,
		.length = length,
		.replacement = strdup(replacement),
		.rule = strdup(rule),
		.description = strdup(description),
	};
	if (!fix.replacement || !fix.rule || !fix.description || fixes_push(l->fixes, &fix) != 0) {
		fix_free(&fix);
		l->failed = true;
	}
}

/* Adds the safe fix that deletes LENGTH source bytes at OFFSET. */
static void add_deletion(struct linter *l, uint32_t offset, uint32_t length, const char *rule,
			 const char *description)
{
	if (!l->fixes || length == 0 || !rule_on(l, rule))
		return;
	struct lint_fix fix = {
		.offset = offset,
		.length = length,
		.replacement = strdup(""),
		.rule = strdup(rule),
		.description = strdup(description),
	};
	if (!fix.replacement || !fix.rule || !fix.description || fixes_push(l->fixes, &fix) != 0) {
		fix_free(&fix);
		l->failed = true;
	}
}

static void add_fix1(struct linter *l, size_t i, uint32_t to, const char *rule)
{
	add_fix(l, i, &to, 1, rule);
}

static struct source_change fix_change(const void *fixes, size_t i)
{
	const struct lint_fix *fix = &((const struct lint_fixes *)fixes)->items[i];
	return (struct source_change){fix->offset, fix->length, fix->replacement};
}

int lint_apply(const struct source *src, const struct lint_fixes *fixes, char **out,
	       size_t *out_len)
{
	return source_splice(src, fix_change, fixes, fixes->n, out, out_len);
}

/* ---- findings ---------------------------------------------------------------------- */

static void report(struct linter *l, size_t i, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A warning of RULE at character I. */
static void report(struct linter *l, size_t i, const char *rule, const char *fmt, ...)
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
	if (strncasecmp(tag, "de", 2) == 0) {
		const char *region = strpbrk(tag, "-_");
		while (region && strcspn(region + 1, "-_") != 2)
			region = strpbrk(region + 1, "-_");
		if (region && (strncasecmp(region + 1, "CH", 2) == 0 || strncasecmp(region + 1, "LI", 2) == 0))
			return LANG_DE_CH;
		return LANG_DE;
	}
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
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct ch *chars = realloc(l->chars, cap * sizeof *chars);
		if (!chars) {
			l->failed = true;
			return;
		}
		l->chars = chars;
		l->cap = cap;
	}
	l->chars[l->n++] = (struct ch){cp, offset, scope.lang, (uint8_t)(scope.flags | flags)};
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

/* The character at I, or 0 outside the text. */
static uint32_t cp_at(const struct linter *l, size_t i)
{
	return i < l->n ? l->chars[i].cp : 0;
}

static uint32_t cp_before(const struct linter *l, size_t i)
{
	return i > 0 ? l->chars[i - 1].cp : 0;
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r';
}

static bool is_ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
	       (cp >= 0x06F0 && cp <= 0x06F9);
}

/* Whether character I is text of language LANG that its rules check. */
static bool checked_in(const struct linter *l, size_t i, enum lang lang)
{
	if (i >= l->n || (l->chars[i].flags & (CH_SKIP | CH_OBJECT)))
		return false;
	return l->chars[i].lang == lang || (lang == LANG_DE && l->chars[i].lang == LANG_DE_CH);
}

/* ---- URLs and e-mail addresses typed as text --------------------------------------- */

static bool is_url_char(const struct ch *c)
{
	return !(c->flags & CH_OBJECT) && c->cp > 0x20 && c->cp < 0x7F &&
	       !strchr("\"<>`{}|\\^", (int)c->cp);
}

/* "example.org", "example.org/page2": labels of letters, digits and hyphens, the last
 * one (the top-level domain) of two or more letters.  Without a path the top-level
 * domain must be lower case, so that "Mr.Smith" is no domain. */
static bool is_domain(const char *s)
{
	size_t host = strcspn(s, "/:?#");
	size_t labels = 0, tld_len = 0;
	bool tld_alpha = true, tld_lower = true;
	for (size_t i = 0; i <= host; i++) {
		char c = i < host ? s[i] : '.';
		if (c == '.') {
			if (tld_len == 0)
				return false;
			labels++;
			if (i < host) {
				tld_len = 0;
				tld_alpha = tld_lower = true;
			}
			continue;
		}
		if (!is_ascii_alnum((unsigned char)c) && c != '-')
			return false;
		tld_len++;
		tld_alpha &= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		tld_lower &= c >= 'a' && c <= 'z';
	}
	if (labels < 2 || tld_len < 2 || !tld_alpha)
		return false;
	return s[host] != '\0' || tld_lower;
}

static bool is_url_like(const char *s)
{
	if (strstr(s, "://") || strncasecmp(s, "mailto:", 7) == 0 ||
	    (strncasecmp(s, "www.", 4) == 0 && s[4]))
		return true;
	const char *at = strchr(s, '@');
	if (at && at > s)
		return is_domain(at + 1);
	return is_domain(s);
}

/* Marks URL-like tokens: the language rules leave them alone. */
static void mark_urls(struct linter *l)
{
	for (size_t i = 0; i < l->n;) {
		if (!is_url_char(&l->chars[i])) {
			i++;
			continue;
		}
		size_t a = i, b = i;
		while (b < l->n && is_url_char(&l->chars[b]))
			b++;
		i = b;
		while (a < b && strchr("([{'", (int)l->chars[a].cp))
			a++;
		while (b > a && strchr(".,;:!?)]}'", (int)l->chars[b - 1].cp))
			b--;
		for (size_t k = a; k < b; k++)
			l->token[k - a] = (char)l->chars[k].cp;
		l->token[b - a] = '\0';
		if (b > a && is_url_like(l->token))
			for (size_t k = a; k < b; k++)
				l->chars[k].flags |= CH_SKIP;
	}
}

/* ---- characters of every language -------------------------------------------------- */

static const struct {
	uint32_t cp;
	const char *rule, *name, *advice;
} stray_chars[] = {
	{0x200B, "invisible-char", "invisible zero-width space",
	 "delete it; broadside finds the places where a line may break itself"},
	{0xFEFF, "invisible-char", "invisible zero-width no-break space (byte order mark)",
	 "delete it"},
	{0x00AD, "invisible-char", "soft hyphen",
	 "delete it; broadside inserts the hyphenation points itself"},
	{0x2060, "invisible-char", "invisible word joiner", "delete it"},
	{0x200E, "bidi-mark", "left-to-right mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
	{0x200F, "bidi-mark", "right-to-left mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
	{0x061C, "bidi-mark", "Arabic letter mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
};

static void check_stray_char(struct linter *l, size_t i)
{
	for (size_t k = 0; k < sizeof stray_chars / sizeof stray_chars[0]; k++) {
		if (l->chars[i].cp != stray_chars[k].cp)
			continue;
		bool zwsp_in_farsi = stray_chars[k].cp == 0x200B && l->chars[i].lang == LANG_FA;
		report(l, i, stray_chars[k].rule, "%s (U+%04X): %s%s", stray_chars[k].name,
		       (unsigned)stray_chars[k].cp, stray_chars[k].advice,
		       zwsp_in_farsi ? " (to keep two Persian letters apart, type a zero-width "
				       "non-joiner U+200C)"
				     : "");
		return;
	}
}

/* ---- Farsi: characters ------------------------------------------------------------- */

static const struct {
	uint32_t from, to;
	const char *rule, *from_name, *to_name;
} fa_letters[] = {
	{0x064A, 0x06CC, "fa-arabic-yeh", "Arabic yeh", "Farsi yeh"},
	{0x0649, 0x06CC, "fa-arabic-yeh", "Arabic alef maksura", "Farsi yeh"},
	{0x0643, 0x06A9, "fa-arabic-kaf", "Arabic kaf", "Farsi kaf"},
	{0x06C1, 0x0647, "fa-heh", "heh goal", "heh"},
	{0x06BE, 0x0647, "fa-heh", "heh doachashmee", "heh"},
	{0x06D5, 0x0647, "fa-heh", "ae", "heh"},
};

/* The letter Farsi writes for CP: Farsi yeh for Arabic yeh, and so on. */
static uint32_t fa_letter(uint32_t cp)
{
	for (size_t k = 0; k < sizeof fa_letters / sizeof fa_letters[0]; k++)
		if (fa_letters[k].from == cp)
			return fa_letters[k].to;
	return cp;
}

static bool is_presentation_form(uint32_t cp)
{
	return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE);
}

/* A presentation form's NFKC form, with Farsi letters, in TO; how many characters, or 0
 * when it has none (ornate parentheses, noncharacters): then it is no finding. */
static size_t presentation_form_nfkc(uint32_t cp, uint32_t *to)
{
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
	UChar in[1] = {(UChar)cp}, out[FIX_MAX];
	int32_t n = U_SUCCESS(status) ? unorm2_normalize(nfkc, in, 1, out, FIX_MAX, &status) : 0;
	if (U_FAILURE(status) || n <= 0 || (n == 1 && out[0] == in[0]))
		return 0;
	for (int32_t k = 0; k < n; k++) /* the Arabic block has no surrogates */
		to[k] = fa_letter(out[k]);
	return (size_t)n;
}

static void check_presentation_form(struct linter *l, size_t i)
{
	uint32_t cp = l->chars[i].cp, to[FIX_MAX];
	size_t n = presentation_form_nfkc(cp, to);
	if (n == 0)
		return;
	char name[128] = "", glyph[8], text[4 * FIX_MAX + 1], points[8 * FIX_MAX] = "";
	UErrorCode status = U_ZERO_ERROR;
	u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
	size_t t = 0, p = 0;
	for (size_t k = 0; k < n; k++) {
		t += utf8_encode(to[k], text + t);
		p += (size_t)snprintf(points + p, sizeof points - p, "%sU+%04X", k ? " " : "",
				      (unsigned)to[k]);
	}
	text[t] = '\0';
	report(l, i, "fa-presentation-form",
	       "Arabic presentation form %s (U+%04X %s): type %s (%s); the font shapes the "
	       "letters itself",
	       utf8_of(cp, glyph), (unsigned)cp, name, text, points);
	add_fix(l, i, to, n, "fa-presentation-form");
}

/* Whether the ASCII digit at I belongs to a Latin word ("G7", "H2O", "COVID-19", "A4"),
 * which is not Farsi text even when nobody marked it as foreign. */
static bool in_latin_word(const struct linter *l, size_t i)
{
	size_t a = i, b = i + 1;
	while (a > 0 && (is_ascii_alnum(l->chars[a - 1].cp) || l->chars[a - 1].cp == '-'))
		a--;
	while (b < l->n && (is_ascii_alnum(l->chars[b].cp) || l->chars[b].cp == '-'))
		b++;
	for (size_t k = a; k < b; k++)
		if (!is_digit(l->chars[k].cp) && l->chars[k].cp != '-')
			return true;
	return false;
}

/* Digits from I on that Farsi writes as Persian digits; reports the run once and fixes
 * each.  Returns where the run ends. */
static size_t check_fa_digits(struct linter *l, size_t i)
{
	bool latin = l->chars[i].cp <= '9';
	if (latin && in_latin_word(l, i))
		return i + 1;
	uint32_t zero = latin ? '0' : 0x0660;
	size_t end = i;
	char typed[64] = "", persian[64] = "";
	size_t t = 0, p = 0;
	while (checked_in(l, end, LANG_FA) && l->chars[end].cp >= zero &&
	       l->chars[end].cp <= zero + 9) {
		if (t + 4 < sizeof typed && p + 4 < sizeof persian) {
			t += utf8_encode(l->chars[end].cp, typed + t);
			p += utf8_encode(0x06F0 + l->chars[end].cp - zero, persian + p);
		}
		end++;
	}
	typed[t] = persian[p] = '\0';
	report(l, i, "fa-digits", "%s %s: type Persian digits %s (U+06F0–U+06F9)",
	       latin ? "Latin digits" : "Arabic-Indic digits (U+0660–U+0669)", typed, persian);
	for (size_t k = i; k < end; k++)
		add_fix1(l, k, 0x06F0 + l->chars[k].cp - zero, "fa-digits");
	return end;
}

static void check_fa_punctuation(struct linter *l, size_t i)
{
	static const struct {
		uint32_t from, to;
		const char *name, *to_name;
	} marks[] = {
		{',', 0x060C, "Latin comma", "Arabic comma"},
		{';', 0x061B, "Latin semicolon", "Arabic semicolon"},
		{'?', 0x061F, "Latin question mark", "Arabic question mark"},
	};
	uint32_t cp = l->chars[i].cp;
	if (cp == ',' && is_digit(cp_before(l, i)) && is_digit(cp_at(l, i + 1))) {
		report(l, i, "fa-punctuation",
		       "Latin comma between digits: type the Persian thousands separator ٬ "
		       "(U+066C), or the decimal separator ٫ (U+066B)");
		return;
	}
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		if (cp != marks[k].from)
			continue;
		char glyph[8];
		report(l, i, "fa-punctuation", "%s \"%c\": type %s %s (U+%04X)", marks[k].name,
		       (char)cp, marks[k].to_name, utf8_of(marks[k].to, glyph),
		       (unsigned)marks[k].to);
		add_fix1(l, i, marks[k].to, "fa-punctuation");
	}
}

/* Checks the Farsi character at I; returns the index of the next one to check. */
static size_t check_fa_char(struct linter *l, size_t i)
{
	uint32_t cp = l->chars[i].cp;
	char from[8], to[8];
	for (size_t k = 0; k < sizeof fa_letters / sizeof fa_letters[0]; k++) {
		if (cp != fa_letters[k].from)
			continue;
		report(l, i, fa_letters[k].rule, "%s %s (U+%04X): type %s %s (U+%04X)",
		       fa_letters[k].from_name, utf8_of(cp, from), (unsigned)cp,
		       fa_letters[k].to_name, utf8_of(fa_letters[k].to, to),
		       (unsigned)fa_letters[k].to);
		add_fix1(l, i, fa_letters[k].to, fa_letters[k].rule);
		return i + 1;
	}
	if (is_presentation_form(cp))
		check_presentation_form(l, i);
	else if ((cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669))
		return check_fa_digits(l, i);
	else if (cp == ',' || cp == ';' || cp == '?')
		check_fa_punctuation(l, i);
	else if (cp == 0x0640)
		report(l, i, "fa-tatweel",
		       "tatweel ـ (U+0640) stretches a letter by hand: delete it; the renderer "
		       "justifies lines itself");
	return i + 1;
}

/* ---- Farsi: the zero-width non-joiner ---------------------------------------------- */

/* Whether a ZWNJ cannot stand next to the character at I (0: the edge of the text). */
static bool ends_a_word(const struct linter *l, size_t i)
{
	if (i >= l->n)
		return true;
	uint32_t cp = l->chars[i].cp;
	return is_space(cp) || (l->chars[i].flags & CH_OBJECT) || u_ispunct((UChar32)cp);
}

/* A ZWNJ next to a space joins nothing: deleting it changes no shape.  Between two
 * spaces, the space after it goes too, so that no doubled space is left. */
static void fix_zwnj_by_space(struct linter *l, size_t i)
{
	bool before = i > 0 && is_space(l->chars[i - 1].cp);
	bool after = i + 1 < l->n && is_space(l->chars[i + 1].cp);
	if (!before && !after)
		return;
	uint32_t offset = l->chars[i].offset, span = source_span(l->src, offset, ZWNJ);
	bool space_too = before && after && span > 0 && l->chars[i + 1].cp == ' ' &&
			 l->chars[i + 1].offset == offset + span &&
			 l->src->bytes[offset + span] == ' ';
	add_deletion(l, offset, span + space_too, "fa-zwnj-misplaced",
		     space_too ? "U+200C U+0020 → (deleted)" : "U+200C → (deleted)");
}

static void check_zwnj_places(struct linter *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->chars[i].cp != ZWNJ || !checked_in(l, i, LANG_FA))
			continue;
		size_t j = i;
		while (j + 1 < l->n && l->chars[j + 1].cp == ZWNJ)
			j++;
		if (j > i)
			report(l, i + 1, "fa-zwnj-misplaced",
			       "%zu zero-width non-joiners (U+200C) in a row: delete all but one",
			       j - i + 1);
		else if (i == 0 || ends_a_word(l, i - 1) || ends_a_word(l, i + 1)) {
			report(l, i, "fa-zwnj-misplaced",
			       "zero-width non-joiner (U+200C) %s: delete it; it belongs between "
			       "two letters of a word",
			       i == 0 || i + 1 == l->n  ? "at the edge of the text"
			       : ends_a_word(l, i - 1) ? "after a space or punctuation"
						       : "before a space or punctuation");
			fix_zwnj_by_space(l, i);
		}
		i = j;
	}
}

static bool is_fa_letter(const struct linter *l, size_t i)
{
	if (!checked_in(l, i, LANG_FA))
		return false;
	UErrorCode status = U_ZERO_ERROR;
	UChar32 cp = (UChar32)l->chars[i].cp;
	return u_isalpha(cp) && uscript_getScript(cp, &status) == USCRIPT_ARABIC;
}

/* Letters, their marks and ZWNJ make a Farsi word. */
static bool is_fa_word_char(const struct linter *l, size_t i)
{
	if (is_fa_letter(l, i))
		return true;
	uint32_t cp = i < l->n ? l->chars[i].cp : 0;
	return checked_in(l, i, LANG_FA) &&
	       (cp == ZWNJ || u_charType((UChar32)cp) == U_NON_SPACING_MARK);
}

#define WORD_MAX 48

/* A Farsi word as the ZWNJ rules compare it: letters only, marks and tatweel dropped,
 * Arabic yeh and kaf as Farsi ones. */
struct word {
	uint32_t cp[WORD_MAX];
	size_t at[WORD_MAX]; /* where each letter stands in the linter's text */
	size_t n;
	size_t first_end;   /* the letters before the first ZWNJ */
	size_t last_start;  /* the letters after the last one */
	size_t begin, end;  /* the whole word in the linter's text */
};

static bool word_read(const struct linter *l, size_t begin, size_t end, struct word *w)
{
	w->n = 0;
	w->first_end = SIZE_MAX;
	w->last_start = 0;
	w->begin = begin;
	w->end = end;
	for (size_t k = begin; k < end; k++) {
		uint32_t cp = l->chars[k].cp;
		if (cp == ZWNJ) {
			if (w->first_end == SIZE_MAX)
				w->first_end = w->n;
			w->last_start = w->n;
			continue;
		}
		if (cp == 0x0640 || !is_fa_letter(l, k))
			continue;
		if (w->n == WORD_MAX)
			return false;
		w->at[w->n] = k;
		w->cp[w->n++] = fa_letter(cp);
	}
	if (w->first_end == SIZE_MAX)
		w->first_end = w->n;
	return w->n > 0;
}

/* Letters FROM .. TO of W as UTF-8 in BUF (at least 4 * WORD_MAX + 1 bytes). */
static const char *word_utf8(const struct word *w, size_t from, size_t to, char *buf)
{
	size_t n = 0;
	for (size_t k = from; k < to; k++)
		n += utf8_encode(w->cp[k], buf + n);
	buf[n] = '\0';
	return buf;
}

/* The characters A .. B of the text as UTF-8 into BUF of CAP bytes, from *LEN on. */
static void text_utf8(const struct linter *l, size_t a, size_t b, char *buf, size_t cap,
		      size_t *len)
{
	for (size_t k = a; k < b && *len + 5 < cap; k++)
		*len += utf8_encode(l->chars[k].cp, buf + *len);
	buf[*len] = '\0';
}

/* Characters [A, B) and [C, D) of the text joined by a ZWNJ, in BUF: the spelling that
 * fa-zwnj-missing proposes. */
static const char *with_zwnj(const struct linter *l, size_t a, size_t b, size_t c, size_t d,
			     char *buf, size_t cap)
{
	size_t len = 0;
	text_utf8(l, a, b, buf, cap, &len);
	if (len + 5 < cap) {
		len += utf8_encode(ZWNJ, buf + len);
		buf[len] = '\0';
	}
	text_utf8(l, c, d, buf, cap, &len);
	return buf;
}

/* Common words that only start like a verb with می (and their plurals, ezafe and
 * possessives, see noun_endings), or end like a word with ها, های, تر or ترین. */
static const char *const mi_words[] = {
	"میان", "میانه", "میانگین", "میانجی", "میدان", "میز", "میزان", "میزبان", "میزگرد",
	"میوه", "میهن", "میهمان", "میل", "میله", "میلیون", "میلیارد", "میلیمتر", "میلاد",
	"میلادی", "میراث", "میش", "میخ", "میخک", "میخانه", "میر", "میرزا", "مینا", "مینو",
	"میم", "میمون", "میگو", "میکروب", "میکروفون", "میکده", "میعاد", "میسر", "میثاق",
	"میترا", "میثم", "میکائیل", "میشل", "مینیاتور", "میتینگ", "میگرن", "میهنی",
	"میدانی", "میراثی", "میزبانی", "میهمانی", NULL,
};
static const char *const nami_words[] = {
	"نمیرد", "نمیرم", "نمیری", "نمیریم", "نمیرید", "نمیرند", NULL,
};
static const char *const noun_endings[] = {
	"", "ی", "ای", "ها", "های", "ان", "ش", "م", "ت", "مان", "تان", "شان", NULL,
};
static const char *const suffix_words[] = {
	"تنها", "رها", "بها", "اژدها", "انتها", "اشتها", "منتها", "فقها", "سفها",
	"دفتر", "اختر", "بستر", "چتر", "شتر", "دختر", "انگشتر", "خاکستر", "لیتر", "دکتر",
	"فیلتر", "پوستر", "تیتر", "کاراکتر", "نیشتر", "اشتر", "استر", "ابتر", "مستتر",
	"لوستر", "سانتر", "پرینتر", "وتر", "ستر", "پیتر", "کبوتر",
	/* comparatives that Farsi writes joined */
	"بهتر", "بیشتر", "کمتر", "مهتر", "کهتر", "پیشتر",
	"بهترین", "بیشترین", "کمترین", "مهترین", "کهترین", NULL,
};
/* Words ending in these end in تر without a suffix: کیلومتر, دادگستر. */
static const char *const suffix_word_endings[] = {"متر", "گستر", NULL};

static bool listed(const char *word, const char *const *list)
{
	for (size_t k = 0; list[k]; k++)
		if (strcmp(word, list[k]) == 0)
			return true;
	return false;
}

/* Whether WORD is a word of LIST followed by one of ENDINGS. */
static bool listed_with_ending(const char *word, const char *const *list,
			       const char *const *endings)
{
	for (size_t k = 0; list[k]; k++) {
		size_t n = strlen(list[k]);
		if (strncmp(word, list[k], n) == 0 && listed(word + n, endings))
			return true;
	}
	return false;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

static const struct {
	const char *text;
	size_t letters;
} fa_suffixes[] = {{"ترین", 4}, {"های", 3}, {"ها", 2}, {"تر", 2}};

static const char *const zwnj_caveat =
	"; this check has false positives: where the letters belong to the word, put "
	"<!-- broadside: allow fa-zwnj-missing --> before the unit";

/* "می خواهیم", "کتاب ها": a prefix or suffix written as a word of its own. */
static void check_detached(struct linter *l, const struct word *w)
{
	char part[4 * WORD_MAX + 1], fixed[512];
	if (w->first_end != w->n)
		return; /* has a ZWNJ: not a word of its own */
	word_utf8(w, 0, w->n, part);
	bool prefix = strcmp(part, "می") == 0 || strcmp(part, "نمی") == 0;
	if (prefix && cp_at(l, w->end) == ' ' && is_fa_letter(l, w->end + 1)) {
		size_t next = w->end + 1;
		while (next < l->n && next - w->end <= WORD_MAX && is_fa_word_char(l, next))
			next++;
		with_zwnj(l, w->begin, w->end, w->end + 1, next, fixed, sizeof fixed);
		report(l, w->end, "fa-zwnj-missing",
		       "\"%s\" is written apart from its verb: type a zero-width non-joiner U+200C "
		       "instead of the space (\"%s\")%s",
		       part, fixed, zwnj_caveat);
		return;
	}
	bool suffix = false;
	for (size_t k = 0; k < sizeof fa_suffixes / sizeof fa_suffixes[0]; k++)
		suffix |= strcmp(part, fa_suffixes[k].text) == 0;
	if (suffix && w->begin >= 2 && cp_at(l, w->begin - 1) == ' ' &&
	    is_fa_word_char(l, w->begin - 2) && l->chars[w->begin - 2].cp != ZWNJ) {
		size_t prev = w->begin - 1;
		while (prev > 0 && w->begin - prev <= WORD_MAX && is_fa_word_char(l, prev - 1))
			prev--;
		with_zwnj(l, prev, w->begin - 1, w->begin, w->end, fixed, sizeof fixed);
		report(l, w->begin - 1, "fa-zwnj-missing",
		       "the suffix \"%s\" is written apart from its word: type a zero-width "
		       "non-joiner U+200C instead of the space (\"%s\")%s",
		       part, fixed, zwnj_caveat);
	}
}

/* "میخواهیم": the prefix می or نمی joined to its verb. */
static void check_joined_prefix(struct linter *l, const struct word *w)
{
	char part[4 * WORD_MAX + 1], prefix[16], fixed[512];
	size_t n = w->first_end;
	const uint32_t *cp = w->cp;
	size_t letters = n >= 3 && cp[0] == 0x0646 && cp[1] == 0x0645 && cp[2] == 0x06CC ? 3
			 : n >= 2 && cp[0] == 0x0645 && cp[1] == 0x06CC			 ? 2
											 : 0;
	if (letters == 0 || n < letters + 2)
		return;
	word_utf8(w, 0, n, part);
	if (letters == 2 ? listed_with_ending(part, mi_words, noun_endings)
			 : listed(part, nami_words))
		return;
	size_t at = w->at[letters];
	with_zwnj(l, w->begin, at, at, w->end, fixed, sizeof fixed);
	report(l, at, "fa-zwnj-missing",
	       "type a zero-width non-joiner U+200C after the prefix \"%s\" (\"%s\")%s",
	       word_utf8(w, 0, letters, prefix), fixed, zwnj_caveat);
}

/* "کتابها", "بزرگترین": a suffix joined to its word.  Only after a letter that joins
 * the next one: after ا, د, ر, و… the letters look apart anyway. */
static void check_joined_suffix(struct linter *l, const struct word *w)
{
	char part[4 * WORD_MAX + 1], fixed[512];
	word_utf8(w, w->last_start, w->n, part);
	size_t letters = w->n - w->last_start;
	for (size_t k = 0; k < sizeof fa_suffixes / sizeof fa_suffixes[0]; k++) {
		const char *suffix = fa_suffixes[k].text;
		if (!ends_with(part, suffix))
			continue;
		if (letters < fa_suffixes[k].letters + 2)
			return;
		size_t stem_end = w->n - fa_suffixes[k].letters;
		if (u_getIntPropertyValue((UChar32)w->cp[stem_end - 1], UCHAR_JOINING_TYPE) !=
		    U_JT_DUAL_JOINING)
			return;
		char singular[4 * WORD_MAX + 1];
		snprintf(singular, sizeof singular, "%s", part);
		if (strcmp(suffix, "های") == 0)
			singular[strlen(singular) - strlen("ی")] = '\0';
		if (listed(part, suffix_words) || listed(singular, suffix_words))
			return;
		for (size_t e = 0; suffix_word_endings[e]; e++)
			if (ends_with(part, suffix_word_endings[e]))
				return;
		size_t at = w->at[stem_end];
		with_zwnj(l, w->begin, at, at, w->end, fixed, sizeof fixed);
		report(l, at, "fa-zwnj-missing",
		       "type a zero-width non-joiner U+200C before the suffix \"%s\" (\"%s\")%s",
		       suffix, fixed, zwnj_caveat);
		return;
	}
}

static void check_fa_words(struct linter *l)
{
	for (size_t i = 0; i < l->n;) {
		if (!is_fa_word_char(l, i)) {
			i++;
			continue;
		}
		size_t begin = i;
		while (i < l->n && is_fa_word_char(l, i))
			i++;
		struct word w;
		if (!word_read(l, begin, i, &w))
			continue;
		check_detached(l, &w);
		check_joined_prefix(l, &w);
		check_joined_suffix(l, &w);
	}
}

/* ---- Farsi: quotation marks -------------------------------------------------------- */

/* »…« where «…» belongs: the guillemets of the text taken in pairs, a pair that opens
 * with » and closes with « is reversed.  Nested or unpaired ones are left alone. */
static void check_guillemets(struct linter *l)
{
	size_t open = SIZE_MAX;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t cp = l->chars[i].cp;
		if ((cp != 0xAB && cp != 0xBB) || !checked_in(l, i, LANG_FA))
			continue;
		if (open == SIZE_MAX) {
			open = i;
			continue;
		}
		if (l->chars[open].cp == 0xBB && cp == 0xAB) {
			unsigned line, col;
			source_position(l->src, l->chars[i].offset, &line, &col);
			report(l, open, "fa-guillemets",
			       "quotation opened with » (U+00BB) and closed with « (U+00AB) at "
			       "%u:%u: type «…» (open with « U+00AB, close with » U+00BB)",
			       line, col);
			add_fix1(l, open, 0xAB, "fa-guillemets");
			add_fix1(l, i, 0xBB, "fa-guillemets");
		}
		open = SIZE_MAX;
	}
}

/* ---- German ------------------------------------------------------------------------ */

static bool opens_quotation(uint32_t before)
{
	return before == 0 || is_space(before) || before == OBJECT_BR || before == '(' ||
	       before == '[' || before == '{' || before == '-' ||
	       (before >= 0x2010 && before <= 0x2015);
}

static void check_de_char(struct linter *l, size_t i)
{
	uint32_t cp = l->chars[i].cp;
	if (cp == '"') {
		bool opening = opens_quotation(cp_before(l, i));
		bool swiss = l->chars[i].lang == LANG_DE_CH;
		report(l, i, "de-quotes", "straight quotation mark \" %s a quotation: type %s",
		       opening ? "opening" : "closing",
		       swiss ? (opening ? "« (U+00AB)" : "» (U+00BB)")
			     : (opening ? "„ (U+201E)" : "“ (U+201C)"));
		add_fix1(l, i, swiss ? (opening ? 0xAB : 0xBB) : (opening ? 0x201E : 0x201C),
			 "de-quotes");
	} else if (cp == '-' && i > 0 && is_space(cp_before(l, i)) && is_space(cp_at(l, i + 1))) {
		report(l, i, "de-dash",
		       "hyphen-minus - used as a dash: type an en dash – (U+2013) between the "
		       "spaces");
	}
}

static bool is_de_letter(const struct linter *l, size_t i)
{
	return checked_in(l, i, LANG_DE) && u_isalpha((UChar32)l->chars[i].cp);
}

/* "z.B.", "d.h.", "i.d.R.": one letter and a dot, twice or more, with nothing between. */
static void check_abbreviations(struct linter *l)
{
	for (size_t i = 0; i + 3 < l->n; i++) {
		uint32_t before = cp_before(l, i);
		if (!is_de_letter(l, i) || u_isalnum((UChar32)before) || before == '.')
			continue;
		size_t end = i;
		while (is_de_letter(l, end) && cp_at(l, end + 1) == '.' &&
		       checked_in(l, end + 1, LANG_DE))
			end += 2;
		if (end - i < 4 || u_isalnum((UChar32)cp_at(l, end)))
			continue;
		char typed[64] = "", fixed[64] = "", glyph[8];
		size_t t = 0, f = 0; /* FIXED is the longer: it has room for TYPED too */
		for (size_t k = i; k < end && f + 12 < sizeof fixed; k += 2) {
			utf8_of(l->chars[k].cp, glyph);
			t += (size_t)snprintf(typed + t, sizeof typed - t, "%s.", glyph);
			f += (size_t)snprintf(fixed + f, sizeof fixed - f, "%s%s.",
					      k > i ? "\u202F" : "", glyph);
		}
		report(l, i, "de-abbreviation",
		       "abbreviation \"%s\": type \"%s\", with a narrow no-break space (U+202F) "
		       "after each inner dot",
		       typed, fixed);
		i = end - 1;
	}
}

/* ---- white space ------------------------------------------------------------------- */

static bool has_line_break(const struct linter *l, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (l->chars[k].cp == '\n')
			return true;
	return false;
}

/* Deletes all but the first of the N spaces from K on, when each is a ' ' byte right
 * after the one before (not a reference, not across a line). */
static void fix_doubled_spaces(struct linter *l, size_t k, size_t n)
{
	uint32_t first = l->chars[k].offset;
	for (size_t j = 0; j < n; j++)
		if (l->chars[k + j].offset != first + j || first + j >= l->src->len ||
		    l->src->bytes[first + j] != ' ')
			return;
	char description[64];
	snprintf(description, sizeof description, "%zu × U+0020 → U+0020", n);
	add_deletion(l, first + 1, (uint32_t)(n - 1), "space-doubled", description);
}

/* Spaces at the edges of the <t> and doubled inside.  White space with a line break in
 * it is the document's indentation, never a finding. */
static void check_spaces(struct linter *l)
{
	size_t lead = 0, trail = l->n;
	while (lead < l->n && is_space(l->chars[lead].cp))
		lead++;
	while (trail > lead && is_space(l->chars[trail - 1].cp))
		trail--;
	if (lead > 0 && !has_line_break(l, 0, lead))
		report(l, 0, "space-edge",
		       "white space at the start of the <t>: delete it (only white space with a "
		       "line break in it is layout of the XML)");
	if (trail < l->n && !has_line_break(l, trail, l->n))
		report(l, trail, "space-edge",
		       "white space at the end of the <t>: delete it (only white space with a line "
		       "break in it is layout of the XML)");
	for (size_t i = lead; i < trail;) {
		if (!is_space(l->chars[i].cp)) {
			i++;
			continue;
		}
		size_t end = i;
		while (end < trail && is_space(l->chars[end].cp))
			end++;
		bool layout = has_line_break(l, i, end);
		for (size_t k = i; k + 1 < end && !layout; k++) {
			if (l->chars[k].cp != ' ' || l->chars[k + 1].cp != ' ' ||
			    l->chars[k + 1].offset != l->chars[k].offset + 1)
				continue;
			size_t n = 1;
			while (k + n < end && l->chars[k + n].cp == ' ')
				n++;
			report(l, k + 1, "space-doubled", "%zu spaces in a row: type one", n);
			fix_doubled_spaces(l, k, n);
			break;
		}
		i = end;
	}
}

/* ---- documents --------------------------------------------------------------------- */

static void lint_text(struct linter *l, const struct model_text *t)
{
	l->n = 0;
	struct scope top = {t->lang, (uint8_t)lang_of(t->lang), 0};
	flatten(l, t->runs, t->n_runs, top);
	if (l->failed || l->n == 0)
		return;
	char *token = realloc(l->token, l->n + 1);
	if (!token) {
		l->failed = true;
		return;
	}
	l->token = token;
	mark_urls(l);
	for (size_t i = 0; i < l->n;) {
		if (l->chars[i].flags & CH_OBJECT) {
			i++;
			continue;
		}
		check_stray_char(l, i);
		if (checked_in(l, i, LANG_FA)) {
			i = check_fa_char(l, i);
			continue;
		}
		if (checked_in(l, i, LANG_DE))
			check_de_char(l, i);
		i++;
	}
	check_spaces(l);
	check_zwnj_places(l);
	check_fa_words(l);
	check_guillemets(l);
	check_abbreviations(l);
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
	return l.failed || diags->out_of_memory ? -1 : 0;
}
