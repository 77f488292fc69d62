/* main.c — argv in, exit status out; everything else is in cli.c. */
#include "cli.h"

int main(int argc, char **argv)
{
	return (int)cli_main(argc, argv, stdout, stderr);
}
