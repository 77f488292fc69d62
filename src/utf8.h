/* utf8.h — the few UTF-8 helpers the C stages share (ICU handles everything else). */
#ifndef BROADSIDE_UTF8_H
#define BROADSIDE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Writes CP (at most U+10FFFF) as UTF-8 to OUT (4 bytes of room); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

/* Decodes the character at S (LEN bytes available) into *CP and returns its length.  A
 * malformed or truncated sequence gives U+FFFD and the number of bytes to skip (≥ 1). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

#endif
