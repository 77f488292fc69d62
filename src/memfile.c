/* memfile.c — text written into memory; see memfile.h. */
#include "memfile.h"

#include <stdbool.h>
#include <stdlib.h>

FILE *memfile_open(struct memfile *m)
{
	m->text = NULL;
	m->len = 0;
	m->f = open_memstream(&m->text, &m->len);
	return m->f;
}

char *memfile_close(struct memfile *m, size_t *len)
{
	if (len)
		*len = 0;
	if (!m->f)
		return NULL;
	bool failed = ferror(m->f) != 0;
	if (fclose(m->f) != 0 || failed) {
		free(m->text);
		m->text = NULL;
	}
	m->f = NULL;
	if (len && m->text)
		*len = m->len;
	return m->text;
}
