/* grow.c — growing arrays; see grow.h. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* grow() with the capacity of an empty array doubling from FIRST. */
static bool resize(void *items_ptr, size_t *cap, size_t need, size_t size, size_t first)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap : first ? first : 1;
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

bool grow(void *items_ptr, size_t *cap, size_t need, size_t size)
{
	return resize(items_ptr, cap, need, size, 16);
}

bool grow_zeroed(void *items_ptr, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t old = *cap;
	if (!resize(items_ptr, cap, need, size, first))
		return false;
	char *items;
	memcpy(&items, items_ptr, sizeof items);
	if (*cap > old)
		memset(items + old * size, 0, (*cap - old) * size);
	return true;
}
