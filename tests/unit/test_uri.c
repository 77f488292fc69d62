/* Unit tests of uri_encode and uri_mailto (every class of byte), and of the check that
 * pdfmeta runs over every written PDF (small PDFs made by hand, hostile ones refused). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pdfmeta.h"
#include "uri.h"

static void assert_encodes(const char *in, const char *want)
{
	char *got = uri_encode(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(uri_is_encoded(got));
	char *again = uri_encode(got);
	assert_string_equal(again, got); /* encoding twice changes nothing */
	free(again);
	free(got);
}

static void letters_digits_and_delimiters_stay(void **state)
{
	(void)state;
	assert_encodes("https://example.org/a-b_c.d~e?f=g&h=i;j,k+l*m!n'o@p#q",
		       "https://example.org/a-b_c.d~e?f=g&h=i;j,k+l*m!n'o@p#q");
	assert_encodes("ABCXYZabcxyz0189", "ABCXYZabcxyz0189");
}

static void pdf_string_delimiters_are_encoded(void **state)
{
	(void)state;
	assert_encodes("https://example.org/)/S/JavaScript/JS(app.alert(1)",
		       "https://example.org/%29/S/JavaScript/JS%28app.alert%281%29");
	assert_encodes("a\\)b", "a%5C%29b");
	assert_encodes("x>>y<<z", "x%3E%3Ey%3C%3Cz");
	assert_encodes("\"quoted\"", "%22quoted%22");
	assert_encodes("[::1]$x", "%5B::1%5D%24x");
	assert_encodes("{a|b^c`d}", "%7Ba%7Cb%5Ec%60d%7D");
}

static void spaces_and_controls_are_encoded_inside_trimmed_outside(void **state)
{
	(void)state;
	assert_encodes("a b\tc\nd\re\x01" "f\x1f" "g\x7fh", "a%20b%09c%0Ad%0De%01f%1Fg%7Fh");
	assert_encodes(" \t\nhttps://example.org/ \r\n", "https://example.org/");
	assert_encodes("\x01\x02", "");
	assert_encodes("", "");
}

static void non_ascii_is_encoded_byte_by_byte(void **state)
{
	(void)state;
	assert_encodes("https://example.org/آزادی", "https://example.org/%D8%A2%D8%B2%D8%A7%D8%AF%DB%8C");
	assert_encodes("\xff\x80\xc0", "%FF%80%C0"); /* not UTF-8: still one %XX a byte */
}

static void percent_is_kept_only_before_two_hex_digits(void **state)
{
	(void)state;
	assert_encodes("%28%29%5c%e2%82%ac", "%28%29%5c%e2%82%ac");
	assert_encodes("100%", "100%25");
	assert_encodes("%2", "%252");
	assert_encodes("%zz%2g%", "%25zz%252g%25");
}

static void mailto_encodes_what_would_add_headers(void **state)
{
	(void)state;
	char *m = uri_mailto("info@example.org");
	assert_string_equal(m, "mailto:info@example.org");
	free(m);
	m = uri_mailto(" a)/S/Launch/F(calc.exe@example.org ");
	assert_string_equal(m, "mailto:a%29%2FS%2FLaunch%2FF%28calc.exe@example.org");
	assert_true(uri_is_encoded(m));
	free(m);
	m = uri_mailto("x?cc=evil@example.org&body=hi#y%41"); /* an escape is kept */
	assert_string_equal(m, "mailto:x%3Fcc%3Devil@example.org%26body%3Dhi%23y%41");
	assert_true(uri_is_encoded(m));
	free(m);
}

static void is_encoded_refuses_every_other_byte(void **state)
{
	(void)state;
	assert_true(uri_is_encoded("https://example.org/%28"));
	const char *bad[] = {"(", ")", "\\", " ", "\"", "<", ">", "\n", "\x7f", "\xc3\xa4",
			     "%", "%2", "%g0", "[", "]", "$", "{", "|", "^", "`"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(uri_is_encoded(bad[i]));
	for (int c = 1; c < 256; c++) { /* each single byte, encoded, is fine */
		char s[2] = {(char)c, 0};
		char *e = uri_encode(s);
		assert_true(uri_is_encoded(e));
		assert_true(strchr(e, '(') == NULL && strchr(e, ')') == NULL && strchr(e, '\\') == NULL);
		free(e);
	}
}

/* ---- the check of written PDFs --------------------------------------------------- */

/* A one-page PDF whose page has ANNOTS (the text inside [ ]) and whose catalog has
 * CATALOG_EXTRA, with a correct cross-reference table.  Returns a new string. */
static char *make_pdf(const char *annots, const char *catalog_extra, size_t *len)
{
	const char *objects[3];
	char *obj[3];
	assert_true(asprintf(&obj[0], "<< /Type /Catalog /Pages 2 0 R %s >>", catalog_extra) > 0);
	assert_true(asprintf(&obj[1], "<< /Type /Pages /Kids [3 0 R] /Count 1 >>") > 0);
	assert_true(asprintf(&obj[2], "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] "
				      "/Annots [%s] >>", annots) > 0);
	for (int i = 0; i < 3; i++)
		objects[i] = obj[i];
	size_t cap = 4096 + strlen(annots) + strlen(catalog_extra);
	char *pdf = malloc(cap);
	size_t offsets[3], n = (size_t)snprintf(pdf, cap, "%%PDF-1.5\n");
	for (int i = 0; i < 3; i++) {
		offsets[i] = n;
		n += (size_t)snprintf(pdf + n, cap - n, "%d 0 obj\n%s\nendobj\n", i + 1, objects[i]);
		free(obj[i]);
	}
	size_t xref = n;
	n += (size_t)snprintf(pdf + n, cap - n, "xref\n0 4\n0000000000 65535 f \n");
	for (int i = 0; i < 3; i++)
		n += (size_t)snprintf(pdf + n, cap - n, "%010zu 00000 n \n", offsets[i]);
	n += (size_t)snprintf(pdf + n, cap - n,
			      "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	*len = n;
	return pdf;
}

static char *good_uris[] = {"https://example.org/%28a%29", "mailto:info@example.org"};
static const struct pdfmeta_uris good = {good_uris, 2};

#define LINK(action) "<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A " action " >>"
#define URI_ACTION(uri) "<< /Type /Action /S /URI /URI (" uri ") >>"

/* Whether the check passes the PDF with ANNOTS and CATALOG_EXTRA; *WHY says why not. */
static int check(const char *annots, const char *catalog_extra, const char **why)
{
	size_t len = 0;
	char *pdf = make_pdf(annots, catalog_extra, &len);
	*why = NULL;
	int rc = pdfmeta_check_links(pdf, len, &good, why);
	free(pdf);
	return rc;
}

static void the_documents_links_pass(void **state)
{
	(void)state;
	const char *why;
	assert_int_equal(check(LINK(URI_ACTION("https://example.org/%28a%29")) " "
			       LINK(URI_ACTION("mailto:info@example.org")), "", &why), 0);
	assert_int_equal(check("", "", &why), 0);
}

static void refused(const char *annots, const char *catalog_extra, const char *reason)
{
	const char *why = NULL;
	assert_int_equal(check(annots, catalog_extra, &why), -1);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("wanted \"%s\" in: %s", reason, why);
}

static void the_issue_s_injections_are_refused(void **state)
{
	(void)state;
	/* What cairo wrote before uri_encode: a ')' in the href ended the /URI string. */
	refused(LINK("<< /Type /Action /S /URI /URI (https://example.org/) /S /JavaScript "
		     "/JS (app.alert\\(1\\)) >>"), "", "not /S /URI");
	refused(LINK("<< /Type /Action /S /URI /URI (https://example.org/) /S /Launch "
		     "/F (calc.exe) >>"), "", "not /S /URI");
}

static void every_other_action_is_refused(void **state)
{
	(void)state;
	refused(LINK(URI_ACTION("https://evil.example/")), "", "no link of the document");
	refused(LINK(URI_ACTION("https://example.org/(a)")), "", "no link of the document");
	refused(LINK("<< /S /Launch /F (calc.exe) >>"), "", "not /S /URI");
	refused(LINK("<< /S /URI /URI (mailto:info@example.org) /F (x) >>"), "", "/F");
	refused(LINK("<< /S /URI /URI (mailto:info@example.org) /Next << /S /GoTo >> >>"), "",
		"/Next");
	refused(LINK("(not a dictionary)"), "", "not an action");
	refused("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Dest [3 0 R /Fit] >>", "",
		"without a URI action");
	refused("<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] >>", "", "not a /Link");
	refused("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /AA << >> /A "
		URI_ACTION("mailto:info@example.org") " >>", "", "/AA");
	refused("", "/OpenAction << /S /JavaScript /JS (x) >>", "/OpenAction");
	refused("", "/Extra << /JS (app.alert\\(1\\)) >>", "/JS");
	refused("", "/Names << /JavaScript << /Names [] >> >>", "/JavaScript");
	refused("", "/Outlines << /First << /A << /S /Named /N /Print >> >> >>", "not /S /URI");
	refused("", "/Extra << /S /URI /URI (https://evil.example/) >>", "no link of the document");
}

static void a_page_number_names_where(void **state)
{
	(void)state;
	refused(LINK("<< /S /Launch /F (calc.exe) >>"), "", "page 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(letters_digits_and_delimiters_stay),
		cmocka_unit_test(pdf_string_delimiters_are_encoded),
		cmocka_unit_test(spaces_and_controls_are_encoded_inside_trimmed_outside),
		cmocka_unit_test(non_ascii_is_encoded_byte_by_byte),
		cmocka_unit_test(percent_is_kept_only_before_two_hex_digits),
		cmocka_unit_test(mailto_encodes_what_would_add_headers),
		cmocka_unit_test(is_encoded_refuses_every_other_byte),
		cmocka_unit_test(the_documents_links_pass),
		cmocka_unit_test(the_issue_s_injections_are_refused),
		cmocka_unit_test(every_other_action_is_refused),
		cmocka_unit_test(a_page_number_names_where),
	};
	return cmocka_run_group_tests_name("uri", tests, NULL, NULL);
}
