/* stale.h — the src-hash of a translation, and stale translations (FORMAT.md §5).
 *
 * `broadside confirm` (and a PO import) writes into a translation's <t> the hash of its
 * source <t> as it is then, meaning "this translation matches that source".  When the
 * source is edited afterwards its hash changes, and the translation is stale until a
 * translator updates it and confirms it again.  A <t> without src-hash was never
 * confirmed: its freshness is unknown, and it is not stale.
 *
 * The hash, version 1 (stable: documents carry it):
 *
 *   src-hash = "sha256:" followed by the first 16 hexadecimal digits (lower case) of the
 *              SHA-256 of the canonical form of the source <t>, as UTF-8.
 *
 *   canonical form = the <t>'s content with references decoded, its text in Unicode NFC,
 *              white space collapsed as the renderer does (runs of space, tab and line
 *              ends are one space, across element boundaries; none at the start or the
 *              end, none before or after <br/>), then written as XML: text with & < >
 *              as &amp; &lt; &gt;; the inline elements as <em>, <strong>, <name>,
 *              <foreign xml:lang="…">, <a href="…">, <date when="…"/> or
 *              <date from="…" to="…"/>, and <br/>, with exactly those attributes, in
 *              that order, in double quotes, & < " in them as &amp; &lt; &quot;.
 *
 *   For example, both of
 *       <t xml:lang="en">Join us on <date when="2023-06-17"/>!</t>
 *       <t xml:lang="en">
 *         Join  us on
 *         <date   when='2023-06-17' />!</t>
 *   have the canonical form `Join us on <date when="2023-06-17"/>!` and so the same hash;
 *   a changed word, a changed date or link, or an added <em> changes it.
 *
 * So re-indenting, re-wrapping or re-quoting a source leaves its translations fresh, and
 * any change a reader could see makes them stale.  The SHA-256 is GLib's (GChecksum). */
#ifndef BROADSIDE_STALE_H
#define BROADSIDE_STALE_H

#include "diag.h"
#include "model.h"
#include "source.h"

/* "sha256:" + 16 hex digits + NUL. */
#define STALE_HASH_SIZE 24

/* The src-hash of SOURCE (a unit's source <t>) into HASH.  0, or -1 (out of memory). */
int stale_hash(const struct model_text *source, char hash[STALE_HASH_SIZE]);

/* The hash of a canonical form already made (see segment_canonical). */
void stale_hash_canonical(const char *canonical, char hash[STALE_HASH_SIZE]);

enum stale_state {
	STALE_UNKNOWN, /* never confirmed (no src-hash), or the source itself */
	STALE_FRESH,   /* confirmed against the source as it is */
	STALE_STALE,   /* confirmed against a source that has changed since */
};

/* The freshness of T, a <t> of a unit whose source <t> has SOURCE_HASH. */
enum stale_state stale_state_of(const struct model_text *t, const char *source_hash);

/* The freshness of T in UNIT of DOC, in *STATE.  0, or -1 (out of memory). */
int stale_text_state(const struct model_doc *doc, const struct model_unit *unit,
		     const struct model_text *t, enum stale_state *state);

/* Adds a warning [translation-stale] to DIAGS, at its <t>, for every stale translation
 * of DOC (built from SRC).  Sets DIAGS->out_of_memory when memory ran out. */
void stale_check(const struct model_doc *doc, const struct source *src,
		 struct diag_list *diags);

#endif
