/* memfile.h — text written through a FILE into memory, handed back only when every write
 * succeeded.
 *
 * open_memstream's buffer is valid only after fclose, and a failed write shows only in
 * ferror: memfile_close checks both, so a caller never gets half a text. */
#ifndef BROADSIDE_MEMFILE_H
#define BROADSIDE_MEMFILE_H

#include <stddef.h>
#include <stdio.h>

/* Lives where it was opened until it is closed: the stream writes into TEXT and LEN. */
struct memfile {
	char *text;
	size_t len;
	FILE *f;
};

/* Opens M; returns its stream (also M->f), or NULL when memory ran out. */
FILE *memfile_open(struct memfile *m);

/* Closes M's stream.  Returns what was written, NUL-terminated, as a new string (free it),
 * with its length in *LEN when LEN is not NULL; or NULL when M never opened, a write
 * failed or the close did (nothing is then left to free). */
char *memfile_close(struct memfile *m, size_t *len);

#endif
