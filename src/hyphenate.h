/* hyphenate.h — hyphenation points from the pattern dictionaries built into broadside.
 *
 * The dictionaries are libhyphen's (hyphen/hyph_*.dic, vendored from Debian's hyphen-*
 * packages), compiled at build time into tables linked into the binary (hyphen_data.h):
 * there is nothing to load, and the same input gives the same points on every machine.
 * Liang's algorithm runs over the tables exactly as libhyphen's hnj_hyphen_hyphenate3 runs
 * over its loaded dictionary, both levels (compound boundaries, then syllables) included;
 * the tests hold the two to identical points.  A dictionary is found by language: for
 * "de-CH" hyph_de_CH.dic, then the language's likely region (ICU: de → de_DE), then
 * hyph_de.dic, then the first hyph_de_*.dic.  A language without one is not hyphenated. */
#ifndef BROADSIDE_HYPHENATE_H
#define BROADSIDE_HYPHENATE_H

#include <stdbool.h>
#include <stddef.h>
#include <unicode/utypes.h>

/* Conventional minimums for print: at least two letters before a break, three after
 * (also at the boundaries inside compounds); a dictionary may ask for more. */
#define HYPHEN_LEFT_MIN 2
#define HYPHEN_RIGHT_MIN 3

/* True when LANG (a BCP 47 tag) has a dictionary. */
bool hyphen_available(const char *lang);

/* The name of LANG's dictionary file ("hyph_de_DE.dic", vendored in hyphen/), for
 * messages and the dump; NULL if none.  Static. */
const char *hyphen_dictionary(const char *lang);

/* Marks where the word WORD (UTF-16, LEN units, as it stands in the text) may be broken
 * in LANG: POINTS[i] is set to true when a hyphen may go before unit i.  POINTS has LEN
 * entries and is cleared first.  Returns false (no points) if LANG has no dictionary or
 * the word cannot be hyphenated (longer than 63 units, or with a character the
 * dictionary's charset lacks). */
bool hyphen_word(const char *lang, const UChar *word, int32_t len, bool *points);

/* Forgets which dictionary each language was found to have. */
void hyphen_cleanup(void);

#endif
