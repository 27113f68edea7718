/* review — the review pack: printable pages for the people who vet the
 * content and do not read Markdown or PO files (docs/publishing.md).
 *
 * For each language, one self-contained HTML page per topic: the
 * translation beside the English master in two columns (right to left
 * where the language is), the as_of date, the revisions, the translator's
 * review_terms, the sources with their dates, the review status and a
 * sign-off box; an index.html per language and one for the pack. With
 * `pdf`, also one PDF per language made by WeasyPrint (Debian package
 * weasyprint) when it is installed. Everything is read from a database
 * kyr-build has just built, through the store, as a kiosk would see it. */
#ifndef KYR_REVIEW_H
#define KYR_REVIEW_H

/* Writes the pack for the content database db_path into out_dir (created;
 * files of the same names are replaced). Returns 0, or -1 after saying why
 * on stderr. A PDF that cannot be made is reported and is not an error. */
int review_pack_write(const char *db_path, const char *out_dir, int pdf);

#endif
