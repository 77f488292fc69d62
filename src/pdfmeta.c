/* pdfmeta.c — qpdf post-processing; see pdfmeta.h. */
#include "pdfmeta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

static qpdf_oh box(qpdf_data q, const double r[4])
{
	qpdf_oh array = qpdf_oh_new_array(q);
	for (int i = 0; i < 4; i++)
		qpdf_oh_append_item(q, array, qpdf_oh_new_real_from_double(q, r[i], 2));
	return array;
}

int pdfmeta_finish(const char *in, size_t len, const char *lang, int rtl,
		   const struct pdfmeta_boxes *boxes, char **out, size_t *out_len, const char **why)
{
	static char message[256];
	*out = NULL;
	*out_len = 0;
	qpdf_data q = qpdf_init();
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	int rc = -1;
	if (qpdf_read_memory(q, "broadside.pdf", in, (unsigned long long)len, NULL) & QPDF_ERRORS)
		goto done;
	qpdf_oh root = qpdf_get_root(q);
	if (lang)
		qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, lang));
	if (rtl) {
		qpdf_oh prefs = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, prefs, "/Direction", qpdf_oh_new_name(q, "/R2L"));
		qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
	}
	int n_pages = boxes ? qpdf_get_num_pages(q) : 0;
	for (int i = 0; i < n_pages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh_replace_key(q, page, "/TrimBox", box(q, boxes->trim));
		if (boxes->has_bleed)
			qpdf_oh_replace_key(q, page, "/BleedBox", box(q, boxes->bleed));
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS)
		goto done;
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS)
		goto done;
	size_t n = qpdf_get_buffer_length(q);
	*out = malloc(n ? n : 1);
	if (!*out)
		goto done;
	memcpy(*out, qpdf_get_buffer(q), n);
	*out_len = n;
	rc = 0;
done:
	if (rc != 0) {
		qpdf_error e = qpdf_has_error(q) ? qpdf_get_error(q) : NULL;
		snprintf(message, sizeof message, "qpdf: %s",
			 e ? qpdf_get_error_full_text(q, e) : "out of memory");
		*why = message;
	}
	qpdf_cleanup(&q);
	return rc;
}
