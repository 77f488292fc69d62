/* dump_layout.c — the layout trace: a laid-out leaflet, line by line; see dump.h. */
#include "dump.h"
#include "order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One thing on a page: a text item's line, or a fill, a rule, the QR code. */
struct entry {
	double x, y;            /* rounded as printed, so that the order is what one reads */
	size_t index;           /* the item's, to break ties as the layout placed them */
	const struct layout_item *item;
	int line;
};

/* What the summary says, gathered page by page. */
struct totals {
	double widest, narrowest;       /* gap ratios */
	int hyphens_in_row;
	double smallest_body, smallest;
	const char *smallest_role;
	double last_fill;
};

static double tenth(double v)
{
	double r = round(v * 10) / 10;
	return r == 0 ? 0 : r; /* never "-0.0" */
}

static int by_place(const void *a, const void *b)
{
	const struct entry *p = a, *q = b;
	return ORDER(p->y, q->y) ?: ORDER(p->x, q->x) ?: ORDER(p->index, q->index)
		?: ORDER(p->line, q->line);
}

/* Running text, as the minimum size means it. */
static bool is_body(const char *role)
{
	return strcmp(role, "body") == 0 || strcmp(role, "item") == 0 ||
	       strcmp(role, "letter") == 0;
}

/* Line LINE of text ITEM on the page: its top left, its width (points) and measure. */
static void line_place(const struct layout_item *item, int line, double *x, double *y,
		       double *bottom, double *width, struct para_line_info *m)
{
	int lx, top, w, bot;
	para_set_line_extents(item->set, line, &lx, &top, &w, &bot);
	para_set_line_info(item->set, line, m);
	double unit = item->scale / PANGO_SCALE;
	*x = item->x + lx * unit;
	*y = item->y + top * unit - item->line_offset;
	*bottom = item->y + bot * unit - item->line_offset;
	*width = m->width * unit;
}

static void print_line(const struct entry *e, struct totals *t, double *lowest, FILE *out)
{
	const struct layout_item *item = e->item;
	double x, y, bottom, width;
	struct para_line_info m;
	line_place(item, e->line, &x, &y, &bottom, &width, &m);
	fprintf(out, "  %6.1f %6.1f  %-9s %5.2f  %5.1f/%5.1f  %4.2f %s g%-2d  ", tenth(x), tenth(y),
		item->role, item->size, tenth(width), tenth(item->width), m.gap_ratio,
		m.hyphen ? "hy" : "--", item->group);
	dump_visible(para_set_text(item->set) + m.start, (size_t)(m.end - m.start), out);
	fputc('\n', out);
	bool footer = strcmp(item->role, "footer") == 0;
	if (!footer && bottom > *lowest)
		*lowest = bottom;
	t->widest = fmax(t->widest, m.gap_ratio);
	t->narrowest = fmin(t->narrowest, m.gap_ratio);
	if (is_body(item->role))
		t->smallest_body = fmin(t->smallest_body, item->size);
	if (item->size < t->smallest) {
		t->smallest = item->size;
		t->smallest_role = item->role;
	}
}

static void print_entry(const struct entry *e, struct totals *t, double *lowest, FILE *out)
{
	const struct layout_item *item = e->item;
	switch (item->kind) {
	case ITEM_TEXT:
		print_line(e, t, lowest, out);
		break;
	case ITEM_FILL:
		fprintf(out, "  %6.1f %6.1f  fill %.1f x %.1f, gray %.2f\n", e->x, e->y,
			tenth(item->width), tenth(item->height), item->gray);
		break;
	case ITEM_RULE:
		fprintf(out, "  %6.1f %6.1f  rule to %.1f %.1f, gray %.2f\n", e->x, e->y,
			tenth(item->x2), tenth(item->y2), item->gray);
		break;
	case ITEM_QR:
		fprintf(out, "  %6.1f %6.1f  qr %.1f pt: %s\n", e->x, e->y, tenth(item->width),
			item->qr ? item->qr : "");
		*lowest = fmax(*lowest, item->y + item->height);
		break;
	}
}

/* The entries of page PAGE into ENTRIES (room for all), in reading order; how many. */
static size_t page_entries(const struct layout *layout, int page, struct entry *entries)
{
	size_t n = 0;
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->page != page)
			continue;
		if (item->kind != ITEM_TEXT) {
			entries[n++] = (struct entry){tenth(item->x), tenth(item->y), i, item, 0};
			continue;
		}
		for (int l = item->first_line; item->set && l < item->first_line + item->n_lines; l++) {
			double x, y, bottom, width;
			struct para_line_info m;
			line_place(item, l, &x, &y, &bottom, &width, &m);
			entries[n++] = (struct entry){tenth(x), tenth(y), i, item, l};
		}
	}
	qsort(entries, n, sizeof *entries, by_place);
	return n;
}

/* The most hyphenated lines in a row in any paragraph of LAYOUT (each counted once, from
 * the item that holds its first line). */
static int hyphens_in_row(const struct layout *layout)
{
	int most = 0;
	for (size_t i = 0; i < layout->n_items; i++) {
		const struct layout_item *item = &layout->items[i];
		if (item->kind != ITEM_TEXT || !item->set || item->first_line != 0)
			continue;
		for (int l = 0, row = 0; l < para_set_lines(item->set); l++) {
			struct para_line_info m;
			para_set_line_info(item->set, l, &m);
			row = m.hyphen ? row + 1 : 0;
			most = row > most ? row : most;
		}
	}
	return most;
}

static size_t lines_in(const struct layout *layout)
{
	size_t n = 0;
	for (size_t i = 0; i < layout->n_items; i++)
		n += layout->items[i].kind == ITEM_TEXT ? (size_t)layout->items[i].n_lines : 1;
	return n;
}

void dump_layout(const struct layout *layout, const char *header, FILE *out)
{
	fprintf(out, "%s: %d page%s, body %.2f pt\n", header, layout->n_pages,
		layout->n_pages == 1 ? "" : "s", layout->body_size);
	fprintf(out, "text area %.1f to %.1f pt\n", tenth(layout->text_top),
		tenth(layout->text_bottom));
	fputs("columns: x y (top left, pt) role size (pt) width/column (pt) gap ratio, "
	      "hy: ends in an added hyphen, g: kept group; text\n", out);
	struct entry *entries = malloc((lines_in(layout) + 1) * sizeof *entries);
	if (!entries)
		return;
	struct totals t = {.widest = 1, .narrowest = 1, .smallest_body = INFINITY,
			   .smallest = INFINITY, .smallest_role = "-"};
	double area = layout->text_bottom - layout->text_top;
	for (int page = 1; page <= layout->n_pages; page++) {
		fprintf(out, "\npage %d\n", page);
		size_t n = page_entries(layout, page, entries);
		double lowest = layout->text_top;
		for (size_t k = 0; k < n; k++)
			print_entry(&entries[k], &t, &lowest, out);
		t.last_fill = area > 0 ? fmax(0, (lowest - layout->text_top) / area * 100) : 0;
		fprintf(out, "page %d fill %.1f%%\n", page, tenth(t.last_fill));
	}
	free(entries);
	fprintf(out, "\nsummary\n  widest gap ratio %.2f, narrowest %.2f\n", t.widest, t.narrowest);
	fprintf(out, "  most hyphenated lines in a row %d\n", hyphens_in_row(layout));
	if (isfinite(t.smallest_body))
		fprintf(out, "  smallest body size %.2f pt\n", t.smallest_body);
	else
		fputs("  smallest body size -\n", out);
	if (isfinite(t.smallest))
		fprintf(out, "  smallest size %.2f pt (%s)\n", t.smallest, t.smallest_role);
	fprintf(out, "  last page fill %.1f%%\n", tenth(t.last_fill));
}
