/* replay.c — a main() for a fuzz target without libFuzzer: feeds LLVMFuzzerTestOneInput
 * every file of the folders (and the files) it is given, in name order, so that `make
 * test` replays each corpus with the normal compiler, in the release and the sanitize
 * builds (tests/suites/fuzz16.sh).  A crash or a sanitizer report ends the process as
 * it would end libFuzzer; otherwise it prints how many inputs it fed and exits 0.
 *
 *   replay_NAME [-max_len=N] DIR|FILE...   N: inputs are cut to N bytes, as libFuzzer's
 *                                          -max_len cuts them */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t max_len = SIZE_MAX;

/* Feeds one file; -1 when it cannot be read. */
static int feed(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t cap = 4096, len = 0;
	uint8_t *data = malloc(cap);
	size_t n;
	while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *more = realloc(data, cap *= 2);
			if (!more)
				free(data);
			data = more;
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (!data || bad) {
		free(data);
		return -1;
	}
	LLVMFuzzerTestOneInput(data, len < max_len ? len : max_len);
	free(data);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* Feeds PATH, or every regular file of the folder PATH; adds to *FED; -1 on a read error. */
static int feed_path(const char *path, size_t *fed)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "replay: %s\n", path);
		if (feed(path) != 0)
			return -1;
		++*fed;
		return 0;
	}
	struct dirent **names;
	int n = scandir(path, &names, NULL, by_name);
	if (n < 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < n; i++) {
		char *file = NULL;
		if (rc == 0 && names[i]->d_name[0] != '.' &&
		    asprintf(&file, "%s/%s", path, names[i]->d_name) >= 0 &&
		    stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
			fprintf(stderr, "replay: %s\n", file);
			rc = feed(file);
			*fed += rc == 0;
		}
		free(file);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t fed = 0;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "-max_len=", 9) == 0) {
			max_len = strtoul(argv[i] + 9, NULL, 10);
			continue;
		}
		if (feed_path(argv[i], &fed) != 0) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			return 2;
		}
	}
	printf("replayed %zu inputs\n", fed);
	return 0;
}
