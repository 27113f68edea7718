/* build — kyr-build's content compiler: content/ folder in, content.db out.
 *
 * build_run() loads and checks every file of a content folder (see
 * docs/content-format.md), reports every problem as "file:line: message",
 * prints the translation coverage table and, when nothing is wrong, writes
 * the database atomically and reproducibly. src/main_build.c only parses
 * the command line. */
#ifndef KYR_BUILD_H
#define KYR_BUILD_H

#include <stdio.h>
#include "util.h"

typedef struct {
	const char *content_dir;  /* the content folder */
	const char *output;       /* database to write, or NULL */
	const char *bundle_dir;   /* also write BUNDLE/kyr-content/content.db, or NULL */
	const char *icons_path;   /* Material Icons codepoints; NULL: look for
	                             fonts/material-icons.codepoints next to the
	                             content folder, then in the current folder */
	int strict;               /* every warning counts as an error */
	int quiet;                /* no warnings, no coverage table */
	FILE *out;                /* coverage table; NULL: stdout */
	buf_t *diag;              /* when set, diagnostics are appended here
	                             instead of going to stderr (for tests) */
} build_opts_t;

enum { BUILD_OK = 0, BUILD_BAD_CONTENT = 1, BUILD_IO_ERROR = 2 };

/* Checks the content and, if it has no errors, writes the database(s).
 * Returns BUILD_OK, BUILD_BAD_CONTENT (problems were reported; nothing
 * written) or BUILD_IO_ERROR (the database could not be written). */
int build_run(const build_opts_t *o);

#endif
