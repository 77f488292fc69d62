/* lint_de.c — the rules of German text; see lint_rules.h.
 *
 *   de-quotes              fix  "…" → the language's marks (lang.h): „…“, «…» in de-CH, de-LI
 *   de-abbreviation             z.B. → z. B. with U+202F
 *   de-dash                     " - " → " – " */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>

#include "lint_rules.h"
#include "utf8.h"

static bool opens_quotation(uint32_t before)
{
	return before == 0 || is_space(before) || before == OBJECT_BR || before == '(' ||
	       before == '[' || before == '{' || before == '-' ||
	       (before >= 0x2010 && before <= 0x2015);
}

/* The one character MARK is, or 0 (none, or more than one). */
static uint32_t single_mark(const char *mark)
{
	uint32_t cp = 0;
	size_t len = strlen(mark);
	return len > 0 && utf8_decode(mark, len, &cp) == len ? cp : 0;
}

void lint_check_de_quotes(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 0; i < l->n && !l->failed; i++) {
		if (l->chars[i].cp != '"' || !checked_in(l, i, LANG_DE))
			continue;
		bool opening = opens_quotation(cp_before(l, i));
		const struct lang_facts *facts = lint_lang_facts(l, l->chars[i].tag);
		const char *mark = !facts ? "" : opening ? facts->quote_open : facts->quote_close;
		uint32_t cp = single_mark(mark);
		if (!cp)
			continue; /* ICU has no marks for it: nothing to say what to type */
		lint_report(l, i, rule->name,
			    "straight quotation mark \" %s a quotation: type %s (U+%04X)",
			    opening ? "opening" : "closing", mark, (unsigned)cp);
		lint_fix1(l, i, cp, rule->name);
	}
}

void lint_check_de_dash(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 1; i < l->n; i++)
		if (l->chars[i].cp == '-' && checked_in(l, i, LANG_DE) &&
		    is_space(cp_before(l, i)) && is_space(cp_at(l, i + 1)))
			lint_report(l, i, rule->name,
				    "hyphen-minus - used as a dash: type an en dash – (U+2013) "
				    "between the spaces");
}

static bool is_de_letter(const struct linter *l, size_t i)
{
	return checked_in(l, i, LANG_DE) && u_isalpha((UChar32)l->chars[i].cp);
}

/* "z.B.", "d.h.", "i.d.R.": one letter and a dot, twice or more, with nothing between. */
void lint_check_de_abbreviation(struct linter *l, const struct lint_rule *rule)
{
	for (size_t i = 0; i + 3 < l->n; i++) {
		uint32_t before = cp_before(l, i);
		if (!is_de_letter(l, i) || u_isalnum((UChar32)before) || before == '.')
			continue;
		size_t end = i;
		while (is_de_letter(l, end) && cp_at(l, end + 1) == '.' &&
		       checked_in(l, end + 1, LANG_DE))
			end += 2;
		if (end - i < 4 || u_isalnum((UChar32)cp_at(l, end)))
			continue;
		char typed[64] = "", fixed[64] = "", glyph[8];
		size_t t = 0, f = 0; /* FIXED is the longer: it has room for TYPED too */
		for (size_t k = i; k < end && f + 12 < sizeof fixed; k += 2) {
			lint_utf8_of(l->chars[k].cp, glyph);
			t += (size_t)snprintf(typed + t, sizeof typed - t, "%s.", glyph);
			f += (size_t)snprintf(fixed + f, sizeof fixed - f, "%s%s.",
					      k > i ? "\u202F" : "", glyph);
		}
		lint_report(l, i, rule->name,
			    "abbreviation \"%s\": type \"%s\", with a narrow no-break space "
			    "(U+202F) after each inner dot",
			    typed, fixed);
		i = end - 1;
	}
}

