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

/* 0.x: the ABI may change from one minor version to the next (0.2.0: the
 * shape of mb_text, below; 0.4.0: dictionary format 4, mb_dict_verify,
 * mb_lexicon_open_classes; 0.5.0: dictionary format 5, a lexicon refers to
 * its dictionary's image; 0.6.0: dictionary format 6; 0.7.0: dictionary
 * format 7, the lexicon index mapped, mb_track_quantity.points,
 * mb_emit_records); the SONAME stays libmubiao.so.0 until 1.0. */
#define MB_VERSION "0.7.0"

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

/* The source map of a text is kept per run of characters (since 0.2.0; in
 * 0.1 it was two uint32_t arrays, so/eo, of one entry per text byte).  A
 * run holds units of `width` text bytes each (a character, usually); every
 * byte of unit k (k = 0, 1, ...) of the run maps to the source range
 * [so + k*step, eo + k*step) (uint32_t arithmetic).  A run ends where the
 * next one starts (runs[i+1].at), the last one at len.  Plain text in one
 * script is one run per stretch of characters of the same width: a few
 * bytes of map per hundred bytes of text instead of eight per byte.  Read
 * the map with mb_text_source_range and mb_text_byte_source (binary
 * search, O(log nruns)); the runs are built by the library. */
typedef struct mb_text_run {
    size_t at;      /* first text byte of the run */
    uint32_t so;    /* source start of its first unit */
    uint32_t eo;    /* source end of its first unit */
    uint32_t step;  /* source offset from one unit to the next */
    uint32_t width; /* text bytes per unit (>= 1) */
} mb_text_run;

/* A span of text with, for every byte, the source byte range of the source
 * character it came from: for a slice [a,b) of s the source range is the
 * start of byte a's character to the end of byte b-1's. */
typedef struct mb_text {
    char *s; /* UTF-8, NUL-terminated */
    size_t len;
    size_t cap;
    mb_text_run *runs; /* nruns runs covering bytes [0,len) */
    size_t nruns;
    size_t runs_cap;
    size_t tail_units; /* units in the last run (how the library extends it) */
} mb_text;

/* Source byte range of text bytes [a,b) (a < b <= t->len). */
void mb_text_source_range(const mb_text *t, size_t a, size_t b, uint32_t *start, uint32_t *end);
/* Source range [*so,*eo) of the character containing text byte i (i < t->len;
 * else both are the end of the last character, 0 for an empty text). */
void mb_text_byte_source(const mb_text *t, size_t i, uint32_t *so, uint32_t *eo);

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

/* The lexicon (below, "recognize"): the word lists, compiled into the model. */
typedef struct mb_lexicon mb_lexicon;

typedef struct mb_doc_options {
    const char
        *encoding;  /* NULL: detect; else an iconv name or alias (utf-8, gb18030, gbk, big5, utf-16le, ...) */
    int lenient;    /* undecodable bytes become U+FFFD with a warning instead of an error */
    int lines_only; /* for tools that read line by line: no paragraphs are built
                       (mb_doc_paragraph_count is 0), and the sha256 is computed on
                       first use, so such a document must not be shared between threads */
    const mb_lexicon *lexicon; /* its common characters detect Big5 (class common_char) and
                                  its date words read an HTML page's date (dateline_word);
                                  NULL: no Big5 detection (GB18030), numeric page dates only */
    /* Reading a file (mb_doc_load_file, mb_doc_load_fd, mb_store_ingest_file;
     * README "Limits"): checked before it is read, from fstat */
    uint64_t max_size; /* 0: MB_MAX_FILE_SIZE; a larger file is refused (MB_ETOOBIG) unread */
    int regular_only;  /* refuse FIFOs, devices and sockets (MB_EIO) before reading */
    const char *root;  /* non-NULL: refuse a path whose real location (links resolved) is
                          not inside this folder (MB_EIO), without opening it */
    int name_only;     /* the document's name is a label, never a file (mapper mode, issue
                          16): mb_extract looks for no NAME.meta.json sidecar date */
    /* Reading a large file in pieces (mb_reader_open, since 0.3.0): a text
     * file larger than this is read a piece of about this size at a time;
     * 0: MB_PIECE_SIZE. */
    size_t piece_size;
} mb_doc_options;

/* The largest file read by default, and the largest that offsets can
 * address (4 GiB - 2); a larger max_size is lowered to it. */
#define MB_MAX_FILE_SIZE      ((uint64_t)1 << 30)
#define MB_MAX_FILE_SIZE_HARD ((uint64_t)UINT32_MAX - 1)

typedef struct mb_doc mb_doc;

/* Read a file ("-" is not special here: the caller reads stdin and uses
 * mb_doc_load_mem) and run decode, normalize and reflow. */
mb_status mb_doc_load_file(const char *path, const mb_doc_options *opt, mb_doc **out, mb_error *err);
/* The same on an open descriptor (standard input: 0), read to its end and
 * not closed; name is what errors and doc.path report. */
mb_status mb_doc_load_fd(const char *name, int fd, const mb_doc_options *opt, mb_doc **out, mb_error *err);
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

/* The paragraph whose index (mb_paragraph.index, its number in the file)
 * is index, or NULL: what a record's `paragraph` and an evidence's name.
 * The same as mb_doc_paragraph for a whole document; a piece (mb_reader)
 * holds the paragraphs numbered from where it starts. */
const mb_paragraph *mb_doc_paragraph_by_index(const mb_doc *doc, size_t index);

/* ---- a large file, read in pieces (README "Limits": large files) ----
 *
 * Peak memory stays about the size of a piece however large the file: a
 * regular text file larger than opt->piece_size (0: MB_PIECE_SIZE) is cut
 * at line ends, after a blank line where there is one in the second half
 * of a piece, and each piece is loaded as a document of its own whose maps,
 * paragraph indexes and line numbers are those of the whole file (its
 * mb_doc_source is the piece's bytes; mb_doc_source_base says where they
 * start) and whose sha256 is the whole file's (read once before the
 * pieces). The encoding is the forced one, else UTF-8 when the whole file
 * is UTF-8, else what the first piece's bytes tell. A line longer than
 * MB_LINE_CAP_PIECES pieces is an error (MB_ETOOBIG) naming the file and
 * byte offset. A smaller file, an HTML page, a FIFO or a device is one
 * piece: the document mb_doc_load_file gives. */
#define MB_PIECE_SIZE      ((size_t)4 << 20)
#define MB_LINE_CAP_PIECES 4
typedef struct mb_reader mb_reader;
/* Open path (the checks of mb_doc_load_file: root, regular_only,
 * max_size) and, for a file read in pieces, read it once for its hash and
 * encoding. */
mb_status mb_reader_open(const char *path, const mb_doc_options *opt, mb_reader **out, mb_error *err);
/* The next piece: *piece is a document (free it with mb_doc_free), or NULL
 * after the last one. */
mb_status mb_reader_next(mb_reader *r, mb_doc **piece, mb_error *err);
/* The number of pieces read so far; 1 for a file read whole. */
size_t mb_reader_pieces(const mb_reader *r);
void mb_reader_close(mb_reader *r);
/* The file offset of mb_doc_source's first byte, and the line breaks of
 * the file before it: 0 but for a piece. */
size_t mb_doc_source_base(const mb_doc *doc);
unsigned mb_doc_line_base(const mb_doc *doc);

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
/* Parse a strict YYYY-MM-DD calendar date, or a year alone YYYY (month and
 * day 0), years 1900-2199; source is set to "given". MB_EARG when s is
 * not one. */
mb_status mb_date_parse(const char *s, mb_date *out);
/* YYYY-MM-DD into buf (at least 11 bytes); YYYY (ISO 8601's reduced
 * precision) when only the year is known (month 0); "" when the date is
 * unknown. */
void mb_date_format(const mb_date *d, char *buf);

/* ---- segment (issue 3) ---- */

/* A word dictionary: a compiled file (mubiao dict compile) mapped read-only,
 * or a user dictionary compiled in memory.  Immutable once opened: one
 * dictionary can be used by many threads at once. */
typedef struct mb_dict mb_dict;

/* Map and validate a compiled dictionary (magic, format version, byte
 * order, sizes, bounds, the checksum of everything but the trie).
 * MB_EDICT_VERSION for another format version, MB_EDICT_CORRUPT for a
 * truncated or damaged file, MB_EIO if unreadable.  The trie's megabytes
 * are not read at open (every step through them is bounds-checked):
 * mb_dict_verify checks them. */
mb_status mb_dict_open(const char *path, mb_dict **out, mb_error *err);
/* The same on a compiled image in memory (the bytes are copied). */
mb_status mb_dict_open_mem(const char *name, const void *image, size_t n, mb_dict **out, mb_error *err);
void mb_dict_close(mb_dict *d);
/* Check the whole-file checksum of an open dictionary (reads all of it):
 * MB_OK, or MB_EDICT_CORRUPT naming the file and the checksum's byte. */
mb_status mb_dict_verify(const mb_dict *d, mb_error *err);

/* Compile text sources into the file out_path.  Each source has one entry a
 * line, "word [freq] [tag]" (jieba's dictionary and user-dictionary format;
 * a missing freq is chosen so that the word beats its own split, a missing
 * tag keeps the earlier one or is "x"; freq 0 removes a word; lines starting
 * with "# " are comments).  Later sources override earlier ones.  base is
 * read first (jieba's dict.txt) and may be NULL. */
mb_status mb_dict_compile(const char *out_path, const char *base, const char *const *sources, size_t nsources,
                          mb_error *err);
/* The same with the lexicon files lexicons[0..nlex) (README "Lexicon":
 * "word<TAB>class[<TAB>items]" rows, the .tsv files of dict/lexicon/) compiled into the
 * dictionary's lexicon section. A duplicate word+class, an unknown class
 * or item, a malformed line fail with MB_EDICT and "file:line: message". */
mb_status mb_dict_compile_lexicon(const char *out_path, const char *base, const char *const *sources,
                                  size_t nsources, const char *const *lexicons, size_t nlex, mb_error *err);
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
    uint32_t lexicon_rows; /* rows of the lexicon section */
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

/* The recognizer: quantities (numbers with their magnitude, unit and
 * comparator) and time expressions in normalized UTF-8 text. Its pcre2
 * patterns are compiled (and JIT-compiled) once by mb_recognizer_new; the
 * object is immutable afterwards and may serve many threads at once, each
 * with its own mb_recognition. */
typedef struct mb_recognizer mb_recognizer;

/* The lexicon: the word lists of recognition and extraction (README
 * "Lexicon"), read from a compiled dictionary's lexicon sections, with the
 * rows of user lexicon files (same text format; a row replaces the
 * compiled row of the same word and class, or adds one) merged over it.
 * Without user rows it maps the index the compiler wrote into dict (format
 * 7; no copy, no work at open) unless dict was compiled against another
 * class table; otherwise it builds the same index in memory. Immutable once
 * built; its words point into dict's image, which it keeps (a reference,
 * counted), so dict may be closed afterwards: the image is released with
 * the last of the two. Errors in a user file: MB_EDICT with "file:line:
 * message". */
mb_status mb_lexicon_open(const mb_dict *dict, const char *const *user_lexicons, size_t nuser,
                          mb_lexicon **out, mb_error *err);
/* The same with only the rows of the named classes indexed when the index
 * is built (every row, compiled or in a user file, is still read and
 * checked): for a caller that needs few, at a fraction of the cost
 * (segment: common_char and dateline_word, what reading a document asks
 * for). A mapped index (no user rows) has every class, at no cost.
 * MB_EARG for an unknown class name. */
mb_status mb_lexicon_open_classes(const mb_dict *dict, const char *const *user_lexicons, size_t nuser,
                                  const char *const *classes, size_t nclasses, mb_lexicon **out,
                                  mb_error *err);
void mb_lexicon_free(mb_lexicon *lex);
/* The number of words (rows) of the lexicon. */
size_t mb_lexicon_size(const mb_lexicon *lex);
/* Row i (0 <= i < mb_lexicon_size) in row order: its class name, word and
 * items ("" when none); 0 when i is out of range. The strings live as long
 * as the lexicon. */
int mb_lexicon_row(const mb_lexicon *lex, size_t i, const char **cls, const char **word, const char **items);

/* A recognizer over the words of lex (which must outlive it). */
mb_status mb_recognizer_new(const mb_lexicon *lex, mb_recognizer **out, mb_error *err);
/* The same; jit 0 leaves its patterns to pcre2's interpreter (same
 * results): about 6 M instructions (2-3 ms) cheaper to open, slower on
 * long texts. mb_recognizer_jit compiles them later, before the recognizer
 * is shared between threads (it must not run while another thread uses
 * it); a second call does nothing. */
mb_status mb_recognizer_open(const mb_lexicon *lex, int jit, mb_recognizer **out, mb_error *err);
void mb_recognizer_jit(mb_recognizer *r);
void mb_recognizer_free(mb_recognizer *r);

/* The spec's comparators (commitments.md). MB_CMP_NONE only when there is
 * no value at all. */
typedef enum mb_comparator {
    MB_CMP_NONE = 0,
    MB_CMP_EQ,     /* a bare number, 达到, 为 */
    MB_CMP_GT,     /* 超过, 超, 突破, 逾, N多, N余 */
    MB_CMP_GE,     /* 以上, 不少于, 不低于, 至少; 万亿级 */
    MB_CMP_LT,     /* 低于, 不到, 不足 */
    MB_CMP_LE,     /* 以下, 以内, 不超过 */
    MB_CMP_APPROX, /* 左右, 约, 近, 上下 */
    MB_CMP_RANGE   /* 6%—6.5%: min and max */
} mb_comparator;
/* "eq", "gt", ...; NULL for MB_CMP_NONE. */
const char *mb_comparator_name(mb_comparator c);

typedef enum mb_qkind {
    MB_Q_NUMBER = 0, /* a count or an amount; unit may be NULL */
    MB_Q_PERCENT,    /* 5%, 百分之五: unit "%" */
    MB_Q_PERMILLE,   /* 3‰, 千分之三: unit "‰" */
    MB_Q_PPOINT,     /* 1个百分点: unit "个百分点" */
    MB_Q_MULTIPLE,   /* 2倍, 翻一番 (= 2), 翻两番 (= 4): unit "倍" */
    MB_Q_FRACTION,   /* 三分之一, 1/3: value 0.333..., unit NULL */
    MB_Q_RATIO       /* 1.79∶1: value 1.79 (the quotient), unit "ratio" */
} mb_qkind;
const char *mb_qkind_name(mb_qkind k); /* "number", "percent", ... */

/* Why a number is not a quantity: extraction makes no record of it. */
typedef enum mb_skip {
    MB_SKIP_NONE = 0,
    MB_SKIP_NAME,       /* 1030产业体系, C919, 5G, 世界500强, 党的二十大 */
    MB_SKIP_SLOGAN,     /* “1+3”重点功能区 */
    MB_SKIP_ORDINAL,    /* 第五场, 全国第四, 十一届, (1) */
    MB_SKIP_RHETORICAL, /* 三件事, 两个大局, 四个“新”, 八大工程, 一批 */
    MB_SKIP_PHONE,      /* 0512-68881234, 13912345678 */
    MB_SKIP_DOCNUM,     /* 国发〔2024〕5号 */
    MB_SKIP_DATE,       /* 26日 alone, 10:30 */
    MB_SKIP_AGE         /* 60岁, 三十周年 */
} mb_skip;
const char *mb_skip_name(mb_skip s); /* "name", "slogan", ...; NULL for none */

/* mb_quantity.flags */
#define MB_QF_MEASURE  0x01u  /* unit is a measure word: 家 个 名 人 项 所 户 套 辆 座 条 … */
#define MB_QF_CURRENCY 0x02u  /* unit is a currency: 元 美元 欧元 … */
#define MB_QF_PHYSICAL 0x04u  /* unit is physical: 吨 斤 亩 公里 千瓦 平方米 吨标准煤 … */
#define MB_QF_DURATION 0x08u  /* unit is a length of time: 个月 天 小时 */
#define MB_QF_LEVEL    0x10u  /* an order of magnitude: 万亿级, 千亿元级 (comparator ge) */
#define MB_QF_BARE     0x20u  /* a magnitude word without digits: 亿元以上, 上千万 */
#define MB_QF_CHINESE  0x40u  /* written in Chinese numerals */
#define MB_QF_STREAK   0x80u  /* 十二连增: a count of years in a row, unit NULL */
#define MB_QF_FAN      0x100u /* 翻一番, 翻两番, 翻番: a doubling (an increase), unit 倍 */

/* One quantity. Offsets are byte offsets into the text given to
 * mb_recognize. unit is a static string: "%", "‰", "个百分点", "倍", "ratio",
 * "元", "美元", "家", "个", "名", "人", "亩", "斤", "吨", ... (the magnitude word
 * is folded into the value: 3万亿元 is 3e12 元, 1.5万名 is 15000 名). */
typedef struct mb_quantity {
    size_t start, end;         /* the whole expression: comparator words, number, magnitude, unit */
    size_t num_start, num_end; /* the number with its magnitude word (a range: both numbers) */
    int has_value;             /* value is set (not for a range) */
    double value;
    int has_range; /* min and max are set; comparator is MB_CMP_RANGE */
    double min, max;
    const char *unit; /* NULL: none */
    mb_comparator comparator;
    mb_qkind qkind;
    mb_skip skip; /* MB_SKIP_NONE: a real quantity */
    unsigned flags;
} mb_quantity;

typedef enum mb_timex_kind {
    MB_TIME_YEAR = 0,   /* 2025年, 二〇二五年, 2025年底, 2024年度 */
    MB_TIME_YEAR_RANGE, /* 2021—2025年 */
    MB_TIME_DATE,     /* months and days: 2024年6月26日, 6月26日, 1—5月, 今年1—5月, 前5个月 */
    MB_TIME_PART,     /* a part of a year: 一季度, 前三季度, 上半年, 去年底, 年初 */
    MB_TIME_RELATIVE, /* 今年, 明年, 去年, 上年, 前年, 本年度, 目前 */
    MB_TIME_SPAN,     /* a span counted from the document year: 近5年, 过去五年, 五年来,
                         三年内, 未来五年, 今后五年, 用3年左右的时间 */
    MB_TIME_DURATION, /* a length with no anchor: 连续五年, 两年 */
    MB_TIME_PLAN,     /* “十四五”, 十四五时期, “十四五”末, 2035年远景目标 */
    MB_TIME_CENTURY,  /* 本世纪中叶, 21世纪, 90年代 */
    MB_TIME_ANNUAL    /* 每年, 年均: per year, no year of its own */
} mb_timex_kind;
const char *mb_timex_kind_name(mb_timex_kind k); /* "year", "year_range", ... */

/* A word around a time expression that says how it is used. */
typedef enum mb_time_marker {
    MB_TM_NONE = 0,
    MB_TM_TO,    /* 到/至 2025年: a deadline */
    MB_TM_BY,    /* 2025年前/以前/之前: a deadline */
    MB_TM_AS_OF, /* 截至/截止 2023年底 */
    MB_TM_SINCE, /* 2012年以来, 自/从 2020年 (起) */
    MB_TM_BASE   /* 比 2010年, 比上年: a comparison base, not the quantity's year */
} mb_time_marker;
const char *mb_time_marker_name(mb_time_marker m); /* "to", "by", ...; NULL for none */

/* One time expression. year_from/year_to are the resolved years (equal for
 * a single year), 0 when unknown: a duration or a yearly period has none,
 * and a relative expression has none when the document year is unknown
 * (then unresolved is 1). */
typedef struct mb_timex {
    size_t start, end; /* including a marker word: 到, 截至, 比 */
    mb_timex_kind kind;
    mb_time_marker marker;
    int year_from, year_to;
    int month_from, month_to; /* 1-12, 0 when none */
    int day;                  /* 1-31, 0 when none */
    int count;                /* spans and durations: the number of years (or months, 前5个月) */
    int more;                 /* 二十多年, 3年多: more than count */
    int relative;             /* resolution needs the document year */
    int unresolved;           /* relative, and no document year was given: years are 0 */
    int direction;            /* relative ones: -1 past (去年, 过去五年), 0 current (今年,
                                 近5年, 一季度), +1 future (明年, 三年内, 未来五年) */
} mb_timex;

/* The result of mb_recognize, owned by the caller: start from {0}, reuse
 * it across calls (each call replaces the contents), release it with
 * mb_recognition_free. Quantities and times are in text order. */
typedef struct mb_recognition {
    mb_quantity *q;
    size_t nq;
    mb_timex *t;
    size_t nt;
    void *work; /* private: buffers and pcre2 match data reused across calls */
} mb_recognition;

/* Find every quantity and time expression in text[0..len) (normalized
 * UTF-8: a sentence or a paragraph). doc_year resolves relative times
 * (今年, 近5年, 三年内, 一季度 ...); 0 means unknown. MB_EARG (with the byte
 * offset) when text is not valid UTF-8. */
mb_status mb_recognize(const mb_recognizer *r, const char *text, size_t len, int doc_year,
                       mb_recognition *out, mb_error *err);
void mb_recognition_free(mb_recognition *out);

/* One quantity or time expression as a JSON object (README: numbers JSON):
 * found in paragraph para of doc, in the paragraph text starting at byte
 * base (where the string given to mb_recognize started); sentence is the
 * sentence index reported. *out is malloc'ed; free it with free(). */
mb_status mb_emit_quantity(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_quantity *q,
                           char **out, mb_error *err);
mb_status mb_emit_timex(const mb_doc *doc, size_t para, size_t sentence, size_t base, const mb_timex *t,
                        char **out, mb_error *err);

/* ---- extract (issue 5) ---- */

/* The model: the compiled dictionary, optional user dictionaries and the
 * recognizer's compiled patterns. Immutable once opened; share it between
 * threads and documents. */
typedef struct mb_model mb_model;
mb_status mb_model_open(const char *dict_path, const char *const *user_dicts, size_t nuser, mb_model **out,
                        mb_error *err);
/* The same with user lexicon files merged over the dictionary's lexicon. */
mb_status mb_model_open_lexicon(const char *dict_path, const char *const *user_dicts, size_t nuser,
                                const char *const *user_lexicons, size_t nlex, mb_model **out, mb_error *err);
/* The same with options: MB_MODEL_NO_JIT opens the recognizer without JIT
 * (mb_recognizer_open), for a short text; mb_model_jit compiles it later,
 * before the model is shared between threads. */
#define MB_MODEL_NO_JIT 1u
mb_status mb_model_open_opts(const char *dict_path, const char *const *user_dicts, size_t nuser,
                             const char *const *user_lexicons, size_t nlex, unsigned flags, mb_model **out,
                             mb_error *err);
void mb_model_jit(mb_model *m);
/* The model's lexicon (valid while the model is open). */
const mb_lexicon *mb_model_lexicon(const mb_model *m);
void mb_model_free(mb_model *m);

typedef enum mb_kind { MB_KIND_TARGET = 0, MB_KIND_ACHIEVEMENT = 1 } mb_kind;

/* A region (issue 12: whose promise): its full name (中华人民共和国,
 * 江苏省, 苏州市, 姑苏区), level "national", "province", "city" or
 * "district", and its six-digit code of the National Bureau of Statistics
 * ("" for the nation and for a name several divisions share). name[0] ==
 * '\0': unknown. */
typedef struct mb_region {
    char name[64];
    char level[12];
    char code[8];
} mb_region;

/* Why a field of a record has its value (mubiao extract --explain): the
 * rule that decided it and the text it read, in paragraph `paragraph`
 * (start == end: no text). rule NULL: not recorded. Rules: "cue",
 * "time", "frame", "paragraph lead-in", "named goal", "same sentence", "yearly quota",
 * "review estimate", "year-end estimate", "communiqué year", "document date", "change verb",
 * "level reached", "streak", "list", "default" (see README). */
typedef struct mb_evidence {
    const char *rule;
    const char *scope; /* where the text stands: "clause", "sentence", "paragraph", or for a frame
                          "heading", "lead-in", "list item", "title"; NULL: none */
    const char *what;  /* for a frame: "plan period", "review", "year", "words" */
    size_t paragraph;  /* its index (mb_doc_paragraph_by_index) */
    size_t start, end;
} mb_evidence;

/* One commitment record (see README: record fields). Text offsets are
 * byte offsets into the paragraph's text; source offsets come from its map. */
typedef struct mb_record {
    char id[17];                 /* stable id: 16 hex digits */
    size_t paragraph;            /* paragraph index (mb_doc_paragraph_by_index) */
    size_t sent_start, sent_end; /* the sentence, in the paragraph text */
    size_t span_start, span_end; /* the span, in the paragraph text */
    mb_kind kind;
    char *indicator;    /* NULL when none was found */
    char *indicator_id; /* the indicator lexicon's canonical id of it; NULL: not in the lexicon */
    int has_value;
    double value;
    int has_range;
    double min, max;
    char *unit;             /* NULL: none */
    const char *comparator; /* eq gt ge lt le approx range, NULL without a value */
    const char *change;     /* increase, decrease, level */
    int year;               /* 0: unknown (null) */
    char *time_text;        /* NULL: none */
    const char *period;     /* "annual" or NULL */
    char *modality;         /* NULL: none */
    /* why kind, year, change and the indicator have their values (--explain) */
    mb_evidence why_kind, why_year, why_change, why_indicator;
    /* the region its clause names when it is not the document's (a district
     * in a city's report); name "" otherwise: the document's region holds */
    mb_region region;
    /* where a change or total runs from: the comparison base written before
     * the quantity in its clause (比2010年增长30%: 2010), else for a flow or
     * change over a period of several years (过去五年, a plan period's
     * section) the year before the period's first; 0 for a change over one
     * year (比上年) or a level */
    int base_year;
} mb_record;

typedef struct mb_records {
    mb_record *v;
    size_t n, cap;
    mb_date date; /* the document date used */
    /* whose document (issue 12): the issuer (国务院, 江苏省人民政府), given or
     * read from the title or speaker line, NULL when unknown; malloc'ed,
     * owned here; and the region it governs (name "" when unknown) */
    char *issuer;
    const char *issuer_source; /* "given", "text" or "none" */
    mb_region region;
} mb_records;

/* Extract the records of doc. date: "YYYY-MM-DD" or NULL (then a sidecar
 * FILE.meta.json, a dateline in the text, or inference; see docdate.h).
 * out starts as {0}; release with mb_records_free. */
mb_status mb_extract(const mb_model *m, const mb_doc *doc, const char *date, mb_records *out, mb_error *err);
/* What a caller may give mb_extract_with (NULL fields: found as usual). */
typedef struct mb_extract_options {
    const char *date;   /* "YYYY-MM-DD", or "YYYY" when only the year is known */
    const char *issuer; /* the document's issuer (江苏省人民政府); its region is the
                           longest region name it starts with (国务院: the nation) */
} mb_extract_options;
/* mb_extract with a date and an issuer given; opt may be NULL. Without an
 * issuer, a sidecar FILE.meta.json's "issuer", then the title or the
 * speaker line (README "Issuer and region"). */
mb_status mb_extract_with(const mb_model *m, const mb_doc *doc, const mb_extract_options *opt,
                          mb_records *out, mb_error *err);
/* Extraction fed a document piece by piece (mb_reader): the state that
 * runs from paragraph to paragraph (headings, time frames, lead-ins) goes
 * on from one piece to the next, and each piece's records are given as
 * soon as it is read. The document's date, issuer and script (simplified
 * or traditional) are found in the first piece fed. mb_extract_with is new,
 * one feed, free. */
typedef struct mb_extractor mb_extractor;
mb_status mb_extractor_new(const mb_model *m, const mb_extract_options *opt, mb_extractor **out,
                           mb_error *err);
/* The records of the paragraphs of doc, the next piece, into out (which
 * starts as {0}; release with mb_records_free), with the document's date,
 * issuer and region. */
mb_status mb_extractor_feed(mb_extractor *x, const mb_doc *doc, mb_records *out, mb_error *err);
void mb_extractor_free(mb_extractor *x);
void mb_records_free(mb_records *r);
/* Keep only the records of one kind (ids do not change). */
void mb_records_filter_kind(mb_records *r, mb_kind kind);

/* Record i as one JSON object (spec v1 fields, all present). flags:
 * MB_EMIT_PRETTY indents, MB_EMIT_EXPLAIN adds the optional `evidence`
 * object (1 is MB_EMIT_PRETTY, as the older int pretty was). *out is
 * malloc'ed. */
#define MB_EMIT_PRETTY  1
#define MB_EMIT_EXPLAIN 2
mb_status mb_emit_record(const mb_doc *doc, const mb_records *r, size_t i, int flags, char **out,
                         mb_error *err);
/* The whole document as one JSON object: schema, doc, paragraphs, records. */
mb_status mb_emit_document(const mb_doc *doc, const mb_records *r, int flags, char **out, mb_error *err);
/* Output sink: write n bytes, return 0 on success. */
typedef int (*mb_write_fn)(void *ctx, const char *s, size_t n);
/* Every record of r as JSON Lines through w: each record exactly as
 * mb_emit_record gives it, then a newline, written in blocks of about 64
 * KB. The document's object, the same in every record, is written once and
 * copied (unless MB_EMIT_PRETTY); one buffer serves all the records.
 * MB_EIO when w fails. */
mb_status mb_emit_records(const mb_doc *doc, const mb_records *r, int flags, mb_write_fn w, void *ctx,
                          mb_error *err);

/* ---- audit, show, report (issue 6) ---- */

/* What mb_audit_record found (see src/lib/audit.h for the exact rules). */
typedef enum mb_verdict {
    MB_VERDICT_OK = 0,    /* same file (sha256) and the span's bytes give span.text */
    MB_VERDICT_MOVED,     /* the file changed; the quote occurs exactly once: new offsets */
    MB_VERDICT_CHANGED,   /* quote.prefix and quote.suffix occur once, the text between differs */
    MB_VERDICT_MISSING,   /* neither found, or found more than once */
    MB_VERDICT_UNREADABLE /* the file cannot be opened or decoded */
} mb_verdict;
const char *mb_verdict_name(mb_verdict v); /* "ok", "moved", "changed", "missing", "unreadable" */

/* An audit run: caches the documents records point to (4 at a time). */
typedef struct mb_auditor mb_auditor;
mb_status mb_auditor_new(mb_auditor **out, mb_error *err);
/* The lexicon the auditor reads documents with (mb_doc_options.lexicon):
 * as the records were extracted with, so that Big5 files and HTML dates
 * read the same. It must outlive the auditor. */
void mb_auditor_set_lexicon(mb_auditor *a, const mb_lexicon *lex);
void mb_auditor_free(mb_auditor *a);
/* Read the files records name only inside the folder root (links
 * resolved; a path outside is never opened and its record is unreadable,
 * the detail saying so); NULL: any path. Files are in any case opened only
 * when regular (no FIFO, device or socket) and under MB_MAX_FILE_SIZE. */
mb_status mb_auditor_set_root(mb_auditor *a, const char *root, mb_error *err);

/* The verdict on one record. Strings are valid until the next
 * mb_audit_record or mb_audit_clear on the same object. */
typedef struct mb_audit {
    mb_verdict verdict;
    const char *id;       /* the record's id; NULL when the record was invalid */
    const char *path;     /* doc.path */
    uint32_t start, end;  /* the record's span (source byte offsets) */
    const char *old_text; /* the record's span.text */
    int found;            /* moved, changed: the fields below are set */
    uint32_t new_start, new_end;
    size_t new_paragraph;
    char *new_text;    /* the normalized text at the new span */
    char detail[1024]; /* one sentence for people: why this verdict (or why the record is invalid) */
    void *priv;        /* the parsed record and its correction */
} mb_audit;

/* Check one record (JSON text, spec v1) against its file. r starts as {0};
 * each call replaces its contents; release with mb_audit_clear. MB_EJSON
 * (message in err and r->detail, r->id NULL) when the text is not JSON or
 * lacks a field the audit needs: id, doc.path, doc.sha256, doc.encoding,
 * span.start, span.end, span.text, quote.exact, quote.prefix,
 * quote.suffix. A file that cannot be read is a verdict, not an error. */
mb_status mb_audit_record(mb_auditor *a, const char *json, size_t len, mb_audit *r, mb_error *err);
void mb_audit_clear(mb_audit *r);
/* The verdict as one JSON object: {"record": where (omitted when NULL),
 * "id", "status", "path", "span": {start, end}, "new_span": {start, end,
 * text} (moved, changed), "old_text", "new_text" (changed), "detail"};
 * status "invalid" for an invalid record. *out is malloc'ed. */
mb_status mb_audit_verdict_json(const mb_audit *r, const char *where, char **out, mb_error *err);
/* The record corrected: ok ones as they were, moved ones with the file's
 * new sha256 and encoding and the new paragraph, sentence, span and quote
 * (other fields, id included, unchanged). MB_EARG for other verdicts.
 * *out is malloc'ed. */
mb_status mb_audit_fixed_json(const mb_audit *r, char **out, mb_error *err);

/* The document as text for a terminal: its paragraphs wrapped to width
 * columns (East Asian wide characters count 2) with every record's span
 * marked, and under each paragraph a table of its records (number, kind,
 * indicator, value with comparator and unit, change, year). Records are
 * numbered from 1 in the order of r. */
typedef struct mb_show_options {
    int color;                 /* ANSI colours instead of plain markers */
    int only_records;          /* leave out paragraphs without records */
    unsigned width;            /* 0: 80; at least 40 */
    int explain;               /* under each table, why each record has its kind, year and change */
    const mb_lexicon *lexicon; /* magnitude words and the yearly suffix of the values shown
                                  (万, 亿, /年); NULL: plain numbers */
} mb_show_options;
mb_status mb_show_render(const mb_doc *doc, const mb_records *r, const mb_show_options *opt, char **out,
                         mb_error *err);

/* A self-contained HTML page (inline CSS and JS, no network) to audit the
 * records of several documents: the paragraphs with numbered highlights
 * and a sortable, filterable table of all records. Add documents one by
 * one (they may be freed after mb_report_add), then take the page. */
typedef struct mb_report mb_report;
mb_status mb_report_new(const char *title, mb_report **out, mb_error *err);
/* The lexicon whose magnitude words and yearly suffix write the values of
 * the table (万, 亿, /年); NULL (the default): plain numbers. It must
 * outlive the report. */
void mb_report_set_lexicon(mb_report *rep, const mb_lexicon *lex);
/* With on, the table gets a last column "why": for each record the rule and
 * the text that set its kind, year and change (mubiao report --explain;
 * the wording of show --explain). Set it before the first mb_report_add. */
void mb_report_set_explain(mb_report *rep, int on);
/* Show only the records of kind (MB_KIND_TARGET or MB_KIND_ACHIEVEMENT;
 * anything else: both), numbered from 1 among those shown; the verdicts
 * and the section of targets and outcomes still pair every record added
 * (mubiao report --kind). Set it before the first mb_report_add. */
void mb_report_set_kind(mb_report *rep, int kind);
/* Add a document and its records. Each record's row has a verdict cell:
 * for a target, the verdict of its indicator and year as mubiao track
 * gives it against the outcomes the documents added report (met, missed,
 * pending, no-data, not-comparable); for an achievement that a target's
 * verdict was decided against, that verdict; empty otherwise. */
mb_status mb_report_add(mb_report *rep, const mb_doc *doc, const mb_records *r, mb_error *err);
/* The page (malloc'ed, NUL-terminated, *len bytes); rep stays usable only
 * for mb_report_free. */
mb_status mb_report_finish(mb_report *rep, char **out, size_t *len, mb_error *err);
void mb_report_free(mb_report *rep);

/* ---- HTML input; ingest into SQLite, query, history (issue 7) ---- */

/* How the document was read: "text" or "html". A file is HTML when its
 * name ends in .html or .htm (any case), or its bytes start, after a BOM
 * and white space, with <!DOCTYPE html, <html, <head or <meta. An HTML
 * page's paragraphs come from its article body (README: HTML input);
 * their offsets are bytes of the HTML file. */
const char *mb_doc_format(const mb_doc *doc);
/* The page's <title>, white space collapsed; NULL for text and for pages
 * without one. */
const char *mb_doc_title(const mb_doc *doc);

/* The files to ingest. Each path given is taken as it is when it is a file
 * (whatever its name), or walked when it is a folder: recursively, names in
 * byte order, names starting with '.' skipped, symbolic links to folders not
 * followed, and only files ending in .txt, .html or .htm (any case) taken.
 * The store itself (skip, and skip-wal, skip-shm, skip-journal) is never
 * taken; skip may be NULL. A path that cannot be read is listed in errors
 * ("PATH: reason") and the others are still collected. */
typedef struct mb_filelist {
    char **paths; /* as given, joined with "/" and the names found under it */
    uint64_t *sizes;
    size_t n, cap;
    char **errors;
    size_t nerrors, caperrors;
    uint64_t total; /* sum of sizes */
    char **skipped; /* "PATH: why" of files left out on purpose: FIFOs, devices and
                       sockets, links out of the folder */
    size_t nskipped, capskipped;
} mb_filelist;
/* flags: MB_WALK_FOLLOW_SYMLINKS takes links to files outside the folder
 * walked (by default they are skipped: a link out of an inbox must not
 * store /etc/passwd). A loop of links is an error. */
#define MB_WALK_FOLLOW_SYMLINKS 1
mb_status mb_files_collect(const char *const *paths, size_t npaths, const char *skip, int flags,
                           mb_filelist *out, mb_error *err);
void mb_filelist_free(mb_filelist *l);

/* The store: an SQLite database (WAL mode) of documents, paragraphs and
 * records. Created when missing; an older schema is migrated, a newer one
 * refused (MB_ESTORE). One store object per thread. */
typedef struct mb_store mb_store;
#define MB_STORE_SCHEMA 3
mb_status mb_store_open(const char *path, mb_store **out, mb_error *err);
void mb_store_close(mb_store *s);

typedef enum mb_ingest_status {
    MB_INGEST_NEW = 0,   /* a path not in the store: added */
    MB_INGEST_UPDATED,   /* a path stored with other content: its rows replaced */
    MB_INGEST_UNCHANGED, /* this path is stored with this content (sha256): skipped */
    MB_INGEST_DUPLICATE  /* a path not in the store whose content is stored under another
                            path (same_as): skipped */
} mb_ingest_status;
const char *mb_ingest_status_name(mb_ingest_status s); /* "new", "updated", "unchanged", "duplicate" */

typedef struct mb_ingest_result {
    mb_ingest_status status;
    uint64_t bytes;    /* size of the file */
    size_t paragraphs; /* stored (new, updated) */
    size_t records;
    char *same_as;   /* duplicate: the stored path; else NULL */
    char **warnings; /* from reading the document (lenient decoding, charset) */
    size_t nwarnings;
} mb_ingest_result;
void mb_ingest_result_clear(mb_ingest_result *r);

/* What ingest gives every document besides its bytes (issue 12). */
typedef struct mb_ingest_options {
    const char *date;   /* the date, YYYY-MM-DD or YYYY (NULL: sidecar, page or text, as extract) */
    const char *issuer; /* the issuer (NULL: sidecar, title or speaker line) */
    int force;          /* read and store again a path stored with this very content */
} mb_ingest_options;
/* Set them for the following ingests (the strings are copied; opt NULL:
 * none). MB_EARG for an invalid date. A path stored with the same content
 * is read again when the date or issuer given, or the bytes of its sidecar
 * FILE.meta.json, differ from when it was stored. */
mb_status mb_store_set_ingest_options(mb_store *s, const mb_ingest_options *opt, mb_error *err);

/* Ingest one file: read it and hash it; skip it when the store holds path
 * with this sha256 (read with the same date, issuer and sidecar), or holds
 * this sha256 and not path; else read it as a
 * document (opt may be NULL), extract its records with m (date from
 * FILE.meta.json, the page or the text) and, in one transaction, replace
 * whatever the store held for path by the document, its paragraphs and its
 * records. res starts as {0}; clear it with mb_ingest_result_clear. */
mb_status mb_store_ingest_file(mb_store *s, const mb_model *m, const char *path, const mb_doc_options *opt,
                               mb_ingest_result *res, mb_error *err);
/* The same for a document read from an open descriptor (standard input: 0;
 * a pipe is accepted), stored under the path name. */
mb_status mb_store_ingest_fd(mb_store *s, const mb_model *m, const char *name, int fd,
                             const mb_doc_options *opt, mb_ingest_result *res, mb_error *err);
/* The same in three steps, so that documents are read and extracted in
 * parallel while one thread writes (ingest --jobs): _begin reads the file,
 * hashes it and looks it up, on the store's thread; *job is NULL when there
 * is nothing more to do (unchanged, duplicate: res says so), else the job
 * to run. mb_ingest_job_run loads the document and extracts its records
 * with m: on any thread, jobs in parallel, the store untouched; its status
 * is the run's (the message is kept for the end). _end, on the store's
 * thread, stores what the run made in one transaction (the file is looked
 * up again under the write lock: a duplicate stored meanwhile is found),
 * fills res and err as mb_store_ingest_file does, and frees the job.
 * mb_ingest_job_free drops a job that will not be ended. */
typedef struct mb_ingest_job mb_ingest_job;
mb_status mb_store_ingest_begin(mb_store *s, const char *path, const mb_doc_options *opt, mb_ingest_job **job,
                                mb_ingest_result *res, mb_error *err);
mb_status mb_store_ingest_begin_fd(mb_store *s, const char *name, int fd, const mb_doc_options *opt,
                                   mb_ingest_job **job, mb_ingest_result *res, mb_error *err);
mb_status mb_ingest_job_run(mb_ingest_job *job, const mb_model *m);
mb_status mb_store_ingest_end(mb_store *s, mb_ingest_job *job, mb_ingest_result *res, mb_error *err);
void mb_ingest_job_free(mb_ingest_job *job);

typedef enum mb_out_format {
    MB_OUT_JSONL = 0, /* one record a line, exactly as mubiao extract prints it */
    MB_OUT_CSV,       /* UTF-8 with a BOM, a header line, RFC 4180 quoting, CRLF */
    MB_OUT_TABLE      /* aligned columns for a terminal (East Asian wide = 2 columns) */
} mb_out_format;
/* "jsonl", "csv", "table" to a format; MB_EARG otherwise. */
mb_status mb_out_format_parse(const char *name, mb_out_format *out);

/* Which records: every field NULL/0 means any. */
typedef struct mb_query {
    const char *kind;      /* "target" or "achievement" */
    int year;              /* the record's year */
    const char *indicator; /* contained in the record's indicator (equal to it when exact) */
    int exact;
    const char *doc; /* the document's path, as stored or the same file written otherwise: relative
                        to the working folder or absolute (compared after making both absolute
                        and removing "." and ".." components, no links resolved) */
    /* (issue 15) */
    const char *from, *to; /* document dates, YYYY-MM-DD or YYYY, inclusive; a year stands for the
                              whole year (a document dated 2014 alone is in --from 2014-06-01);
                              undated documents are left out when either is given */
    const char *unit;      /* the record's unit, exactly (元, %, 家, ...) */
    size_t limit;          /* at most this many records; 0: all */
    const char *sort;      /* NULL or "date": the order above; "year", "value", "indicator",
                              "path": by that first (records without it last), then the order
                              above; a leading "-" reverses the first key. Another name: MB_EARG */
    /* (issue 12) */
    const char *issuer; /* the document's issuer, exactly (国务院, 江苏省人民政府) */
    const char *region; /* the record's region (its own, else its document's): a full name, or a
                           short one of the lexicon set with mb_store_set_lexicon (苏州: 苏州市) */
} mb_query;

/* The lexicon whose magnitude words (万, 亿: class magnitude_word) write the
 * values of table output and of history's "previous" values; NULL (the
 * default): plain numbers. It must outlive the store. */
void mb_store_set_lexicon(mb_store *s, const mb_lexicon *lex);

/* CSV output (query, history) starts with a UTF-8 BOM (bom 1, the default:
 * Excel needs it to read UTF-8) or not (bom 0). */
void mb_store_set_bom(mb_store *s, int bom);

/* The records q selects, in document date order (documents without a date
 * last), then path, then document order; written in format f through w.
 * *nrows (may be NULL) receives the number of records. */
mb_status mb_store_query(mb_store *s, const mb_query *q, mb_out_format f, mb_write_fn w, void *ctx,
                         size_t *nrows, mb_error *err);

/* Every record whose indicator contains indicator (equals it when exact),
 * grouped by indicator, each group in document date order, with each
 * target that has a year and a value compared with the last target of the
 * same indicator, unit, change, period and year in an earlier document:
 * "first", "restated" (same value), "raised" or "lowered". JSON Lines
 * output is the record with "revision": {"status", "previous"} added. */
mb_status mb_store_history(mb_store *s, const char *indicator, int exact, mb_out_format f, mb_write_fn w,
                           void *ctx, size_t *nrows, mb_error *err);

/* ---- track: targets against the outcomes reported for their year (issue 12) ---- */

/* What a target's outcome was (README "Tracking promises"). */
typedef enum mb_track_verdict {
    MB_TRACK_MET = 0,        /* the outcome reached the target (within the tolerance) */
    MB_TRACK_MISSED,         /* it did not */
    MB_TRACK_PENDING,        /* no stored document of the issuer reports on the year yet */
    MB_TRACK_NO_DATA,        /* later documents exist, none reports this indicator for the year */
    MB_TRACK_NOT_COMPARABLE, /* an outcome is reported, in another unit or as another change */
    MB_TRACK_ABSENT          /* stood in the issuer's targets for the year before, and not for this one */
} mb_track_verdict;
const char *mb_track_verdict_name(mb_track_verdict v); /* "met", "missed", "pending", "no-data",
                                                          "not-comparable", "absent" */

/* A quantity as the verdict rule compares it. */
typedef struct mb_track_quantity {
    int has_value, has_range;
    double value, min, max;
    const char *comparator; /* eq gt ge lt le approx range; NULL: eq */
    const char *unit;       /* NULL: none */
    const char *change;     /* increase, decrease, level; NULL: level */
    int points;             /* 1: the unit counts percent or percentage points (cat=percent or ppoint in
                             * the unit lexicon: %, 个百分点), which sets approx's tolerance */
} mb_track_quantity;
/* The verdict rule (README "Tracking promises": one table): MB_TRACK_MET,
 * MB_TRACK_MISSED or MB_TRACK_NOT_COMPARABLE (other unit, other change, no
 * value). lower: less of the indicator is better (polarity=lower in the
 * indicator lexicon: 失业率, 能耗, 居民消费价格). *diff (may be NULL): the
 * outcome less the bound it was compared with; *tol (may be NULL): the
 * tolerance used (approx: 0.1 when the target's points is set, else 2% of
 * the target). */
mb_track_verdict mb_track_compare(const mb_track_quantity *target, const mb_track_quantity *outcome,
                                  int lower, double *diff, double *tol);

typedef enum mb_track_format {
    MB_TRACK_TABLE = 0, /* aligned columns for a terminal */
    MB_TRACK_JSONL,     /* one verdict a line, schema mubiao/track/v1 */
    MB_TRACK_CSV,       /* UTF-8 (BOM as mb_store_set_bom), RFC 4180, CRLF */
    MB_TRACK_HTML       /* a page with a chart (inline SVG) per series and the table */
} mb_track_format;
/* "table", "jsonl", "csv", "html"; MB_EARG otherwise. */
mb_status mb_track_format_parse(const char *name, mb_track_format *out);

/* Which targets: every field NULL/0 means any. */
typedef struct mb_track_query {
    const char *const *indicators; /* each contained in the record's indicator (equal with
                                      exact), or naming its lexicon id (GDP: 国内生产总值) */
    size_t nindicators;            /* 0: every indicator */
    int exact;
    const char *issuer; /* documents of this issuer */
    const char *region; /* records about this region (as mb_query.region) */
    int year;           /* targets for this year */
} mb_track_query;
/* Every stored target with a year and a value, grouped by indicator (its
 * lexicon id, else its text), region, unit, change, period and year, with
 * the achievement reported for the same in a document of a later year, and
 * its verdict (README "Tracking promises"), written in format f through w.
 * *nrows (may be NULL): the number of verdicts. */
mb_status mb_store_track(mb_store *s, const mb_track_query *q, mb_track_format f, mb_write_fn w, void *ctx,
                         size_t *nrows, mb_error *err);

/* ---- whole documents as JSON Lines (issue 15: the Python package) ---- */

/* Release a string the library malloc'ed (the *out of mb_emit_*,
 * mb_extract_jsonl, ...): free() of the C library the library uses, for
 * callers that are not C (ctypes, cffi). */
void mb_free(void *p);
/* The dictionary of an installed mubiao: PREFIX/share/mubiao/mubiao.dict of
 * the PREFIX the library was built for (a static string). */
const char *mb_default_dict(void);
/* The parts of an open model (valid while it is open): the compiled
 * dictionary, the user dictionaries compiled over it (NULL: none), the
 * recognizer. */
const mb_dict *mb_model_dict(const mb_model *m);
const mb_dict *mb_model_user_dict(const mb_model *m);
const mb_recognizer *mb_model_recognizer(const mb_model *m);

/* The records of doc (mb_extract with date) as JSON Lines in memory: each
 * record exactly as mb_emit_record gives it with flags (MB_EMIT_EXPLAIN;
 * MB_EMIT_PRETTY is ignored: one record a line), followed by "\n" — what
 * `mubiao extract` prints for the document. *out is malloc'ed and
 * NUL-terminated (free with mb_free), *len (may be NULL) its length; ""
 * when there is no record. */
mb_status mb_extract_jsonl(const mb_model *m, const mb_doc *doc, const char *date, int flags, char **out,
                           size_t *len, mb_error *err);
/* The words of each line of doc's normalized text, as `mubiao segment
 * --json` prints them: one object a line that has words, {"path", "line"
 * (1-based), "tokens": [{"text", "start", "end" (source byte offsets),
 * "tag"}]}, each followed by "\n", written through w (MB_EIO when w fails). */
mb_status mb_segment_write(const mb_dict *dict, const mb_dict *user, const mb_doc *doc, mb_write_fn w,
                           void *ctx, mb_error *err);
/* Every quantity and time expression of doc's sentences, as `mubiao
 * numbers` prints them (mb_emit_quantity, mb_emit_timex; in text order),
 * each followed by "\n", written through w. doc_year as for mb_recognize. */
mb_status mb_numbers_write(const mb_recognizer *r, const mb_doc *doc, int doc_year, mb_write_fn w, void *ctx,
                           mb_error *err);

#ifdef __cplusplus
}
#endif
#endif
