/* The RELAX NG schema, linked into the binary so that broadside never looks for it on
 * disk.  The Makefile passes -I so that .incbin finds xml/schema/broadside.rng. */
	.section .rodata
	.global broadside_schema_rng
	.global broadside_schema_rng_end
broadside_schema_rng:
	.incbin "xml/schema/broadside.rng"
broadside_schema_rng_end:
	.byte 0
	.section .note.GNU-stack,"",@progbits
