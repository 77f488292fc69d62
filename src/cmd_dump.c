/* cmd_dump.c — `broadside dump`: the resolved text of a document, readable. */
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "dump.h"
#include "resolve.h"

static const struct cli_option dump_options[] = {
	{.name = "no-hyphens", .help = "leave out the hyphenation points", .action = CLI_SET_BITS,
	 .field = offsetof(struct cli_flags, flags), .value = FLAG_NO_HYPHENS},
	{NULL},
};

static enum cli_status dump_file(const char *file, const struct cli_flags *opts)
{
	if (pipeline_init() != 0)
		return CLI_INTERNAL;
	struct diag_list diags;
	diag_list_init(&diags);
	struct model_doc *doc = NULL;
	enum pipeline_status result = pipeline_check(file, &diags, NULL, &doc);
	enum cli_status status = cli_status_of(result, &diags, false);
	diag_sort(&diags);
	diag_print_text(&diags, stderr);
	if (doc) {
		struct resolve_options resolve = {.hyphenate = !(opts->flags & FLAG_NO_HYPHENS)};
		struct resolved_doc *rdoc = NULL;
		if (resolve_document(doc, &resolve, &rdoc) == 0) {
			dump_document(rdoc, stdout);
		} else {
			fprintf(stderr, "%s: error: the text could not be resolved (out of memory?)\n",
				file);
			status = CLI_INTERNAL;
		}
		resolved_doc_free(rdoc);
	}
	model_doc_free(doc);
	diag_list_clear(&diags);
	resolve_cleanup();
	pipeline_cleanup();
	return status;
}

static enum cli_status dump_main(int argc, char **argv)
{
	struct cli_flags opts = {0};
	struct cli_args args;
	enum cli_status status = cli_parse("dump", dump_options, &opts, argc, argv, &args);
	if (status == CLI_OK && !args.help && args.n_files != 1)
		status = cli_usage_error("dump", "dump takes one FILE", "");
	if (status == CLI_OK && !args.help)
		status = dump_file(args.files[0], &opts);
	cli_args_clear(&args);
	return status;
}

const struct cli_command cmd_dump = {
	"dump", dump_main, "print the resolved text of every unit in every language",
	"usage: broadside dump [--no-hyphens] FILE\n",
	"Validates FILE, resolves it as the PDF and HTML backends will (NFC, white space\n"
	"collapsed, dates written in each language's calendar, bidi isolation, hyphenation\n"
	"points) and prints every unit in every language with its direction and state.\n"
	"Made visible: ⟨LRI⟩ ⟨RLI⟩ ⟨PDI⟩ bidi isolates, ‧ soft hyphens, ⟨br⟩ line breaks,\n"
	"and inline markup as ⟨em⟩…⟨/em⟩, ⟨a URL⟩…⟨/a⟩, ⟨date ISO⟩…⟨/date⟩.\n",
	{{"options", dump_options}},
	"exit status: 0 printed, 1 the document was refused, 2 wrong usage, 3 unreadable\n"
	"\n"
	"example:\n"
	"  broadside dump xml/appeal-free-them.xml | less\n"
};
