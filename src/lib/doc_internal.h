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
    /* a piece of a larger file (reader.c): where it starts in the file */
    size_t src_base;    /* byte offset of src[0] */
    size_t para_base;   /* index of its first paragraph */
    uint32_t char_base; /* characters of the file before it */
    unsigned line_base; /* line breaks of the file before it */
};

/* Where a piece starts in its file, and what it is: for doc_build_piece. */
typedef struct mb_piece_at {
    size_t base;          /* file offset of its first byte */
    size_t para_base;     /* paragraphs of the file before it */
    unsigned line_base;   /* line breaks of the file before it */
    uint32_t char_base;   /* characters of the file before it */
    const char *encoding; /* canonical; NULL (the first piece): detect */
    const char *sha256;   /* the whole file's */
    size_t quiet_to;      /* bytes before it were decoded before: no warning again */
} mb_piece_at;

/* A document of src[0..n) (taken: malloc'ed), a piece of the file name at
 * at->base: maps, paragraph indexes and line numbers of the whole file. */
mb_status mb_doc_build_piece(const char *name, unsigned char *src, size_t n, const mb_doc_options *opt,
                             const mb_piece_at *at, mb_doc **out, mb_error *err);
/* Drop the paragraphs from keep on (a piece's last ones, read again at the
 * start of the next). */
void mb_doc_keep_paragraphs(mb_doc *d, size_t keep);
/* The characters of the file before file offset off (a character start in
 * the piece). */
uint32_t mb_doc_chars_before(const mb_doc *d, size_t off);
/* Line breaks in its normalized text (for the next piece's base). */
unsigned mb_doc_line_breaks(const mb_doc *d);

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
