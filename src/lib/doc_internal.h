/* doc_internal.h — the document object (owns: one run's buffers: source
 * bytes, normalized text, paragraphs, warnings; for HTML the page's title
 * and date). Internal to the library. */
#ifndef MB_DOC_INTERNAL_H
#define MB_DOC_INTERNAL_H

#include "charpos.h"
#include "strlist.h"
#include "text.h"

struct mb_doc {
    char *path;
    unsigned char *src;
    size_t src_len;
    char sha256[65];
    const char *encoding;
    mb_doc_options opt;
    mb_text norm;
    mb_paragraph *paras;
    size_t npara;
    mb_strlist warnings;
    const char *format; /* "text" or "html" */
    char *title;        /* HTML <title>, or NULL */
    char *site;         /* HTML <meta name="SiteName"> / og:site_name, or NULL */
    mb_date page_date;  /* the date an HTML page states (year 0: none); docdate.c uses it */
    mb_charpos
        chars; /* character positions: of the decoded file (charpos.h), of a page's DOM text (dompos.h) */
    int has_chars;
};

/* The page's site name (<meta name="SiteName">, og:site_name); NULL for
 * text and for pages without one. */
const char *mb_doc_site(const mb_doc *d);
/* The source byte range [start, end) in characters (a W3C
 * TextPositionSelector's start and end): of the decoded file for a text
 * document, of document.body.textContent for an HTML page (dompos.h): 1 and
 * *cstart, *cend set; 0 for a lines-only document, a frameset page or a
 * range that starts before the page's body. */
int mb_doc_char_range(const mb_doc *d, uint32_t start, uint32_t end, uint32_t *cstart, uint32_t *cend);

#endif
