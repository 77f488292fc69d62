/* diag.c — collecting and printing diagnostics; see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(struct diag_list *list)
{
	memset(list, 0, sizeof *list);
}

void diag_list_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->items[i].file);
		free(list->items[i].rule);
		free(list->items[i].message);
	}
	free(list->items);
	diag_list_init(list);
}

static void diag_vadd(struct diag_list *list, enum diag_severity severity, const char *file,
		      unsigned line, unsigned col, const char *rule, const char *fmt,
		      va_list ap)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct diag *items = realloc(list->items, cap * sizeof *items);
		if (!items) {
			list->out_of_memory = true;
			return;
		}
		list->items = items;
		list->cap = cap;
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
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(list, severity, file, line, col, rule, fmt, ap);
	va_end(ap);
}

void diag_vat(struct diag_list *list, const struct source *src, uint32_t offset,
	      enum diag_severity severity, const char *rule, const char *fmt, va_list ap)
{
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
			n++;
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
}

void diag_promote_warnings(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		list->items[i].severity = DIAG_ERROR;
}

static int compare_place(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
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
		if (d->line)
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
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
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
		diag_json_string(out, d->message);
		fputs("}", out);
	}
	fputs(list->n ? "\n]\n" : "]\n", out);
}
