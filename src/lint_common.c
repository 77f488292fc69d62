/* lint_common.c — the rules of every language; see lint_rules.h.
 *
 *   space-doubled          fix  two spaces in a row on one source line → one
 *   space-edge                  white space without a line break at the edge of a <t>
 *   invisible-char              U+200B, U+FEFF, U+00AD, U+2060
 *   bidi-mark                   U+200E, U+200F, U+061C
 *
 * They apply everywhere: in link text, names and URLs too. */
#include <stdio.h>
#include <string.h>

#include "lint_rules.h"

/* ---- characters of every language -------------------------------------------------- */

static const struct {
	uint32_t cp;
	const char *rule, *name, *advice;
} stray_chars[] = {
	{0x200B, "invisible-char", "invisible zero-width space",
	 "delete it; broadside finds the places where a line may break itself"},
	{0xFEFF, "invisible-char", "invisible zero-width no-break space (byte order mark)",
	 "delete it"},
	{0x00AD, "invisible-char", "soft hyphen",
	 "delete it; broadside inserts the hyphenation points itself"},
	{0x2060, "invisible-char", "invisible word joiner", "delete it"},
	{0x200E, "bidi-mark", "left-to-right mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
	{0x200F, "bidi-mark", "right-to-left mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
	{0x061C, "bidi-mark", "Arabic letter mark",
	 "delete it; the isolation of <foreign xml:lang=\"…\"> around a run in another language "
	 "replaces such marks"},
};

/* The characters of STRAY_CHARS that RULE names, wherever they stand. */
static void check_stray_chars(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 0; i < l->n; i++) {
		if (l->chars[i].flags & CH_OBJECT)
			continue;
		for (size_t k = 0; k < sizeof stray_chars / sizeof stray_chars[0]; k++) {
			if (l->chars[i].cp != stray_chars[k].cp ||
			    strcmp(stray_chars[k].rule, rule->name) != 0)
				continue;
			bool zwsp_in_farsi = stray_chars[k].cp == 0x200B && l->chars[i].lang == LANG_FA;
			lint_report(l, i, stray_chars[k].rule, "%s (U+%04X): %s%s", stray_chars[k].name,
				    (unsigned)stray_chars[k].cp, stray_chars[k].advice,
				    zwsp_in_farsi ? " (to keep two Persian letters apart, type a "
						    "zero-width non-joiner U+200C)"
						  : "");
			break;
		}
	}
}

void lint_check_invisible_char(struct linter *l, const struct lint_rule *rule)
{
	check_stray_chars(l, rule);
}

void lint_check_bidi_mark(struct linter *l, const struct lint_rule *rule)
{
	check_stray_chars(l, rule);
}

/* ---- white space ------------------------------------------------------------------- */

static bool has_line_break(const struct linter *l, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (l->chars[k].cp == '\n')
			return true;
	return false;
}

/* Deletes all but the first of the N spaces from K on, when each is a ' ' byte right
 * after the one before (not a reference, not across a line). */
static void fix_doubled_spaces(struct linter *l, size_t k, size_t n)
{
	uint32_t first = l->chars[k].offset;
	for (size_t j = 0; j < n; j++)
		if (l->chars[k + j].offset != first + j || first + j >= l->src->len ||
		    l->src->bytes[first + j] != ' ')
			return;
	char description[64];
	snprintf(description, sizeof description, "%zu × U+0020 → U+0020", n);
	lint_delete(l, first + 1, (uint32_t)(n - 1), "space-doubled", description);
}

/* The text without the white space at its edges: [*LEAD, *TRAIL). */
static void text_core(const struct linter *l, size_t *lead, size_t *trail)
{
	*lead = 0;
	*trail = l->n;
	while (*lead < l->n && is_space(l->chars[*lead].cp))
		(*lead)++;
	while (*trail > *lead && is_space(l->chars[*trail - 1].cp))
		(*trail)--;
}

/* Spaces at the edges of the <t>.  White space with a line break in it is the document's
 * indentation, never a finding. */
void lint_check_space_edge(struct linter *l, const struct lint_rule *rule)
{
	size_t lead, trail;
	text_core(l, &lead, &trail);
	if (lead > 0 && !has_line_break(l, 0, lead))
		lint_report(l, 0, rule->name,
			    "white space at the start of the <t>: delete it (only white space with a "
			    "line break in it is layout of the XML)");
	if (trail < l->n && !has_line_break(l, trail, l->n))
		lint_report(l, trail, rule->name,
			    "white space at the end of the <t>: delete it (only white space with a "
			    "line break in it is layout of the XML)");
}

/* Spaces doubled inside the <t>, but not in its indentation. */
void lint_check_space_doubled(struct linter *l, const struct lint_rule *rule)
{
	size_t lead, trail;
	text_core(l, &lead, &trail);
	for (size_t i = lead; i < trail;) {
		if (!is_space(l->chars[i].cp)) {
			i++;
			continue;
		}
		size_t end = i;
		while (end < trail && is_space(l->chars[end].cp))
			end++;
		bool layout = has_line_break(l, i, end);
		for (size_t k = i; k + 1 < end && !layout; k++) {
			if (l->chars[k].cp != ' ' || l->chars[k + 1].cp != ' ' ||
			    l->chars[k + 1].offset != l->chars[k].offset + 1)
				continue;
			size_t n = 1;
			while (k + n < end && l->chars[k + n].cp == ' ')
				n++;
			lint_report(l, k + 1, rule->name, "%zu spaces in a row: type one", n);
			fix_doubled_spaces(l, k, n);
			break;
		}
		i = end;
	}
}
