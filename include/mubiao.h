/* mubiao.h — the public interface of libmubiao.
 *
 * mubiao reads Chinese policy documents and turns every quantified target
 * and reported figure into structured records linked to the exact source
 * bytes they came from.  This header is the only one a program linking
 * libmubiao needs.  Names start with mb_; types have no _t suffix.
 *
 * Conventions
 *  - Every function that can fail returns an mb_status and fills an
 *    mb_error (code + a message naming the file, byte offset and what was
 *    expected).  The library never prints, exits or aborts.
 *  - Objects returned through **out are owned by the caller and released
 *    with the matching mb_*_free, which accepts NULL.
 *  - Offsets called "source" offsets are byte offsets into the input file
 *    exactly as stored, whatever its encoding.
 */
#ifndef MUBIAO_H
#define MUBIAO_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MB_VERSION "0.1.0"

/* ---- status codes (never renumbered; add at the end) ---- */
typedef enum mb_status {
    MB_OK = 0,
    MB_ENOMEM = 1,         /* out of memory */
    MB_EIO = 2,            /* a file could not be read or written */
    MB_EDECODE = 3,        /* bytes that are not valid in the encoding */
    MB_EBINARY = 4,        /* input holds NUL bytes: not text */
    MB_EENCODING = 5,      /* unknown or unsupported encoding name */
    MB_ETOOBIG = 6,        /* input larger than the 4 GiB offset range */
    MB_EARG = 7,           /* invalid argument */
    MB_EDICT = 8,          /* dictionary source or file unusable */
    MB_EDICT_VERSION = 9,  /* compiled dictionary of another format version */
    MB_EDICT_CORRUPT = 10, /* compiled dictionary truncated or corrupted */
    MB_EPATTERN = 11,      /* an internal pattern failed to compile */
    MB_EJSON = 12,         /* JSON input unusable */
    MB_ESTORE = 13,        /* the SQLite store failed */
    MB_EHTML = 14          /* HTML input unusable */
} mb_status;

/* A static English description of a status code. */
const char *mb_strerror(mb_status code);

/* Error detail filled by failing calls. */
typedef struct mb_error {
    mb_status code;
    char message[512];
} mb_error;

/* ---- documents: decode, normalize, reflow ---- */

/* A span of text with, for every byte, the source byte range of the source
 * character it came from.  so[i]/eo[i] are the source start/end of the
 * character containing byte i; for a slice [a,b) of s the source range is
 * [so[a], eo[b-1]). */
typedef struct mb_text {
    char *s; /* UTF-8, NUL-terminated */
    size_t len;
    size_t cap;
    uint32_t *so; /* len entries */
    uint32_t *eo; /* len entries */
} mb_text;

/* Source byte range of text bytes [a,b) (a < b <= t->len). */
void mb_text_source_range(const mb_text *t, size_t a, size_t b, uint32_t *start, uint32_t *end);

typedef struct mb_sentence {
    size_t start, end; /* byte offsets within the paragraph's text */
} mb_sentence;

typedef struct mb_paragraph {
    size_t index;       /* 0-based, in document order */
    uint32_t src_start; /* source byte offsets of the paragraph */
    uint32_t src_end;
    unsigned line; /* 1-based line of its first character */
    mb_text text;  /* normalized, reflowed, one line */
    mb_sentence *sentences;
    size_t nsentences;
} mb_paragraph;

typedef struct mb_doc_options {
    const char
        *encoding; /* NULL: detect; else an iconv name or alias (utf-8, gb18030, gbk, big5, utf-16le, ...) */
    int lenient;   /* undecodable bytes become U+FFFD with a warning instead of an error */
} mb_doc_options;

typedef struct mb_doc mb_doc;

/* Read a file ("-" is not special here: the caller reads stdin and uses
 * mb_doc_load_mem) and run decode, normalize and reflow. */
mb_status mb_doc_load_file(const char *path, const mb_doc_options *opt, mb_doc **out, mb_error *err);
/* Same on bytes in memory; name is what errors and doc.path report. The
 * bytes are copied. */
mb_status mb_doc_load_mem(const char *name, const void *bytes, size_t n, const mb_doc_options *opt,
                          mb_doc **out, mb_error *err);
void mb_doc_free(mb_doc *doc);

const char *mb_doc_path(const mb_doc *doc);
const char *mb_doc_sha256(const mb_doc *doc);   /* 64 lowercase hex digits */
const char *mb_doc_encoding(const mb_doc *doc); /* canonical name: utf-8, utf-16le, utf-16be, gb18030, big5 */
const unsigned char *mb_doc_source(const mb_doc *doc, size_t *len);
/* The whole normalized text, line breaks kept, with maps to the source. */
const mb_text *mb_doc_text(const mb_doc *doc);
size_t mb_doc_paragraph_count(const mb_doc *doc);
const mb_paragraph *mb_doc_paragraph(const mb_doc *doc, size_t i);
/* Warnings collected while loading (lenient decoding); NULL past the end. */
const char *mb_doc_warning(const mb_doc *doc, size_t i);

/* Decode and normalize source bytes [start,end) of a document as the
 * pipeline would, with line breaks removed: what a span's text must equal.
 * The result is malloc'ed; free it with free(). */
mb_status mb_doc_source_text(const mb_doc *doc, uint32_t start, uint32_t end, char **out, mb_error *err);

/* One paragraph as a JSON object (see README: paragraph JSON); *out is
 * malloc'ed, free it with free(). */
mb_status mb_emit_paragraph(const mb_doc *doc, size_t i, char **out, mb_error *err);

/* A calendar date; year 0 means unknown. source says where it came from:
 * "given" (option or sidecar file), "text", "inferred" or "none". */
typedef struct mb_date {
    int year, month, day;
    const char *source;
} mb_date;

/* ---- segment (issue 3) ---- */

/* ---- recognize (issue 4) ---- */

/* ---- extract (issue 5) ---- */

#ifdef __cplusplus
}
#endif
#endif
