/* utf8.h — the few UTF-8 helpers the C stages share (ICU handles everything else), and
 * the one reader of XML references in source text. */
#ifndef BROADSIDE_UTF8_H
#define BROADSIDE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes CP (at most U+10FFFF) as UTF-8 to OUT (4 bytes of room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Decodes the character at S (LEN bytes available) into *CP and returns its length.  A
 * malformed or truncated sequence, an overlong form, a surrogate (U+D800–DFFF) or a value
 * past U+10FFFF gives U+FFFD and the number of bytes to skip (≥ 1). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when the LEN bytes at S are well-formed UTF-8 as utf8_decode reads it; otherwise
 * *BAD (when not NULL) gets the index of the first byte that is not. */
bool utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes the XML reference at S (LEN bytes available): one of the five predefined
 * entities ("&quot;") or a character reference ("&#1610;", "&#x64A;", any number of
 * leading zeros) to a character, which goes into *CP.  Returns the reference's length; 0
 * when there is none, or it names no Unicode scalar value (U+0000, a surrogate, past
 * U+10FFFF). */
size_t utf8_decode_reference(const char *s, size_t len, uint32_t *cp);

#endif
