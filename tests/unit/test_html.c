/* Unit tests of the HTML backend: the tree the stylesheets read, the pages they make
 * (read back with libxml2's HTML parser and checked with XPath), escaping, links, and
 * libxslt held to reading nothing but the built-in stylesheets and writing nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "html.h"
#include "pipeline.h"
#include "resolve.h"
#include "support.h"

static struct html *renderer;

static int setup(void **state)
{
	(void)state;
	if (pipeline_init() != 0)
		return -1;
	char *error = NULL;
	renderer = html_new(&error);
	if (!renderer)
		fprintf(stderr, "html_new: %s\n", error);
	free(error);
	return renderer ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	html_free(renderer);
	html_cleanup();
	resolve_cleanup();
	pipeline_cleanup();
	return 0;
}

struct fixture {
	struct model_doc *doc;
	struct resolved_doc *rdoc;
};

/* XML, validated (missing translations allowed) and resolved without hyphens, so that the
 * text can be compared as written. */
static struct fixture load(const char *xml)
{
	struct fixture f = {0};
	support_load(xml, NULL, &f.doc);
	struct resolve_options options = {.hyphenate = false};
	assert_int_equal(resolve_document(f.doc, &options, &f.rdoc), 0);
	return f;
}

static void fixture_free(struct fixture *f)
{
	resolved_doc_free(f->rdoc);
	model_doc_free(f->doc);
}

/* An appeal in en (source), fa and de with the title TITLE (the same in each language) and
 * the body BODY. */
static struct fixture appeal(const char *head_extra, const char *body)
{
	char *xml = NULL;
	assert_true(asprintf(&xml,
			     "<appeal id=\"a-1\" xml:lang=\"en\" langs=\"en fa de\"><head>"
			     "<title id=\"title\"><t xml:lang=\"en\">Free them</t>"
			     "<t xml:lang=\"fa\">آزادشان کنید</t><t xml:lang=\"de\">Freiheit</t></title>"
			     "%s</head><body>%s</body></appeal>",
			     head_extra, body) > 0);
	struct fixture f = load(xml);
	free(xml);
	return f;
}

static char *page(const struct fixture *f, const char *lang)
{
	char *out = NULL;
	size_t len = 0;
	int rc = html_render_page(renderer, f->rdoc, lang, &out, &len);
	if (rc != 0)
		fprintf(stderr, "html_render_page: %s\n", html_error(renderer));
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(out), len);
	return out;
}

/* ---- reading pages back --------------------------------------------------------------- */

struct parsed {
	htmlDocPtr doc;
	xmlXPathContextPtr xpath;
};

static struct parsed parse(const char *html)
{
	struct parsed p;
	p.doc = htmlReadMemory(html, (int)strlen(html), "page.html", "UTF-8",
			       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(p.doc);
	p.xpath = xmlXPathNewContext(p.doc);
	assert_non_null(p.xpath);
	return p;
}

static void parsed_free(struct parsed *p)
{
	xmlXPathFreeContext(p->xpath);
	xmlFreeDoc(p->doc);
}

static double number(const struct parsed *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xpath);
	assert_non_null(o);
	double n = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return n;
}

static char *string(const struct parsed *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xpath);
	assert_non_null(o);
	char *s = (char *)xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	return s;
}

#define assert_xpath_count(p, n, expr) assert_int_equal((int)number(p, "count(" expr ")"), n)
#define assert_xpath_string(p, want, expr)                                                 \
	do {                                                                               \
		char *got_ = string(p, expr);                                              \
		assert_string_equal(got_, want);                                           \
		xmlFree(got_);                                                             \
	} while (0)

/* A document that uses every element of the format. */
static const char *const every_element_head =
	"<subtitle id=\"st\"><t xml:lang=\"en\">Days of action</t><t xml:lang=\"fa\">روزهای اقدام</t>"
	"<t xml:lang=\"de\">Aktionstage</t></subtitle>"
	"<issuer id=\"is\"><t xml:lang=\"en\"><name>ISC</name></t><t xml:lang=\"fa\"><foreign xml:lang=\"en\">ISC</foreign></t>"
	"<t xml:lang=\"de\"><name>ISC</name></t></issuer>"
	"<place id=\"pl\"><t xml:lang=\"en\">Berlin</t><t xml:lang=\"fa\">برلین</t><t xml:lang=\"de\">Berlin</t></place>"
	"<date when=\"2023-06-12\"/><contact email=\"isc@example.org\" url=\"https://example.org/x\"/>";

static const char *const every_element_body =
	"<h id=\"h1\"><t xml:lang=\"en\">Days</t><t xml:lang=\"fa\">روزها</t><t xml:lang=\"de\">Tage</t></h>"
	"<p id=\"call\"><t xml:lang=\"en\">Join us <date from=\"2023-06-17\" to=\"2023-06-22\"/>: "
	"<em>shout</em> <foreign xml:lang=\"fa\">آزادی</foreign>! <a href=\"https://example.org/map\">map</a><br/>now</t>"
	"<t xml:lang=\"fa\">بپیوندید <date from=\"2023-06-17\" to=\"2023-06-22\"/>: "
	"<em>فریاد</em> <name>Narges</name> <a href=\"https://example.org/map\">نقشه</a><br/>اکنون</t>"
	"<t xml:lang=\"de\">Macht mit <date from=\"2023-06-17\" to=\"2023-06-22\"/>: "
	"<em>ruft</em> <foreign xml:lang=\"fa\">آزادی</foreign>! <a href=\"https://example.org/map\">Karte</a><br/>jetzt</t></p>"
	"<quote id=\"q\"><p id=\"q1\"><t xml:lang=\"en\">Word gets in.</t><t xml:lang=\"fa\">خبر می‌رسد.</t>"
	"<t xml:lang=\"de\">Es dringt hinein.</t></p>"
	"<cite id=\"qc\"><t xml:lang=\"en\"><name>Elena Marwick</name></t><t xml:lang=\"fa\"><name>النا مارویک</name></t>"
	"<t xml:lang=\"de\"><name>Elena Marwick</name></t></cite></quote>"
	"<list id=\"d\" kind=\"numbers\"><item id=\"d1\"><t xml:lang=\"en\">Free all</t><t xml:lang=\"fa\">همه را آزاد کنید</t>"
	"<t xml:lang=\"de\">Freiheit für alle</t></item></list>"
	"<event id=\"ev\" when=\"2023-07-01\" time=\"19:00\"><p id=\"evp\"><t xml:lang=\"en\">Concert</t>"
	"<t xml:lang=\"fa\">کنسرت</t><t xml:lang=\"de\">Konzert</t></p>"
	"<place id=\"evw\"><t xml:lang=\"en\">Mariannenplatz</t><t xml:lang=\"fa\">میدان ماریانن</t>"
	"<t xml:lang=\"de\">Mariannenplatz</t></place></event>"
	"<event id=\"ev2\" when=\"2023-06-17\" until=\"2023-06-22\"><p id=\"ev2p\"><t xml:lang=\"en\">Vigil</t>"
	"<t xml:lang=\"fa\">تجمع</t><t xml:lang=\"de\">Mahnwache</t></p></event>";

/* ---- the tree ------------------------------------------------------------------------- */

static void tree_has_the_resolved_text_with_isolates_as_dir(void **state)
{
	(void)state;
	struct fixture f = appeal(every_element_head, every_element_body);
	xmlDocPtr tree = NULL;
	assert_int_equal(html_document_tree(f.rdoc, (struct html_tree **)&tree), 0);
	struct parsed p = {tree, xmlXPathNewContext(tree)};
	/* The languages, as ICU knows them. */
	assert_xpath_string(&p, "Arab", "/document/language[@code='fa']/@script");
	assert_xpath_string(&p, "rtl", "/document/language[@code='fa']/@dir");
	assert_xpath_string(&p, "persian", "/document/language[@code='fa']/@numbers");
	assert_xpath_string(&p, "فارسی", "/document/language[@code='fa']/@name");
	assert_xpath_string(&p, "Deutsch", "/document/language[@code='de']/@name");
	assert_xpath_string(&p, "decimal", "/document/language[@code='de']/@numbers");
	assert_xpath_string(&p, "a-1.fa.html", "/document/language[@code='fa']/@page");
	/* The isolates the text stage put in are gone from the text... */
	char *text = string(&p, "string(/document)");
	assert_null(strstr(text, "\u2066"));
	assert_null(strstr(text, "\u2067"));
	assert_null(strstr(text, "\u2069"));
	assert_null(strstr(text, "\u2028"));
	xmlFree(text);
	/* ...and said by dir on the runs they isolated: Farsi in English, a Latin name in Farsi. */
	assert_xpath_string(&p, "rtl", "//p[@id='call']/t[@lang='en']/foreign/@dir");
	assert_xpath_string(&p, "آزادی", "//p[@id='call']/t[@lang='en']/foreign");
	assert_xpath_string(&p, "ltr", "//p[@id='call']/t[@lang='fa']/name/@dir");
	assert_xpath_count(&p, 0, "//p[@id='call']/t[@lang='en']/em/@dir");
	/* Dates as ISO values, <br/> as an element, the text between as it was resolved. */
	assert_xpath_string(&p, "2023-06-17", "//p[@id='call']/t[@lang='de']/date/@from");
	assert_xpath_string(&p, "2023-06-22", "//p[@id='call']/t[@lang='de']/date/@to");
	assert_xpath_string(&p, "17.–22.\u00a0Juni\u00a02023", "//p[@id='call']/t[@lang='de']/date");
	assert_xpath_count(&p, 3, "//p[@id='call']/t/br");
	assert_xpath_string(&p, "https://example.org/map", "//p[@id='call']/t[@lang='fa']/a/@href");
	/* Events: the date and time written in each language. */
	assert_xpath_string(&p, "۱۹:۰۰", "//event[@id='ev']/when[@lang='fa']/@time");
	assert_xpath_string(&p, "Samstag, 1.\u00a0Juli\u00a02023", "//event[@id='ev']/when[@lang='de']/@date");
	assert_xpath_string(&p, "final", "//title/t[@lang='en']/@state");
	assert_xpath_string(&p, "translated", "//title/t[@lang='fa']/@state");
	xmlXPathFreeContext(p.xpath);
	xmlFreeDoc(tree);
	fixture_free(&f);
}

/* ---- the pages ------------------------------------------------------------------------ */

/* What every page must have: the policy first in <head>, lang and dir on <html>, no script,
 * and no text in the content whose language is only the page's default. */
static void check_page_frame(const struct parsed *p, const char *lang, const char *dir,
			     bool content_in_languages)
{
	assert_xpath_string(p, lang, "/html/@lang");
	assert_xpath_string(p, dir, "/html/@dir");
	assert_xpath_string(p, "Content-Security-Policy", "/html/head/*[1]/@http-equiv");
	char *csp = string(p, "/html/head/*[1]/@content");
	assert_non_null(strstr(csp, "default-src 'none'"));
	assert_null(strstr(csp, "unsafe"));
	assert_null(strstr(csp, "script-src"));
	xmlFree(csp);
	assert_xpath_count(p, 0, "//script | //*[@style] | //iframe | //object | //embed | //form");
	assert_xpath_count(p, 0, "//@*[starts-with(name(), 'on')]");
	assert_xpath_count(p, 1, "/html/head/link[@rel='stylesheet'][@href='" HTML_CSS_NAME "']");
	if (!content_in_languages) /* the index: its own words are in English */
		return;
	assert_xpath_count(p, 0, "(//header | //main)//text()[normalize-space()]"
				 "[not(ancestor::*[@lang][not(self::html)])]");
	assert_xpath_count(p, 0, "(//header | //main)//text()[normalize-space()]"
				 "[not(ancestor::*[@dir][not(self::html)])]");
}

static void every_page_has_its_languages_and_a_policy_first(void **state)
{
	(void)state;
	struct fixture f = appeal(every_element_head, every_element_body);
	char *all = page(&f, NULL);
	struct parsed p = parse(all);
	check_page_frame(&p, "en", "ltr", true);
	/* One column per language in every row, each cell in its language and direction. */
	assert_xpath_count(&p, 0, "//*[contains(@class, 'row')][count(*[contains(@class, 'cell')]) != 3]");
	assert_xpath_count(&p, 0, "//*[contains(@class, 'cell')][@lang='fa'][@dir!='rtl' or not(contains(@class, 'script-Arab'))]");
	assert_xpath_count(&p, 0, "//*[contains(@class, 'cell')][@lang='de'][@dir!='ltr']");
	/* The other-direction runs are isolated by dir. */
	assert_xpath_string(&p, "rtl", "//*[@id='call']/*[@lang='en']/span[@lang='fa']/@dir");
	assert_xpath_string(&p, "ltr", "//*[@id='call']/*[@lang='fa']/span[@class='name']/@dir");
	/* Links between the pages. */
	assert_xpath_count(&p, 1, "//nav//a[@href='a-1.html'][@aria-current='page']");
	assert_xpath_count(&p, 1, "//nav//a[@href='a-1.fa.html'][@hreflang='fa'][@lang='fa'][@dir='rtl']");
	assert_xpath_count(&p, 3, "/html/head/link[@rel='alternate'][@hreflang]");
	parsed_free(&p);
	free(all);

	const char *langs[][2] = {{"en", "ltr"}, {"fa", "rtl"}, {"de", "ltr"}};
	for (size_t i = 0; i < 3; i++) {
		char *one = page(&f, langs[i][0]);
		p = parse(one);
		check_page_frame(&p, langs[i][0], langs[i][1], true);
		/* Every block holding text says its language and direction. */
		char expr[256];
		snprintf(expr, sizeof expr,
			 "count((//main | //header)//*[self::p or self::li or self::h1 or self::h2 or "
			 "self::figcaption or self::address][not(@lang='%s' and @dir='%s')])",
			 langs[i][0], langs[i][1]);
		assert_int_equal((int)number(&p, expr), 0);
		assert_xpath_count(&p, 0, "//*[contains(@class, 'row')]");
		snprintf(expr, sizeof expr, "count(//nav//a[@href='a-1.%s.html'][@aria-current='page'])",
			 langs[i][0]);
		assert_int_equal((int)number(&p, expr), 1);
		parsed_free(&p);
		free(one);
	}
	fixture_free(&f);
}

static void semantic_elements_for_dates_events_quotes_lists(void **state)
{
	(void)state;
	struct fixture f = appeal(every_element_head, every_element_body);
	char *fa = page(&f, "fa");
	struct parsed p = parse(fa);
	assert_xpath_string(&p, "2023-06-12", "//header//time/@datetime");
	assert_xpath_string(&p, "۲۲\u00a0خرداد\u00a0۱۴۰۲", "//header//time");
	assert_xpath_string(&p, "2023-06-17/2023-06-22", "//*[@id='call']/data/@value");
	assert_xpath_string(&p, "2023-07-01T19:00", "//*[@id='ev']//time/@datetime");
	assert_xpath_string(&p, "2023-06-17/2023-06-22", "//*[@id='ev2']//data/@value");
	assert_xpath_count(&p, 1, "//figure[@id='q']/blockquote/p[@id='q1']");
	assert_xpath_count(&p, 1, "//figure[@id='q']/figcaption[@id='qc']");
	assert_xpath_count(&p, 1, "//ol[@id='d'][contains(@class, 'num-persian')]/li[@id='d1']");
	assert_xpath_count(&p, 1, "//footer/address/a[@href='mailto:isc@example.org']");
	assert_xpath_count(&p, 1, "//*[@id='call']/br");
	parsed_free(&p);
	free(fa);
	fixture_free(&f);

	f = load("<letter id=\"l\" xml:lang=\"fa\" langs=\"fa en\"><head>"
		 "<title id=\"t\"><t xml:lang=\"fa\">نامه</t><t xml:lang=\"en\">Letter</t></title>"
		 "<from id=\"f\"><t xml:lang=\"fa\">کمیته</t><t xml:lang=\"en\">Committee</t></from>"
		 "<to id=\"to\"><t xml:lang=\"fa\">گزارشگر</t><t xml:lang=\"en\">Rapporteur</t></to>"
		 "</head><body><salutation id=\"s\"><t xml:lang=\"fa\">گرامی،</t><t xml:lang=\"en\">Dear,</t></salutation>"
		 "<closing id=\"c\"><t xml:lang=\"fa\">با احترام،</t><t xml:lang=\"en\">Yours,</t></closing>"
		 "</body></letter>");
	char *all = page(&f, NULL);
	p = parse(all);
	check_page_frame(&p, "fa", "rtl", true); /* the parallel page is in the source language */
	assert_xpath_count(&p, 1, "//main//address[@id='f']/div[@lang='en']");
	assert_xpath_count(&p, 1, "//*[@id='to'][contains(@class, 'to')]");
	assert_xpath_count(&p, 1, "//*[@id='s'][contains(@class, 'salutation')]");
	parsed_free(&p);
	free(all);
	fixture_free(&f);
}

static void text_is_always_escaped(void **state)
{
	(void)state;
	const char *evil = "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp;lt; \"'";
	char *body = NULL;
	assert_true(asprintf(&body,
			     "<p id=\"p\"><t xml:lang=\"en\">%s <name>%s</name></t><t xml:lang=\"fa\">%s</t>"
			     "<t xml:lang=\"de\"><foreign xml:lang=\"fa\">%s</foreign></t></p>",
			     evil, evil, evil, evil) > 0);
	struct fixture f = appeal("", body);
	free(body);
	const char *langs[] = {NULL, "en", "fa", "de"};
	for (size_t i = 0; i < 4; i++) {
		char *html = page(&f, langs[i]);
		assert_null(strstr(html, "<script"));
		assert_null(strstr(html, "</style>"));
		assert_null(strstr(html, "<!-- "));
		assert_non_null(strstr(html, "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
		struct parsed p = parse(html);
		assert_xpath_count(&p, 0, "//script | //style | //comment()");
		char expr[128];
		snprintf(expr, sizeof expr, "count(//*[@id='p']//text()[contains(., '</script><!-- &lt;')])");
		assert_true(number(&p, expr) >= 1);
		parsed_free(&p);
		free(html);
	}
	fixture_free(&f);
}

/* The stylesheets' own guard, for a tree that did not come through validation. */
static void only_web_links(void **state)
{
	(void)state;
	struct fixture f = appeal("", "<p id=\"p\"><t xml:lang=\"en\">x</t><t xml:lang=\"fa\">ب</t>"
				      "<t xml:lang=\"de\">y</t></p>");
	xmlDocPtr tree = NULL;
	assert_int_equal(html_document_tree(f.rdoc, (struct html_tree **)&tree), 0);
	xmlXPathContextPtr xpath = xmlXPathNewContext(tree);
	xmlXPathObjectPtr t = xmlXPathEvalExpression(BAD_CAST "//p[@id='p']/t[@lang='en']", xpath);
	xmlNodePtr en = t->nodesetval->nodeTab[0];
	const char *hrefs[] = {"javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x",
			       "vbscript:x", "//evil.example/", "HTTPS://example.org/ok",
			       "mailto:a@example.org"};
	for (size_t i = 0; i < sizeof hrefs / sizeof hrefs[0]; i++) {
		xmlNodePtr a = xmlNewChild(en, NULL, BAD_CAST "a", BAD_CAST "link");
		xmlSetProp(a, BAD_CAST "href", BAD_CAST hrefs[i]);
	}
	xmlXPathFreeObject(t);
	xmlXPathFreeContext(xpath);
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(html_render_page_tree(renderer, (struct html_tree *)tree, "en", &out, &len), 0);
	struct parsed p = parse(out);
	assert_xpath_count(&p, 2, "//*[@id='p']/a");
	assert_xpath_count(&p, 1, "//*[@id='p']/a[@href='HTTPS://example.org/ok']");
	assert_xpath_count(&p, 1, "//*[@id='p']/a[@href='mailto:a@example.org']");
	assert_xpath_count(&p, 5, "//*[@id='p']/span[@class='link']");
	parsed_free(&p);
	free(out);
	xmlFreeDoc(tree);
	fixture_free(&f);
}

static void rendering_is_deterministic(void **state)
{
	(void)state;
	struct fixture f = appeal(every_element_head, every_element_body);
	struct fixture g = appeal(every_element_head, every_element_body);
	char *a = page(&f, NULL), *b = page(&g, NULL), *c = page(&f, NULL);
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	free(a);
	free(b);
	free(c);
	fixture_free(&f);
	fixture_free(&g);
}

static void missing_translations_when_allowed(void **state)
{
	(void)state;
	struct fixture f = appeal("", "<p id=\"p\"><t xml:lang=\"en\">Only English</t>"
				      "<t xml:lang=\"fa\" state=\"initial\">پیش‌نویس</t></p>");
	char *all = page(&f, NULL);
	struct parsed p = parse(all);
	/* The parallel page keeps the row whole: an empty cell in German. */
	assert_xpath_count(&p, 1, "//*[@id='p']/*[@lang='de'][@dir='ltr'][contains(@class, 'missing')][not(node())]");
	parsed_free(&p);
	free(all);
	char *de = page(&f, "de");
	p = parse(de);
	/* German readers get the source, marked as English. */
	assert_xpath_count(&p, 1, "//*[@id='p'][@lang='en'][@dir='ltr'][contains(@class, 'untranslated')]");
	assert_xpath_string(&p, "Only English", "//*[@id='p']");
	parsed_free(&p);
	free(de);

	const struct resolved_doc *docs[] = {f.rdoc};
	xmlDocPtr tree = NULL;
	assert_int_equal(html_index_tree(docs, 1, (struct html_tree **)&tree), 0);
	p = (struct parsed){tree, xmlXPathNewContext(tree)};
	assert_xpath_string(&p, "2", "/index/document/@units");
	assert_xpath_string(&p, "1", "/index/document/language[@code='de']/@missing");
	assert_xpath_string(&p, "1", "/index/document/language[@code='fa']/@initial");
	assert_xpath_string(&p, "1", "/index/document/language[@code='fa']/@translated");
	assert_xpath_string(&p, "2", "/index/document/language[@code='en']/@final");
	assert_xpath_string(&p, "a-1.pdf", "/index/document/@pdf");
	assert_xpath_string(&p, "a-1.fa.pdf", "/index/document/language[@code='fa']/@pdf");
	xmlXPathFreeContext(p.xpath);
	xmlFreeDoc(tree);

	char *index = NULL;
	size_t len = 0;
	assert_int_equal(html_render_index(renderer, docs, 1, &index, &len), 0);
	p = parse(index);
	check_page_frame(&p, "en", "ltr", false);
	assert_xpath_count(&p, 2, "//a[@href='a-1.html']"); /* the title, and "all languages" */
	assert_xpath_count(&p, 1, "//a[@href='a-1.pdf']");
	assert_xpath_count(&p, 1, "//a[@href='a-1.de.pdf'][@hreflang='de']");
	assert_xpath_count(&p, 1, "//a[@href='a-1.fa.html'][@lang='fa'][@dir='rtl']");
	assert_xpath_count(&p, 1, "//*[@lang='fa'][@dir='rtl'][contains(@class, 'title')][. = 'آزادشان کنید']");
	assert_xpath_string(&p, "1", "//li[a[@hreflang='de']]//meter/@value");
	char *counts = string(&p, "string(//li[a[@hreflang='de']]//*[@class='counts'])");
	assert_string_equal(counts, "1 of 2 translated (50 %), 0 reviewed, 1 missing");
	xmlFree(counts);
	counts = string(&p, "string(//li[a[@hreflang='fa']]//*[@class='counts'])");
	assert_string_equal(counts, "1 of 2 translated (50 %), 0 reviewed, 1 draft");
	xmlFree(counts);
	parsed_free(&p);
	free(index);
	fixture_free(&f);
}

/* ---- libxslt locked down --------------------------------------------------------------- */

#define SHEET_START                                                                        \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
#define SHEET_END "</xsl:stylesheet>"

static const char *const trivial_index =
	SHEET_START "<xsl:template match=\"/\"><p>index</p></xsl:template>" SHEET_END;

static struct html *sheets(const char *page_xsl, char **error)
{
	const char *common = SHEET_START "<xsl:template name=\"hello\"><b>hello</b></xsl:template>" SHEET_END;
	const struct html_sheet set[] = {
		{"common.xsl", common, strlen(common)},
		{"page.xsl", page_xsl, strlen(page_xsl)},
		{"index.xsl", trivial_index, strlen(trivial_index)},
	};
	return html_new_with(set, 3, error);
}

/* Renders a page of a small document with the stylesheet PAGE_XSL; returns its status. */
static int render_with(const char *page_xsl, char **out, char **message)
{
	char *error = NULL;
	struct html *h = sheets(page_xsl, &error);
	assert_non_null(h);
	struct fixture f = appeal("", "");
	size_t len;
	int rc = html_render_page(h, f.rdoc, NULL, out, &len);
	*message = strdup(html_error(h));
	html_free(h);
	fixture_free(&f);
	return rc;
}

static void stylesheets_include_only_the_built_in_ones(void **state)
{
	(void)state;
	char *error = NULL;
	/* By name, from memory: allowed. */
	struct html *h = sheets(SHEET_START "<xsl:include href=\"common.xsl\"/>"
				"<xsl:template match=\"/\"><xsl:call-template name=\"hello\"/></xsl:template>" SHEET_END,
				&error);
	assert_non_null(h);
	html_free(h);
	/* Files and the network: refused, at compile time, without reading. */
	const char *hrefs[] = {"/etc/passwd", "file:///etc/hostname", "../../xsl/page.xsl",
			       "http://127.0.0.1:9/x.xsl"};
	for (size_t i = 0; i < sizeof hrefs / sizeof hrefs[0]; i++) {
		char *xsl = NULL;
		assert_true(asprintf(&xsl, SHEET_START "<xsl:import href=\"%s\"/>"
					   "<xsl:template match=\"/\"><p/></xsl:template>" SHEET_END,
				     hrefs[i]) > 0);
		h = sheets(xsl, &error);
		assert_null(h);
		assert_non_null(error);
		assert_true(strlen(error) > 0);
		free(error);
		error = NULL;
		free(xsl);
	}
}

static void stylesheets_read_and_write_nothing(void **state)
{
	(void)state;
	char *out = NULL, *message = NULL;
	/* document(): neither a file nor the network. */
	assert_int_equal(render_with(SHEET_START "<xsl:template match=\"/\"><p><xsl:value-of "
				     "select=\"document('/etc/hostname')\"/></p></xsl:template>" SHEET_END,
				     &out, &message), -1);
	assert_null(out);
	assert_non_null(strstr(message, "/etc/hostname"));
	free(message);
	assert_int_equal(render_with(SHEET_START "<xsl:template match=\"/\"><p><xsl:value-of "
				     "select=\"document('http://127.0.0.1:9/')\"/></p></xsl:template>" SHEET_END,
				     &out, &message), -1);
	free(message);
	/* xsl:document: no file written, no folder made. */
	char dir[] = "/tmp/broadside-test-html-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *xsl = NULL, *target = NULL;
	assert_true(asprintf(&target, "%s/new/written.html", dir) > 0);
	assert_true(asprintf(&xsl, "<xsl:stylesheet version=\"1.1\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
				   "<xsl:template match=\"/\"><xsl:document href=\"%s\"><p>x</p></xsl:document>"
				   "<p/></xsl:template>" SHEET_END,
			     target) > 0);
	assert_int_equal(render_with(xsl, &out, &message), -1);
	assert_non_null(strstr(message, "denied"));
	assert_int_not_equal(access(target, F_OK), 0);
	char *sub = NULL;
	assert_true(asprintf(&sub, "%s/new", dir) > 0);
	assert_int_not_equal(access(sub, F_OK), 0);
	assert_int_equal(rmdir(dir), 0);
	free(sub);
	free(message);
	free(xsl);
	free(target);
	/* Text that skips escaping: the page is refused. */
	assert_int_equal(render_with(SHEET_START "<xsl:output method=\"html\"/><xsl:template match=\"/\"><p>"
				     "<xsl:value-of disable-output-escaping=\"yes\" select=\"'&lt;script&gt;'\"/>"
				     "</p></xsl:template>" SHEET_END,
				     &out, &message), -1);
	assert_null(out);
	assert_non_null(strstr(message, "escap"));
	free(message);
	/* A well-behaved sheet through the same path works. */
	assert_int_equal(render_with(SHEET_START "<xsl:template match=\"/\"><p>ok</p></xsl:template>" SHEET_END,
				     &out, &message), 0);
	assert_non_null(strstr(out, "<p>ok</p>"));
	free(out);
	free(message);
}

static void the_css_loads_nothing_from_elsewhere(void **state)
{
	(void)state;
	/* Fonts and styles from the pages' own folder only, as the policy says. */
	size_t len;
	const char *css = html_css(&len);
	assert_true(len > 1000);
	assert_null(memmem(css, len, "@import", 7));
	assert_null(memmem(css, len, "url(http", 8));
	assert_null(memmem(css, len, "url(//", 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tree_has_the_resolved_text_with_isolates_as_dir),
		cmocka_unit_test(every_page_has_its_languages_and_a_policy_first),
		cmocka_unit_test(semantic_elements_for_dates_events_quotes_lists),
		cmocka_unit_test(text_is_always_escaped),
		cmocka_unit_test(only_web_links),
		cmocka_unit_test(rendering_is_deterministic),
		cmocka_unit_test(missing_translations_when_allowed),
		cmocka_unit_test(stylesheets_include_only_the_built_in_ones),
		cmocka_unit_test(stylesheets_read_and_write_nothing),
		cmocka_unit_test(the_css_loads_nothing_from_elsewhere),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
