/* Unit tests of what the translators' commands do to a document: byte edits of <t>
 * elements (edit.h), PO export and import (exchange.h), the status counts (status.h).
 * Every expectation is a whole document or a whole string, so that a stray byte fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "edit.h"
#include "exchange.h"
#include "pipeline.h"
#include "po.h"
#include "stale.h"
#include "status.h"
#include "support.h"

struct doc {
	struct source *src;
	struct model_doc *model;
};

static struct doc load(const char *xml)
{
	struct doc d = {0};
	support_load(xml, &d.src, &d.model);
	return d;
}

static void unload(struct doc *d)
{
	model_doc_free(d->model);
	source_free(d->src);
}

static const struct model_text *text_of(const struct doc *d, const char *id, const char *lang)
{
	return model_unit_text(model_doc_unit(d->model, id), lang);
}

/* The edits applied: the new document, which must still validate. */
static char *applied(const struct doc *d, struct edit_list *edits)
{
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(edit_apply(d->src, edits, &out, &len), 0);
	assert_int_equal(strlen(out), len);
	struct doc check = load(out);
	unload(&check);
	return out;
}

static const char *const sample =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"
	"  <head>\n"
	"    <title id=\"title\">\n"
	"      <t xml:lang=\"en\">Free them <em>all</em>!</t>\n"
	"      <t xml:lang='fa' state='reviewed'>همه را <em>آزاد</em> کنید!</t>\n"
	"      <note>Short,   for\n banners.</note>\n"
	"    </title>\n"
	"  </head>\n"
	"  <body>\n"
	"    <p id=\"p\"><t xml:lang=\"en\">On <date when=\"2023-06-17\"/>.</t><t xml:lang=\"de\" "
	"state=\"initial\">Am <!-- </t> --><date when=\"2023-06-17\"/>.</t></p>\n"
	"    <p id=\"q\">\n"
	"      <t xml:lang=\"en\">Come <![CDATA[along]]> &amp; see.</t>\n"
	"      <t xml:lang=\"fa\">بیایید و ببینید.</t>\n"
	"      <t xml:lang=\"de\"/>\n"
	"    </p>\n"
	"  </body>\n"
	"</appeal>\n";

/* ---- edits -------------------------------------------------------------------------- */

static void edits_change_only_what_they_name(void **state)
{
	(void)state;
	struct doc d = load(sample);
	struct edit_list edits;
	edit_list_init(&edits);
	const struct model_text *fa = text_of(&d, "title", "fa");
	assert_int_equal(edit_t_attribute(&edits, d.src, fa, "state", "final"), EDIT_OK);
	assert_int_equal(edit_t_attribute(&edits, d.src, fa, "src-hash", "sha256:0123456789abcdef"), EDIT_OK);
	assert_int_equal(edit_t_content(&edits, d.src, text_of(&d, "p", "de"),
					"Am <date when=\"2023-06-17\"/> &amp; danach."), EDIT_OK);
	assert_int_equal(edit_t_content(&edits, d.src, text_of(&d, "q", "de"), "Kommt &amp; seht."),
			 EDIT_OK);
	assert_int_equal(edit_t_attribute(&edits, d.src, text_of(&d, "q", "de"), "state", "initial"),
			 EDIT_OK);
	assert_int_equal(edit_insert_t(&edits, d.src, model_doc_unit(d.model, "title"), "de",
				       "translated", "sha256:fedcba9876543210", "Lasst sie <em>alle</em> frei!"),
			 EDIT_OK);
	char *out = applied(&d, &edits);
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"
		"  <head>\n"
		"    <title id=\"title\">\n"
		"      <t xml:lang=\"en\">Free them <em>all</em>!</t>\n"
		"      <t xml:lang='fa' state='final' src-hash=\"sha256:0123456789abcdef\">همه را <em>آزاد</em> کنید!</t>\n"
		"      <t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:fedcba9876543210\">Lasst sie <em>alle</em> frei!</t>\n"
		"      <note>Short,   for\n banners.</note>\n"
		"    </title>\n"
		"  </head>\n"
		"  <body>\n"
		"    <p id=\"p\"><t xml:lang=\"en\">On <date when=\"2023-06-17\"/>.</t><t xml:lang=\"de\" "
		"state=\"initial\">Am <date when=\"2023-06-17\"/> &amp; danach.</t></p>\n"
		"    <p id=\"q\">\n"
		"      <t xml:lang=\"en\">Come <![CDATA[along]]> &amp; see.</t>\n"
		"      <t xml:lang=\"fa\">بیایید و ببینید.</t>\n"
		"      <t xml:lang=\"de\" state=\"initial\">Kommt &amp; seht.</t>\n"
		"    </p>\n"
		"  </body>\n"
		"</appeal>\n");
	free(out);
	/* Two edits of the same bytes are a defect, refused rather than guessed at. */
	edit_list_clear(&edits);
	assert_int_equal(edit_t_attribute(&edits, d.src, fa, "state", "final"), EDIT_OK);
	assert_int_equal(edit_t_attribute(&edits, d.src, fa, "state", "initial"), EDIT_OK);
	size_t len;
	assert_int_equal(edit_apply(d.src, &edits, &out, &len), -1);
	assert_null(out);
	edit_list_clear(&edits);
	/* An attribute value with quotes and ampersands is escaped for its own quotes. */
	assert_int_equal(edit_t_attribute(&edits, d.src, fa, "state", "a'b\"&<"), EDIT_OK);
	assert_int_equal(edit_apply(d.src, &edits, &out, &len), 0);
	assert_non_null(strstr(out, "<t xml:lang='fa' state='a&apos;b\"&amp;&lt;'>"));
	free(out);
	edit_list_clear(&edits);
	edit_list_clear(NULL);
	unload(&d);
}

static void a_new_t_keeps_the_line_ends_and_indentation(void **state)
{
	(void)state;
	struct doc d = load("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
			    "<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\">\r\n"
			    "\t<head>\r\n"
			    "\t\t<title id=\"title\">\r\n"
			    "\t\t\t<t xml:lang=\"en\">Free them!</t>\r\n"
			    "\t\t</title>\r\n"
			    "\t</head>\r\n"
			    "\t<body><p id=\"p\"><t xml:lang=\"en\">On.</t></p></body>\r\n"
			    "</appeal>\r\n");
	struct edit_list edits;
	edit_list_init(&edits);
	assert_int_equal(edit_insert_t(&edits, d.src, model_doc_unit(d.model, "title"), "de", NULL,
				       NULL, "Freiheit!"), EDIT_OK);
	assert_int_equal(edit_insert_t(&edits, d.src, model_doc_unit(d.model, "p"), "de", "initial",
				       NULL, "Am."), EDIT_OK);
	char *out = applied(&d, &edits);
	assert_string_equal(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
				 "<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\">\r\n"
				 "\t<head>\r\n"
				 "\t\t<title id=\"title\">\r\n"
				 "\t\t\t<t xml:lang=\"en\">Free them!</t>\r\n"
				 "\t\t\t<t xml:lang=\"de\">Freiheit!</t>\r\n"
				 "\t\t</title>\r\n"
				 "\t</head>\r\n"
				 "\t<body><p id=\"p\"><t xml:lang=\"en\">On.</t><t xml:lang=\"de\" "
				 "state=\"initial\">Am.</t></p></body>\r\n"
				 "</appeal>\r\n");
	free(out);
	edit_list_clear(&edits);
	unload(&d);
}

/* ---- import ------------------------------------------------------------------------- */

#define PO_HEADER(doc, lang)                                                              \
	"msgid \"\"\n"                                                                    \
	"msgstr \"\"\n"                                                                   \
	"\"Language: " lang "\\n\"\n"                                                     \
	"\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                \
	"\"X-Broadside-Document: " doc "\\n\"\n"                                          \
	"\n"

struct imported {
	int rc;
	char *document; /* the new document, or NULL when nothing was to change */
	struct diag_list diags;
	struct import_report report;
};

static struct imported import(const struct doc *d, const char *po_text, const char *lang)
{
	struct imported r = {0};
	diag_list_init(&r.diags);
	struct source *po = NULL;
	assert_int_equal(source_from_memory("t.po", po_text, strlen(po_text), &po), SOURCE_OK);
	struct edit_list edits;
	edit_list_init(&edits);
	struct exchange_import_options options = {.lang = lang, .strict = true};
	r.rc = exchange_import(d->model, d->src, po, &options, &edits, &r.report, &r.diags);
	if (r.rc == 0 && edits.n > 0)
		r.document = applied(d, &edits);
	if (r.rc != 0)
		assert_int_equal(edits.n, 0);
	edit_list_clear(&edits);
	source_free(po);
	return r;
}

static void imported_clear(struct imported *r)
{
	free(r->document);
	diag_list_clear(&r->diags);
	import_report_clear(&r->report);
}

static char *hash_of(const struct doc *d, const char *id)
{
	char hash[STALE_HASH_SIZE];
	assert_int_equal(stale_hash(text_of(d, id, "en"), hash), 0);
	return strdup(hash);
}

static void import_writes_changes_only(void **state)
{
	(void)state;
	struct doc d = load(sample);
	struct imported r = import(&d,
		PO_HEADER("a", "de")
		"msgctxt \"title\"\n"
		"msgid \"Free them <1>all</1>!\"\n"
		"msgstr \"Lasst sie <1>alle</1> frei!\"\n"
		"\n"
		"#, fuzzy\n"
		"msgctxt \"p\"\n"
		"msgid \"On <date1/>.\"\n"
		"msgstr \"Am <date1/>.\"\n"
		"\n"
		"msgctxt \"q\"\n"
		"msgid \"Come along &amp; see.\"\n"
		"msgstr \"Kommt &amp; seht.\"\n", NULL);
	assert_int_equal(r.rc, 0);
	assert_int_equal(r.diags.n, 0);
	char *title = hash_of(&d, "title"), *q = hash_of(&d, "q"), *want = NULL;
	assert_true(asprintf(&want,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<appeal id=\"a\" xml:lang=\"en\" langs=\"en fa de\">\n"
		"  <head>\n"
		"    <title id=\"title\">\n"
		"      <t xml:lang=\"en\">Free them <em>all</em>!</t>\n"
		"      <t xml:lang='fa' state='reviewed'>همه را <em>آزاد</em> کنید!</t>\n"
		"      <t xml:lang=\"de\" state=\"translated\" src-hash=\"%s\">Lasst sie <em>alle</em> frei!</t>\n"
		"      <note>Short,   for\n banners.</note>\n"
		"    </title>\n"
		"  </head>\n"
		"  <body>\n"
		"    <p id=\"p\"><t xml:lang=\"en\">On <date when=\"2023-06-17\"/>.</t><t xml:lang=\"de\" "
		"state=\"initial\">Am <!-- </t> --><date when=\"2023-06-17\"/>.</t></p>\n"
		"    <p id=\"q\">\n"
		"      <t xml:lang=\"en\">Come <![CDATA[along]]> &amp; see.</t>\n"
		"      <t xml:lang=\"fa\">بیایید و ببینید.</t>\n"
		"      <t xml:lang=\"de\" state=\"translated\" src-hash=\"%s\">Kommt &amp; seht.</t>\n"
		"    </p>\n"
		"  </body>\n"
		"</appeal>\n", title, q) > 0);
	assert_string_equal(r.document, want);
	assert_string_equal(r.report.lang, "de");
	assert_int_equal(r.report.n, 2);
	assert_int_equal(r.report.items[0].change, IMPORT_NEW);
	assert_int_equal(r.report.items[1].change, IMPORT_CHANGED);
	assert_int_equal(r.report.unchanged, 1);
	free(want);
	free(title);
	free(q);
	imported_clear(&r);
	unload(&d);
}

static void import_fuzzy_drafts_and_approvals(void **state)
{
	(void)state;
	struct doc d = load(sample);
	/* The draft "p" approved as it is (no longer fuzzy): confirmed.  A fuzzy "q" that
	 * changed: a draft, without src-hash. */
	struct imported r = import(&d,
		PO_HEADER("a", "de")
		"msgctxt \"p\"\n"
		"msgid \"On <date1/>.\"\n"
		"msgstr \"Am  <date1/>.\"\n"
		"\n"
		"#, fuzzy\n"
		"msgctxt \"q\"\n"
		"msgid \"Come along &amp; see.\"\n"
		"msgstr \"Kommt.\"\n", "de");
	assert_int_equal(r.rc, 0);
	char *p = hash_of(&d, "p"), *want = NULL;
	assert_true(asprintf(&want, "<t xml:lang=\"de\" state=\"translated\" src-hash=\"%s\">Am "
				    "<!-- </t> --><date when=\"2023-06-17\"/>.</t></p>", p) > 0);
	assert_non_null(strstr(r.document, want));
	assert_non_null(strstr(r.document, "<t xml:lang=\"de\" state=\"initial\">Kommt.</t>"));
	assert_int_equal(r.report.items[0].change, IMPORT_CONFIRMED);
	assert_true(r.report.items[1].draft);
	free(p);
	free(want);
	imported_clear(&r);
	unload(&d);
}

static void expect_refused(const char *po_text, const char *lang, unsigned line, unsigned col,
			   const char *rule, const char *message)
{
	struct doc d = load(sample);
	struct imported r = import(&d, po_text, lang);
	assert_int_equal(r.rc, 1);
	assert_null(r.document);
	bool found = false;
	for (size_t i = 0; i < r.diags.n; i++)
		found |= r.diags.items[i].line == line && r.diags.items[i].col == col &&
			 strcmp(r.diags.items[i].rule, rule) == 0 &&
			 strstr(r.diags.items[i].message, message) != NULL;
	if (!found) {
		diag_print_text(&r.diags, stderr);
		fail_msg("want t.po:%u:%u %s [%s]", line, col, message, rule);
	}
	imported_clear(&r);
	unload(&d);
}

#define ENTRY_P "msgctxt \"p\"\nmsgid \"On <date1/>.\"\nmsgstr \"Am <date1/>.\"\n"

static void import_refuses_what_does_not_fit(void **state)
{
	(void)state;
	expect_refused(PO_HEADER("b", "de") ENTRY_P, NULL, 5, 24, "po-document",
		       "this file is for the document \"b\", not \"a\"");
	expect_refused(PO_HEADER("a", "fr") ENTRY_P, NULL, 3, 12, "po-language",
		       "fr, which is not one of the languages");
	expect_refused(PO_HEADER("a", "en") ENTRY_P, NULL, 3, 12, "po-language",
		       "the source language");
	expect_refused(PO_HEADER("a", "de") ENTRY_P, "fa", 3, 12, "po-language", "not fa (--lang)");
	expect_refused("msgid \"x\"\nmsgstr \"y\"\n", NULL, 1, 1, "po-language", "no Language");
	expect_refused(PO_HEADER("a", "de") "msgctxt \"nope\"\nmsgid \"x\"\nmsgstr \"y\"\n", NULL, 7, 1,
		       "po-context", "there is no unit \"nope\"");
	expect_refused(PO_HEADER("a", "de") "msgid \"On <date1/>.\"\nmsgstr \"y\"\n", NULL, 7, 1,
		       "po-context", "an entry without msgctxt");
	expect_refused(PO_HEADER("a", "de") ENTRY_P "\n" ENTRY_P, NULL, 11, 1, "po-context",
		       "a second entry for unit \"p\"");
	expect_refused(PO_HEADER("a", "de") "msgctxt \"p\"\nmsgid \"On <date1/>!\"\nmsgstr \"Am.\"\n",
		       NULL, 8, 1, "po-source-changed", "the source changed");
	expect_refused(PO_HEADER("a", "de") "msgctxt \"p\"\nmsgid \"On <date1/>.\"\nmsgstr \"Am <1>x</1>.\"\n",
		       NULL, 9, 12, "po-tags", "the msgstr: <1> is not in the source");
	expect_refused(PO_HEADER("a", "de") "msgctxt \"p\"\nmsgid \"On <date1/>.\"\nmsgstr \"Am\"\n"
		       "\" heute.\"\n", NULL, 10, 9, "po-tags", "<date1/> (2023-06-17) is missing");
	expect_refused("msgid \"\"\nmsgstr \"Language: de\\nContent-Type: text/plain; charset=ISO-8859-1\\n"
		       "X-Broadside-Document: a\\n\"\n" ENTRY_P, NULL, 2, 37, "po-charset",
		       "ISO-8859-1");
}

/* ---- export ------------------------------------------------------------------------- */

static void export_is_valid_po_with_comments(void **state)
{
	(void)state;
	char *hash = NULL;
	{
		struct doc d = load(sample);
		hash = hash_of(&d, "q");
		unload(&d);
	}
	/* fa of "q" was confirmed against another source: stale, so fuzzy. */
	char *xml = strdup(sample);
	char *at = strstr(xml, "<t xml:lang=\"fa\">");
	char *stale = NULL;
	assert_true(asprintf(&stale, "%.*s<t xml:lang=\"fa\" src-hash=\"sha256:0000000000000000\">%s",
			     (int)(at - xml), xml, at + strlen("<t xml:lang=\"fa\">")) > 0);
	struct doc d = load(stale);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct exchange_export_options o = {.lang = "fa", .path = "dir/t.xml", .now = 0};
	struct exchange_counts counts;
	assert_int_equal(exchange_export(d.model, d.src, &o, out, &counts), 0);
	fclose(out);
	assert_int_equal(counts.translated, 1);
	assert_int_equal(counts.fuzzy, 1);
	assert_int_equal(counts.untranslated, 1);
	assert_non_null(strstr(text, "\"Language: fa\\n\"\n"));
	assert_non_null(strstr(text, "\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n"));
	assert_non_null(strstr(text, "\"X-Broadside-Document: a\\n\"\n"));
	assert_non_null(strstr(text, "\"POT-Creation-Date: 1970-01-01 00:00+0000\\n\"\n"));
	assert_non_null(strstr(text,
		"\n#. <title> the title\n"
		"#. note: Short, for banners.\n"
		"#. tags: <1> emphasis\n"
		"#: dir/t.xml:4\n"
		"msgctxt \"title\"\n"
		"msgid \"Free them <1>all</1>!\"\n"
		"msgstr \"همه را <1>آزاد</1> کنید!\"\n"));
	assert_non_null(strstr(text,
		"\n#. <p> a paragraph\n"
		"#. tags: <date1/> a date, 2023-06-17\n"
		"#: dir/t.xml:12\n"
		"msgctxt \"p\"\n"
		"msgid \"On <date1/>.\"\n"
		"msgstr \"\"\n"));
	assert_non_null(strstr(text,
		"\n#. <p> a paragraph\n"
		"#. stale: the en source changed after this translation was confirmed\n"
		"#: dir/t.xml:13\n"
		"#, fuzzy\n"
		"msgctxt \"q\"\n"
		"msgid \"Come along &amp; see.\"\n"
		"msgstr \"بیایید و ببینید.\"\n"));
	/* And it reads back, and imports as no change at all. */
	struct imported r = import(&d, text, NULL);
	assert_int_equal(r.rc, 0);
	assert_null(r.document);
	assert_int_equal(r.report.unchanged, 2);
	assert_int_equal(r.report.empty, 1);
	imported_clear(&r);
	free(text);
	free(stale);
	free(xml);
	free(hash);
	unload(&d);
	assert_string_equal(exchange_plural_forms("pt-BR"), "nplurals=2; plural=(n > 1);");
	assert_string_equal(exchange_plural_forms("de-CH"), "nplurals=2; plural=(n != 1);");
	assert_string_equal(exchange_plural_forms("ja"), "nplurals=1; plural=0;");
}

/* ---- status ------------------------------------------------------------------------- */

static void status_counts_each_language(void **state)
{
	(void)state;
	struct doc d = load(sample);
	struct status_doc st;
	assert_int_equal(status_document(d.model, &st), 0);
	assert_int_equal(st.n_langs, 3);
	const struct status_lang *en = &st.langs[0], *fa = &st.langs[1], *de = &st.langs[2];
	assert_true(en->is_source);
	assert_int_equal(en->final, 3);
	assert_int_equal(en->percent, 100);
	assert_int_equal(fa->units, 3);
	assert_int_equal(fa->reviewed, 1);
	assert_int_equal(fa->translated, 1);
	assert_int_equal(fa->missing, 1);
	assert_string_equal(fa->missing_units[0]->id, "p");
	assert_int_equal(fa->percent, 66);
	assert_int_equal(fa->unconfirmed, 2);
	assert_int_equal(de->missing, 2); /* the empty <t xml:lang="de"/> of q is missing too */
	assert_string_equal(de->missing_units[1]->id, "q");
	assert_int_equal(de->initial, 1);
	assert_int_equal(de->translated, 0);
	assert_string_equal(de->draft_units[0]->id, "p");
	assert_int_equal(de->percent, 0);
	struct diag_list diags;
	diag_list_init(&diags);
	status_require(&st, d.src, "fa", STATE_REVIEWED, &diags);
	assert_int_equal(diags.n, 2); /* p missing, q only translated */
	assert_int_equal(diags.items[0].line, 12);
	assert_non_null(strstr(diags.items[0].message, "unit \"p\" has no fa translation"));
	assert_int_equal(diags.items[1].line, 15);
	assert_non_null(strstr(diags.items[1].message, "unit \"q\" is only translated in fa"));
	diag_list_clear(&diags);
	status_require(&st, d.src, "ru", STATE_INITIAL, &diags);
	assert_int_equal(diags.n, 1);
	assert_non_null(strstr(diags.items[0].message, "ru is not one of the document's languages"));
	diag_list_clear(&diags);
	status_min(&st, d.src, 50, &diags);
	assert_int_equal(diags.n, 1);
	assert_non_null(strstr(diags.items[0].message, "de is 0% complete (--min 50)"));
	diag_list_clear(&diags);
	status_doc_clear(&st);
	unload(&d);
	assert_int_equal(status_state_parse("reviewed"), STATE_REVIEWED);
	assert_int_equal(status_state_parse("done"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edits_change_only_what_they_name),
		cmocka_unit_test(a_new_t_keeps_the_line_ends_and_indentation),
		cmocka_unit_test(import_writes_changes_only),
		cmocka_unit_test(import_fuzzy_drafts_and_approvals),
		cmocka_unit_test(import_refuses_what_does_not_fit),
		cmocka_unit_test(export_is_valid_po_with_comments),
		cmocka_unit_test(status_counts_each_language),
	};
	return cmocka_run_group_tests(tests, support_setup, support_teardown);
}
