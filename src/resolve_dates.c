/* resolve_dates.c — the text stage's ICU formatters: dates and times in each language,
 * and the words (months, units) a number is kept with; see resolve_dates.h. */
#include "resolve_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/uformattedvalue.h>
#include <unicode/ustring.h>

#include "grow.h"
#include "lang.h"
#include "resolve.h"

#define NBSP 0x00A0
#define NARROW_NBSP 0x202F

static char *to_utf8(const UChar *s, int32_t len)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n = 0;
	u_strToUTF8(NULL, 0, &n, s, len, &status);
	status = U_ZERO_ERROR;
	char *out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	u_strToUTF8(out, n + 1, NULL, s, len, &status);
	if (U_FAILURE(status)) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- ICU objects, opened once per process --------------------------------------------
 * Opening an ICU formatter or break iterator loads and parses locale data (a date
 * interval formatter costs about 1.7 M instructions), so each is opened the first time a
 * locale needs it and kept until resolve_cleanup.  The cached objects are never changed
 * after they are made; only a break iterator's text is set per use. */

struct icu_cache {
	char locale[ULOC_FULLNAME_CAPACITY];
	UDateFormat *date_long, *time_short, *weekday;
	UDateIntervalFormat *range;
	UBreakIterator *words;
	UChar **months;  /* month names, wide and abbreviated, without a final "." */
	size_t n_months, cap_months;
	bool months_loaded;
};

static struct icu_cache *icu_caches;
static size_t n_icu_caches, cap_icu_caches;
static UCalendar *gregorian;

/* A document has a few languages; a long-running caller (a fuzzer) may see many, so the
 * cache starts over when it holds this many locales. */
#define ICU_CACHE_MAX 16

static void icu_cache_free(void);

/* The cache of LOCALE (ICU's name), made empty when first asked; NULL when out of memory. */
static struct icu_cache *icu_cache_of(const char *locale)
{
	for (size_t i = 0; i < n_icu_caches; i++)
		if (strcmp(icu_caches[i].locale, locale) == 0)
			return &icu_caches[i];
	if (n_icu_caches == ICU_CACHE_MAX)
		icu_cache_free();
	if (!GROW(icu_caches, cap_icu_caches, n_icu_caches + 1))
		return NULL;
	struct icu_cache *c = &icu_caches[n_icu_caches++];
	*c = (struct icu_cache){ 0 };
	snprintf(c->locale, sizeof c->locale, "%s", locale);
	return c;
}

/* The cache of the language LANG, its ICU locale name in LOCALE; NULL when out of memory. */
static struct icu_cache *icu_cache_for(const char *lang, char locale[LANG_LOCALE_CAP])
{
	lang_locale(lang, locale, LANG_LOCALE_CAP);
	return icu_cache_of(locale);
}

static void icu_cache_free(void)
{
	for (size_t i = 0; i < n_icu_caches; i++) {
		struct icu_cache *c = &icu_caches[i];
		if (c->date_long)
			udat_close(c->date_long);
		if (c->time_short)
			udat_close(c->time_short);
		if (c->weekday)
			udat_close(c->weekday);
		if (c->range)
			udtitvfmt_close(c->range);
		if (c->words)
			ubrk_close(c->words);
		for (size_t m = 0; m < c->n_months; m++)
			free(c->months[m]);
		free(c->months);
	}
	free(icu_caches);
	icu_caches = NULL;
	n_icu_caches = cap_icu_caches = 0;
}

/* Noon UTC of a calendar date (noon: no time zone can move it to another day). */
static bool iso_to_udate(const char *iso, UDate *out)
{
	struct model_date d;
	if (!model_date_parse(iso, &d))
		return false;
	UErrorCode status = U_ZERO_ERROR;
	if (!gregorian) {
		gregorian = ucal_open(u"UTC", -1, "en@calendar=gregorian", UCAL_GREGORIAN, &status);
		if (U_FAILURE(status)) {
			gregorian = NULL;
			return false;
		}
	}
	ucal_clear(gregorian);
	ucal_setDateTime(gregorian, d.year, d.month - 1, d.day, 12, 0, 0, &status);
	*out = ucal_getMillis(gregorian, &status);
	return !U_FAILURE(status);
}

/* A date or time never breaks inside: its spaces become no-break spaces, a thin space
 * (ICU's around a range's dash) the narrow no-break space, which keeps its width. */
static void no_break(UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			s[i] = NBSP;
		else if (s[i] == 0x2009 || s[i] == 0x2006 || s[i] == 0x200A)
			s[i] = NARROW_NBSP;
	}
}

/* Lets the line break at the first no-break space at or after AT (after a weekday, before
 * the second date of a range), so that a long date can take two lines at a seam. */
static void seam_at(UChar *s, int32_t n, int32_t at)
{
	for (int32_t i = at; i > 0 && i < n; i++)
		if (s[i] == NBSP || s[i] == NARROW_NBSP) {
			s[i] = s[i] == NBSP ? ' ' : 0x2009;
			return;
		}
}

/* FMT's text of WHEN, unbreakable but after the field SEAM (-1: none). */
static char *format_with(UDateFormat *fmt, UDate when, int32_t seam)
{
	UChar buf[256];
	UErrorCode status = U_ZERO_ERROR;
	UFieldPosition pos = {.field = seam};
	int32_t n = udat_format(fmt, when, buf, 256, seam >= 0 ? &pos : NULL, &status);
	if (U_FAILURE(status))
		return NULL;
	no_break(buf, n);
	if (seam >= 0)
		seam_at(buf, n, pos.endIndex);
	return to_utf8(buf, n);
}

static char *format_styled(const char *lang, const char *iso, UDateFormatStyle time_style,
			   UDateFormatStyle date_style, UDate when_given, bool use_given)
{
	char locale[LANG_LOCALE_CAP];
	lang_locale(lang, locale, sizeof locale);
	UDate when = when_given;
	if (!use_given && !iso_to_udate(iso, &when))
		return NULL;
	struct icu_cache *c = icu_cache_of(locale);
	if (!c)
		return NULL;
	UDateFormat **fmt = time_style == UDAT_NONE ? &c->date_long : &c->time_short;
	if (!*fmt) {
		UErrorCode status = U_ZERO_ERROR;
		*fmt = udat_open(time_style, date_style, locale, u"UTC", -1, NULL, 0, &status);
		if (U_FAILURE(status)) {
			*fmt = NULL;
			return NULL;
		}
	}
	return format_with(*fmt, when, -1);
}

char *resolve_format_date(const char *lang, const char *iso)
{
	return format_styled(lang, iso, UDAT_NONE, UDAT_LONG, 0, false);
}

/* Where the second date of RANGE's text of A to B starts (its span 1), or -1. */
static int32_t range_second_start(const UDateIntervalFormat *range, UDate a, UDate b)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t at = -1;
	UFormattedDateInterval *result = udtitvfmt_openResult(&status);
	UConstrainedFieldPosition *cfpos = ucfpos_open(&status);
	udtitvfmt_formatToResult(range, a, b, result, &status);
	const UFormattedValue *value = udtitvfmt_resultAsValue(result, &status);
	ucfpos_constrainCategory(cfpos, UFIELD_CATEGORY_DATE_INTERVAL_SPAN, &status);
	while (!U_FAILURE(status) && ufmtval_nextPosition(value, cfpos, &status)) {
		int32_t start, limit;
		if (ucfpos_getField(cfpos, &status) == 1) {
			ucfpos_getIndexes(cfpos, &start, &limit, &status);
			at = U_FAILURE(status) ? -1 : start;
			break;
		}
	}
	ucfpos_close(cfpos);
	udtitvfmt_closeResult(result);
	return at;
}

/* LOCALE's formatter of date ranges, or NULL. */
static UDateIntervalFormat *open_range_format(const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	UDateIntervalFormat *range = udtitvfmt_open(locale, u"yMMMMd", -1, u"UTC", -1, &status);
	return U_FAILURE(status) ? NULL : range;
}

char *resolve_format_range(const char *lang, const char *from, const char *to)
{
	UDate a, b;
	if (!iso_to_udate(from, &a) || !iso_to_udate(to, &b))
		return NULL;
	if (a == b)
		return resolve_format_date(lang, from);
	char locale[LANG_LOCALE_CAP];
	struct icu_cache *c = icu_cache_for(lang, locale);
	if (c && !c->range)
		c->range = open_range_format(locale);
	if (!c || !c->range)
		return NULL;
	UErrorCode status = U_ZERO_ERROR;
	UChar buf[256];
	int32_t n = udtitvfmt_format(c->range, a, b, buf, 256, NULL, &status);
	if (U_FAILURE(status))
		return NULL;
	int32_t second = range_second_start(c->range, a, b);
	no_break(buf, n);
	if (second > 0 && second < n && buf[second - 1] != '-' && buf[second - 1] != 0x2013)
		seam_at(buf, n, second - 1);
	return to_utf8(buf, n);
}

/* The full style names the weekday, but some locales' full pattern is not their long one
 * with a weekday added (ICU 72's Farsi: "y MMMM d, EEEE", year first, Latin comma).  Then
 * the weekday is put before the long pattern, which always reads right. */
static UDateFormat *open_weekday_format(const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	UDateFormat *full = udat_open(UDAT_NONE, UDAT_FULL, locale, u"UTC", -1, NULL, 0, &status);
	UDateFormat *longf = udat_open(UDAT_NONE, UDAT_LONG, locale, u"UTC", -1, NULL, 0, &status);
	UDateFormat *chosen = NULL;
	if (!U_FAILURE(status)) {
		UChar full_pattern[128], long_pattern[128];
		udat_toPattern(full, false, full_pattern, 128, &status);
		udat_toPattern(longf, false, long_pattern, 128, &status);
		if (!U_FAILURE(status) && u_strstr(full_pattern, long_pattern)) {
			chosen = full;
			full = NULL;
		} else if (!U_FAILURE(status)) {
			UChar pattern[160];
			u_strcpy(pattern, u"EEEE ");
			u_strncat(pattern, long_pattern, 150);
			udat_applyPattern(longf, false, pattern, -1);
			chosen = longf;
			longf = NULL;
		}
	}
	if (full)
		udat_close(full);
	if (longf)
		udat_close(longf);
	return chosen;
}

char *resolve_format_weekday_date(const char *lang, const char *iso)
{
	char locale[LANG_LOCALE_CAP];
	lang_locale(lang, locale, sizeof locale);
	UDate when;
	if (!iso_to_udate(iso, &when))
		return NULL;
	struct icu_cache *c = icu_cache_of(locale);
	if (c && !c->weekday)
		c->weekday = open_weekday_format(locale);
	return c && c->weekday ? format_with(c->weekday, when, UDAT_DAY_OF_WEEK_FIELD) : NULL;
}

char *resolve_format_time(const char *lang, const char *hhmm)
{
	if (!hhmm || strlen(hhmm) != 5 || hhmm[2] != ':')
		return NULL;
	int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
	int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return NULL;
	UDate when = ((double)h * 60 + m) * 60 * 1000;
	return format_styled(lang, NULL, UDAT_SHORT, UDAT_NONE, when, true);
}

/* LOCALE's word break iterator, or NULL. */
static UBreakIterator *open_word_breaks(const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	UBreakIterator *words = ubrk_open(UBRK_WORD, locale, NULL, 0, &status);
	return U_FAILURE(status) ? NULL : words;
}

UBreakIterator *resolve_word_breaks(const char *lang)
{
	char locale[LANG_LOCALE_CAP];
	struct icu_cache *c = icu_cache_for(lang, locale);
	if (c && !c->words)
		c->words = open_word_breaks(locale);
	return c ? c->words : NULL;
}

/* ---- numbers and their units -------------------------------------------------------
 * A number and its unit, currency or month, and the digit groups of a number, are joined
 * by no-break spaces, so that no line ends in "25" with "%" on the next. */

static const char *const units_after[] = {
	"%", "‰", "٪", "€", "$", "£", "¥", "km", "m", "cm", "mm", "kg", "g", "mg", "t", "l",
	"ml", "h", "min", "Uhr", "pm", "p.m.", "a.m.", "pt", "px", "ha", "km²", "m²", "°C", "°", "Mio.", "Mrd.",
	"Euro", "Dollar", "Prozent", "percent", "درصد", "تومان", "ریال", "دلار", "یورو",
	"کیلومتر", "متر", "کیلوگرم", "يورو", "دولار", "ريال", "بالمئة", "كيلومتر", "متر",
};
static const char *const units_before[] = {"€", "$", "£", "¥", "US$", "CHF", "§", "Nr."};

static bool in_list(const char *const *list, size_t n, const UChar *w, int32_t len)
{
	char utf8[64];
	UErrorCode status = U_ZERO_ERROR;
	int32_t m = 0;
	u_strToUTF8(utf8, sizeof utf8, &m, w, len, &status);
	if (U_FAILURE(status) || m >= (int32_t)sizeof utf8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], utf8) == 0)
			return true;
	return false;
}

/* Adds FMT's month names of TYPE to C (without a final "."). */
static void add_month_symbols(struct icu_cache *c, const UDateFormat *fmt, UDateFormatSymbolType type)
{
	int32_t count = udat_countSymbols(fmt, type);
	for (int32_t i = 0; i < count; i++) {
		UChar name[64];
		UErrorCode status = U_ZERO_ERROR;
		int32_t n = udat_getSymbols(fmt, type, i, name, 64, &status);
		if (U_FAILURE(status) || n <= 0 || n >= 64)
			continue;
		if (name[n - 1] == '.')
			n--;
		UChar *copy = malloc(((size_t)n + 1) * sizeof *copy);
		if (!copy || !GROW(c->months, c->cap_months, c->n_months + 1)) {
			free(copy);
			return;
		}
		u_strncpy(copy, name, n);
		copy[n] = 0;
		c->months[c->n_months++] = copy;
	}
}

/* The month names of LOCALE: of its own calendar and of the Gregorian one. */
static void load_months(struct icu_cache *c, const char *locale)
{
	static const UDateFormatSymbolType types[] = {
		UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_STANDALONE_SHORT_MONTHS,
	};
	c->months_loaded = true;
	char gregorian_locale[ULOC_FULLNAME_CAPACITY + 32];
	snprintf(gregorian_locale, sizeof gregorian_locale, "%s@calendar=gregorian", locale);
	const char *locales[] = {locale, gregorian_locale};
	for (size_t l = 0; l < 2; l++) {
		UErrorCode status = U_ZERO_ERROR;
		UDateFormat *fmt = udat_open(UDAT_NONE, UDAT_LONG, locales[l], u"UTC", -1, NULL, 0, &status);
		if (U_FAILURE(status))
			continue;
		for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
			add_month_symbols(c, fmt, types[t]);
		udat_close(fmt);
	}
}

static bool is_month(struct icu_cache *c, const UChar *w, int32_t len)
{
	for (size_t i = 0; c && i < c->n_months; i++)
		if (u_strlen(c->months[i]) == len && u_strncmp(c->months[i], w, len) == 0)
			return true;
	return false;
}

static bool is_space_like(UChar c)
{
	return c == ' ' || c == NBSP;
}

/* Trailing punctuation that ends a sentence or a clause, not a unit (% is one). */
static bool is_trailing_punct(UChar c)
{
	return c != '%' && c != 0x2030 && c != 0x066A && c != '.' && u_ispunct(c);
}

static bool is_opening_punct(UChar c)
{
	int8_t type = u_charType(c);
	return type == U_START_PUNCTUATION || type == U_INITIAL_PUNCTUATION || c == '"' || c == '\'';
}

static bool digits_only(const UChar *w, int32_t len, int32_t min, int32_t max)
{
	if (len < min || len > max)
		return false;
	for (int32_t i = 0; i < len; i++)
		if (!u_isdigit(w[i]))
			return false;
	return true;
}

/* Whether the space between the tokens L and R (L_LEN, R_LEN UTF-16 units) joins a number
 * to its unit, currency or month, or two digit groups ("10 000"). */
static bool joins(struct icu_cache *c, const UChar *l, int32_t l_len, const UChar *r, int32_t r_len)
{
	while (l_len > 0 && is_opening_punct(l[0]))
		l++, l_len--; /* "(12", "„Juli" */
	int32_t r_word = r_len;
	while (r_word > 0 && is_trailing_punct(r[r_word - 1]))
		r_word--;
	int32_t r_bare = r_word > 0 && r[r_word - 1] == '.' ? r_word - 1 : r_word;
	if (l_len == 0 || r_word == 0)
		return false;
	bool l_number = u_isdigit(l[l_len - 1]);
	bool l_ordinal = l_len >= 2 && l[l_len - 1] == '.' && u_isdigit(l[l_len - 2]);
	bool r_number = u_isdigit(r[0]);
	if (l_number && (in_list(units_after, sizeof units_after / sizeof *units_after, r, r_word) ||
			 in_list(units_after, sizeof units_after / sizeof *units_after, r, r_bare)))
		return true;
	if ((l_number || l_ordinal) && is_month(c, r, r_bare))
		return true;
	if (r_number && (in_list(units_before, sizeof units_before / sizeof *units_before, l, l_len) ||
			 is_month(c, l, l[l_len - 1] == '.' ? l_len - 1 : l_len)))
		return true;
	int32_t r_digits = 0;
	while (r_digits < r_len && u_isdigit(r[r_digits]))
		r_digits++;
	return digits_only(l, l_len, 1, 3) && r_digits == 3 &&
	       (r_digits == r_len || !u_isalpha(r[r_digits]));
}

/* Joins with no-break spaces what must not be broken in CHUNK (collapsed text in LANG);
 * PREV is the character before it in the paragraph (0: none), for a leading space. */
void resolve_join_numbers(const char *lang, UChar *chunk, int32_t len, UChar32 prev)
{
	char locale[LANG_LOCALE_CAP];
	struct icu_cache *c = icu_cache_for(lang, locale);
	if (c && !c->months_loaded)
		load_months(c, locale);
	int32_t l_start = 0;
	for (int32_t i = 0; i < len; i++) {
		if (!is_space_like(chunk[i]))
			continue;
		int32_t r_end = i + 1;
		while (r_end < len && !is_space_like(chunk[r_end]))
			r_end++;
		if (chunk[i] == ' ') {
			UChar prev_text[2] = {0};
			int32_t prev_len = 0;
			if (i == 0 && prev > 0 && prev <= 0xFFFF && u_isdigit(prev))
				prev_text[prev_len++] = (UChar)prev;
			const UChar *l = i > 0 ? chunk + l_start : prev_text;
			int32_t l_len = i > 0 ? i - l_start : prev_len;
			if (l_len > 0 && joins(c, l, l_len, chunk + i + 1, r_end - i - 1))
				chunk[i] = NBSP;
		}
		l_start = i + 1;
	}
}

void resolve_dates_cleanup(void)
{
	icu_cache_free();
	if (gregorian)
		ucal_close(gregorian);
	gregorian = NULL;
}
