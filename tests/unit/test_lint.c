/* Unit tests of `broadside lint`: every rule, the places it must leave alone, and the
 * safe fixes.  Each case is a small document in memory; the expected LINE:COL were
 * computed apart from broadside (a short Python script over the same strings, counting
 * code points from 1), and each case counts every finding, so a false positive fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint.h"
#include "model.h"
#include "pipeline.h"
#include "support.h"

/* A valid appeal; the body starts on line 7. */
static const char *const appeal_head =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                     /* 1 */
	"<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"           /* 2 */
	"<head>\n"                                                         /* 3 */
	"<title id=\"title\"><t xml:lang=\"en\">Free them</t>"
	"<t xml:lang=\"fa\">آزادشان کنید</t><t xml:lang=\"de\">Freiheit</t></title>\n" /* 4 */
	"</head>\n"                                                        /* 5 */
	"<body>\n";                                                        /* 6 */

#define P3(id, en, fa, de)                                                                \
	"<p id=\"" id "\"><t xml:lang=\"en\">" en "</t><t xml:lang=\"fa\">" fa              \
	"</t><t xml:lang=\"de\">" de "</t></p>"

struct linted {
	struct source *src;
	struct model_doc *doc;
	struct diag_list diags; /* the linter's findings alone */
	struct lint_fixes fixes;
};

/* Validates XML (it must pass without a word) and lints it, with fixes. */
static struct linted lint_bytes(const char *xml)
{
	struct linted r;
	struct diag_list checked;
	diag_list_init(&checked);
	diag_list_init(&r.diags);
	lint_fixes_init(&r.fixes);
	enum pipeline_status status =
		pipeline_check_memory("t.xml", xml, strlen(xml), &checked, &r.src, &r.doc);
	diag_print_text(&checked, stderr);
	assert_int_equal(status, PIPELINE_OK);
	assert_int_equal(checked.n, 0);
	diag_list_clear(&checked);
	assert_int_equal(lint_document(r.doc, r.src, &r.diags, &r.fixes), 0);
	diag_print_text(&r.diags, stderr);
	return r;
}

static struct linted lint_body(const char *body)
{
	char *xml = NULL;
	assert_true(asprintf(&xml, "%s%s\n</body>\n</appeal>\n", appeal_head, body) > 0);
	struct linted r = lint_bytes(xml);
	free(xml);
	return r;
}

static void linted_free(struct linted *r)
{
	diag_list_clear(&r->diags);
	lint_fixes_clear(&r->fixes);
	model_doc_free(r->doc);
	source_free(r->src);
}

/* How many findings of RULE there are at LINE:COL (LINE 0: anywhere). */
static size_t count(const struct linted *r, const char *rule, unsigned line, unsigned col)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.n; i++) {
		const struct diag *d = &r->diags.items[i];
		if (strcmp(d->rule, rule) == 0 && (!line || (d->line == line && d->col == col)))
			n++;
	}
	return n;
}

/* The fix at LINE:COL, or NULL. */
static const struct lint_fix *fix_at(const struct linted *r, unsigned line, unsigned col)
{
	for (size_t i = 0; i < r->fixes.n; i++) {
		unsigned l, c;
		source_position(r->src, r->fixes.items[i].edit.offset, &l, &c);
		if (l == line && c == col)
			return &r->fixes.items[i];
	}
	return NULL;
}

static void assert_fix(const struct linted *r, unsigned line, unsigned col, const char *rule,
		       const char *replacement)
{
	const struct lint_fix *fix = fix_at(r, line, col);
	assert_non_null(fix);
	assert_string_equal(fix->rule, rule);
	assert_string_equal(fix->edit.text, replacement);
}

static void assert_fixes_ordered(const struct linted *r)
{
	for (size_t i = 0; i + 1 < r->fixes.n; i++)
		assert_true(r->fixes.items[i].edit.offset + r->fixes.items[i].edit.length <=
			    r->fixes.items[i + 1].edit.offset);
}

/* ---- Farsi ------------------------------------------------------------------------- */

static void farsi_letters(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "Ali",
				       "عل\u064A حت\u0649 \u0643تاب مدرس\u06C1 \u06BEمه ها\u06D5",
				       "Ali"));
	assert_int_equal(count(&r, "fa-arabic-yeh", 7, 55), 1);
	assert_int_equal(count(&r, "fa-arabic-yeh", 7, 59), 1);
	assert_int_equal(count(&r, "fa-arabic-kaf", 7, 61), 1);
	assert_int_equal(count(&r, "fa-heh", 7, 70), 1);
	assert_int_equal(count(&r, "fa-heh", 7, 72), 1);
	assert_int_equal(count(&r, "fa-heh", 7, 78), 1);
	assert_int_equal(r.diags.n, 6);
	assert_non_null(strstr(r.diags.items[0].message, "U+064A"));
	assert_non_null(strstr(r.diags.items[0].message, "type Farsi yeh ی (U+06CC)"));
	assert_fix(&r, 7, 55, "fa-arabic-yeh", "ی");
	assert_fix(&r, 7, 59, "fa-arabic-yeh", "ی");
	assert_fix(&r, 7, 61, "fa-arabic-kaf", "ک");
	assert_fix(&r, 7, 78, "fa-heh", "ه");
	assert_string_equal(fix_at(&r, 7, 55)->description, "U+064A → U+06CC");
	assert_int_equal(r.fixes.n, 6);
	assert_fixes_ordered(&r);
	linted_free(&r);
}

static void farsi_presentation_forms(void **state)
{
	(void)state;
	/* سلام and بیت typed with presentation forms; ornate parentheses are not ones */
	struct linted r =
		lint_body(P3("p1", "a", "\uFEB3\uFEFC\uFEE1 ب\uFEF4ت \uFD3Eآیه\uFD3F", "a"));
	assert_int_equal(count(&r, "fa-presentation-form", 7, 51), 1);
	assert_int_equal(count(&r, "fa-presentation-form", 7, 52), 1);
	assert_int_equal(count(&r, "fa-presentation-form", 7, 53), 1);
	assert_int_equal(count(&r, "fa-presentation-form", 7, 56), 1);
	assert_int_equal(r.diags.n, 4);
	assert_fix(&r, 7, 51, "fa-presentation-form", "س");
	assert_fix(&r, 7, 52, "fa-presentation-form", "\u0644\u0627");
	assert_string_equal(fix_at(&r, 7, 52)->description, "U+FEFC → U+0644 U+0627");
	/* NFKC gives Arabic yeh; Farsi wants its own */
	assert_fix(&r, 7, 56, "fa-presentation-form", "\u06CC");
	assert_non_null(strstr(r.diags.items[3].message, "ARABIC LETTER YEH MEDIAL FORM"));
	linted_free(&r);
}

static void farsi_digits(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "سال 2023 و ١٤٠٢ و &#x661;", "a"));
	assert_int_equal(count(&r, "fa-digits", 7, 55), 1); /* one finding per number */
	assert_int_equal(count(&r, "fa-digits", 7, 62), 1);
	assert_int_equal(count(&r, "fa-digits", 7, 69), 1);
	assert_int_equal(r.diags.n, 3);
	assert_fix(&r, 7, 55, "fa-digits", "۲");
	assert_fix(&r, 7, 58, "fa-digits", "۳");
	assert_fix(&r, 7, 63, "fa-digits", "۴");
	/* a reference is replaced whole */
	const struct lint_fix *ref = fix_at(&r, 7, 69);
	assert_non_null(ref);
	assert_int_equal(ref->edit.length, strlen("&#x661;"));
	assert_string_equal(ref->edit.text, "۱");
	assert_int_equal(r.fixes.n, 9);
	linted_free(&r);
}

static void farsi_punctuation(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "چرا? آری, نه; شاید ۱,۵", "a"));
	assert_int_equal(count(&r, "fa-punctuation", 7, 54), 1);
	assert_int_equal(count(&r, "fa-punctuation", 7, 59), 1);
	assert_int_equal(count(&r, "fa-punctuation", 7, 63), 1);
	assert_int_equal(count(&r, "fa-punctuation", 7, 71), 1); /* between digits: no fix */
	assert_int_equal(r.diags.n, 4);
	assert_fix(&r, 7, 54, "fa-punctuation", "؟");
	assert_fix(&r, 7, 59, "fa-punctuation", "،");
	assert_fix(&r, 7, 63, "fa-punctuation", "؛");
	assert_null(fix_at(&r, 7, 71));
	assert_int_equal(r.fixes.n, 3);
	linted_free(&r);
}

static void farsi_zwnj_missing(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "می خواهیم نمیدانم کتاب ها بزرگترین", "a"));
	assert_int_equal(count(&r, "fa-zwnj-missing", 7, 53), 1); /* the space after می */
	assert_int_equal(count(&r, "fa-zwnj-missing", 7, 64), 1); /* د of نمیدانم */
	assert_int_equal(count(&r, "fa-zwnj-missing", 7, 73), 1); /* the space before ها */
	assert_int_equal(count(&r, "fa-zwnj-missing", 7, 81), 1); /* ت of بزرگترین */
	assert_int_equal(r.diags.n, 4);
	for (size_t i = 0; i < r.diags.n; i++)
		assert_non_null(strstr(r.diags.items[i].message, "false positives"));
	assert_non_null(strstr(r.diags.items[0].message, "می\u200Cخواهیم"));
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

static void farsi_zwnj_misplaced(void **state)
{
	(void)state;
	struct linted r =
		lint_body(P3("p1", "a", "\u200Cسلام دنیا\u200C. می\u200C\u200Cخواهم", "a"));
	assert_int_equal(count(&r, "fa-zwnj-misplaced", 7, 51), 1); /* at the start */
	assert_int_equal(count(&r, "fa-zwnj-misplaced", 7, 61), 1); /* before a full stop */
	assert_int_equal(count(&r, "fa-zwnj-misplaced", 7, 67), 1); /* the second of two */
	assert_int_equal(r.diags.n, 3);
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

static void farsi_tatweel(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "سـلام", "a"));
	assert_int_equal(count(&r, "fa-tatweel", 7, 52), 1);
	assert_int_equal(r.diags.n, 1);
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

static void farsi_guillemets(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "»زن، زندگی، آزادی« و «نه»", "a"));
	assert_int_equal(count(&r, "fa-guillemets", 7, 51), 1);
	assert_int_equal(r.diags.n, 1);
	assert_int_equal(r.fixes.n, 2); /* the pair is swapped */
	assert_fix(&r, 7, 51, "fa-guillemets", "«");
	assert_fix(&r, 7, 68, "fa-guillemets", "»");
	assert_fixes_ordered(&r);
	linted_free(&r);
}

/* ---- German ------------------------------------------------------------------------ */

static void german_quotes(void **state)
{
	(void)state;
	struct linted r =
		lint_body(P3("p1", "a", "a", "Er sagte \"Nein\" und (\"Ja\") &quot;gut&quot;."));
	assert_int_equal(count(&r, "de-quotes", 7, 82), 1);
	assert_int_equal(count(&r, "de-quotes", 7, 87), 1);
	assert_int_equal(count(&r, "de-quotes", 7, 94), 1);
	assert_int_equal(count(&r, "de-quotes", 7, 97), 1);
	assert_int_equal(count(&r, "de-quotes", 7, 100), 1);
	assert_int_equal(count(&r, "de-quotes", 7, 109), 1);
	assert_int_equal(r.diags.n, 6);
	assert_fix(&r, 7, 82, "de-quotes", "„");
	assert_fix(&r, 7, 87, "de-quotes", "“");
	assert_fix(&r, 7, 94, "de-quotes", "„");
	assert_fix(&r, 7, 97, "de-quotes", "“");
	assert_fix(&r, 7, 100, "de-quotes", "„");
	assert_int_equal(fix_at(&r, 7, 109)->edit.length, strlen("&quot;"));
	assert_int_equal(r.fixes.n, 6);
	linted_free(&r);
}

/* Swiss German quotes with guillemets: «Nein». */
static void swiss_german_quotes(void **state)
{
	(void)state;
	const char *xml = "<appeal id=\"a\" xml:lang=\"de-CH\" langs=\"de-CH\"><head>\n"
			  "<title id=\"t\"><t xml:lang=\"de-CH\">Er sagte \"Nein\"</t></title>\n"
			  "</head><body/></appeal>\n";
	struct linted r = lint_bytes(xml);
	/* the quotes stand at columns 44 and 49 of line 2 */
	assert_fix(&r, 2, 44, "de-quotes", "«");
	assert_fix(&r, 2, 49, "de-quotes", "»");
	assert_int_equal(r.diags.n, 2);
	linted_free(&r);
}

static void german_abbreviations(void **state)
{
	(void)state;
	struct linted r =
		lint_body(P3("p1", "a", "a", "Das gilt z.B. hier, d.h. immer, i.d.R. auch."));
	assert_int_equal(count(&r, "de-abbreviation", 7, 82), 1);
	assert_int_equal(count(&r, "de-abbreviation", 7, 93), 1);
	assert_int_equal(count(&r, "de-abbreviation", 7, 105), 1);
	assert_int_equal(r.diags.n, 3);
	assert_non_null(strstr(r.diags.items[0].message, "\"z.\u202FB.\""));
	assert_non_null(strstr(r.diags.items[2].message, "\"i.\u202Fd.\u202FR.\""));
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

static void german_dash(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a", "a", "Ja - nein"));
	assert_int_equal(count(&r, "de-dash", 7, 76), 1);
	assert_int_equal(r.diags.n, 1);
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

/* ---- every language ---------------------------------------------------------------- */

static void doubled_spaces(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a  b   c", "a", "a"));
	assert_int_equal(count(&r, "space-doubled", 7, 31), 1);
	assert_int_equal(count(&r, "space-doubled", 7, 34), 1);
	assert_int_equal(r.diags.n, 2);
	linted_free(&r);
}

static void spaces_at_the_edges(void **state)
{
	(void)state;
	struct linted r = lint_body("<p id=\"p1\"><t xml:lang=\"en\"> text</t>"
				    "<t xml:lang=\"fa\">متن</t><t xml:lang=\"de\">Text\t </t></p>");
	assert_int_equal(count(&r, "space-edge", 7, 29), 1);
	assert_int_equal(count(&r, "space-edge", 7, 83), 1);
	assert_int_equal(r.diags.n, 2);
	linted_free(&r);
}

static void invisible_characters(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a\u200Bb", "\uFEFFسلام",
				       "Silben\u00ADtrennung und\u2060so"));
	assert_int_equal(count(&r, "invisible-char", 7, 30), 1);
	assert_int_equal(count(&r, "invisible-char", 7, 53), 1);
	assert_int_equal(count(&r, "invisible-char", 7, 85), 1);
	assert_int_equal(count(&r, "invisible-char", 7, 98), 1);
	assert_int_equal(r.diags.n, 4);
	assert_non_null(strstr(r.diags.items[0].message, "delete it"));
	linted_free(&r);
}

static void bidi_marks(void **state)
{
	(void)state;
	struct linted r = lint_body(P3("p1", "a\u200Eb", "سلام\u200F", "x\u061Cy"));
	assert_int_equal(count(&r, "bidi-mark", 7, 30), 1);
	assert_int_equal(count(&r, "bidi-mark", 7, 57), 1);
	assert_int_equal(count(&r, "bidi-mark", 7, 80), 1);
	assert_int_equal(r.diags.n, 3);
	assert_non_null(strstr(r.diags.items[1].message, "<foreign xml:lang="));
	linted_free(&r);
}

/* ---- what must not be reported ------------------------------------------------------ */

static void names_in_their_own_script_are_checked(void **state)
{
	(void)state;
	struct linted r = lint_body(
		P3("p1", "a", "<name>Amnesty 2023, Inc.</name> و <name>عل\u064A</name>", "a"));
	assert_int_equal(count(&r, "fa-arabic-yeh", 7, 93), 1);
	assert_int_equal(r.diags.n, 1);
	linted_free(&r);
}

static void farsi_exceptions(void **state)
{
	(void)state;
	struct linted r = lint_body(P3(
		"p1",
		"See <a href=\"https://e.org/\">e.org/2023</a>, G7, 1, 2, 3?",
		/* Latin in a foreign run, URLs and addresses typed as text, a link, a Latin word */
		"<foreign xml:lang=\"en\">G7 2023, ok?</foreign> و example.org/page2 و "
		"https://example.org/a?b=1,2 و www.example.org و x@y.org و کاغذ A4 و "
		"<a href=\"https://e.org/\">e.org/2023?</a> و <name>Amnesty 2023, Inc.</name> و "
		/* ZWNJ where it belongs, Persian digits and punctuation, quotation marks */
		"می‌خواهیم کتاب‌ها را نمی‌دانم؛ بزرگ‌ترین «نه» در ۲۰۲۳، آری؟ "
		/* words that only look like prefix or suffix */
		"میدان میوه میهن میزان میله‌های تنها دفتر بیشتر بهترین کیلومتر کبوترها روزهای",
		"Siehe <a href=\"https://e.org/\">e.org/2023</a>."));
	assert_int_equal(r.diags.n, 0);
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

static void german_exceptions(void **state)
{
	(void)state;
	struct linted r = lint_body(P3(
		"p1", "He said \"no\" - twice, e.g. today.", "a",
		"Er sagte „Nein“ – z.\u202FB. heute, z. B. morgen, Nr. 5; Berlin-Kreuzberg, "
		"siehe www.example.org/a-b und <foreign xml:lang=\"en\">\"yes\" - e.g.</foreign>"));
	assert_int_equal(r.diags.n, 0);
	linted_free(&r);
}

static void indented_text_is_layout(void **state)
{
	(void)state;
	struct linted r = lint_body("<p id=\"p1\">\n"
				    "  <t xml:lang=\"en\">\n"
				    "      A paragraph written\n"
				    "      over  several lines.\n"
				    "  </t>\n"
				    "  <t xml:lang=\"fa\">\n\t\tبندی در\n\t\tچند سطر\n  </t>\n"
				    "  <t xml:lang=\"de\">Ein Absatz <em>\n    über</em> Zeilen.\n  </t>\n"
				    "</p>");
	/* only the doubled space inside line 10 */
	assert_int_equal(count(&r, "space-doubled", 10, 12), 1);
	assert_int_equal(r.diags.n, 1);
	linted_free(&r);
}

static void clean_document_has_no_findings(void **state)
{
	(void)state;
	struct linted r = lint_bytes(
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<appeal id=\"clean\" xml:lang=\"en\" langs=\"en fa de\">\n"
		"  <head>\n"
		"    <title id=\"title\">\n"
		"      <t xml:lang=\"en\">Free them all!</t>\n"
		"      <t xml:lang=\"fa\">همه‌ی زندانیان را آزاد کنید!</t>\n"
		"      <t xml:lang=\"de\">Lasst sie alle frei!</t>\n"
		"    </title>\n"
		"  </head>\n"
		"  <body>\n"
		"    <p id=\"p1\">\n"
		"      <t xml:lang=\"en\">On <date when=\"2023-06-17\"/>, we said “no” – and 200 "
		"people came (see <a href=\"https://example.org/x\">example.org/x</a>).</t>\n"
		"      <t xml:lang=\"fa\">در <date when=\"2023-06-17\"/>، ما گفتیم «نه» و ۲۰۰ نفر "
		"آمدند؛ می‌خواهیم نامه‌ها را به بزرگ‌ترین شهرها ببریم. آیا می‌دانید؟ "
		"(<a href=\"https://example.org/x\"><foreign xml:lang=\"en\">example.org/x</foreign>"
		"</a>)</t>\n"
		"      <t xml:lang=\"de\">Am <date when=\"2023-06-17\"/> sagten wir „Nein“ – und "
		"200 Menschen kamen, z.\u202FB. aus Berlin (siehe <a "
		"href=\"https://example.org/x\">example.org/x</a>).</t>\n"
		"    </p>\n"
		"    <p id=\"p2\">\n"
		"      <t xml:lang=\"en\"><name>Bahar Nikzad</name>, <em>free</em>!<br/>Now!</t>\n"
		"      <t xml:lang=\"fa\"><name>بهار نیکزاد</name> (<foreign "
		"xml:lang=\"en\">Bahar Nikzad</foreign>) را <em>آزاد</em> کنید!<br/>همین حالا!</t>\n"
		"      <t xml:lang=\"de\"><name>Bahar Nikzad</name>, <em>frei</em>!<br/>Jetzt!</t>\n"
		"    </p>\n"
		"  </body>\n"
		"</appeal>\n");
	assert_int_equal(r.diags.n, 0);
	assert_int_equal(r.fixes.n, 0);
	linted_free(&r);
}

/* ---- fixes ------------------------------------------------------------------------- */

static void safe_fixes_change_only_their_characters(void **state)
{
	(void)state;
	static const char input[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- عربي: 12, ? not text, not touched -->\n"
		"<appeal xml:lang=\"fa\"   id=\"a\" langs=\"fa\">\n"
		"  <head>\n"
		"\t<title id=\"t\">\n"
		"        <t state=\"final\" xml:lang=\"fa\">عل\u064A و عل&#x64A; \u0643تاب 12 دارند?</t>\n"
		"  </title></head>\n"
		"<body><p id=\"p\"><t xml:lang=\"fa\">   \n   سال ٢٠٢٣ »آری«   \n</t></p></body>\n"
		"</appeal>\n";
	static const char expected[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- عربي: 12, ? not text, not touched -->\n"
		"<appeal xml:lang=\"fa\"   id=\"a\" langs=\"fa\">\n"
		"  <head>\n"
		"\t<title id=\"t\">\n"
		"        <t state=\"final\" xml:lang=\"fa\">علی و علی کتاب ۱۲ دارند؟</t>\n"
		"  </title></head>\n"
		"<body><p id=\"p\"><t xml:lang=\"fa\">   \n   سال ۲۰۲۳ «آری»   \n</t></p></body>\n"
		"</appeal>\n";
	struct linted r = lint_bytes(input);
	assert_int_equal(r.fixes.n, 12);
	assert_fixes_ordered(&r);
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(lint_apply(r.src, &r.fixes, &out, &len), 0);
	assert_int_equal(len, strlen(expected));
	assert_string_equal(out, expected);
	/* what is left after fixing: nothing */
	struct linted again = lint_bytes(out);
	assert_int_equal(again.diags.n, 0);
	linted_free(&again);
	free(out);

	/* without a place to put fixes, the same findings */
	struct diag_list plain;
	diag_list_init(&plain);
	assert_int_equal(lint_document(r.doc, r.src, &plain, NULL), 0);
	assert_int_equal(plain.n, r.diags.n);
	diag_list_clear(&plain);
	linted_free(&r);
}

static void apply_refuses_fixes_that_do_not_fit(void **state)
{
	(void)state;
	struct source *src = NULL;
	assert_int_equal(source_from_memory("x", "abcdef", 6, &src), SOURCE_OK);
	struct lint_fix items[2] = {
		{.edit = {.offset = 1, .length = 2, .text = "X"}},
		{.edit = {.offset = 2, .length = 1, .text = "Y"}},
	};
	struct lint_fixes fixes = {.items = items, .n = 2, .cap = 2};
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(lint_apply(src, &fixes, &out, &len), -1); /* overlapping */
	assert_null(out);
	items[1].edit.offset = 3;
	assert_int_equal(lint_apply(src, &fixes, &out, &len), 0);
	assert_string_equal(out, "aXYef");
	assert_int_equal(len, 5);
	free(out);
	items[1].edit.offset = 6;
	items[1].edit.length = 1;
	assert_int_equal(lint_apply(src, &fixes, &out, &len), -1); /* past the end */
	fixes.n = 0;
	assert_int_equal(lint_apply(src, &fixes, &out, &len), 0);
	assert_string_equal(out, "abcdef");
	free(out);
	source_free(src);
	lint_fixes_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(farsi_letters),
		cmocka_unit_test(farsi_presentation_forms),
		cmocka_unit_test(farsi_digits),
		cmocka_unit_test(farsi_punctuation),
		cmocka_unit_test(farsi_zwnj_missing),
		cmocka_unit_test(farsi_zwnj_misplaced),
		cmocka_unit_test(farsi_tatweel),
		cmocka_unit_test(farsi_guillemets),
		cmocka_unit_test(german_quotes),
		cmocka_unit_test(swiss_german_quotes),
		cmocka_unit_test(german_abbreviations),
		cmocka_unit_test(german_dash),
		cmocka_unit_test(doubled_spaces),
		cmocka_unit_test(spaces_at_the_edges),
		cmocka_unit_test(invisible_characters),
		cmocka_unit_test(bidi_marks),
		cmocka_unit_test(names_in_their_own_script_are_checked),
		cmocka_unit_test(farsi_exceptions),
		cmocka_unit_test(german_exceptions),
		cmocka_unit_test(indented_text_is_layout),
		cmocka_unit_test(clean_document_has_no_findings),
		cmocka_unit_test(safe_fixes_change_only_their_characters),
		cmocka_unit_test(apply_refuses_fixes_that_do_not_fit),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
