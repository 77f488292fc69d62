/* resolve.c — ICU text resolution: paragraphs, spans and isolates, hyphenation points, and
 * the document's languages (lang.h); dates, times and what joins a number to its unit are
 * resolve_dates.c's.  See resolve.h. */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubidi.h>
#include <unicode/ustring.h>

#include "grow.h"
#include "hyphenate.h"
#include "lang.h"
#include "resolve_dates.h"
#include "textnorm.h"
#include "uri.h"

#define LRI 0x2066
#define RLI 0x2067
#define PDI 0x2069
#define SOFT_HYPHEN 0x00AD
#define LINE_SEPARATOR 0x2028

/* ---- languages ---------------------------------------------------------------------- */

enum resolve_dir resolve_lang_dir(const char *lang)
{
	return lang_is_rtl(lang) ? RESOLVE_RTL : RESOLVE_LTR;
}

/* ---- one paragraph ------------------------------------------------------------------ */

struct para {
	const struct resolve_options *options;
	const char *lang;       /* the paragraph's */
	char *buf;
	size_t len, cap;
	struct resolved_span *spans;
	size_t n_spans, cap_spans;
	struct textnorm_collapse ws;
	bool failed;
};

struct context {
	const char *lang;       /* of the text here */
	enum resolve_dir dir;   /* the direction text runs in here */
	bool hyphenate;
};

static void append(struct para *p, const char *bytes, size_t n)
{
	if (p->failed)
		return;
	if (!GROW(p->buf, p->cap, p->len + n + 1)) {
		p->failed = true;
		return;
	}
	memcpy(p->buf + p->len, bytes, n);
	p->len += n;
	p->buf[p->len] = '\0';
}

static void append_cp(struct para *p, UChar32 cp)
{
	char bytes[4];
	int32_t n = 0;
	U8_APPEND_UNSAFE(bytes, n, cp);
	append(p, bytes, (size_t)n);
}

static size_t open_span(struct para *p, enum resolve_style style)
{
	if (!GROW(p->spans, p->cap_spans, p->n_spans + 1)) {
		p->failed = true;
		return 0;
	}
	struct resolved_span *s = &p->spans[p->n_spans];
	memset(s, 0, sizeof *s);
	s->style = style;
	s->start = s->end = p->len;
	return p->n_spans++;
}

static bool is_xml_space(UChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* How many UTF-16 units the UTF-8 S[0, N) takes. */
static int32_t utf16_len(const char *s, size_t n)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = 0;
	u_strFromUTF8(NULL, 0, &len, s, (int32_t)n, &status);
	return len;
}

/* Where in the white-space-delimited token CHUNK[T0, T1) a URL or an e-mail address is
 * (uri_token_address, asked in UTF-8): [*A0, *A1) in CHUNK, empty when there is none. */
static void address_in(const UChar *chunk, int32_t t0, int32_t t1, int32_t *a0, int32_t *a1)
{
	*a0 = *a1 = t0;
	UErrorCode status = U_ZERO_ERROR;
	int32_t n8 = 0;
	u_strToUTF8(NULL, 0, &n8, chunk + t0, t1 - t0, &status);
	char *token = malloc((size_t)n8 + 1);
	if (!token)
		return;
	status = U_ZERO_ERROR;
	u_strToUTF8(token, n8 + 1, NULL, chunk + t0, t1 - t0, &status);
	size_t start, n;
	if (U_SUCCESS(status) && uri_token_address(token, (size_t)n8, &start, &n)) {
		*a0 = t0 + utf16_len(token, start);
		*a1 = *a0 + utf16_len(token + start, n);
	}
	free(token);
}

/* Whether S[0, LEN), a white-space-delimited token, holds a character that prose never
 * has: markup's "<>{}=", a path's '\\', an identifier's '_', a handle's '@' or a
 * hashtag's '#'.  Such machine text is typed back exactly as printed, so it is not
 * hyphenated either.  This is not URL detection (uri_token_address is), nor about
 * slashes: "und/oder" is prose. */
static bool machine_text(const UChar *s, int32_t len)
{
	for (int32_t i = 0; i < len; i++)
		if (s[i] != 0 && s[i] < 0x80 && strchr("<>{}=\\_@#", (int)s[i]))
			return true;
	return false;
}

static bool hyphenatable_word(const UChar *w, int32_t len)
{
	int32_t upper = 0;
	for (int32_t i = 0; i < len; i++) {
		if (u_isdigit(w[i]) || w[i] == SOFT_HYPHEN)
			return false;
		if (u_isupper(w[i]))
			upper++;
	}
	return upper < 2 || upper * 2 < len; /* acronyms (ISC, UN) stay whole */
}

/* Marks in POINTS where soft hyphens go in CHUNK (collapsed text in the language LANG).
 * A URL or an e-mail address is never hyphenated, nor is machine text: the hyphen would
 * be read as part of it.
 * The words of a slash compound ("und/oder", "Bürger/innen") are, as German typesetting
 * does: a line may end after the slash anyway (UAX #14), and the patterns' minimums keep
 * the first and last two letters of every word whole, so no hyphen ever stands next to
 * the slash, the one place good typesetters avoid. */
static void find_hyphens(const char *lang, const UChar *chunk, int32_t len, bool *points)
{
	memset(points, 0, (size_t)len * sizeof *points);
	if (!hyphen_available(lang))
		return;
	UBreakIterator *words = resolve_word_breaks(lang);
	if (!words)
		return;
	UErrorCode status = U_ZERO_ERROR;
	ubrk_setText(words, chunk, len, &status);
	if (U_FAILURE(status))
		return;
	bool *word_points = malloc((size_t)len * sizeof *word_points);
	int32_t t0 = 0, t1 = 0, k0 = 0, k1 = 0; /* the token around the word; what stays whole */
	for (int32_t start = ubrk_first(words), end = ubrk_next(words);
	     word_points && end != UBRK_DONE; start = end, end = ubrk_next(words)) {
		int32_t status_tag = ubrk_getRuleStatus(words);
		if (status_tag < UBRK_WORD_LETTER || status_tag >= UBRK_WORD_LETTER_LIMIT)
			continue;
		if (start >= t1) {
			for (t0 = start; t0 > 0 && !is_xml_space(chunk[t0 - 1]); t0--)
				;
			for (t1 = end; t1 < len && !is_xml_space(chunk[t1]); t1++)
				;
			k0 = t0;
			k1 = t1;
			if (!machine_text(chunk + t0, t1 - t0))
				address_in(chunk, t0, t1, &k0, &k1);
		}
		if ((start < k1 && end > k0) || !hyphenatable_word(chunk + start, end - start))
			continue;
		if (hyphen_word(lang, chunk + start, end - start, word_points))
			for (int32_t i = 1; i < end - start; i++)
				points[start + i] |= word_points[i];
	}
	free(word_points);
}

/* The last character of P's text so far (0: none). */
static UChar32 last_char(const struct para *p)
{
	if (p->len == 0)
		return 0;
	int32_t i = (int32_t)p->len;
	UChar32 cp;
	U8_PREV((const uint8_t *)p->buf, 0, i, cp);
	return cp;
}

/* TEXT in NFC, its white space collapsed as HTML does (across element boundaries: P's
 * state goes on), in UTF-16: a new string of *LEN units, or NULL. */
static UChar *collapsed_text(struct para *p, const char *text, int32_t *len)
{
	char *nfc = textnorm_nfc(text);
	if (!nfc)
		return NULL;
	textnorm_collapse(nfc, &p->ws);
	UErrorCode status = U_ZERO_ERROR;
	*len = 0;
	u_strFromUTF8(NULL, 0, len, nfc, -1, &status);
	status = U_ZERO_ERROR;
	UChar *chunk = malloc(((size_t)*len + 1) * sizeof *chunk);
	if (chunk)
		u_strFromUTF8(chunk, *len + 1, NULL, nfc, -1, &status);
	free(nfc);
	if (chunk && U_FAILURE(status)) {
		free(chunk);
		chunk = NULL;
	}
	return chunk;
}

static void add_text(struct para *p, const struct context *ctx, const char *text)
{
	int32_t m = 0;
	UChar *chunk = collapsed_text(p, text, &m);
	bool *points = chunk ? malloc(((size_t)m + 1) * sizeof *points) : NULL;
	if (!points) {
		p->failed = true;
		goto done;
	}
	resolve_join_numbers(ctx->lang, chunk, m, last_char(p));
	if (ctx->hyphenate && p->options->hyphenate)
		find_hyphens(ctx->lang, chunk, m, points);
	else
		memset(points, 0, (size_t)m * sizeof *points);
	for (int32_t i = 0; i < m;) {
		if (points[i])
			append_cp(p, SOFT_HYPHEN);
		UChar32 cp;
		U16_NEXT(chunk, i, m, cp);
		append_cp(p, cp);
	}
done:
	free(chunk);
	free(points);
}

static void add_runs(struct para *p, const struct context *ctx, const struct model_inline *runs,
		     size_t n);

/* The first-strong direction of the text under RUN, or -1 when it has none. */
static int content_dir(const struct model_inline *run)
{
	if (run->kind == INLINE_TEXT && run->text) {
		UChar buf[512];
		UErrorCode status = U_ZERO_ERROR;
		int32_t n = 0;
		u_strFromUTF8(buf, 512, &n, run->text, -1, &status);
		if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING)
			n = 512;
		else if (U_FAILURE(status))
			return -1;
		UBiDiDirection d = ubidi_getBaseDirection(buf, n);
		return d == UBIDI_LTR ? RESOLVE_LTR : d == UBIDI_RTL ? RESOLVE_RTL : -1;
	}
	for (size_t i = 0; i < run->n_children; i++) {
		int d = content_dir(&run->children[i]);
		if (d >= 0)
			return d;
	}
	return -1;
}

/* An inline element: a span, isolated when its text runs against the direction here. */
static void add_element(struct para *p, const struct context *ctx, const struct model_inline *run)
{
	static const enum resolve_style styles[] = {
		[INLINE_EM] = STYLE_EM, [INLINE_STRONG] = STYLE_STRONG, [INLINE_NAME] = STYLE_NAME,
		[INLINE_FOREIGN] = STYLE_FOREIGN, [INLINE_LINK] = STYLE_LINK,
	};
	struct context inner = *ctx;
	int dir = -1;
	if (run->kind == INLINE_FOREIGN) {
		inner.lang = run->lang;
		dir = (int)resolve_lang_dir(run->lang);
		/* its own language's patterns, or none if it has none (see below) */
		inner.hyphenate = ctx->hyphenate;
	} else if (run->kind == INLINE_NAME || run->kind == INLINE_LINK) {
		dir = content_dir(run);
		inner.hyphenate = false;
	}
	bool isolate = dir >= 0 && (enum resolve_dir)dir != ctx->dir;
	/* A run isolated against the paragraph (a Latin name in Farsi) stays whole: the
	 * paragraph is set ragged, and a hyphen inside an isolate would stand mid-line. */
	if (isolate)
		inner.hyphenate = false;
	if (dir >= 0)
		inner.dir = (enum resolve_dir)dir;
	if (isolate) {
		append_cp(p, dir == RESOLVE_RTL ? RLI : LRI);
		p->ws.at_start = false;
	}
	size_t index = open_span(p, styles[run->kind]);
	add_runs(p, &inner, run->children, run->n_children);
	if (p->failed)
		return;
	struct resolved_span *s = &p->spans[index];
	s->end = p->len;
	s->dir = inner.dir;
	s->isolated = isolate;
	s->lang = run->kind == INLINE_FOREIGN ? run->lang : NULL;
	s->href = run->kind == INLINE_LINK ? run->href : NULL;
	if (isolate)
		append_cp(p, PDI);
}

static void add_date(struct para *p, const struct context *ctx, const struct model_inline *run)
{
	char *text = run->when ? resolve_format_date(ctx->lang, run->when)
			       : resolve_format_range(ctx->lang, run->from, run->to);
	char *iso = NULL;
	if (run->when)
		iso = strdup(run->when);
	else if (run->from && run->to && asprintf(&iso, "%s/%s", run->from, run->to) < 0)
		iso = NULL;
	if (!text || !iso) {
		free(text);
		free(iso);
		p->failed = true;
		return;
	}
	size_t index = open_span(p, STYLE_DATE);
	append(p, text, strlen(text));
	free(text);
	if (p->failed) {
		free(iso);
		return;
	}
	p->spans[index].end = p->len;
	p->spans[index].dir = ctx->dir;
	p->spans[index].date = iso;
	p->ws.at_start = p->ws.last_space = false;
}

static void add_break(struct para *p)
{
	if (p->ws.last_space && p->len > 0 && p->buf[p->len - 1] == ' ')
		p->buf[--p->len] = '\0';
	append_cp(p, LINE_SEPARATOR);
	p->ws.last_space = true; /* white space after a line break is dropped */
}

static void add_runs(struct para *p, const struct context *ctx, const struct model_inline *runs,
		     size_t n)
{
	for (size_t i = 0; i < n && !p->failed; i++) {
		const struct model_inline *run = &runs[i];
		switch (run->kind) {
		case INLINE_TEXT:
			add_text(p, ctx, run->text);
			break;
		case INLINE_DATE:
			add_date(p, ctx, run);
			break;
		case INLINE_BR:
			add_break(p);
			break;
		default:
			add_element(p, ctx, run);
			break;
		}
	}
}

/* Drops a trailing space (one may remain before closing isolates). */
static void trim_end(struct para *p)
{
	size_t end = p->len;
	while (end >= 3 && (unsigned char)p->buf[end - 3] == 0xE2 &&
	       (unsigned char)p->buf[end - 2] == 0x81 && (unsigned char)p->buf[end - 1] == 0xA9)
		end -= 3; /* PDI */
	if (end == 0 || p->buf[end - 1] != ' ')
		return;
	size_t at = end - 1;
	memmove(p->buf + at, p->buf + at + 1, p->len - at);
	p->len--;
	for (size_t i = 0; i < p->n_spans; i++) {
		if (p->spans[i].start > at)
			p->spans[i].start--;
		if (p->spans[i].end > at)
			p->spans[i].end--;
	}
}

static int resolve_text(const struct model_text *t, enum resolve_dir dir,
			const struct resolve_options *options, struct resolved_text *out)
{
	struct para p = {.options = options, .lang = t->lang, .ws.at_start = true};
	struct context ctx = {.lang = t->lang, .dir = dir, .hyphenate = true};
	append(&p, "", 0);
	add_runs(&p, &ctx, t->runs, t->n_runs);
	if (!p.failed)
		trim_end(&p);
	out->t = t;
	out->lang = t->lang;
	out->dir = dir;
	out->text = p.buf;
	out->len = p.len;
	out->spans = p.spans;
	out->n_spans = p.n_spans;
	return p.failed ? -1 : 0;
}

/* ---- the document ------------------------------------------------------------------ */

static void free_when(struct resolved_when *when, size_t n_langs)
{
	for (size_t l = 0; l < n_langs; l++) {
		if (when->date)
			free(when->date[l]);
		if (when->time)
			free(when->time[l]);
	}
	free(when->date);
	free(when->time);
}

void resolved_doc_free(struct resolved_doc *rdoc)
{
	if (!rdoc)
		return;
	const struct model_doc *doc = rdoc->doc;
	for (size_t u = 0; rdoc->units && u < doc->n_units; u++) {
		struct resolved_unit *ru = &rdoc->units[u];
		for (size_t l = 0; ru->texts && l < doc->n_langs; l++) {
			struct resolved_text *rt = &ru->texts[l];
			for (size_t s = 0; s < rt->n_spans; s++)
				free((char *)rt->spans[s].date);
			free(rt->spans);
			free(rt->text);
		}
		free(ru->texts);
	}
	free(rdoc->units);
	free_when(&rdoc->published, doc->n_langs);
	for (size_t b = 0; rdoc->events && b < doc->n_blocks; b++)
		free_when(&rdoc->events[b], doc->n_langs);
	free(rdoc->events);
	free(rdoc->dirs);
	free(rdoc->langs);
	free(rdoc);
}

static int resolve_when(const struct model_doc *doc, const char *when, const char *until,
			const char *time, bool weekday, struct resolved_when *out)
{
	out->date = calloc(doc->n_langs, sizeof *out->date);
	out->time = calloc(doc->n_langs, sizeof *out->time);
	if (!out->date || !out->time)
		return -1;
	for (size_t l = 0; l < doc->n_langs; l++) {
		const char *lang = doc->langs[l];
		if (until)
			out->date[l] = resolve_format_range(lang, when, until);
		else if (when)
			out->date[l] = weekday ? resolve_format_weekday_date(lang, when)
					       : resolve_format_date(lang, when);
		if (when && !out->date[l])
			return -1;
		if (time && !(out->time[l] = resolve_format_time(lang, time)))
			return -1;
	}
	return 0;
}

int resolve_document(const struct model_doc *doc, const struct resolve_options *options,
		     struct resolved_doc **out)
{
	*out = NULL;
	struct resolved_doc *rdoc = calloc(1, sizeof *rdoc);
	if (!rdoc)
		return -1;
	rdoc->doc = doc;
	rdoc->dirs = calloc(doc->n_langs + 1, sizeof *rdoc->dirs);
	rdoc->langs = calloc(doc->n_langs + 1, sizeof *rdoc->langs);
	rdoc->units = calloc(doc->n_units + 1, sizeof *rdoc->units);
	rdoc->events = calloc(doc->n_blocks + 1, sizeof *rdoc->events);
	int rc = rdoc->dirs && rdoc->langs && rdoc->units && rdoc->events ? 0 : -1;
	for (size_t l = 0; rc == 0 && l < doc->n_langs; l++) {
		lang_facts_init(&rdoc->langs[l], doc->langs[l]);
		rdoc->dirs[l] = rdoc->langs[l].rtl ? RESOLVE_RTL : RESOLVE_LTR;
	}
	for (size_t u = 0; rc == 0 && u < doc->n_units; u++) {
		struct resolved_unit *ru = &rdoc->units[u];
		ru->unit = &doc->units[u];
		ru->texts = calloc(doc->n_langs + 1, sizeof *ru->texts);
		if (!ru->texts) {
			rc = -1;
			break;
		}
		for (size_t l = 0; rc == 0 && l < doc->n_langs; l++) {
			ru->texts[l].lang = doc->langs[l];
			ru->texts[l].dir = rdoc->dirs[l];
			/* An empty <t> is rendered as what it is: a missing translation. */
			const struct model_text *t = model_unit_usable_text(ru->unit, doc->langs[l]);
			if (t)
				rc = resolve_text(t, rdoc->dirs[l], options, &ru->texts[l]);
		}
	}
	if (rc == 0)
		rc = resolve_when(doc, doc->date, NULL, NULL, false, &rdoc->published);
	for (size_t b = 0; rc == 0 && b < doc->n_blocks; b++) {
		const struct model_block *block = &doc->blocks[b];
		if (block->kind == BLOCK_EVENT)
			rc = resolve_when(doc, block->when, block->until, block->time, true,
					  &rdoc->events[b]);
	}
	if (rc != 0) {
		resolved_doc_free(rdoc);
		return -1;
	}
	*out = rdoc;
	return 0;
}

void resolve_cleanup(void)
{
	resolve_dates_cleanup();
	hyphen_cleanup();
}
