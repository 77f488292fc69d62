/* utf8.c — UTF-8 helpers; see utf8.h. */
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	/* The lead byte decides the length and the range the second byte must be in:
	 * no overlong forms (C0, C1, E0 80–9F, F0 80–8F), no surrogates (ED A0–BF), nothing
	 * past U+10FFFF (F4 90–BF, F5–FF). */
	size_t n = 0;
	unsigned char lo = 0x80, hi = 0xBF;
	if (u[0] < 0x80)
		n = 1;
	else if (u[0] >= 0xC2 && u[0] <= 0xDF)
		n = 2;
	else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3;
		lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		hi = u[0] == 0xED ? 0x9F : 0xBF;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4;
		lo = u[0] == 0xF0 ? 0x90 : 0x80;
		hi = u[0] == 0xF4 ? 0x8F : 0xBF;
	}
	if (n == 0 || n > len) {
		*cp = 0xFFFD;
		return 1;
	}
	uint32_t v = n == 1 ? u[0] : u[0] & (0x7Fu >> n);
	for (size_t i = 1; i < n; i++) {
		bool ok = i == 1 ? u[i] >= lo && u[i] <= hi : (u[i] & 0xC0) == 0x80;
		if (!ok) {
			*cp = 0xFFFD;
			return i;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	*cp = v;
	return n;
}

bool utf8_valid(const char *s, size_t len, size_t *bad)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The value of the digit C, or -1. */
static int digit_value(char c, bool hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The length of the character reference at S, its character in *CP; 0 if there is none. */
static size_t char_reference(const char *s, size_t len, uint32_t *cp)
{
	if (len < 4 || s[0] != '&' || s[1] != '#')
		return 0;
	bool hex = s[2] == 'x';
	size_t first = hex ? 3 : 2, i = first;
	uint32_t v = 0;
	/* Once past U+10FFFF the value need only stay too large: no overflow, however many
	 * digits there are. */
	for (int d; i < len && (d = digit_value(s[i], hex)) >= 0; i++)
		v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
	if (i == first || i >= len || s[i] != ';' || v == 0 || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return i + 1;
}

size_t utf8_decode_reference(const char *s, size_t len, uint32_t *cp)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {
		{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&apos;", '\''}, {"&quot;", '"'},
	};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		size_t n = strlen(named[i].name);
		if (n <= len && memcmp(s, named[i].name, n) == 0) {
			*cp = (uint32_t)named[i].c;
			return n;
		}
	}
	return char_reference(s, len, cp);
}
