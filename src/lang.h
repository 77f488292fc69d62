/* lang.h — what broadside knows of a language, from its BCP 47 tag, with ICU.
 *
 * Every fact a stage needs of a language comes from here, so that ICU's locale calls
 * live in one place: whether the tag is one ICU knows, its writing direction and script
 * (ICU's likely one), its digits, its names (in English, and in itself), its quotation
 * marks, the font
 * families its text is set in, and the subtags that choose its hyphenation dictionary.
 * resolve computes the facts of each of a document's languages once (lang_facts_init)
 * and carries them in the resolved document; the single-fact functions serve a bare tag
 * where there is no document (`lang add`, `status`, a foreign run).
 *
 * Plain C: nothing here needs ICU's headers.  Strings are either in the caller's struct
 * or static. */
#ifndef BROADSIDE_LANG_H
#define BROADSIDE_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* Room for an ICU locale name ("sr_Latn_RS"), as ICU's ULOC_FULLNAME_CAPACITY. */
#define LANG_LOCALE_CAP 157

/* The font family lists (Pango) for each script broadside has fonts for; each falls
 * back on the other. */
#define LANG_FONTS_ARABIC "Vazirmatn, Roboto"
#define LANG_FONTS_LATIN "Roboto, Vazirmatn"

/* What picks a hyphenation dictionary (hyphenate.c): the language subtag, the region the
 * tag names, and the region ICU thinks likely ("de" → "DE"); "" where there is none. */
struct lang_subtags {
	char language[12];
	char region[4];
	char likely_region[4];
};

struct lang_facts {
	const char *tag;      /* lent: the tag the facts are of */
	bool rtl;             /* written right to left (ICU's uloc_isRightToLeft) */
	char script[16];      /* ISO 15924 code of its likely script; "Zyyy" when unknown */
	const char *numbers;  /* its digits, as a CSS list-style-type ("persian"); static */
	const char *fonts;    /* LANG_FONTS_ARABIC or LANG_FONTS_LATIN */
	char name[160];       /* its name in itself, as in a menu ("Deutsch"); else the tag */
	char label[128];      /* its language's name in itself ("Deutsch"); else the tag */
	char english[64];     /* its English name ("German"); "" when ICU has none */
	char quote_open[8];   /* its quotation marks, outer ("„", "«"); "" when ICU has none;
			       * German in CH and LI «…», where lang.c corrects ICU */
	char quote_close[8];
	struct lang_subtags subtags;
};

/* Fills FACTS for TAG (which FACTS borrows). */
void lang_facts_init(struct lang_facts *facts, const char *tag);

/* True when TAG is well formed and names a language ICU knows. */
bool lang_tag_valid(const char *tag);

/* The writing direction of TAG (NULL: undetermined, left to right). */
bool lang_is_rtl(const char *tag);

/* TAG's likely script into SCRIPT ("Zyyy" when unknown); false when ICU cannot read TAG. */
bool lang_script(const char *tag, char script[16]);

/* The font family list for text in TAG (NULL: undetermined); static. */
const char *lang_fonts(const char *tag);

/* TAG as an ICU locale name into LOCALE (LANG_LOCALE_CAP bytes), "und" when unreadable. */
void lang_locale(const char *tag, char *locale, size_t cap);

/* TAG's subtags for the hyphenation dictionary; false when it has no language subtag. */
bool lang_subtags(const char *tag, struct lang_subtags *out);

/* N written with TAG's digits ("۱۲" in Farsi): a new string, or NULL (out of memory). */
char *lang_format_number(const char *tag, int n);

/* TAG's English name ("German"; ICU's uloc_getDisplayName) into NAME, "" if none. */
void lang_english_name(const char *tag, char *name, size_t size);

#endif
