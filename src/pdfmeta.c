/* pdfmeta.c — qpdf post-processing; see pdfmeta.h. */
#include "pdfmeta.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>
#include <unicode/unorm2.h>

#include "grow.h"
#include "pdftags.h"

static qpdf_oh box(qpdf_data q, const double r[4])
{
	qpdf_oh array = qpdf_oh_new_array(q);
	for (int i = 0; i < 4; i++)
		qpdf_oh_append_item(q, array, qpdf_oh_new_real_from_double(q, r[i], 2));
	return array;
}

/* ---- grey as one ink ---------------------------------------------------------------- */

/* The number at P (up to END), or false. */
static bool number_at(const char *p, const char *end, double *value, const char **after)
{
	const char *q = p;
	if (q < end && (*q == '-' || *q == '+'))
		q++;
	bool digits = false;
	while (q < end && ((*q >= '0' && *q <= '9') || *q == '.'))
		digits = digits || *q != '.', q++;
	if (!digits)
		return false;
	char buf[32];
	size_t n = (size_t)(q - p) < sizeof buf - 1 ? (size_t)(q - p) : sizeof buf - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	*value = strtod(buf, NULL);
	*after = q;
	return true;
}

static bool is_delimiter(char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
	       c == '}' || c == '/' || c == '%' || c == ' ' || c == '\n' || c == '\r' ||
	       c == '\t' || c == '\f' || c == '\0';
}

/* A content stream with every grey cairo set as RGB ("0.6 0.6 0.6 RG", "0 0 0 rg") set as
 * DeviceGray instead ("0.6 G", "0 g"): one ink, black, where a print shop turns RGB greys
 * into four inks (rich black in register, on small type).  Strings, names, comments and
 * dictionaries are passed over as they are; a stream with an inline image is left alone.
 * Returns the new bytes (free), or NULL when nothing changed. */
static char *grey_as_one_ink(const char *in, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	bool changed = false;
	const char *p = in, *end = in + len, *copied = in;
	/* The last three numbers since the last operator: where each starts, its value. */
	const char *num_at[3] = {0};
	double num[3];
	int n_nums = 0;
	while (p < end) {
		char c = *p;
		if (c == '(') {
			int depth = 0;
			for (; p < end; p++) {
				if (*p == '\\') {
					p++;
					continue;
				}
				depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
				if (depth == 0)
					break;
			}
			p++;
			n_nums = 0;
		} else if (c == '<' && p + 1 < end && p[1] == '<') {
			p += 2; /* a dictionary (the marked content of a tag) */
			n_nums = 0;
		} else if (c == '<') {
			while (p < end && *p != '>')
				p++;
			p++;
			n_nums = 0;
		} else if (c == '%') {
			while (p < end && *p != '\n' && *p != '\r')
				p++;
		} else if (c == '/') {
			p++;
			while (p < end && !is_delimiter(*p))
				p++;
			n_nums = 0;
		} else if (is_delimiter(c)) {
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
				n_nums = 0;
			p++;
		} else {
			double v;
			const char *after;
			if (number_at(p, end, &v, &after) && (after == end || is_delimiter(*after))) {
				if (n_nums == 3) {
					memmove(num_at, num_at + 1, 2 * sizeof *num_at);
					memmove(num, num + 1, 2 * sizeof *num);
					n_nums = 2;
				}
				num_at[n_nums] = p;
				num[n_nums++] = v;
				p = after;
				continue;
			}
			const char *op = p;
			while (p < end && !is_delimiter(*p))
				p++;
			size_t n = (size_t)(p - op);
			if (n == 2 && (memcmp(op, "ID", 2) == 0 || memcmp(op, "BI", 2) == 0)) {
				free(out);
				return NULL; /* inline image data: not ours to scan */
			}
			bool rgb = n == 2 && (memcmp(op, "rg", 2) == 0 || memcmp(op, "RG", 2) == 0);
			if (rgb && n_nums == 3 && num[0] == num[1] && num[1] == num[2]) {
				memcpy(out + o, copied, (size_t)(num_at[0] - copied));
				o += (size_t)(num_at[0] - copied);
				int w = snprintf(out + o, len + 1 - o, "%.6g %c", num[0], op[0] == 'r' ? 'g' : 'G');
				o += (size_t)w;
				copied = p;
				changed = true;
			}
			n_nums = 0;
		}
	}
	if (!changed) {
		free(out);
		return NULL;
	}
	memcpy(out + o, copied, (size_t)(end - copied));
	o += (size_t)(end - copied);
	*out_len = o;
	return out;
}

void pdfmeta_rewrite_stream(qpdf_data q, qpdf_oh stream,
			    char *(*fn)(const char *in, size_t len, size_t *out_len, void *arg),
			    void *arg)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_FALSE;
	if (!qpdf_oh_is_stream(q, stream) ||
	    (qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered, &buf, &len) &
	     QPDF_ERRORS) || !filtered) {
		free(buf);
		return;
	}
	size_t n = 0;
	char *rewritten = fn((const char *)buf, len, &n, arg);
	if (rewritten)
		qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)rewritten, n,
					    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	free(rewritten);
	free(buf);
}

/* Rewrites STREAM's content with grey_as_one_ink. */
static char *grey_text(const char *in, size_t len, size_t *out_len, void *arg)
{
	(void)arg;
	return grey_as_one_ink(in, len, out_len);
}

static void grey_stream(qpdf_data q, qpdf_oh stream)
{
	pdfmeta_rewrite_stream(q, stream, grey_text, NULL);
}

/* The page's content streams and its form XObjects'. */
static void grey_page(qpdf_data q, qpdf_oh page)
{
	qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
	if (qpdf_oh_is_array(q, contents))
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, contents); i++)
			grey_stream(q, qpdf_oh_get_array_item(q, contents, i));
	else
		grey_stream(q, contents);
	qpdf_oh xobjects = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/XObject");
	if (!qpdf_oh_is_dictionary(q, xobjects))
		return;
	qpdf_oh_begin_dict_key_iter(q, xobjects);
	while (qpdf_oh_dict_more_keys(q)) {
		qpdf_oh x = qpdf_oh_get_key(q, xobjects, qpdf_oh_dict_next_key(q));
		if (qpdf_oh_is_stream(q, x) &&
		    qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, x), "/Subtype"),
					      "/Form"))
			grey_stream(q, x);
	}
}

/* ---- presentation forms as the letters they are --------------------------------------- */

/* cairo gives each glyph, before any text is known, the character the font's cmap maps to
 * it; for ligatures and Arabic contextual forms that is a presentation form (U+FB01 LATIN
 * SMALL LIGATURE FI, U+FEFC ARABIC LIGATURE LAM WITH ALEF FINAL FORM), and a reader that
 * goes by ToUnicode (MuPDF, pdf.js) gives those back instead of the letters typed.  Each ToUnicode entry
 * that maps to a presentation form maps to its compatibility decomposition instead
 * (لا for U+FEFC), as NFKC gives it. */

/* The hex of DST (UTF-16BE, N hex digits at P) as letters, in OUT (of room CAP hex
 * digits); its length, or 0 when it holds no presentation form. */
static int letters_hex(const char *p, int n, char *out, int cap)
{
	UChar in[32], norm[64];
	int len = 0;
	bool presentation = false;
	for (int i = 0; i + 4 <= n && len < 32; i += 4) {
		char hex[5] = {p[i], p[i + 1], p[i + 2], p[i + 3], 0};
		in[len] = (UChar)strtoul(hex, NULL, 16);
		presentation = presentation || (in[len] >= 0xFB00 && in[len] <= 0xFDFF) ||
			       (in[len] >= 0xFE70 && in[len] <= 0xFEFF);
		len++;
	}
	if (!presentation)
		return 0;
	UErrorCode status = U_ZERO_ERROR;
	const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
	int m = U_SUCCESS(status) ? unorm2_normalize(nfkc, in, len, norm, 64, &status) : 0;
	if (U_FAILURE(status) || m <= 0 || m * 4 > cap)
		return 0;
	for (int i = 0; i < m; i++)
		snprintf(out + 4 * i, 5, "%04x", norm[i]);
	return 4 * m;
}

/* The CMap IN (LEN bytes) with its bfchar entries' presentation forms as letters: new
 * bytes (free) and *OUT_LEN, or NULL when nothing changed. */
static char *cmap_letters(const char *in, size_t len, size_t *out_len, void *arg)
{
	(void)arg;
	size_t cap = len * 4 + 1, o = 0;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	bool changed = false, in_bfchar = false;
	const char *p = in, *end = in + len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol + 1 : end;
		if (memmem(p, (size_t)(eol - p), "beginbfchar", 11)) /* "N beginbfchar" */
			in_bfchar = true;
		else if (memmem(p, (size_t)(eol - p), "endbfchar", 9))
			in_bfchar = false;
		const char *dst = in_bfchar && *p == '<' ? memchr(p + 1, '<', (size_t)(eol - p - 1)) : NULL;
		const char *close = dst ? memchr(dst, '>', (size_t)(eol - dst)) : NULL;
		char hex[256];
		int n = close ? letters_hex(dst + 1, (int)(close - dst - 1), hex, (int)sizeof hex - 1) : 0;
		if (n > 0) {
			memcpy(out + o, p, (size_t)(dst + 1 - p));
			o += (size_t)(dst + 1 - p);
			memcpy(out + o, hex, (size_t)n);
			o += (size_t)n;
			memcpy(out + o, close, (size_t)(eol - close));
			o += (size_t)(eol - close);
			changed = true;
		} else {
			memcpy(out + o, p, (size_t)(eol - p));
			o += (size_t)(eol - p);
		}
		p = eol;
	}
	if (!changed) {
		free(out);
		return NULL;
	}
	*out_len = o;
	return out;
}

/* Rewrites the ToUnicode CMap of FONT (a font dictionary) with cmap_letters. */
static void font_letters(qpdf_data q, qpdf_oh font)
{
	pdfmeta_rewrite_stream(q, qpdf_oh_get_key(q, font, "/ToUnicode"), cmap_letters, NULL);
}

/* The fonts of PAGE's resources. */
static void page_letters(qpdf_data q, qpdf_oh page)
{
	qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/Font");
	if (!qpdf_oh_is_dictionary(q, fonts))
		return;
	qpdf_oh_begin_dict_key_iter(q, fonts);
	while (qpdf_oh_dict_more_keys(q))
		font_letters(q, qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q)));
}

int pdfmeta_finish(const char *in, size_t len, const char *lang, int rtl,
		   const struct pdfmeta_boxes *boxes, const struct pdfmeta_uris *uris,
		   const struct pdfmeta_tags *tags, char **out, size_t *out_len, const char **why)
{
	static char message[256];
	*out = NULL;
	*out_len = 0;
	qpdf_data q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = -1;
	if (qpdf_read_memory(q, "broadside.pdf", in, (unsigned long long)len, NULL) & QPDF_ERRORS)
		goto done;
	qpdf_oh root = qpdf_get_root(q);
	if (lang)
		qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
	/* A viewer's title bar shows the document's title, not its file name. */
	qpdf_oh prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
	if (rtl)
		qpdf_oh_replace_key(q, prefs, "/Direction", qpdf_oh_new_name(q, "/R2L"));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
	if (tags && tags->n) {
		const char *tag_why = NULL;
		if (pdftags_apply(q, tags, &tag_why) != 0) {
			snprintf(message, sizeof message, "%s", tag_why);
			*why = message;
			qpdf_cleanup(&q);
			return -1;
		}
		qpdf_oh marked = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, marked, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
		qpdf_oh_replace_key(q, root, "/MarkInfo", marked);
	}
	int n_pages = boxes ? qpdf_get_num_pages(q) : 0;
	for (int i = 0; i < n_pages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		grey_page(q, page);
		page_letters(q, page);
		qpdf_oh_replace_key(q, page, "/TrimBox", box(q, boxes->trim));
		if (boxes->has_bleed)
			qpdf_oh_replace_key(q, page, "/BleedBox", box(q, boxes->bleed));
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		goto done;
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	/* cairo's streams are compressed already: passed through, not inflated and deflated
	 * again (that was most of the time qpdf took). */
	qpdf_set_decode_level(q, qpdf_dl_none);
	if (qpdf_write(q) & QPDF_ERRORS)
		goto done;
	size_t n = qpdf_get_buffer_length(q);
	*out = malloc(n ? n : 1);
	if (!*out)
		goto done;
	memcpy(*out, qpdf_get_buffer(q), n);
	*out_len = n;
	rc = 0;
done:
	if (rc != 0) {
		qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
		snprintf(message, sizeof message, "qpdf: %s",
			 e ? qpdf_get_error_full_text(q, e) : "out of memory");
		*why = message;
	}
	qpdf_cleanup(&q);
	/* What qpdf wrote is checked as a reader will see it, not the objects it came from. */
	if (rc == 0 && pdfmeta_check_links(*out, *out_len, uris, why) != 0) {
		free(*out);
		*out = NULL;
		*out_len = 0;
		rc = -1;
	}
	return rc;
}

/* ---- the check of what was written ------------------------------------------------- */

/* The action types of PDF 2.0 (table 201): a dictionary whose /S is one of these is an
 * action, wherever it stands. */
static const char *const action_types[] = {
	"/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound",
	"/Movie", "/Hide", "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript",
	"/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/RichMediaExecute",
};

/* Keys that run something without a click on one of our links. */
static const char *const forbidden_keys[] = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/XFA"};

struct link_check {
	qpdf_data q;
	const char **uris; /* sorted, for bsearch */
	size_t n_uris;
	char *message;     /* the first offence, sizeof 256 */
};

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int offence(struct link_check *c, const char *what, const char *detail)
{
	snprintf(c->message, 256, "%s%s%s", what, detail ? " " : "", detail ? detail : "");
	return -1;
}

static bool is_expected_uri(const struct link_check *c, qpdf_oh uri)
{
	if (!qpdf_oh_is_string(c->q, uri))
		return false;
	size_t len = 0;
	const char *bytes = qpdf_oh_get_binary_string_value(c->q, uri, &len);
	if (!bytes || strlen(bytes) != len)
		return false;
	return c->n_uris && bsearch(&bytes, c->uris, c->n_uris, sizeof *c->uris, compare_strings);
}

/* ACTION must be << /S /URI /URI (one of ours) >>, optionally with /Type /Action, and
 * nothing else (no /Next, no /F). */
static int check_uri_action(struct link_check *c, qpdf_oh action)
{
	if (!qpdf_oh_is_dictionary(c->q, action))
		return offence(c, "a link whose /A is not an action dictionary", NULL);
	if (!qpdf_oh_is_name_and_equals(c->q, qpdf_oh_get_key(c->q, action, "/S"), "/URI"))
		return offence(c, "a link action that is not /S /URI", NULL);
	if (!is_expected_uri(c, qpdf_oh_get_key(c->q, action, "/URI")))
		return offence(c, "a link to a URI that no link of the document asked for:",
			       qpdf_oh_unparse(c->q, qpdf_oh_get_key(c->q, action, "/URI")));
	const char *stray = NULL;
	qpdf_oh_begin_dict_key_iter(c->q, action);
	while (!stray && qpdf_oh_dict_more_keys(c->q)) {
		const char *key = qpdf_oh_dict_next_key(c->q);
		if (strcmp(key, "/S") != 0 && strcmp(key, "/URI") != 0 && strcmp(key, "/Type") != 0)
			stray = key;
	}
	if (stray)
		return offence(c, "a link action with the key", stray);
	return 0;
}

/* Every annotation of page PAGE must be a /Link with our kind of action. */
static int check_annots(struct link_check *c, qpdf_oh page)
{
	qpdf_oh annots = qpdf_oh_get_key(c->q, page, "/Annots");
	if (qpdf_oh_is_null(c->q, annots))
		return 0;
	if (!qpdf_oh_is_array(c->q, annots))
		return offence(c, "a page whose /Annots is not an array", NULL);
	int n = qpdf_oh_get_array_n_items(c->q, annots);
	for (int i = 0; i < n; i++) {
		qpdf_oh annot = qpdf_oh_get_array_item(c->q, annots, i);
		if (!qpdf_oh_is_dictionary(c->q, annot) ||
		    !qpdf_oh_is_name_and_equals(c->q, qpdf_oh_get_key(c->q, annot, "/Subtype"), "/Link"))
			return offence(c, "an annotation that is not a /Link", NULL);
		if (!qpdf_oh_has_key(c->q, annot, "/A"))
			return offence(c, "a link without a URI action", NULL);
		if (check_uri_action(c, qpdf_oh_get_key(c->q, annot, "/A")) != 0)
			return -1;
	}
	return 0;
}

/* A dictionary anywhere: no forbidden key, and if it is an action, one of our links. */
static int check_dictionary(struct link_check *c, qpdf_oh dict)
{
	for (size_t i = 0; i < sizeof forbidden_keys / sizeof *forbidden_keys; i++)
		if (qpdf_oh_has_key(c->q, dict, forbidden_keys[i]))
			return offence(c, "the key", forbidden_keys[i]);
	qpdf_oh type = qpdf_oh_get_key(c->q, dict, "/S");
	bool action = qpdf_oh_is_name_and_equals(c->q, qpdf_oh_get_key(c->q, dict, "/Type"), "/Action");
	for (size_t i = 0; !action && i < sizeof action_types / sizeof *action_types; i++)
		action = qpdf_oh_is_name_and_equals(c->q, type, action_types[i]);
	return action ? check_uri_action(c, dict) : 0;
}

struct worklist {
	qpdf_oh *items;
	size_t n, cap;
	unsigned char *seen; /* by object number */
	size_t n_seen;
};

static bool push(struct worklist *w, qpdf_oh oh)
{
	if (!GROW(w->items, w->cap, w->n + 1))
		return false;
	w->items[w->n++] = oh;
	return true;
}

/* Whether the indirect object OH was visited before; marks it visited. */
static int seen_before(struct worklist *w, qpdf_data q, qpdf_oh oh)
{
	int id = qpdf_oh_get_object_id(q, oh);
	if (id <= 0)
		return 0;
	if (!GROW_ZEROED(w->seen, w->n_seen, (size_t)id + 1, 64))
		return -1;
	int was = w->seen[id];
	w->seen[id] = 1;
	return was;
}

/* Every object reachable from the trailer, each indirect one once, without recursion
 * (an outline's /Next chain is as long as the document has headings). */
static int check_objects(struct link_check *c)
{
	struct worklist w = {0};
	int rc = push(&w, qpdf_get_trailer(c->q)) ? 0 : offence(c, "too many objects", NULL);
	while (rc == 0 && w.n > 0) {
		/* Each handle is released once looked at: the C API keeps every handle it gave
		 * out until then, as much memory again as the objects for a long document. */
		qpdf_oh oh = w.items[--w.n];
		int seen = qpdf_oh_is_indirect(c->q, oh) ? seen_before(&w, c->q, oh) : 0;
		if (seen != 0) {
			rc = seen < 0 ? offence(c, "too many objects", NULL) : 0;
			qpdf_oh_release(c->q, oh);
			continue;
		}
		if (qpdf_oh_is_stream(c->q, oh)) {
			qpdf_oh dict = qpdf_oh_get_dict(c->q, oh);
			qpdf_oh_release(c->q, oh);
			oh = dict;
		}
		if (qpdf_oh_is_array(c->q, oh)) {
			int n = qpdf_oh_get_array_n_items(c->q, oh);
			for (int i = 0; i < n && rc == 0; i++)
				if (!push(&w, qpdf_oh_get_array_item(c->q, oh, i)))
					rc = offence(c, "too many objects", NULL);
		} else if (qpdf_oh_is_dictionary(c->q, oh)) {
			rc = check_dictionary(c, oh);
			qpdf_oh_begin_dict_key_iter(c->q, oh);
			while (rc == 0 && qpdf_oh_dict_more_keys(c->q))
				if (!push(&w, qpdf_oh_get_key(c->q, oh, qpdf_oh_dict_next_key(c->q))))
					rc = offence(c, "too many objects", NULL);
		}
		qpdf_oh_release(c->q, oh);
	}
	for (size_t i = 0; i < w.n; i++)
		qpdf_oh_release(c->q, w.items[i]);
	free(w.items);
	free(w.seen);
	return rc;
}

int pdfmeta_check_links(const char *in, size_t len, const struct pdfmeta_uris *uris,
			const char **why)
{
	static char message[256], text[320];
	struct link_check c = {.message = message};
	size_t n = uris ? uris->n : 0;
	c.uris = malloc((n ? n : 1) * sizeof *c.uris);
	if (!c.uris) {
		*why = "out of memory";
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		c.uris[i] = uris->items[i];
	qsort(c.uris, n, sizeof *c.uris, compare_strings);
	c.n_uris = n;
	c.q = qpdf_init();
	qpdf_set_suppress_warnings(c.q, QPDF_TRUE);
	int rc = -1, page = 0;
	if (qpdf_read_memory(c.q, "broadside.pdf", in, (unsigned long long)len, NULL) & QPDF_ERRORS) {
		offence(&c, "an error qpdf cannot read past", NULL);
		goto done;
	}
	int n_pages = qpdf_get_num_pages(c.q);
	if (n_pages < 0) {
		offence(&c, "no page tree qpdf can read", NULL);
		goto done;
	}
	for (int i = 0; i < n_pages; i++) {
		page = i + 1;
		if (check_annots(&c, qpdf_get_page_n(c.q, (size_t)i)) != 0)
			goto done;
	}
	page = 0;
	if (check_objects(&c) != 0)
		goto done;
	if (qpdf_has_error(c.q)) {
		offence(&c, "an object qpdf cannot read", NULL);
		goto done;
	}
	rc = 0;
done:
	if (rc != 0) {
		if (page)
			snprintf(text, sizeof text, "its links failed the check (page %d: %s)", page, message);
		else
			snprintf(text, sizeof text, "its links failed the check (%s)", message);
		*why = text;
	}
	qpdf_cleanup(&c.q);
	free(c.uris);
	return rc;
}
