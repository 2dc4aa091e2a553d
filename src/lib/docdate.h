/* docdate.h — the date of a document (owns: YYYY-MM-DD parsing, the
 * FILE.meta.json sidecar, datelines written in the text, and inference).
 *
 * Order: a date given by the caller; else the sidecar FILE.meta.json
 * {"date": "YYYY-MM-DD" or "YYYY", "issuer": NAME} (both "given"); else the date an HTML page
 * states in a <meta> or a dateline above its article (html.h; "text");
 * else a dateline in the text: a
 * full date (2024年3月5日, 2024-03-05) in a short paragraph near the start
 * or the end of the document, or at the head of a paragraph ("text"); else
 * a month-day dateline at the head of a paragraph (6月26日，…) whose year is
 * inferred as the year after the latest year the document reports on
 * ("inferred"); else a title that names its year (2014年…政府工作报告): the
 * year alone, month and day 0 ("inferred"); else none. */
#ifndef MB_DOCDATE_H
#define MB_DOCDATE_H

#include "mubiao.h"

/* Find the date of doc as described above. given may be NULL. The date
 * words (年 月 日, title words, deadline words) are lexicon classes of lex
 * (dict/lexicon/decode.tsv). */
mb_status mb_docdate_find(const mb_doc *doc, const char *given, const mb_lexicon *lex, mb_date *out,
                          mb_error *err);

/* The "issuer" of the sidecar FILE.meta.json of path (a string; *issuer
 * malloc'ed, NULL when there is no sidecar or no issuer in it); an error for
 * an unusable sidecar. Nothing is read for "-". */
mb_status mb_sidecar_issuer(const char *path, char **issuer, mb_error *err);

#endif
