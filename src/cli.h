/* cli.h — the command line: subcommands, options, what is printed, the exit status. */
#ifndef BROADSIDE_CLI_H
#define BROADSIDE_CLI_H

/* What a run came to; main turns it into the exit status. */
enum cli_status {
	CLI_OK = 0,          /* everything valid (warnings allowed) */
	CLI_REFUSED = 1,     /* a document was refused */
	CLI_USAGE = 2,       /* wrong usage */
	CLI_UNREADABLE = 3,  /* a file could not be read */
	CLI_INTERNAL = 4,    /* broadside itself failed (out of memory, a build defect) */
};

enum cli_status cli_main(int argc, char **argv);

#endif
