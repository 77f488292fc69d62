/* load.h — bytes to a libxml2 tree, securely, with source positions.
 *
 * The parse refuses a DOCTYPE (and so every entity declaration, external subset and
 * parameter entity) the moment it sees one, loads nothing from outside (an entity loader
 * that refuses everything is installed), never expands XInclude, never decompresses,
 * and accepts UTF-8 alone.  Every element, attribute, text, CDATA, comment and processing-
 * instruction node of the tree it returns knows the byte offset in the source where it
 * starts (load_node_offset). */
#ifndef BROADSIDE_LOAD_H
#define BROADSIDE_LOAD_H

#include <libxml/tree.h>

#include "diag.h"
#include "source.h"

/* Installs the refusing entity loader and initialises libxml2; call once at start-up. */
void load_init(void);

/* Releases libxml2's global state at exit. */
void load_cleanup(void);

/* Limits on a document's shape.  libxml2's RELAX NG validation is superlinear in the
 * number of inline elements of one <t> and of the children of one unit, and libxml2 adds
 * attributes in quadratic time; a document over one of these is refused under the rule
 * `limit` before any of that runs.  Real leaflets stay far below them. */
#define LOAD_MAX_ATTRIBUTES 64      /* in one start tag */
#define LOAD_MAX_ELEMENTS 250000    /* in the whole document */
#define LOAD_MAX_INLINE 1000        /* elements inside one <t> */
#define LOAD_MAX_UNIT_CHILDREN 200  /* <t> and <note> children of one element */

/* Parses SRC.  Returns 0 and a tree in *OUT (free it with xmlFreeDoc), or -1 with the
 * reasons added to DIAGS and *OUT NULL.  Warnings may be added either way. */
int load_document(const struct source *src, struct diag_list *diags, xmlDocPtr *out);

/* The byte offset where NODE starts in the source it was loaded from, or SOURCE_NO_OFFSET:
 * an element's '<', an attribute's value (after the quote), a text's first character, a
 * CDATA section's first character (after "<![CDATA["), a comment's "<!--", a PI's "<?". */
uint32_t load_node_offset(const void *node);

#endif
