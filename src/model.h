/* model.h — the plain document: units, languages, inline runs.
 *
 * This is what every stage after loading reads: plain C structs and UTF-8 strings, no
 * libxml2 or ICU types.  build.c makes one from a parsed tree; after that it is
 * read-only.  The document owns every string and array in it; model_doc_free releases
 * them all.  Offsets are byte offsets into the source the document was built from
 * (SOURCE_NO_OFFSET where unknown), so any stage can point at the exact place.
 *
 * Built leniently: a document the schema refused still becomes a model so that the
 * format's rules can report their problems in the same run; missing attributes are NULL. */
#ifndef BROADSIDE_MODEL_H
#define BROADSIDE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum model_root { MODEL_APPEAL, MODEL_LETTER };

enum model_inline_kind {
	INLINE_TEXT,
	INLINE_EM,
	INLINE_STRONG,
	INLINE_NAME,
	INLINE_FOREIGN,
	INLINE_LINK,
	INLINE_DATE,
	INLINE_BR,
};

struct model_inline {
	enum model_inline_kind kind;
	uint32_t offset;        /* the element's '<', or the text's first character */
	/* INLINE_TEXT: the text as XML defines it (references decoded, line ends as LF),
	 * not yet normalised or collapsed; text_offsets[i] is where byte i came from. */
	char *text;
	uint32_t *text_offsets;
	size_t text_len;
	char *lang;             /* INLINE_FOREIGN: xml:lang */
	char *href;             /* INLINE_LINK */
	uint32_t href_offset;
	char *when;             /* INLINE_DATE: `when`, or `from` and `to` */
	char *from, *to;
	uint32_t date_offset;   /* of the first date attribute's value */
	struct model_inline *children; /* EM, STRONG, NAME, FOREIGN, LINK */
	size_t n_children;
};

enum model_state { STATE_INITIAL, STATE_TRANSLATED, STATE_REVIEWED, STATE_FINAL };

/* One <t>: a unit's text in one language. */
struct model_text {
	char *lang;
	uint32_t offset, lang_offset;
	enum model_state state; /* with the format's defaults applied */
	bool state_given;
	char *src_hash;         /* NULL when never confirmed */
	struct model_inline *runs;
	size_t n_runs;
};

enum model_unit_kind {
	UNIT_TITLE,
	UNIT_SUBTITLE,
	UNIT_ISSUER,
	UNIT_FROM,
	UNIT_TO,
	UNIT_PLACE,     /* in head: where the document was written */
	UNIT_HEADING,
	UNIT_PARAGRAPH,
	UNIT_SALUTATION,
	UNIT_CLOSING,
	UNIT_SIGNATURE,
	UNIT_ITEM,      /* in a list */
	UNIT_CITE,      /* in a quote: who said it */
	UNIT_VENUE,     /* in an event: where it happens */
};

/* A unit: the segment that is translated, counted and exchanged. */
struct model_unit {
	enum model_unit_kind kind;
	char *id;
	uint32_t offset, id_offset;
	struct model_text *texts; /* in document order */
	size_t n_texts;
	char **notes;             /* for translators; never rendered */
	size_t n_notes;
};

enum model_block_kind { BLOCK_UNIT, BLOCK_LIST, BLOCK_QUOTE, BLOCK_EVENT };
enum model_list_kind { LIST_BULLETS, LIST_NUMBERS, LIST_DEMANDS };

/* A block of the body: one unit, or a container of consecutive units. */
struct model_block {
	enum model_block_kind kind;
	char *id;                 /* containers: optional */
	uint32_t offset, id_offset;
	size_t first_unit, n_units; /* a range of model_doc.units */
	enum model_list_kind list_kind;
	char *when, *until, *time; /* BLOCK_EVENT */
	uint32_t when_offset, until_offset;
};

struct model_print {
	bool present;
	char *paper, *orientation, *layout; /* NULL when not given */
	unsigned pages;                      /* 0 when not given */
	int qr;                              /* -1 not given, 0 no, 1 yes */
	uint32_t qr_offset;
};

struct model_doc {
	enum model_root root;
	char *id;
	char *source_lang;
	uint32_t offset, id_offset, source_lang_offset, langs_offset;
	char **langs;             /* display order */
	size_t n_langs;
	struct model_unit *units; /* every unit, head then body, in document order */
	size_t n_units;
	size_t n_head_units;      /* units[0 .. n_head_units) are the head's */
	struct model_block *blocks; /* the body */
	size_t n_blocks;
	char *date;               /* publication date, or NULL */
	uint32_t date_offset;
	char *contact_email, *contact_url;
	uint32_t contact_url_offset, contact_email_offset;
	struct model_print print;
	char **notes;
	size_t n_notes;
	/* Positions in units of the units with an id, by id and then document order, so that
	 * model_doc_unit need not scan (a PO file of 100,000 entries looks up every one);
	 * NULL until model_doc_index, and then model_doc_unit scans. */
	size_t *units_by_id;
	size_t n_units_by_id;
};

struct model_date {
	int year, month, day;
};

void model_doc_free(struct model_doc *doc);

/* Parses "YYYY-MM-DD" into *DATE.  Returns true only for a real Gregorian calendar date
 * (no 2023-02-30, no month 13, no year 0). */
bool model_date_parse(const char *s, struct model_date *date);

/* <0, 0, >0 as A is before, the same day as, or after B. */
int model_date_compare(const struct model_date *a, const struct model_date *b);

/* The unit's <t> in LANG, or NULL.  The unit lends it. */
const struct model_text *model_unit_text(const struct model_unit *unit, const char *lang);

/* Whether T has something to show: a character that is not white space, or a date.  An
 * empty or white-space-only <t> counts as a missing translation everywhere. */
bool model_text_has_content(const struct model_text *t);

/* The unit's <t> in LANG if it has content (model_text_has_content), or NULL: what
 * validation, status and rendering take as the translation.  The unit lends it. */
const struct model_text *model_unit_usable_text(const struct model_unit *unit, const char *lang);

/* Sorts the units by id for model_doc_unit; once the units are all there.  Returns -1
 * when out of memory (model_doc_unit then still works, more slowly). */
int model_doc_index(struct model_doc *doc);

/* The first unit with ID, or NULL. */
const struct model_unit *model_doc_unit(const struct model_doc *doc, const char *id);

/* The element name of a unit kind, as written in documents ("title", "item", …). */
const char *model_unit_kind_name(enum model_unit_kind kind);

#endif
