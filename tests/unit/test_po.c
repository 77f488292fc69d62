/* Unit tests of the translators' building blocks: the canonical form and src-hash of a
 * <t> (segment.h, stale.h), the tagged form PO strings carry, and the PO syntax (po.h).
 * Expected hashes were computed apart from broadside, with Python's hashlib over the
 * canonical form written out by hand; LINE:COL by counting code points from 1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model.h"
#include "pipeline.h"
#include "po.h"
#include "segment.h"
#include "tagform.h"
#include "stale.h"
#include "support.h"

/* ---- documents in memory ------------------------------------------------------------ */

struct doc {
	struct source *src;
	struct model_doc *model;
};

/* A valid appeal (en source, fa and de) whose one paragraph "p" has these <t>s. */
static struct doc load(const char *en, const char *fa, const char *de)
{
	char *xml = NULL;
	assert_true(asprintf(&xml,
			     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			     "<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"
			     "<head><title id=\"title\"><t xml:lang=\"en\">T</t><t xml:lang=\"fa\">ت</t>"
			     "<t xml:lang=\"de\">T</t></title></head>\n"
			     "<body>\n<p id=\"p\">%s%s%s</p>\n</body>\n</appeal>\n",
			     en, fa, de) > 0);
	struct doc d = {0};
	support_load(xml, &d.src, &d.model);
	free(xml);
	return d;
}

static void unload(struct doc *d)
{
	model_doc_free(d->model);
	source_free(d->src);
}

static const struct model_text *text_of(const struct doc *d, const char *lang)
{
	const struct model_text *t = model_unit_text(model_doc_unit(d->model, "p"), lang);
	assert_non_null(t);
	return t;
}

static void assert_canonical(const char *en, const char *want)
{
	struct doc d = load(en, "", "");
	char *canonical = segment_canonical(text_of(&d, "en"));
	assert_non_null(canonical);
	assert_string_equal(canonical, want);
	free(canonical);
	unload(&d);
}

static void hash_of(const char *en, char hash[STALE_HASH_SIZE])
{
	struct doc d = load(en, "", "");
	assert_int_equal(stale_hash(text_of(&d, "en"), hash), 0);
	unload(&d);
}

/* ---- canonical form and src-hash ---------------------------------------------------- */

static void canonical_form(void **state)
{
	(void)state;
	assert_canonical("<t xml:lang=\"en\">  Join \n\t us   on <date when='2023-06-17' />!\n</t>",
			 "Join us on <date when=\"2023-06-17\"/>!");
	/* Across element boundaries, around a break, references decoded and re-escaped. */
	assert_canonical("<t xml:lang=\"en\">a <em> b </em> <br/>  c &amp; &lt;d&gt; &#x22;</t>",
			 "a <em>b </em><br/>c &amp; &lt;d&gt; \"");
	assert_canonical("<t xml:lang=\"en\"><foreign xml:lang=\"fa\">آزادی</foreign> <a href=\"https://x.org/?a=1&amp;b\">x</a>"
			 " <date from=\"2023-06-17\" to=\"2023-06-22\"/></t>",
			 "<foreign xml:lang=\"fa\">آزادی</foreign> <a href=\"https://x.org/?a=1&amp;b\">x</a>"
			 " <date from=\"2023-06-17\" to=\"2023-06-22\"/>");
	/* NFC: e + combining acute is é. */
	assert_canonical("<t xml:lang=\"en\">Cafe\xCC\x81</t>", "Caf\xC3\xA9");
}

static void hash_is_documented_sha256(void **state)
{
	(void)state;
	char hash[STALE_HASH_SIZE];
	hash_of("<t xml:lang=\"en\">Join us on <date when=\"2023-06-17\"/>!</t>", hash);
	assert_string_equal(hash, "sha256:bda73d353126b92d");
	hash_of("<t xml:lang=\"en\">Free them all!</t>", hash);
	assert_string_equal(hash, "sha256:0f9defa89c888a8e");
	/* NFD in the file, NFC in the hash. */
	hash_of("<t xml:lang=\"en\">Cafe\xCC\x81 <name>Oriental</name></t>", hash);
	assert_string_equal(hash, "sha256:4e54ffffa20140fb");
}

static void hash_ignores_layout(void **state)
{
	(void)state;
	char a[STALE_HASH_SIZE], b[STALE_HASH_SIZE];
	hash_of("<t xml:lang=\"en\">Join us on <date when=\"2023-06-17\"/>!</t>", a);
	hash_of("<t xml:lang=\"en\">\n        Join  us on\n        <date   when='2023-06-17' />!</t>", b);
	assert_string_equal(a, b);
	hash_of("<t xml:lang=\"en\" state=\"final\">&#x4A;oin us on <date when=\"2023-06-17\"/>&#33;</t>", b);
	assert_string_equal(a, b);
	hash_of("<t xml:lang=\"en\"><![CDATA[Join us on ]]><date when=\"2023-06-17\"/>!</t>", b);
	assert_string_equal(a, b);
}

static void hash_sees_every_visible_change(void **state)
{
	(void)state;
	static const char *const changed[] = {
		"<t xml:lang=\"en\">Join us at <date when=\"2023-06-17\"/>!</t>",        /* a word */
		"<t xml:lang=\"en\">Join us on <date when=\"2023-06-18\"/>!</t>",        /* a date */
		"<t xml:lang=\"en\"><em>Join us</em> on <date when=\"2023-06-17\"/>!</t>", /* markup */
		"<t xml:lang=\"en\">Join us on <date when=\"2023-06-17\"/>.</t>",        /* punctuation */
		"<t xml:lang=\"en\">Join us on<date when=\"2023-06-17\"/>!</t>",         /* a space */
		"<t xml:lang=\"en\">Join us on <date from=\"2023-06-17\" to=\"2023-06-18\"/>!</t>",
	};
	char a[STALE_HASH_SIZE], b[STALE_HASH_SIZE];
	hash_of("<t xml:lang=\"en\">Join us on <date when=\"2023-06-17\"/>!</t>", a);
	for (size_t i = 0; i < sizeof changed / sizeof changed[0]; i++) {
		hash_of(changed[i], b);
		assert_string_not_equal(a, b);
	}
	char c[STALE_HASH_SIZE], d[STALE_HASH_SIZE];
	hash_of("<t xml:lang=\"en\"><a href=\"https://a.org/\">x</a></t>", c);
	hash_of("<t xml:lang=\"en\"><a href=\"https://b.org/\">x</a></t>", d);
	assert_string_not_equal(c, d);
	hash_of("<t xml:lang=\"en\"><foreign xml:lang=\"fa\">x</foreign></t>", c);
	hash_of("<t xml:lang=\"en\"><foreign xml:lang=\"ar\">x</foreign></t>", d);
	assert_string_not_equal(c, d);
}

static void stale_states(void **state)
{
	(void)state;
	char hash[STALE_HASH_SIZE];
	hash_of("<t xml:lang=\"en\">Free them all!</t>", hash);
	char *fa = NULL, *de = NULL;
	assert_true(asprintf(&fa, "<t xml:lang=\"fa\" src-hash=\"%s\">آزادشان کنید!</t>", hash) > 0);
	assert_true(asprintf(&de, "<t xml:lang=\"de\" src-hash=\"%s\">Lasst sie frei!</t>", hash) > 0);
	/* The same source: fa fresh, de fresh. */
	struct doc d = load("<t xml:lang=\"en\">Free them  all!</t>", fa, de);
	enum stale_state st;
	const struct model_unit *unit = model_doc_unit(d.model, "p");
	assert_int_equal(stale_text_state(d.model, unit, text_of(&d, "fa"), &st), 0);
	assert_int_equal(st, STALE_FRESH);
	struct diag_list diags;
	diag_list_init(&diags);
	stale_check(d.model, d.src, &diags);
	assert_int_equal(diags.n, 0);
	unload(&d);
	/* The source changed: both stale, warned at their <t>; a unit without src-hash
	 * is unknown, not stale. */
	d = load("<t xml:lang=\"en\">Free them all now!</t>", fa, "<t xml:lang=\"de\">Lasst sie frei!</t>");
	unit = model_doc_unit(d.model, "p");
	assert_int_equal(stale_text_state(d.model, unit, text_of(&d, "fa"), &st), 0);
	assert_int_equal(st, STALE_STALE);
	assert_int_equal(stale_text_state(d.model, unit, text_of(&d, "de"), &st), 0);
	assert_int_equal(st, STALE_UNKNOWN);
	assert_int_equal(stale_text_state(d.model, unit, text_of(&d, "en"), &st), 0);
	assert_int_equal(st, STALE_UNKNOWN);
	stale_check(d.model, d.src, &diags);
	assert_int_equal(diags.n, 1);
	assert_string_equal(diags.items[0].rule, "translation-stale");
	assert_int_equal(diags.items[0].severity, DIAG_WARNING);
	assert_int_equal(diags.items[0].line, 5);
	assert_int_equal(diags.items[0].col, 50); /* the fa <t> */
	assert_non_null(strstr(diags.items[0].message, "unit \"p\""));
	diag_list_clear(&diags);
	unload(&d);
	free(fa);
	free(de);
}

/* ---- the tagged form ---------------------------------------------------------------- */

static void collapsed(const struct model_text *t, struct segment *seg)
{
	segment_init(seg);
	assert_int_equal(segment_from_text(t, seg), 0);
	assert_int_equal(segment_collapse(seg), 0);
}

#define SOURCE_EN                                                                         \
	"<t xml:lang=\"en\">On <date when=\"2023-06-10\"/>, <name>Shirin</name> wrote from "     \
	"<name>Evin</name>. <em>Read it</em> &amp; pass it on: <a href=\"https://x.org/l\">"     \
	"x.org/l</a>.<br/>Free them &lt;all&gt;!</t>"

static void tagged_source_and_legend(void **state)
{
	(void)state;
	struct doc d = load(SOURCE_EN, "", "");
	struct segment seg;
	collapsed(text_of(&d, "en"), &seg);
	char *tagged = tagform_make(&seg, &seg);
	assert_string_equal(tagged, "On <date1/>, <1>Shirin</1> wrote from <2>Evin</2>. <3>Read it</3> "
				    "&amp; pass it on: <4>x.org/l</4>.<br/>Free them &lt;all>!");
	char *legend = tagform_legend(&seg);
	assert_string_equal(legend, "<date1/> a date, 2023-06-10; <1> a name; <2> a name; "
				    "<3> emphasis; <4> a link to https://x.org/l");
	free(tagged);
	free(legend);
	segment_clear(&seg);
	unload(&d);
}

static void tagged_translation_numbers_follow_the_source(void **state)
{
	(void)state;
	/* de names Evin before Shirin; fa wraps the link text in a foreign run the source
	 * does not have, and drops the emphasis. */
	struct doc d = load(SOURCE_EN,
			    "<t xml:lang=\"fa\">در <date when=\"2023-06-10\"/> <name>شیرین</name> از <name>اوین</name> "
			    "نوشت. بخوانید: <a href=\"https://x.org/l\"><foreign xml:lang=\"en\">x.org/l</foreign></a>."
			    "<br/>آزادشان کنید!</t>",
			    "<t xml:lang=\"de\">Am <date when=\"2023-06-10\"/> schrieb <name>Evin</name>… nein: "
			    "<name>Shirin</name>. <em>Lest ihn</em>: <a href=\"https://x.org/l\">x.org/l</a>.</t>");
	struct segment src, fa, de;
	collapsed(text_of(&d, "en"), &src);
	collapsed(text_of(&d, "fa"), &fa);
	collapsed(text_of(&d, "de"), &de);
	char *t = tagform_make(&de, &src);
	assert_string_equal(t, "Am <date1/> schrieb <2>Evin</2>… nein: <1>Shirin</1>. <3>Lest ihn</3>: "
			       "<4>x.org/l</4>.");
	free(t);
	t = tagform_make(&fa, &src);
	assert_string_equal(t, "در <date1/> <1>شیرین</1> از <2>اوین</2> نوشت. بخوانید: "
			       "<4><foreign xml:lang=\"en\">x.org/l</foreign></4>.<br/>آزادشان کنید!");
	/* Read back, it is the same translation. */
	struct segment back;
	segment_init(&back);
	struct tagform_error err;
	assert_int_equal(tagform_parse(t, strlen(t), &src, &back, &err), 0);
	char *a = segment_canonical_of(&back), *b = segment_canonical(text_of(&d, "fa"));
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(t);
	segment_clear(&back);
	segment_clear(&src);
	segment_clear(&fa);
	segment_clear(&de);
	unload(&d);
}

static void expect_refused(const struct segment *src, const char *text, size_t at,
			   const char *message)
{
	struct segment out;
	segment_init(&out);
	struct tagform_error err;
	int rc = tagform_parse(text, strlen(text), src, &out, &err);
	if (rc != 1)
		fail_msg("accepted: %s", text);
	if (err.at != at || !strstr(err.message, message))
		fail_msg("%s: at %zu \"%s\", want at %zu \"%s\"", text, err.at, err.message, at,
			 message);
	assert_int_equal(out.n, 0);
}

static void tagged_strings_that_do_not_match_are_refused(void **state)
{
	(void)state;
	struct doc d = load(SOURCE_EN, "", "");
	struct segment src;
	collapsed(text_of(&d, "en"), &src);
	const char *ok = "<date1/> <4>l</4>";
	expect_refused(&src, "<date1/> <5>x</5> <4>l</4>", 9, "<5> is not in the source, which has <1> to <4>");
	expect_refused(&src, "<date1/> <1>x</2> <4>l</4>", 13, "</2> does not end <1>");
	expect_refused(&src, "<date1/> <1>x <4>l</4>", 9, "<1> is never ended");
	expect_refused(&src, "<date1/> x</1> <4>l</4>", 10, "ends an element that was not started");
	expect_refused(&src, "<4>l</4>", 8, "<date1/> (2023-06-10) is missing");
	expect_refused(&src, "<date1/><date1/> <4>l</4>", 8, "<date1/> is used twice");
	expect_refused(&src, "<date2/> <date1/> <4>l</4>", 0, "<date2/> is not in the source");
	expect_refused(&src, "<date1/> l", 10, "the link <4>…</4> (https://x.org/l) is missing");
	expect_refused(&src, "<date1/> <4>l</4> <4>m</4>", 18, "<4> is used twice");
	expect_refused(&src, "<date1/> <1><4>l</4></1> <a href=\"https://x.org/l\">l</a>", 25,
		       "links and dates come from the source");
	expect_refused(&src, "<date1/> <4>l</4> a < b", 20, "unknown tag < b");
	expect_refused(&src, "<date1/> <4>l</4> <b>x</b>", 18, "unknown tag <b>");
	expect_refused(&src, "<date1/> <4>l</4> <foreign xml:lang=\"zz-!!\">x</foreign>", 37,
		       "\"zz-!!\" is not a language tag");
	expect_refused(&src, "<date1/> <4>l</4> \xE2\x80\xAE", 18, "bidi control character U+202E");
	expect_refused(&src, "<date1/> <4>l</4> \x01", 18, "control character U+0001");
	struct segment out;
	segment_init(&out);
	struct tagform_error err;
	assert_int_equal(tagform_parse(ok, strlen(ok), &src, &out, &err), 0);
	segment_clear(&out);
	/* Named elements nest and references decode. */
	const char *named = "<em>a <foreign xml:lang='fa'>b</foreign></em> &amp;&lt;&#x41; & <date1/> <4>l</4>";
	assert_int_equal(tagform_parse(named, strlen(named), &src, &out, &err), 0);
	char *xml = segment_xml(&out);
	assert_string_equal(xml, "<em>a <foreign xml:lang=\"fa\">b</foreign></em> &amp;&lt;A &amp; "
				 "<date when=\"2023-06-10\"/> <a href=\"https://x.org/l\">l</a>");
	free(xml);
	segment_clear(&out);
	/* A link in a link. */
	struct doc d2 = load("<t xml:lang=\"en\"><a href=\"https://x.org/\">b</a> "
			     "<a href=\"https://y.org/\">c</a></t>", "", "");
	struct segment src2;
	collapsed(text_of(&d2, "en"), &src2);
	expect_refused(&src2, "<1>x <2>y</2></1>", 5, "<2> is a link inside the link <1>");
	segment_clear(&src2);
	unload(&d2);
	segment_clear(&src);
	unload(&d);
}

/* ---- PO syntax ---------------------------------------------------------------------- */

static struct source *po_source(const char *text)
{
	struct source *src = NULL;
	assert_int_equal(source_from_memory("t.po", text, strlen(text), &src), SOURCE_OK);
	return src;
}

static void po_reads_entries_with_their_places(void **state)
{
	(void)state;
	struct source *src = po_source(
		"# header comment\n"                                  /* 1 */
		"msgid \"\"\n"                                        /* 2 */
		"msgstr \"\"\n"                                       /* 3 */
		"\"Language: fa\\n\"\n"                               /* 4 */
		"\"X-Broadside-Document:  doc-1 \\n\"\n"              /* 5 */
		"\n"
		"#. a comment\n"                                      /* 7 */
		"#, fuzzy, c-format\n"                                /* 8 */
		"#| msgid \"old\"\n"                                  /* 9 */
		"#| \" text\"\n"                                      /* 10 */
		"msgctxt \"unit-1\"\n"                                /* 11 */
		"msgid \"\"\n"                                        /* 12 */
		"\"Say \\\"hi\\\"\\t\"\n"                             /* 13 */
		"\"to all\\n\"\n"                                     /* 14 */
		"msgstr \"سلام \"\n"                                  /* 15 */
		"  \"<1>همه</1>\"\n"                                  /* 16 */
		"\n"
		"#~ msgctxt \"gone\"\n"
		"#~ msgid \"old entry\"\n"
		"#~ msgstr \"x\"\n"
		"msgctxt \"unit-2\"\r\n"                              /* 21 */
		"msgid \"b\"\r\n"
		"msgstr \"\"\r\n");
	struct po_file po;
	po_file_init(&po);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_int_equal(po_parse(src, &po, &diags), 0);
	assert_int_equal(diags.n, 0);
	assert_int_equal(po.n, 3);
	const struct po_entry *h = po_header(&po);
	assert_ptr_equal(h, &po.entries[0]);
	uint32_t at;
	char *v = po_header_field(h, "x-broadside-document", &at);
	assert_string_equal(v, "doc-1");
	unsigned line, col;
	source_position(src, at, &line, &col);
	assert_int_equal(line, 5);
	assert_int_equal(col, 25);
	free(v);
	assert_null(po_header_field(h, "Plural-Forms", NULL));
	const struct po_entry *e = &po.entries[1];
	assert_true(e->fuzzy);
	assert_string_equal(e->prev_msgid.text, "old text");
	assert_string_equal(e->msgctxt.text, "unit-1");
	assert_string_equal(e->msgid.text, "Say \"hi\"\tto all\n");
	assert_string_equal(e->msgstr.text, "سلام <1>همه</1>");
	/* The '<' of "<1>" sits on line 16, column 4. */
	const char *lt = strchr(e->msgstr.text, '<');
	source_position(src, e->msgstr.offsets[lt - e->msgstr.text], &line, &col);
	assert_int_equal(line, 16);
	assert_int_equal(col, 4);
	/* The escaped quote before "hi" comes from its backslash on line 13, column 6. */
	source_position(src, e->msgid.offsets[4], &line, &col);
	assert_int_equal(line, 13);
	assert_int_equal(col, 6);
	source_position(src, e->offset, &line, &col);
	assert_int_equal(line, 7);
	assert_false(po.entries[2].fuzzy);
	assert_string_equal(po.entries[2].msgctxt.text, "unit-2");
	assert_string_equal(po.entries[2].msgstr.text, "");
	po_file_clear(&po);
	source_free(src);
}

static void expect_po_error(const char *text, unsigned line, unsigned col, const char *message)
{
	struct source *src = po_source(text);
	struct po_file po;
	po_file_init(&po);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_int_equal(po_parse(src, &po, &diags), 1);
	assert_true(diags.n >= 1);
	if (diags.items[0].line != line || diags.items[0].col != col ||
	    !strstr(diags.items[0].message, message))
		fail_msg("%u:%u %s, want %u:%u %s", diags.items[0].line, diags.items[0].col,
			 diags.items[0].message, line, col, message);
	assert_string_equal(diags.items[0].rule, "po-syntax");
	diag_list_clear(&diags);
	po_file_clear(&po);
	source_free(src);
}

static void po_syntax_errors_are_placed(void **state)
{
	(void)state;
	expect_po_error("msgid \"a\"\nmsgstr \"b\n", 2, 8, "not closed");
	expect_po_error("msgid \"a\"\nmsgstr \"b\" x\n", 2, 12, "nothing may follow");
	expect_po_error("msgid \"a\"\nmsgstr \"\\q\"\n", 2, 9, "unknown escape");
	expect_po_error("msgid \"a\"\nmsgtsr \"b\"\n", 2, 1, "not PO syntax");
	expect_po_error("\"a\"\nmsgid \"a\"\nmsgstr \"b\"\n", 1, 1, "continues nothing");
	expect_po_error("msgstr \"b\"\n", 1, 1, "msgstr without a msgid");
	expect_po_error("msgid \"a\"\nmsgid \"b\"\nmsgstr \"b\"\n", 2, 1, "a second msgid");
	expect_po_error("msgid \"a\"\nmsgstr \"x\xff\"\n", 2, 10, "not UTF-8");
	expect_po_error("msgctxt \"c\"\n\nmsgctxt \"d\"\nmsgid \"a\"\nmsgstr \"b\"\n", 3, 1,
			"msgctxt must come first");
}

/* Writes TEXT as a msgstr and reads it back. */
static void po_string_round_trip(const char *text)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	fputs("msgid \"x\"\n", out);
	assert_int_equal(po_write_string(out, "", "msgstr", text), 0);
	fclose(out);
	/* gettext's width: no line over 79 columns unless one word is longer. */
	for (const char *line = buf; *line;) {
		const char *nl = strchr(line, '\n');
		size_t cols = 0; /* code points, but for the zero-width non-joiner */
		for (const char *p = line; p < nl; p++)
			cols += ((unsigned char)*p & 0xC0) != 0x80 && strncmp(p, "\u200C", 3) != 0;
		/* Between the quotes, leaving out the space it was broken after. */
		const char *start = strchr(line, '"') + 1, *end = nl - 1;
		if (end > start && end[-1] == ' ')
			end--;
		if (cols > 79 && end > start && memchr(start, ' ', (size_t)(end - start)))
			fail_msg("a line of %zu columns: %.*s", cols, (int)(nl - line), line);
		line = nl + 1;
	}
	struct source *src = po_source(buf);
	struct po_file po;
	po_file_init(&po);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_int_equal(po_parse(src, &po, &diags), 0);
	assert_int_equal(po.n, 1);
	assert_string_equal(po.entries[0].msgstr.text, text);
	po_file_clear(&po);
	source_free(src);
	free(buf);
}

static void po_strings_wrap_and_read_back(void **state)
{
	(void)state;
	po_string_round_trip("");
	po_string_round_trip("short");
	po_string_round_trip("quotes \" and backslashes \\ and \\n that is not a newline, and a tab\t");
	po_string_round_trip("پاسخ حکومت به خیزشی که با شعار «زن، زندگی، آزادی» آغاز شد گلوله، "
			     "بازداشت‌های گسترده و اعدام بود. هزاران نفر هنوز پشت میله‌های زندان‌اند: "
			     "دانشجویان، معلمان، کارگران، هنرمندان و وکیلان.");
	po_string_round_trip("line one\nline two is rather longer than the first, so long that "
			     "it has to be wrapped somewhere in the middle\n");
	po_string_round_trip("https://example.org/a-very-long-address-without-any-space-in-it-"
			     "that-cannot-be-wrapped-anywhere-at-all-because-it-is-one-word and after");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(canonical_form),
		cmocka_unit_test(hash_is_documented_sha256),
		cmocka_unit_test(hash_ignores_layout),
		cmocka_unit_test(hash_sees_every_visible_change),
		cmocka_unit_test(stale_states),
		cmocka_unit_test(tagged_source_and_legend),
		cmocka_unit_test(tagged_translation_numbers_follow_the_source),
		cmocka_unit_test(tagged_strings_that_do_not_match_are_refused),
		cmocka_unit_test(po_reads_entries_with_their_places),
		cmocka_unit_test(po_syntax_errors_are_placed),
		cmocka_unit_test(po_strings_wrap_and_read_back),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
