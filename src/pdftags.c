/* pdftags.c — the structure tree; see pdftags.h. */
#include "pdftags.h"
#include "grow.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pdfmeta_tags_add(struct pdfmeta_tags *tags, const char *role, const char *lang,
		     uintptr_t key, const char *alt, const double *bbox)
{
	if (!GROW(tags->items, tags->cap, tags->n + 1))
		return -1;
	struct pdfmeta_tag *t = &tags->items[tags->n];
	*t = (struct pdfmeta_tag){.role = role, .key = key};
	snprintf(t->lang, sizeof t->lang, "%s", lang ? lang : "");
	if (bbox)
		memcpy(t->bbox, bbox, sizeof t->bbox);
	if (alt && !(t->alt = strdup(alt)))
		return -1;
	tags->n++;
	return 0;
}

void pdfmeta_tags_clear(struct pdfmeta_tags *tags)
{
	for (size_t i = 0; i < tags->n; i++)
		free(tags->items[i].alt);
	free(tags->items);
	tags->items = NULL;
	tags->n = tags->cap = 0;
}

/* ---- the pages: which element each marked-content sequence belongs to ---------------- */

struct page_map {
	qpdf_oh page;
	int id;                 /* its object number */
	struct mcid_use {
		qpdf_oh elem;   /* the element the MCID belongs to (0: none) */
		bool artifact;  /* … or whether it is an artifact */
	} *mcids;               /* by MCID; zero where nothing was recorded */
	size_t n;               /* MCIDs 0 … n - 1 */
};

/* A language's section, and the list its last element is in (0: none). */
struct sect {
	const char *lang;
	qpdf_oh sect, list;
};

struct builder {
	qpdf_data q;
	const struct pdfmeta_tags *tags;
	qpdf_oh doc;
	qpdf_oh *elem;          /* per tag: the element its content went into (0: none) */
	struct sect *sects;
	size_t n_sects;
	struct page_map *pages;
	int n_pages;
	bool failed;
};

static struct page_map *page_of(struct builder *b, qpdf_oh page)
{
	int id = qpdf_oh_get_object_id(b->q, page);
	for (int i = 0; i < b->n_pages; i++)
		if (b->pages[i].id == id)
			return &b->pages[i];
	return NULL;
}

/* Records that MCID on PAGE belongs to ELEM (0 and ARTIFACT: is an artifact). */
static void map_mcid(struct builder *b, qpdf_oh page, int mcid, qpdf_oh elem, bool artifact)
{
	struct page_map *p = page_of(b, page);
	if (!p || mcid < 0 || mcid > 1 << 20) {
		b->failed = true;
		return;
	}
	if (!GROW_ZEROED(p->mcids, p->n, (size_t)mcid + 1, 16)) {
		b->failed = true;
		return;
	}
	p->mcids[mcid] = (struct mcid_use){elem, artifact};
}

/* ---- the new elements ------------------------------------------------------------------ */

static qpdf_oh new_elem(struct builder *b, const char *role, qpdf_oh parent, const char *lang)
{
	qpdf_data q = b->q;
	qpdf_oh d = qpdf_oh_new_dictionary(q);
	char name[32];
	snprintf(name, sizeof name, "/%s", role);
	qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, "/StructElem"));
	qpdf_oh_replace_key(q, d, "/S", qpdf_oh_new_name(q, name));
	qpdf_oh_replace_key(q, d, "/P", parent);
	qpdf_oh_replace_key(q, d, "/K", qpdf_oh_new_array(q));
	if (lang && *lang)
		qpdf_oh_replace_key(q, d, "/Lang", qpdf_oh_new_unicode_string(q, lang));
	qpdf_oh elem = qpdf_make_indirect_object(q, d);
	qpdf_oh_append_item(q, qpdf_oh_get_key(q, parent, "/K"), elem);
	return elem;
}

/* The section of LANG ("": the document's), made when first asked for. */
static struct sect *sect_of(struct builder *b, const char *lang)
{
	if (!*lang)
		lang = b->tags->lang ? b->tags->lang : "";
	for (size_t i = 0; i < b->n_sects; i++)
		if (strcmp(b->sects[i].lang, lang) == 0)
			return &b->sects[i];
	struct sect *s = &b->sects[b->n_sects++]; /* room for one per tag */
	*s = (struct sect){.lang = lang, .sect = new_elem(b, "Sect", b->doc, lang)};
	return s;
}

/* Calls FN for every marked-content reference in the /K of cairo's element E. */
static void each_mcr(struct builder *b, qpdf_oh e, qpdf_oh kids,
		     void (*fn)(struct builder *, qpdf_oh page, int mcid, void *), void *arg)
{
	qpdf_data q = b->q;
	if (qpdf_oh_is_array(q, kids)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids); i++)
			each_mcr(b, e, qpdf_oh_get_array_item(q, kids, i), fn, arg);
	} else if (qpdf_oh_is_integer(q, kids)) {
		fn(b, qpdf_oh_get_key(q, e, "/Pg"), qpdf_oh_get_int_value_as_int(q, kids), arg);
	} else if (qpdf_oh_is_dictionary(q, kids) &&
		   qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, kids, "/Type"), "/MCR")) {
		qpdf_oh page = qpdf_oh_has_key(q, kids, "/Pg") ? qpdf_oh_get_key(q, kids, "/Pg")
							       : qpdf_oh_get_key(q, e, "/Pg");
		fn(b, page, qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, kids, "/MCID")), arg);
	}
}

static void to_artifact(struct builder *b, qpdf_oh page, int mcid, void *arg)
{
	(void)arg;
	map_mcid(b, page, mcid, 0, true);
}

/* A Link's own marked content stays in the Link. */
static void to_map(struct builder *b, qpdf_oh page, int mcid, void *arg)
{
	map_mcid(b, page, mcid, *(qpdf_oh *)arg, false);
}

static void to_elem(struct builder *b, qpdf_oh page, int mcid, void *arg)
{
	qpdf_data q = b->q;
	qpdf_oh elem = *(qpdf_oh *)arg;
	qpdf_oh mcr = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, mcr, "/Type", qpdf_oh_new_name(q, "/MCR"));
	qpdf_oh_replace_key(q, mcr, "/Pg", page);
	qpdf_oh_replace_key(q, mcr, "/MCID", qpdf_oh_new_integer(q, mcid));
	qpdf_oh_append_item(q, qpdf_oh_get_key(q, elem, "/K"), mcr);
	map_mcid(b, page, mcid, elem, false);
}

/* The element tag I's content goes into: an earlier one of the same key, role and
 * language, or a new one in its section (an LI in a list, its content in an LBody). */
static qpdf_oh elem_for(struct builder *b, size_t i)
{
	const struct pdfmeta_tag *t = &b->tags->items[i];
	for (size_t j = i; t->key && j-- > 0;) {
		const struct pdfmeta_tag *u = &b->tags->items[j];
		if (b->elem[j] && u->key == t->key && u->role && strcmp(u->role, t->role) == 0 &&
		    strcmp(u->lang, t->lang) == 0)
			return b->elem[j];
	}
	struct sect *s = sect_of(b, t->lang);
	if (strcmp(t->role, "LI") != 0) {
		s->list = 0;
		return new_elem(b, t->role, s->sect, s->lang);
	}
	if (!s->list)
		s->list = new_elem(b, "L", s->sect, s->lang);
	return new_elem(b, "LBody", new_elem(b, "LI", s->list, s->lang), s->lang);
}

/* A Link: to the element of its key, or its section. */
static void place_link(struct builder *b, size_t i, qpdf_oh e)
{
	const struct pdfmeta_tag *t = &b->tags->items[i];
	qpdf_oh parent = 0;
	for (size_t j = i; t->key && !parent && j-- > 0;)
		if (b->elem[j] && b->tags->items[j].key == t->key && b->tags->items[j].role &&
		    strcmp(b->tags->items[j].role, "Link") != 0)
			parent = b->elem[j];
	struct sect *s = sect_of(b, t->lang);
	if (!parent)
		parent = s->sect;
	qpdf_oh_replace_key(b->q, e, "/P", parent);
	qpdf_oh_replace_key(b->q, e, "/Lang", qpdf_oh_new_unicode_string(b->q, s->lang));
	qpdf_oh_append_item(b->q, qpdf_oh_get_key(b->q, parent, "/K"), e);
	each_mcr(b, e, qpdf_oh_get_key(b->q, e, "/K"), to_map, &e);
}

/* A figure's alternative text and box. */
static void describe_figure(struct builder *b, qpdf_oh elem, const struct pdfmeta_tag *t)
{
	qpdf_data q = b->q;
	if (t->alt)
		qpdf_oh_replace_key(q, elem, "/Alt", qpdf_oh_new_unicode_string(q, t->alt));
	qpdf_oh box = qpdf_oh_new_array(q);
	for (int k = 0; k < 4; k++)
		qpdf_oh_append_item(q, box, qpdf_oh_new_real_from_double(q, t->bbox[k], 2));
	qpdf_oh layout = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, layout, "/O", qpdf_oh_new_name(q, "/Layout"));
	qpdf_oh_replace_key(q, layout, "/BBox", box);
	qpdf_oh_replace_key(q, elem, "/A", layout);
}

/* Every tag's element, from cairo's elements KIDS (one per tag, in order). */
static void build_elements(struct builder *b, qpdf_oh kids)
{
	qpdf_data q = b->q;
	for (size_t i = 0; i < b->tags->n && !b->failed; i++) {
		const struct pdfmeta_tag *t = &b->tags->items[i];
		qpdf_oh e = qpdf_oh_get_array_item(q, kids, (int)i);
		if (!t->role) {
			each_mcr(b, e, qpdf_oh_get_key(q, e, "/K"), to_artifact, NULL);
		} else if (strcmp(t->role, "Link") == 0) {
			place_link(b, i, e);
		} else {
			qpdf_oh elem = b->elem[i] = elem_for(b, i);
			if (strcmp(t->role, "Figure") == 0)
				describe_figure(b, elem, t);
			each_mcr(b, e, qpdf_oh_get_key(q, e, "/K"), to_elem, &elem);
		}
	}
}

/* The parent tree's entry for page P: its elements by MCID. */
static qpdf_oh page_entry(struct builder *b, const struct page_map *p)
{
	qpdf_oh array = qpdf_oh_new_array(b->q);
	size_t n = p->n;
	while (n > 0 && !p->mcids[n - 1].elem)
		n--;
	for (size_t m = 0; m < n; m++)
		qpdf_oh_append_item(b->q, array,
				    p->mcids[m].elem ? p->mcids[m].elem : qpdf_oh_new_null(b->q));
	return qpdf_make_indirect_object(b->q, array);
}

/* The parent tree again: each page's entry from the map, the annotations' as they were. */
static void rebuild_parent_tree(struct builder *b, qpdf_oh root)
{
	qpdf_data q = b->q;
	qpdf_oh nums = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/ParentTree"), "/Nums");
	if (!qpdf_oh_is_array(q, nums))
		return;
	for (int i = 0; i + 1 < qpdf_oh_get_array_n_items(q, nums); i += 2) {
		int key = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, nums, i));
		for (int k = 0; k < b->n_pages; k++) {
			qpdf_oh sp = qpdf_oh_get_key(q, b->pages[k].page, "/StructParents");
			if (qpdf_oh_is_integer(q, sp) && qpdf_oh_get_int_value_as_int(q, sp) == key) {
				qpdf_oh_erase_item(q, nums, i + 1);
				qpdf_oh_insert_item(q, nums, i + 1, page_entry(b, &b->pages[k]));
			}
		}
	}
}

/* LINE (LEN bytes) as "/TAG << /MCID n >> BDC": n, or -1. */
static int bdc_mcid(const char *line, size_t len)
{
	char buf[96];
	if (len == 0 || len >= sizeof buf || line[0] != '/')
		return -1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	int mcid, end = 0;
	char tag[64];
	if (sscanf(buf, "/%63s << /MCID %d >> BDC%n", tag, &mcid, &end) != 2 || (size_t)end != len)
		return -1;
	return mcid;
}

/* The content IN of page ARG (a struct page_map) with its artifacts' marked content as
 * /Artifact BMC; NULL when there is none. */
static char *artifacts_marked(const char *in, size_t len, size_t *out_len, void *arg)
{
	const struct page_map *p = arg;
	char *out = malloc(len + 1);
	size_t o = 0;
	bool changed = false;
	for (size_t i = 0; out && i < len;) {
		const char *nl = memchr(in + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (in + i)) : len - i;
		int mcid = bdc_mcid(in + i, n);
		if (mcid >= 0 && (size_t)mcid < p->n && p->mcids[mcid].artifact) {
			memcpy(out + o, "/Artifact BMC", 13); /* shorter than what it replaces */
			o += 13;
			changed = true;
		} else {
			memcpy(out + o, in + i, n);
			o += n;
		}
		i += n;
		if (nl) {
			out[o++] = '\n';
			i++;
		}
	}
	if (!changed) {
		free(out);
		return NULL;
	}
	*out_len = o;
	return out;
}

static void mark_page_artifacts(struct builder *b, const struct page_map *p)
{
	qpdf_oh contents = qpdf_oh_get_key(b->q, p->page, "/Contents");
	if (qpdf_oh_is_array(b->q, contents))
		for (int i = 0; i < qpdf_oh_get_array_n_items(b->q, contents); i++)
			pdfmeta_rewrite_stream(b->q, qpdf_oh_get_array_item(b->q, contents, i),
					       artifacts_marked, (void *)p);
	else
		pdfmeta_rewrite_stream(b->q, contents, artifacts_marked, (void *)p);
}

static void builder_free(struct builder *b)
{
	for (int i = 0; i < b->n_pages; i++)
		free(b->pages[i].mcids);
	free(b->pages);
	free(b->sects);
	free(b->elem);
}

int pdftags_apply(qpdf_data q, const struct pdfmeta_tags *tags, const char **why)
{
	qpdf_oh root = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
	qpdf_oh kids = qpdf_oh_get_key(q, root, "/K");
	if (!qpdf_oh_is_array(q, kids) && qpdf_oh_is_dictionary(q, kids))
		kids = qpdf_oh_wrap_in_array(q, kids);
	if (!qpdf_oh_is_array(q, kids) || qpdf_oh_get_array_n_items(q, kids) != (int)tags->n) {
		*why = "the structure tree cairo wrote is not one element per tag (a defect)";
		return -1;
	}
	struct builder b = {.q = q, .tags = tags, .n_pages = qpdf_get_num_pages(q)};
	b.elem = calloc(tags->n + 1, sizeof *b.elem);
	b.sects = calloc(tags->n + 1, sizeof *b.sects);
	b.pages = calloc((size_t)(b.n_pages > 0 ? b.n_pages : 1), sizeof *b.pages);
	if (!b.elem || !b.sects || !b.pages) {
		builder_free(&b);
		*why = "out of memory";
		return -1;
	}
	for (int i = 0; i < b.n_pages; i++) {
		b.pages[i].page = qpdf_get_page_n(q, (size_t)i);
		b.pages[i].id = qpdf_oh_get_object_id(q, b.pages[i].page);
	}
	qpdf_oh doc = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, doc, "/Type", qpdf_oh_new_name(q, "/StructElem"));
	qpdf_oh_replace_key(q, doc, "/S", qpdf_oh_new_name(q, "/Document"));
	qpdf_oh_replace_key(q, doc, "/P", root);
	qpdf_oh_replace_key(q, doc, "/K", qpdf_oh_new_array(q));
	if (tags->lang)
		qpdf_oh_replace_key(q, doc, "/Lang", qpdf_oh_new_unicode_string(q, tags->lang));
	b.doc = qpdf_make_indirect_object(q, doc);
	if (tags->lang)
		sect_of(&b, tags->lang); /* the document's language first */
	build_elements(&b, kids);
	qpdf_oh_replace_key(q, root, "/K", b.doc);
	rebuild_parent_tree(&b, root);
	for (int i = 0; i < b.n_pages; i++)
		mark_page_artifacts(&b, &b.pages[i]);
	bool failed = b.failed;
	builder_free(&b);
	if (failed) {
		*why = "a structure element on no page of the document (a defect)";
		return -1;
	}
	return 0;
}
