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

/* A word dictionary: a compiled file (mubiao dict compile) mapped read-only,
 * or a user dictionary compiled in memory.  Immutable once opened: one
 * dictionary can be used by many threads at once. */
typedef struct mb_dict mb_dict;

/* Map and validate a compiled dictionary (magic, format version, byte
 * order, sizes, checksum).  MB_EDICT_VERSION for another format version,
 * MB_EDICT_CORRUPT for a truncated or damaged file, MB_EIO if unreadable. */
mb_status mb_dict_open(const char *path, mb_dict **out, mb_error *err);
/* The same on a compiled image in memory (the bytes are copied). */
mb_status mb_dict_open_mem(const char *name, const void *image, size_t n, mb_dict **out, mb_error *err);
void mb_dict_close(mb_dict *d);

/* Compile text sources into the file out_path.  Each source has one entry a
 * line, "word [freq] [tag]" (jieba's dictionary and user-dictionary format;
 * a missing freq is chosen so that the word beats its own split, a missing
 * tag keeps the earlier one or is "x"; freq 0 removes a word; lines starting
 * with "# " are comments).  Later sources override earlier ones.  base is
 * read first (jieba's dict.txt) and may be NULL. */
mb_status mb_dict_compile(const char *out_path, const char *base, const char *const *sources, size_t nsources,
                          mb_error *err);
/* Compile user dictionaries (same format) into an in-memory dictionary used
 * on top of base by mb_segment: its words are added, or removed (freq 0),
 * with frequencies counted against base's total. */
mb_status mb_dict_load_user(const mb_dict *base, const char *const *paths, size_t npaths, mb_dict **out,
                            mb_error *err);

typedef struct mb_dict_info {
    uint32_t version;
    uint64_t file_size;
    uint64_t checksum;
    uint64_t total_freq;
    uint32_t words, chars, units, tags;
} mb_dict_info;
void mb_dict_get_info(const mb_dict *d, mb_dict_info *info);

/* 1 if word[0..len) is a word of d, with its natural log-probability and
 * tag (either pointer may be NULL); 0 otherwise. */
int mb_dict_lookup(const mb_dict *d, const char *word, size_t len, double *logp, const char **tag);

/* A token: bytes [start,end) of the segmented string, and its part of
 * speech: the lexicon's tag, or "m" (number), "t" (date, time), "eng"
 * (Latin letters), "x" (anything else).  tag points into the dictionary or
 * to a static string: valid while the dictionary is open. */
typedef struct mb_token {
    size_t start, end;
    const char *tag;
} mb_token;

/* Tokens and the work buffers of mb_segment, owned by the caller: start
 * from {0}, reuse across calls, release with mb_tokens_free. */
typedef struct mb_tokens {
    mb_token *v;
    size_t n, cap;
    void *work;
    size_t work_size;
} mb_tokens;

/* Segment s[0..len) (normalized UTF-8, e.g. one line) into words: the
 * maximum-probability route through the DAG of dictionary words (user's
 * entries override dict's; user may be NULL).  Runs of digits and Latin
 * letters, decimal numbers, percentages, numbers with 万/亿 and dates such
 * as 2025年 stay single tokens; whitespace yields no token; other
 * characters not in any word become one-character tokens. Invalid UTF-8
 * bytes become one-byte tokens. */
mb_status mb_segment(const mb_dict *dict, const mb_dict *user, const char *s, size_t len, mb_tokens *toks,
                     mb_error *err);
void mb_tokens_free(mb_tokens *toks);

/* ---- recognize (issue 4) ---- */

/* ---- extract (issue 5) ---- */

#ifdef __cplusplus
}
#endif
#endif
