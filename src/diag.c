/* diag.c — collecting and printing diagnostics; see diag.h. */
#include "diag.h"
#include "escape.h"
#include "grow.h"
#include "order.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(struct diag_list *list)
{
	memset(list, 0, sizeof *list);
}

struct diag_tally {
	char *file, *rule;
	enum diag_severity severity;
	size_t added;   /* stored as diagnostics of their own, at most DIAG_MAX_PER_RULE */
	size_t summary; /* 1 + the index of the summary in items, as a hint; 0: none yet */
};

void diag_list_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].file);
		free(list->items[i].rule);
		free(list->items[i].message);
	}
	free(list->items);
	for (size_t i = 0; i < list->n_tallies; i++) {
		free(list->tallies[i].file);
		free(list->tallies[i].rule);
	}
	free(list->tallies);
	diag_list_init(list);
}

static bool tally_is(const struct diag_tally *t, const char *file, const char *rule,
		     enum diag_severity severity)
{
	return t->severity == severity && strcmp(t->rule, rule) == 0 && strcmp(t->file, file) == 0;
}

/* The tally of FILE, RULE and SEVERITY, made if there is none; NULL when out of memory.
 * Searched from the newest: a list's diagnostics come file by file. */
static struct diag_tally *tally_of(struct diag_list *list, const char *file, const char *rule,
				   enum diag_severity severity)
{
	for (size_t i = list->n_tallies; i-- > 0;)
		if (tally_is(&list->tallies[i], file, rule, severity))
			return &list->tallies[i];
	if (!GROW(list->tallies, list->cap_tallies, list->n_tallies + 1))
		return NULL;
	struct diag_tally t = {.file = strdup(file), .rule = strdup(rule), .severity = severity};
	if (!t.file || !t.rule) {
		free(t.file);
		free(t.rule);
		return NULL;
	}
	list->tallies[list->n_tallies] = t;
	return &list->tallies[list->n_tallies++];
}

static bool grow_items(struct diag_list *list)
{
	return GROW(list->items, list->cap, list->n + 1);
}

/* Counts MORE diagnostics of T's file, rule and severity in its summary. */
static void add_to_summary(struct diag_list *list, struct diag_tally *t, size_t more)
{
	size_t k = t->summary;
	if (!(k && k <= list->n && list->items[k - 1].more &&
	      tally_is(t, list->items[k - 1].file, list->items[k - 1].rule,
		       list->items[k - 1].severity))) {
		for (k = list->n; k > 0; k--) {
			const struct diag *d = &list->items[k - 1];
			if (d->more && tally_is(t, d->file, d->rule, d->severity))
				break;
		}
	}
	if (k) {
		list->items[k - 1].more += more;
		t->summary = k;
		return;
	}
	struct diag d = {.severity = t->severity, .file = strdup(t->file), .rule = strdup(t->rule),
			 .message = strdup("… and more"), .more = more};
	if (!grow_items(list) || !d.file || !d.rule || !d.message) {
		free(d.file);
		free(d.rule);
		free(d.message);
		list->out_of_memory = true;
		return;
	}
	list->items[list->n++] = d;
	t->summary = list->n;
}

/* Whether a diagnostic of FILE, RULE and SEVERITY is over the cap: then it has been counted
 * in the summary, and is not to be stored. */
static bool counted_over_cap(struct diag_list *list, const char *file, const char *rule,
			     enum diag_severity severity)
{
	struct diag_tally *t = tally_of(list, file ? file : "-", rule, severity);
	if (!t) {
		list->out_of_memory = true;
		return true;
	}
	if (t->added < DIAG_MAX_PER_RULE) {
		t->added++;
		return false;
	}
	add_to_summary(list, t, 1);
	return true;
}

static void diag_vadd(struct diag_list *list, enum diag_severity severity, const char *file,
		      unsigned line, unsigned col, const char *rule, const char *fmt,
		      va_list ap)
{
	if (!grow_items(list)) {
		list->out_of_memory = true;
		return;
	}
	char *message = NULL;
	if (vasprintf(&message, fmt, ap) < 0)
		message = NULL;
	struct diag d = {
		.severity = severity,
		.file = strdup(file ? file : "-"),
		.line = line,
		.col = col,
		.rule = strdup(rule),
		.message = message,
	};
	if (!d.file || !d.rule || !d.message) {
		free(d.file);
		free(d.rule);
		free(d.message);
		list->out_of_memory = true;
		return;
	}
	/* One line per problem: a message never spans lines. */
	for (char *p = d.message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	size_t end = strlen(d.message);
	while (end > 0 && d.message[end - 1] == ' ')
		d.message[--end] = '\0';
	list->items[list->n++] = d;
}

void diag_add(struct diag_list *list, enum diag_severity severity, const char *file,
	      unsigned line, unsigned col, const char *rule, const char *fmt, ...)
{
	if (counted_over_cap(list, file, rule, severity))
		return;
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(list, severity, file, line, col, rule, fmt, ap);
	va_end(ap);
}

void diag_copy(struct diag_list *list, const struct diag *d)
{
	if (!d->more) {
		diag_add(list, d->severity, d->file, d->line, d->col, d->rule, "%s", d->message);
		return;
	}
	struct diag_tally *t = tally_of(list, d->file, d->rule, d->severity);
	if (!t) {
		list->out_of_memory = true;
		return;
	}
	add_to_summary(list, t, d->more);
}

void diag_vat(struct diag_list *list, const struct source *src, uint32_t offset,
	      enum diag_severity severity, const char *rule, const char *fmt, va_list ap)
{
	/* Checked first: finding the column of a place can take a pass over a long line. */
	if (counted_over_cap(list, src ? src->path : NULL, rule, severity))
		return;
	unsigned line, col;
	source_position(src, offset, &line, &col);
	diag_vadd(list, severity, src ? src->path : NULL, line, col, rule, fmt, ap);
}

void diag_at(struct diag_list *list, const struct source *src, uint32_t offset,
	     enum diag_severity severity, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vat(list, src, offset, severity, rule, fmt, ap);
	va_end(ap);
}

size_t diag_count(const struct diag_list *list, enum diag_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < list->n; i++)
		if (list->items[i].severity == severity)
			n += list->items[i].more ? list->items[i].more : 1;
	return n;
}

void diag_remove(struct diag_list *list, enum diag_severity severity, const char *rule)
{
	size_t kept = 0;
	for (size_t i = 0; i < list->n; i++) {
		struct diag *d = &list->items[i];
		if (d->severity == severity && strcmp(d->rule, rule) == 0) {
			free(d->file);
			free(d->rule);
			free(d->message);
			continue;
		}
		list->items[kept++] = *d;
	}
	list->n = kept;
	for (size_t i = 0; i < list->n_tallies; i++)
		if (list->tallies[i].severity == severity && strcmp(list->tallies[i].rule, rule) == 0)
			list->tallies[i].added = list->tallies[i].summary = 0;
}

void diag_promote_warnings(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		list->items[i].severity = DIAG_ERROR;
	for (size_t i = 0; i < list->n_tallies; i++)
		list->tallies[i].severity = DIAG_ERROR;
}

static int compare_place(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	return ORDER(!!a->more, !!b->more) ?: ORDER(a->line, b->line) ?: ORDER(a->col, b->col);
}

/* A stable merge sort: a document with tens of thousands of findings sorts quickly. */
void diag_sort(struct diag_list *list)
{
	if (list->n < 2)
		return;
	struct diag *tmp = malloc(list->n * sizeof *tmp);
	if (!tmp) {
		list->out_of_memory = true;
		return;
	}
	struct diag *from = list->items, *to = tmp;
	for (size_t width = 1; width < list->n; width *= 2) {
		for (size_t lo = 0; lo < list->n; lo += 2 * width) {
			size_t mid = lo + width < list->n ? lo + width : list->n;
			size_t hi = lo + 2 * width < list->n ? lo + 2 * width : list->n;
			size_t a = lo, b = mid, k = lo;
			while (a < mid && b < hi)
				to[k++] = compare_place(&from[b], &from[a]) < 0 ? from[b++] : from[a++];
			while (a < mid)
				to[k++] = from[a++];
			while (b < hi)
				to[k++] = from[b++];
		}
		struct diag *swap = from;
		from = to;
		to = swap;
	}
	if (from != list->items)
		memcpy(list->items, from, list->n * sizeof *from);
	free(tmp);
}

static const char *severity_name(enum diag_severity severity)
{
	return severity == DIAG_ERROR ? "error" : "warning";
}

/* The length of the control character at P (C0, DEL, or C1 as UTF-8), or 0. */
static size_t control_at(const unsigned char *p)
{
	if (*p < 0x20 || *p == 0x7F)
		return 1;
	return p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F ? 2 : 0;
}

char *diag_escaped(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	bool plain = true;
	for (size_t i = 0; u[i] && plain; i++)
		plain = control_at(u + i) == 0;
	if (plain)
		return strdup(s);
	static const char special[] = "\n\t\r\\\"", letter[] = "ntr\\\"";
	char *out = malloc(4 * strlen(s) + 1), *w = out;
	for (size_t i = 0; out && u[i];) {
		size_t n = control_at(u + i);
		const char *named = strchr(special, u[i]);
		if (named) {
			*w++ = '\\';
			*w++ = letter[named - special];
			i++;
		} else if (n) {
			for (size_t k = 0; k < n; k++, i++)
				w += sprintf(w, "\\x%02X", u[i]);
		} else {
			*w++ = (char)u[i++];
		}
	}
	if (out)
		*w = '\0';
	return out;
}

void diag_print_text(const struct diag_list *list, FILE *out)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct diag *d = &list->items[i];
		char *file = diag_escaped(d->file), *message = diag_escaped(d->message);
		const char *f = file ? file : "?", *m = message ? message : "(out of memory)";
		if (d->more)
			fprintf(out, "%s: %s: … and %zu more [%s]\n", f, severity_name(d->severity),
				d->more, d->rule);
		else if (d->line)
			fprintf(out, "%s:%u:%u: %s: %s [%s]\n", f, d->line, d->col,
				severity_name(d->severity), m, d->rule);
		else
			fprintf(out, "%s: %s: %s [%s]\n", f, severity_name(d->severity), m, d->rule);
		free(file);
		free(message);
	}
}

void diag_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	escape_write(out, s, &escape_json);
	fputc('"', out);
}

void diag_print_json(const struct diag_list *list, FILE *out)
{
	fputs("[", out);
	for (size_t i = 0; i < list->n; i++) {
		const struct diag *d = &list->items[i];
		fputs(i ? ",\n  {" : "\n  {", out);
		fputs("\"file\": ", out);
		char *file = diag_escaped(d->file); /* the same name as in the text output */
		diag_json_string(out, file ? file : "?");
		free(file);
		fprintf(out, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"rule\": ",
			d->line, d->col, severity_name(d->severity));
		diag_json_string(out, d->rule);
		fputs(", \"message\": ", out);
		if (d->more)
			fprintf(out, "\"… and %zu more\", \"more\": %zu", d->more, d->more);
		else
			diag_json_string(out, d->message);
		fputs("}", out);
	}
	fputs(list->n ? "\n]\n" : "]\n", out);
}
