/* grow.c — growing arrays; see grow.h. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool grow(void *items_ptr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return false;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return false;
	/* The pointer is copied as bytes, so that any element type's pointer can be passed
	 * by address without reading it through a void * lvalue. */
	void *items;
	memcpy(&items, items_ptr, sizeof items);
	void *grown = realloc(items, n * size);
	if (!grown)
		return false;
	memcpy(items_ptr, &grown, sizeof grown);
	*cap = n;
	return true;
}
