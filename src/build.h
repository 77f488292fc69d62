/* build.h — the parsed tree becomes the plain document model.
 *
 * The only module besides load.c that sees libxml2's tree; what it returns is plain
 * (model.h).  Lenient by design: elements it does not know are skipped and missing
 * attributes stay NULL, because the schema has already reported them. */
#ifndef BROADSIDE_BUILD_H
#define BROADSIDE_BUILD_H

#include <libxml/tree.h>

#include "model.h"
#include "source.h"

/* Builds a new document (free with model_doc_free) from DOC, which load_document parsed
 * from SRC.  Returns 0, or -1 when memory ran out (*OUT is NULL then). */
int build_document(xmlDocPtr doc, const struct source *src, struct model_doc **out);

#endif
