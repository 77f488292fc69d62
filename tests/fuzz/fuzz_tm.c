/* libFuzzer entry point for the translation memory: any bytes as a document of the
 * memory (tm_load reads it from a memfd, as it reads files), then asked, for every
 * translation language, for each source text of a fixed document (tests/tm15/fuzzy.xml,
 * or $BROADSIDE_FUZZ_TM_QUERY, whose texts are near those of tests/po/memory: the fuzzy
 * path) and, when the input validates, for each of the input's own source texts (the
 * exact path).  A proposal must be a text in the language asked for with a score from
 * TM_FUZZY_MIN to 100; anything else aborts.  Seeded with the memory documents of the
 * tests and the samples (tests/fuzz/corpus/tm). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "tm.h"

static void ask(const struct tm *tm, const struct model_doc *doc)
{
	for (size_t u = 0; u < doc->n_units; u++) {
		const struct model_text *source = model_unit_text(&doc->units[u], doc->source_lang);
		for (size_t l = 0; source && l < doc->n_langs; l++) {
			const char *lang = doc->langs[l];
			struct tm_match match;
			int rc = tm_lookup(tm, source, doc->source_lang, lang, &match);
			if (rc == 1 && (!match.text || !match.text->lang || !match.unit || !match.src ||
					strcasecmp(match.text->lang, lang) != 0 ||
					match.score < TM_FUZZY_MIN || match.score > 100)) {
				fprintf(stderr, "tm_lookup (%s to %s) proposed a text in %s, score %u\n",
					doc->source_lang, lang,
					match.text && match.text->lang ? match.text->lang : "?",
					match.score);
				abort();
			}
		}
	}
}

/* The input as a file tm_load can read: a memfd, rewritten for each input. */
static bool as_file(int fd, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0)
		return false;
	for (size_t done = 0; done < size;) {
		ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
		if (n <= 0)
			return false;
		done += (size_t)n;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_doc query;
	static int fd = -1;
	static char path[64];
	if (!fuzz_ready())
		return 0;
	fuzz_fixed_doc(&query, "BROADSIDE_FUZZ_TM_QUERY", "tests/tm15/fuzzy.xml");
	if (fd < 0) {
		if ((fd = memfd_create("fuzz-tm.xml", 0)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (!as_file(fd, data, size))
		abort();
	struct tm *tm = tm_new(&pipeline_loader);
	struct diag_list diags;
	diag_list_init(&diags);
	const char *paths[] = {path};
	if (tm && tm_load(tm, paths, 1, NULL, &diags) == 0) {
		ask(tm, query.doc);
		struct model_doc *doc = NULL;
		if (pipeline_check_memory("fuzz.xml", (const char *)data, size, &diags, NULL, &doc) ==
		    PIPELINE_OK)
			ask(tm, doc);
		model_doc_free(doc);
	}
	diag_list_clear(&diags);
	tm_free(tm);
	return 0;
}
