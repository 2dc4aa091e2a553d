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

/* The sidecar FILE.meta.json of doc, opened and parsed once: its "date"
 * (when want_date; year 0: none) and its "issuer" (when want_issuer;
 * malloc'ed, NULL: none). Nothing is read for "-" or a name-only document
 * (mb_doc_options.name_only), nor when neither is wanted; an error for an
 * unreadable or invalid sidecar, or an unusable field wanted. */
mb_status mb_sidecar_read(const mb_doc *doc, int want_date, int want_issuer, mb_date *date, char **issuer,
                          mb_error *err);

/* The compiled patterns of a dateline written in the text (their words
 * from lex): compiled once with a model and shared by its threads, rather
 * than at every document (4 pcre2 patterns, about 120,000 instructions). */
typedef struct mb_docdate_rx mb_docdate_rx;
mb_status mb_docdate_rx_new(const mb_lexicon *lex, mb_docdate_rx **out, mb_error *err);
void mb_docdate_rx_free(mb_docdate_rx *rx);

/* mb_docdate_find with the sidecar's date already read (side: year 0 when
 * it has none; NULL: no sidecar) and the patterns compiled (rx; NULL: they
 * are compiled for this call). */
mb_status mb_docdate_find_with(const mb_doc *doc, const char *given, const mb_date *side,
                               const mb_lexicon *lex, const mb_docdate_rx *rx, mb_date *out, mb_error *err);

#endif
