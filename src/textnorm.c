/* textnorm.c — NFC and white-space collapsing; see textnorm.h. */
#include "textnorm.h"

#include <stdlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

char *textnorm_nfc(const char *text)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, text, -1, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return NULL;
	status = U_ZERO_ERROR;
	const UNormalizer2 *norm = unorm2_getNFCInstance(&status);
	UChar *raw = malloc(((size_t)n16 + 1) * sizeof *raw);
	UChar *nfc = malloc(((size_t)n16 * 3 + 1) * sizeof *nfc);
	char *out = NULL;
	if (!raw || !nfc || U_FAILURE(status))
		goto done;
	u_strFromUTF8(raw, n16 + 1, NULL, text, -1, &status);
	int32_t n = unorm2_normalize(norm, raw, n16, nfc, n16 * 3 + 1, &status);
	int32_t n8 = 0;
	if (U_FAILURE(status))
		goto done;
	u_strToUTF8(NULL, 0, &n8, nfc, n, &status);
	status = U_ZERO_ERROR;
	out = malloc((size_t)n8 + 1);
	if (out)
		u_strToUTF8(out, n8 + 1, NULL, nfc, n, &status);
	if (out && U_FAILURE(status)) {
		free(out);
		out = NULL;
	}
done:
	free(raw);
	free(nfc);
	return out;
}

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t textnorm_collapse(char *text, struct textnorm_collapse *state)
{
	size_t w = 0;
	for (const char *p = text; *p; p++) {
		if (is_xml_space(*p)) {
			if (!state->at_start && !state->last_space)
				text[w++] = ' ';
			state->last_space = !state->at_start || state->last_space;
			continue;
		}
		text[w++] = *p;
		state->at_start = state->last_space = false;
	}
	text[w] = '\0';
	return w;
}
