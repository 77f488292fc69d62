/* hyphenate.h — hyphenation points from libhyphen's dictionaries, found by language.
 *
 * Dictionaries are looked up by language in one directory (Debian's /usr/share/hyphen, or
 * $BROADSIDE_HYPHEN_DIR): for "de-CH" hyph_de_CH.dic, then the language's likely region
 * (ICU: de → de_DE), then hyph_de.dic, then any hyph_de_*.dic.  A language without one is
 * simply not hyphenated.  Loaded dictionaries are cached until hyphen_cleanup. */
#ifndef BROADSIDE_HYPHENATE_H
#define BROADSIDE_HYPHENATE_H

#include <stdbool.h>
#include <stddef.h>
#include <unicode/utypes.h>

/* True when LANG (a BCP 47 tag) has a dictionary. */
bool hyphen_available(const char *lang);

/* The path of LANG's dictionary, for messages and the dump; NULL if none.  Lent. */
const char *hyphen_dictionary(const char *lang);

/* Marks where the word WORD (UTF-16, LEN units, as it stands in the text) may be broken
 * in LANG: POINTS[i] is set to true when a hyphen may go before unit i.  POINTS has LEN
 * entries and is cleared first.  Returns false (no points) if LANG has no dictionary or
 * the word cannot be hyphenated. */
bool hyphen_word(const char *lang, const UChar *word, int32_t len, bool *points);

void hyphen_cleanup(void);

#endif
