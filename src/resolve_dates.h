/* resolve_dates.h — inside the text stage (resolve.c): ICU's date and time formats, month
 * names and word breaks, each opened the first time a locale needs it and kept until
 * resolve_cleanup.  The formatting functions themselves are declared in resolve.h. */
#ifndef BROADSIDE_RESOLVE_DATES_H
#define BROADSIDE_RESOLVE_DATES_H

#include <unicode/ubrk.h>

/* The word break iterator of LANG, shared (set its text, never close it); NULL if ICU
 * has none. */
UBreakIterator *resolve_word_breaks(const char *lang);

/* Joins with no-break spaces what must not be broken in CHUNK (collapsed text in LANG);
 * PREV is the character before it in the paragraph (0: none), for a leading space. */
void resolve_join_numbers(const char *lang, UChar *chunk, int32_t len, UChar32 prev);

/* Closes every cached ICU object. */
void resolve_dates_cleanup(void);

#endif
