/* out.h — output files written atomically: a temporary file in the same directory,
 * flushed to disk, then renamed over the target.  A reader (or a print shop's printer)
 * sees the old file or the new one, never half of one; a failed run leaves nothing. */
#ifndef BROADSIDE_OUT_H
#define BROADSIDE_OUT_H

#include <stddef.h>

/* Writes LEN bytes to PATH atomically.  When PATH exists, its permission bits are kept.
 * Returns 0, or -1 with errno set (nothing written then). */
int out_write_atomic(const char *path, const char *bytes, size_t len);

#endif
