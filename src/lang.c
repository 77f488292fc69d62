/* lang.c — language facts from ICU; see lang.h. */
#include "lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uldnames.h>
#include <unicode/ulocdata.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/unumsys.h>
#include <unicode/ustring.h>

_Static_assert(LANG_LOCALE_CAP == ULOC_FULLNAME_CAPACITY, "LANG_LOCALE_CAP is ICU's");

bool lang_tag_valid(const char *tag)
{
	char locale[ULOC_FULLNAME_CAPACITY], language[ULOC_LANG_CAPACITY];
	int32_t parsed = 0;
	UErrorCode status = U_ZERO_ERROR;
	if (!tag || !*tag)
		return false;
	uloc_forLanguageTag(tag, locale, sizeof locale, &parsed, &status);
	if (U_FAILURE(status) || parsed != (int32_t)strlen(tag) || !*locale)
		return false;
	uloc_getLanguage(locale, language, sizeof language, &status);
	if (U_FAILURE(status) || !*language)
		return false;
	/* ICU names every language it knows; for others it echoes the code back. */
	UChar name[64];
	int32_t n = uloc_getDisplayLanguage(locale, "en", name, 64, &status);
	if (U_FAILURE(status) || n <= 0 || (size_t)n != strlen(language))
		return !U_FAILURE(status) && n > 0;
	for (int32_t i = 0; i < n; i++)
		if (name[i] != (UChar)(unsigned char)language[i])
			return true;
	return false;
}

void lang_locale(const char *tag, char *locale, size_t cap)
{
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(tag ? tag : "und", locale, (int32_t)cap, NULL, &status);
	if (U_FAILURE(status))
		snprintf(locale, cap, "und");
}

bool lang_is_rtl(const char *tag)
{
	char locale[ULOC_FULLNAME_CAPACITY];
	lang_locale(tag, locale, sizeof locale);
	return uloc_isRightToLeft(locale);
}

/* As lang_script, leaving TAG's ICU locale in LOCALE. */
static bool script_of(const char *tag, char script[16], char locale[ULOC_FULLNAME_CAPACITY])
{
	snprintf(script, 16, "Zyyy");
	char likely[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(tag ? tag : "und", locale, ULOC_FULLNAME_CAPACITY, NULL, &status);
	if (U_FAILURE(status))
		return false;
	uloc_addLikelySubtags(locale, likely, sizeof likely, &status);
	char found[16];
	if (U_SUCCESS(status) && uloc_getScript(likely, found, sizeof found, &status) > 0 &&
	    U_SUCCESS(status))
		snprintf(script, 16, "%s", found);
	return true;
}

bool lang_script(const char *tag, char script[16])
{
	char locale[ULOC_FULLNAME_CAPACITY];
	return script_of(tag, script, locale);
}

const char *lang_fonts(const char *tag)
{
	char script[16];
	lang_script(tag, script);
	return strcmp(script, "Arab") == 0 ? LANG_FONTS_ARABIC : LANG_FONTS_LATIN;
}

bool lang_subtags(const char *tag, struct lang_subtags *out)
{
	char locale[ULOC_FULLNAME_CAPACITY], likely[ULOC_FULLNAME_CAPACITY];
	UErrorCode status = U_ZERO_ERROR;
	*out = (struct lang_subtags){0};
	uloc_forLanguageTag(tag, locale, sizeof locale, NULL, &status);
	uloc_getLanguage(locale, out->language, sizeof out->language, &status);
	if (U_FAILURE(status) || !*out->language)
		return false;
	uloc_getCountry(locale, out->region, sizeof out->region, &status);
	if (U_FAILURE(status))
		out->region[0] = '\0';
	status = U_ZERO_ERROR;
	uloc_addLikelySubtags(locale, likely, sizeof likely, &status);
	uloc_getCountry(likely, out->likely_region, sizeof out->likely_region, &status);
	if (U_FAILURE(status))
		out->likely_region[0] = '\0';
	return true;
}

void lang_english_name(const char *tag, char *name, size_t size)
{
	UChar name16[40];
	UErrorCode status = U_ZERO_ERROR;
	name[0] = '\0';
	int32_t n = uloc_getDisplayName(tag, "en", name16, 40, &status);
	if (U_SUCCESS(status) && n > 0 && n < 40) {
		u_strToUTF8(name, (int32_t)size, NULL, name16, n, &status);
		if (U_FAILURE(status))
			name[0] = '\0';
	}
}

char *lang_format_number(const char *tag, int n)
{
	UErrorCode status = U_ZERO_ERROR;
	char locale[64];
	snprintf(locale, sizeof locale, "%s", tag);
	for (char *p = locale; *p; p++)
		if (*p == '-')
			*p = '_';
	UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
	UChar buf[32];
	int32_t len = U_FAILURE(status) ? 0 : unum_format(fmt, n, buf, 32, NULL, &status);
	unum_close(fmt);
	char *out = malloc(64);
	if (out) {
		if (U_FAILURE(status) || len <= 0)
			snprintf(out, 64, "%d", n);
		else
			u_strToUTF8(out, 64, NULL, buf, len, &status);
	}
	return out;
}

/* The CSS list-style-type of an ICU numbering system; "decimal" for any other. */
static const char *css_numbers(const char *numbering_system)
{
	static const char *const map[][2] = {
		{"arab", "arabic-indic"}, {"arabext", "persian"}, {"beng", "bengali"},
		{"deva", "devanagari"},   {"gujr", "gujarati"},   {"guru", "gurmukhi"},
		{"hanidec", "cjk-decimal"}, {"khmr", "khmer"},   {"knda", "kannada"},
		{"laoo", "lao"},          {"mlym", "malayalam"},  {"mong", "mongolian"},
		{"mymr", "myanmar"},      {"orya", "oriya"},      {"tamldec", "tamil"},
		{"telu", "telugu"},       {"thai", "thai"},       {"tibt", "tibetan"},
	};
	for (size_t i = 0; numbering_system && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], numbering_system) == 0)
			return map[i][1];
	return "decimal";
}

/* The name in itself as a menu shows it (the web pages' links between languages). */
static void menu_name(struct lang_facts *facts, const char *locale)
{
	UErrorCode status = U_ZERO_ERROR;
	UNumberingSystem *ns = unumsys_open(locale, &status);
	if (U_SUCCESS(status))
		facts->numbers = css_numbers(unumsys_getName(ns));
	unumsys_close(ns);

	status = U_ZERO_ERROR;
	UDisplayContext context = UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU;
	ULocaleDisplayNames *names = uldn_openForContext(locale, &context, 1, &status);
	UChar name[64];
	int32_t n = U_SUCCESS(status) ? uldn_localeDisplayName(names, locale, name, 64, &status) : 0;
	if (U_SUCCESS(status) && n > 0 && n < 64)
		u_strToUTF8(facts->name, sizeof facts->name, NULL, name, n, &status);
	if (U_FAILURE(status))
		snprintf(facts->name, sizeof facts->name, "%s", facts->tag);
	uldn_close(names);
}

/* The language's name alone in itself (the PDF's margin label of a language). */
static void label_name(struct lang_facts *facts)
{
	char locale[ULOC_FULLNAME_CAPACITY];
	UChar buf[64];
	UErrorCode status = U_ZERO_ERROR;
	uloc_forLanguageTag(facts->tag, locale, sizeof locale, NULL, &status);
	int32_t len = uloc_getDisplayLanguage(locale, locale, buf, 64, &status);
	if (U_FAILURE(status) || len <= 0 || len >= 64)
		snprintf(facts->label, sizeof facts->label, "%s", facts->tag);
	else
		u_strToUTF8(facts->label, sizeof facts->label, NULL, buf, len, &status);
}

/* Whether FACTS are of German as written in Switzerland or Liechtenstein (the region
 * named in the tag: "de-CH", "de-Latn-LI"). */
static bool swiss_german(const struct lang_facts *facts)
{
	const struct lang_subtags *t = &facts->subtags;
	return strcmp(t->language, "de") == 0 &&
	       (strcmp(t->region, "CH") == 0 || strcmp(t->region, "LI") == 0);
}

/* The language's outer quotation marks, from CLDR's delimiters (FACTS' subtags set). */
static void quotes(struct lang_facts *facts)
{
	/* German printed in Switzerland and Liechtenstein quotes with guillemets pointing
	 * outward, «…» (the Swiss Federal Chancellery's "Schreibweisungen" for German texts;
	 * de.wikipedia.org/wiki/Anführungszeichen, "Schweiz und Liechtenstein"), but ICU 72
	 * (CLDR 42) gives de_CH and de_LI the „…“ of Germany.  The tag's own region decides:
	 * plain "de" is German's „…“ wherever it is read. */
	if (swiss_german(facts)) {
		snprintf(facts->quote_open, sizeof facts->quote_open, "\u00AB");
		snprintf(facts->quote_close, sizeof facts->quote_close, "\u00BB");
		return;
	}
	char locale[ULOC_FULLNAME_CAPACITY];
	lang_locale(facts->tag, locale, sizeof locale);
	UErrorCode status = U_ZERO_ERROR;
	ULocaleData *data = ulocdata_open(locale, &status);
	UChar mark[4];
	int32_t n = U_SUCCESS(status) ? ulocdata_getDelimiter(data, ULOCDATA_QUOTATION_START, mark, 4,
							      &status) : 0;
	if (U_SUCCESS(status) && n > 0 && n < 4)
		u_strToUTF8(facts->quote_open, sizeof facts->quote_open, NULL, mark, n, &status);
	n = U_SUCCESS(status) ? ulocdata_getDelimiter(data, ULOCDATA_QUOTATION_END, mark, 4, &status) : 0;
	if (U_SUCCESS(status) && n > 0 && n < 4)
		u_strToUTF8(facts->quote_close, sizeof facts->quote_close, NULL, mark, n, &status);
	if (U_FAILURE(status))
		facts->quote_open[0] = facts->quote_close[0] = '\0';
	if (data)
		ulocdata_close(data);
}

void lang_facts_init(struct lang_facts *facts, const char *tag)
{
	*facts = (struct lang_facts){.tag = tag, .numbers = "decimal"};
	facts->rtl = lang_is_rtl(tag);
	snprintf(facts->name, sizeof facts->name, "%s", tag);
	char locale[ULOC_FULLNAME_CAPACITY];
	if (script_of(tag, facts->script, locale))
		menu_name(facts, locale);
	facts->fonts = strcmp(facts->script, "Arab") == 0 ? LANG_FONTS_ARABIC : LANG_FONTS_LATIN;
	label_name(facts);
	lang_english_name(tag, facts->english, sizeof facts->english);
	lang_subtags(tag, &facts->subtags);
	quotes(facts);
}
