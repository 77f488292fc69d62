/* The hyphenation tables (hyphen_data.h), compiled from hyphen/hyph_*.dic by
 * tools/hyphen-table at build time and linked into the binary, so that broadside loads
 * no dictionary.  The Makefile passes HYPHEN_TABLE, the path of the compiled table. */
	.section .rodata
	.balign 16
	.global broadside_hyphen_data
broadside_hyphen_data:
	.incbin HYPHEN_TABLE
	.section .note.GNU-stack,"",@progbits
