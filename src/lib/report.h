/* report.h — the HTML audit page (owns: mb_report_*, HTML escaping, the
 * page's inline CSS and JS in report_assets.c).
 *
 * The page is one self-contained file: inline <style> and one inline
 * <script>, no URL anywhere, and a Content-Security-Policy that allows no
 * fetch at all and runs only that script (by its sha256), so nothing in a
 * document can run even if escaping were wrong. Every text from a document
 * or a record is escaped (& < > " ').
 *
 * DOM contract (tests and the page's script rely on it), N = record number
 * from 1 across the page, D = document number from 1:
 *   article#dD.doc > p.para#dD-pP      a paragraph (P = paragraph index)
 *   sup.lbl#hl-N[data-r=N]             the number before record N's span
 *   mark[data-r="N M ..."]             a piece of text covered by records
 *                                      N, M ... (innermost first)
 *   table#records tbody tr#row-N[data-r=N][data-kind][data-doc=D]
 *     td.verdict[data-v]                its 12th cell: the verdict name, ""
 *                                      for none (then the why cell, if any)
 * Opening the page with #rN selects record N; #kind=K&year=Y&doc=D&ind=I&
 * verdict=V&r=N (any of them) applies those filters; with #selftest the
 * script clicks every row and every highlight, checks scrolling,
 * selection, flashing, sorting, the filters, the address and the export,
 * and writes one line into pre#selftest:
 *   "selftest PASS records=N labels=N marks=N row-clicks=N mark-clicks=N
 *    sort=ok filter=ok year=ok indicator=ok url=ok export=ok verdict=ok
 *    scripts=1" (FAIL and the problems otherwise). */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include "strbuf.h"

/* Append s[0..n) with & < > " ' escaped. */
void mb_html_escape(mb_strbuf *b, const char *s, size_t n);

extern const char mb_report_css[];
extern const char mb_report_js[];

#endif
