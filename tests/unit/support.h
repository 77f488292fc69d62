/* support.h — what the cmocka tests of every stage share: the libraries started and
 * stopped around a group, and a document in memory validated into a model.  Include it
 * after <cmocka.h>. */
#ifndef BROADSIDE_TEST_SUPPORT_H
#define BROADSIDE_TEST_SUPPORT_H

#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "pipeline.h"
#include "resolve.h"

static inline int support_setup(void **state)
{
	(void)state;
	return pipeline_init();
}

static inline int support_teardown(void **state)
{
	(void)state;
	resolve_cleanup();
	pipeline_cleanup();
	return 0;
}

/* The same, for the tests that lay out: fonts from the repository's fonts/ (the suite runs
 * from its top), released after the group. */
static inline int support_setup_fonts(void **state)
{
	if (!getenv("BROADSIDE_FONTS_DIR"))
		setenv("BROADSIDE_FONTS_DIR", "fonts", 1);
	return support_setup(state);
}

static inline int support_teardown_fonts(void **state)
{
	fonts_cleanup();
	return support_teardown(state);
}

/* XML, validated into *DOC (and *SRC, unless NULL); the test fails, printing why, if the
 * document is refused.  Warnings (a missing translation) are allowed. */
static inline void support_load(const char *xml, struct source **src, struct model_doc **doc)
{
	struct diag_list diags;
	diag_list_init(&diags);
	enum pipeline_status status =
		pipeline_check_memory("t.xml", xml, strlen(xml), &diags, src, doc);
	if (status != PIPELINE_OK)
		diag_print_text(&diags, stderr);
	diag_list_clear(&diags);
	assert_int_equal(status, PIPELINE_OK);
}

/* The file PATH validated and resolved as the pdf command resolves it (hyphenated). */
static inline void support_load_file(const char *path, struct source **src,
				     struct model_doc **doc, struct resolved_doc **rdoc)
{
	struct diag_list diags;
	diag_list_init(&diags);
	enum pipeline_status status = pipeline_check(path, &diags, src, doc);
	if (status != PIPELINE_OK)
		diag_print_text(&diags, stderr);
	diag_list_clear(&diags);
	assert_int_equal(status, PIPELINE_OK);
	struct resolve_options options = {.hyphenate = true};
	assert_int_equal(resolve_document(*doc, &options, rdoc), 0);
}

#endif
