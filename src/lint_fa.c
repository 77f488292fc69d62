/* lint_fa.c — the rules of Farsi text (fa); see lint_rules.h.
 *
 *   fa-arabic-yeh          fix  Arabic yeh U+064A, alef maksura U+0649 → Farsi yeh U+06CC
 *   fa-arabic-kaf          fix  Arabic kaf U+0643 → Farsi kaf U+06A9
 *   fa-heh                 fix  heh goal U+06C1, doachashmee U+06BE, ae U+06D5 → heh U+0647
 *   fa-presentation-form   fix  U+FB50–U+FDFF, U+FE70–U+FEFE → their NFKC form
 *   fa-digits              fix  Arabic-Indic digits and 0–9 → Persian digits U+06F0–U+06F9
 *   fa-punctuation         fix  , ; ? → ، ؛ ؟  (a comma between digits: reported only)
 *   fa-zwnj-missing             a space or nothing where U+200C belongs (می‌, ‌ها, ‌ترین…)
 *   fa-zwnj-misplaced      fix  U+200C next to a space, punctuation, an edge or another one
 *                               (fixed only next to a space: the U+200C is deleted)
 *   fa-tatweel                  U+0640
 *   fa-guillemets          fix  »…« → «…» */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#include "lint_rules.h"
#include "utf8.h"

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
	lint_report(l, i, "fa-presentation-form",
	       "Arabic presentation form %s (U+%04X %s): type %s (%s); the font shapes the "
	       "letters itself",
	       lint_utf8_of(cp, glyph), (unsigned)cp, name, text, points);
	lint_fix(l, i, to, n, "fa-presentation-form");
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
	lint_report(l, i, "fa-digits", "%s %s: type Persian digits %s (U+06F0–U+06F9)",
	       latin ? "Latin digits" : "Arabic-Indic digits (U+0660–U+0669)", typed, persian);
	for (size_t k = i; k < end; k++)
		lint_fix1(l, k, 0x06F0 + l->chars[k].cp - zero, "fa-digits");
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
		lint_report(l, i, "fa-punctuation",
		       "Latin comma between digits: type the Persian thousands separator ٬ "
		       "(U+066C), or the decimal separator ٫ (U+066B)");
		return;
	}
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		if (cp != marks[k].from)
			continue;
		char glyph[8];
		lint_report(l, i, "fa-punctuation", "%s \"%c\": type %s %s (U+%04X)", marks[k].name,
		       (char)cp, marks[k].to_name, lint_utf8_of(marks[k].to, glyph),
		       (unsigned)marks[k].to);
		lint_fix1(l, i, marks[k].to, "fa-punctuation");
	}
}

/* The letters of FA_LETTERS that RULE names: fa-arabic-yeh, fa-arabic-kaf or fa-heh. */
void lint_check_fa_letters(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 0; i < l->n; i++) {
		uint32_t cp = l->chars[i].cp;
		char from[8], to[8];
		for (size_t k = 0; k < sizeof fa_letters / sizeof fa_letters[0]; k++) {
			if (cp != fa_letters[k].from || strcmp(fa_letters[k].rule, rule->name) != 0 ||
			    !checked_in(l, i, LANG_FA))
				continue;
			lint_report(l, i, fa_letters[k].rule, "%s %s (U+%04X): type %s %s (U+%04X)",
				    fa_letters[k].from_name, lint_utf8_of(cp, from), (unsigned)cp,
				    fa_letters[k].to_name, lint_utf8_of(fa_letters[k].to, to),
				    (unsigned)fa_letters[k].to);
			lint_fix1(l, i, fa_letters[k].to, fa_letters[k].rule);
			break;
		}
	}
}

void lint_check_fa_presentation_form(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
	for (size_t i = 0; i < l->n; i++)
		if (is_presentation_form(l->chars[i].cp) && checked_in(l, i, LANG_FA))
			check_presentation_form(l, i);
}

void lint_check_fa_digits(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
	for (size_t i = 0; i < l->n;) {
		uint32_t cp = l->chars[i].cp;
		if (((cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669)) &&
		    checked_in(l, i, LANG_FA))
			i = check_fa_digits(l, i);
		else
			i++;
	}
}

void lint_check_fa_punctuation(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t cp = l->chars[i].cp;
		if ((cp == ',' || cp == ';' || cp == '?') && checked_in(l, i, LANG_FA))
			check_fa_punctuation(l, i);
	}
}

void lint_check_fa_tatweel(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->chars[i].cp == 0x0640 && checked_in(l, i, LANG_FA))
			lint_report(l, i, rule->name,
				    "tatweel ـ (U+0640) stretches a letter by hand: delete it; the "
				    "renderer justifies lines itself");
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
	uint32_t offset = l->chars[i].offset, span = lint_source_span(l->src, offset, ZWNJ);
	bool space_too = before && after && span > 0 && l->chars[i + 1].cp == ' ' &&
			 l->chars[i + 1].offset == offset + span &&
			 l->src->bytes[offset + span] == ' ';
	lint_delete(l, offset, span + space_too, "fa-zwnj-misplaced",
		     space_too ? "U+200C U+0020 → (deleted)" : "U+200C → (deleted)");
}

void lint_check_fa_zwnj_misplaced(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
	for (size_t i = 0; i < l->n; i++) {
		if (l->chars[i].cp != ZWNJ || !checked_in(l, i, LANG_FA))
			continue;
		size_t j = i;
		while (j + 1 < l->n && l->chars[j + 1].cp == ZWNJ)
			j++;
		if (j > i)
			lint_report(l, i + 1, "fa-zwnj-misplaced",
			       "%zu zero-width non-joiners (U+200C) in a row: delete all but one",
			       j - i + 1);
		else if (i == 0 || ends_a_word(l, i - 1) || ends_a_word(l, i + 1)) {
			lint_report(l, i, "fa-zwnj-misplaced",
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
		lint_report(l, w->end, "fa-zwnj-missing",
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
		lint_report(l, w->begin - 1, "fa-zwnj-missing",
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
	lint_report(l, at, "fa-zwnj-missing",
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
		lint_report(l, at, "fa-zwnj-missing",
		       "type a zero-width non-joiner U+200C before the suffix \"%s\" (\"%s\")%s",
		       suffix, fixed, zwnj_caveat);
		return;
	}
}

void lint_check_fa_zwnj_missing(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
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
void lint_check_fa_guillemets(struct linter *l, const struct lint_rule *rule)
{
	(void)rule;
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
			lint_report(l, open, "fa-guillemets",
			       "quotation opened with » (U+00BB) and closed with « (U+00AB) at "
			       "%u:%u: type «…» (open with « U+00AB, close with » U+00BB)",
			       line, col);
			lint_fix1(l, open, 0xAB, "fa-guillemets");
			lint_fix1(l, i, 0xBB, "fa-guillemets");
		}
		open = SIZE_MAX;
	}
}

