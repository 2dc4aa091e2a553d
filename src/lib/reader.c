/* reader.c — a large file read in pieces (owns: where a file is cut, the
 * first pass that hashes it and tells whether it is UTF-8, and the bases —
 * offset, paragraph, line, character — each piece carries; mubiao.h says
 * what a caller sees).
 *
 * A piece ends after a line break: after the last blank line of its second
 * half when there is one (reflow never joins a paragraph across a blank
 * line, so the paragraphs are those of the whole file), else after its last
 * line break, else after the first line break past it, up to
 * MB_LINE_CAP_PIECES pieces. In UTF-16 a line break is the unit 0x000A at
 * an even offset. The file is read with read(2) into one buffer of at most
 * that cap: peak memory is about a piece and what the pipeline makes of it,
 * whatever the file's size. */
#include "decode.h"
#include "doc_internal.h"
#include "error.h"
#include "hash.h"
#include "html.h"
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct mb_reader {
    char *path;
    mb_doc_options opt;
    int fd;       /* the open file; -1 once done */
    int whole;    /* one piece: the document mb_doc_load_file would give, read from fd */
    int done;     /* the last piece was given */
    size_t piece; /* piece size */
    size_t cap;   /* the most a piece may hold (a long line) */
    int unit;     /* 1, or 2 for UTF-16 */
    int be;       /* UTF-16 big-endian */
    unsigned char *buf;
    size_t len; /* bytes in buf */
    size_t off; /* file offset of buf[0] */
    int eof;
    char sha256[65];
    const char *encoding; /* for the pieces after the first; NULL: detect on the first */
    /* what the first pass found wrong, reported before any piece: a NUL
     * byte (always), the first bad UTF-8 sequence (if UTF-8 is what the
     * file is read as, and not leniently) */
    mb_error binary, bad_utf8;
    int has_binary, has_bad_utf8;
    /* bases of the next piece */
    size_t para_base;
    unsigned line_base;
    uint32_t char_base;
    size_t npieces;
    size_t read_to; /* the end of the bytes decoded so far (their warnings given) */
};

/* Is unit i (byte offset i, a multiple of unit) of b a line feed? */
static int is_lf(const mb_reader *r, const unsigned char *b, size_t i)
{
    if (r->unit == 1)
        return b[i] == '\n';
    return r->be ? b[i] == 0 && b[i + 1] == '\n' : b[i] == '\n' && b[i + 1] == 0;
}

static int is_blank_unit(const mb_reader *r, const unsigned char *b, size_t i)
{
    unsigned c = r->unit == 1 ? b[i] : r->be ? (b[i] ? 0x100u : b[i + 1]) : (b[i + 1] ? 0x100u : b[i]);
    return c == ' ' || c == '\t' || c == '\r';
}

/* The first line break in b[0..n) (the unit's offset), or n. */
static size_t first_lf(const mb_reader *r, const unsigned char *b, size_t n)
{
    if (r->unit == 1) {
        const unsigned char *z = memchr(b, '\n', n);
        return z ? (size_t)(z - b) : n;
    }
    for (size_t i = 0; i + 2 <= n; i += 2)
        if (is_lf(r, b, i))
            return i;
    return n;
}

/* The last line break in b[0..n), or n when there is none. */
static size_t last_lf(const mb_reader *r, const unsigned char *b, size_t n)
{
    for (size_t i = n - n % (size_t)r->unit; i >= (size_t)r->unit;) {
        i -= (size_t)r->unit;
        if (is_lf(r, b, i))
            return i;
    }
    return n;
}

/* Where the piece in buf[0..len) ends (the byte after a line break), 0
 * when none ends there yet. */
static size_t cut_at(const mb_reader *r)
{
    size_t u = (size_t)r->unit;
    size_t lim = r->len < r->piece ? r->len : r->piece;
    lim -= lim % u;
    /* the last blank line in the second half: LF [ \t\r]* LF */
    for (size_t i = lim; i >= u && i - u >= lim / 2;) {
        i -= u;
        if (!is_lf(r, r->buf, i))
            continue;
        size_t k = i;
        while (k >= u && is_blank_unit(r, r->buf, k - u))
            k -= u;
        if (k >= u && is_lf(r, r->buf, k - u))
            return i + u;
    }
    size_t k = last_lf(r, r->buf, lim); /* the last line break */
    if (k < lim)
        return k + u;
    k = lim + first_lf(r, r->buf + lim, r->len - lim); /* a long line: the first break after it */
    return k < r->len ? k + u : 0;
}

/* Read until buf holds want bytes or the file ends. */
static mb_status fill(mb_reader *r, size_t want, mb_error *err)
{
    if (want > r->cap)
        want = r->cap;
    while (!r->eof && r->len < want) {
        ssize_t k = read(r->fd, r->buf + r->len, want - r->len);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return mb_error_set(err, MB_EIO, "%s: byte %zu: %s", r->path, r->off + r->len, strerror(errno));
        }
        if (k == 0)
            r->eof = 1;
        r->len += (size_t)k;
        if ((uint64_t)(r->off + r->len) > (r->opt.max_size ? r->opt.max_size : MB_MAX_FILE_SIZE))
            return mb_error_set(err, MB_ETOOBIG, "%s: more than %llu bytes, over the limit: not read",
                                r->path,
                                (unsigned long long)(r->opt.max_size ? r->opt.max_size : MB_MAX_FILE_SIZE));
    }
    return MB_OK;
}

/* The next piece's bytes: buf[0..*n). 0 bytes at the end of the file. */
static mb_status next_bytes(mb_reader *r, size_t *n, mb_error *err)
{
    mb_status st = fill(r, r->piece, err);
    if (st)
        return st;
    size_t cut = 0;
    if (r->eof && r->len <= r->piece)
        cut = r->len;
    else {
        cut = cut_at(r);
        if (!cut) { /* no line break in a piece: read on, up to the cap */
            st = fill(r, r->cap, err);
            if (st)
                return st;
            cut = cut_at(r);
            if (!cut && r->eof)
                cut = r->len;
            if (!cut)
                return mb_error_set(
                    err, MB_ETOOBIG,
                    "%s: byte %zu: no line break in the next %zu bytes (a large file is read in "
                    "pieces of %zu bytes cut at line ends)",
                    r->path, r->off, r->cap, r->piece);
        }
    }
    *n = cut;
    return MB_OK;
}

/* Drop the first n bytes of buf (a piece given). */
static void consume(mb_reader *r, size_t n)
{
    memmove(r->buf, r->buf + n, r->len - n);
    r->len -= n;
    r->off += n;
}

/* The first pass reads the file in chunks of at most this many bytes (a
 * piece's when smaller) into the start of buf: a buffer that stays in the
 * cache is filled about seven times faster than one of a piece, which the
 * copy out of the page cache finds cold every time (30 MB: 2.5 against 17
 * ms on the bench machine). */
#define PASS_CHUNK ((size_t)128 << 10)

/* Where a chunk of UTF-8 in b[0..n) (n >= 4) may end so that no character
 * is cut: before a character the chunk holds only the start of, else n.
 * Cut there, a text is valid UTF-8 exactly when both sides are. */
static size_t char_cut(const unsigned char *b, size_t n)
{
    size_t i = n, k = 0;
    while (k < 3 && (b[i - 1] & 0xC0) == 0x80) {
        i--;
        k++;
    }
    unsigned char lead = b[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > n - (i - 1) ? i - 1 : n;
}

/* The first pass: the whole file's hash (when hash), whether it is UTF-8,
 * and a line too long for a piece (the pieces are cut at line breaks and
 * begin at the start of a line: one that runs on for cap bytes without a
 * break leaves none to cut at), all refused before any piece is given. */
static mb_status first_pass(mb_reader *r, int hash, int *utf8, mb_error *err)
{
    mb_sha256_stream *h = hash ? mb_sha256_stream_new() : NULL;
    if (hash && !h)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", r->path);
    *utf8 = r->unit == 1;
    size_t chunk = r->piece < PASS_CHUNK ? r->piece : PASS_CHUNK;
    chunk -= chunk % (size_t)r->unit;
    size_t line = 0; /* the file offset of the line the chunks have reached */
    mb_status st = MB_OK;
    for (;;) {
        if ((st = fill(r, chunk, err)) != MB_OK || r->len == 0)
            break;
        size_t n = r->len;
        if (!r->eof) /* whole characters (or units); the rest waits for the next chunk */
            n = r->unit == 1 ? char_cut(r->buf, n) : n - n % (size_t)r->unit;
        size_t lf = first_lf(r, r->buf, n);
        size_t at = lf < n ? r->off + lf : r->off + n; /* the line runs on to here at least */
        if (at - line >= r->cap) { /* no break in [line, line + cap): the piece at line could not be cut */
            st = mb_error_set(err, MB_ETOOBIG,
                              "%s: byte %zu: no line break in the next %zu bytes (a large file is read in "
                              "pieces of %zu bytes cut at line ends)",
                              r->path, line, r->cap, r->piece);
            break;
        }
        if (lf < n)
            line = r->off + last_lf(r, r->buf, n) + (size_t)r->unit;
        if (h)
            mb_sha256_stream_add(h, r->buf, n);
        const unsigned char *z = r->unit == 1 && !r->has_binary ? memchr(r->buf, 0, n) : NULL;
        if (z) {
            r->has_binary = 1;
            mb_error_set(&r->binary, MB_EBINARY, "%s: byte %zu: NUL byte: binary file, not text", r->path,
                         r->off + (size_t)(z - r->buf));
        }
        if (*utf8 && !mb_utf8_valid(r->buf, n)) {
            *utf8 = 0;
            if (!r->has_bad_utf8) { /* the decoder's message, with the offset in the file */
                mb_text t;
                mb_text_init(&t);
                const char *enc;
                r->has_bad_utf8 = mb_decode_at(r->path, r->buf, n, r->off, 0, "utf-8", 0, NULL, &t, &enc,
                                               NULL, &r->bad_utf8) != MB_OK;
                mb_text_free(&t);
            }
        }
        consume(r, n);
    }
    if (h)
        mb_sha256_stream_hex(h, r->sha256);
    if (st)
        return st;
    if (lseek(r->fd, 0, SEEK_SET) != 0)
        return mb_error_set(err, MB_EIO, "%s: %s", r->path, strerror(errno));
    r->len = r->off = 0;
    r->eof = 0;
    return MB_OK;
}

mb_status mb_reader_open(const char *path, const mb_doc_options *opt, mb_reader **out, mb_error *err)
{
    *out = NULL;
    mb_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path))) {
        free(r);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
    }
    r->fd = -1;
    if (opt)
        r->opt = *opt;
    r->piece = r->opt.piece_size ? r->opt.piece_size : MB_PIECE_SIZE;
    if (r->piece < 16)
        r->piece = 16;
    r->cap = r->piece * MB_LINE_CAP_PIECES;
    *out = r;
    mb_read_opts ro = {r->opt.max_size, r->opt.regular_only, r->opt.root, r->opt.encoding};
    int fd;
    mb_status st = mb_open_path(path, &ro, &fd, err);
    if (st)
        return st;
    struct stat sb;
    r->fd = fd;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size <= r->piece) {
        r->whole = 1; /* read whole, with all of mb_read_fd's checks */
        return MB_OK;
    }
    uint64_t max = r->opt.max_size ? r->opt.max_size : MB_MAX_FILE_SIZE;
    if ((uint64_t)sb.st_size > max || (uint64_t)sb.st_size > MB_MAX_FILE_SIZE_HARD)
        return mb_error_set(err, MB_ETOOBIG, "%s: %llu bytes, over the limit of %llu bytes: not read", path,
                            (unsigned long long)sb.st_size, (unsigned long long)max);
    r->buf = malloc(r->cap);
    if (!r->buf)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", path);
    /* what the first bytes say: a page is read whole; UTF-16 is cut by units */
    if ((st = fill(r, r->cap < 4096 ? r->cap : 4096, err)) != MB_OK)
        return st;
    const char *forced = r->opt.encoding ? mb_encoding_canonical(r->opt.encoding) : NULL;
    if (mb_html_sniff(path, r->buf, r->len) || (r->opt.encoding && !forced)) {
        /* a page is read whole; an unknown encoding: the decoding names it */
        if (lseek(r->fd, 0, SEEK_SET) != 0)
            return mb_error_set(err, MB_EIO, "%s: %s", r->path, strerror(errno));
        r->len = 0;
        r->whole = 1;
        return MB_OK;
    }
    int le_bom = r->len >= 2 && r->buf[0] == 0xFF && r->buf[1] == 0xFE;
    int be_bom = r->len >= 2 && r->buf[0] == 0xFE && r->buf[1] == 0xFF;
    if (forced && !strncmp(forced, "utf-16", 6)) {
        r->unit = 2;
        r->be = !strcmp(forced, "utf-16be") || (!strcmp(forced, "utf-16") && !le_bom);
    } else if (!forced && (le_bom || be_bom)) {
        r->unit = 2;
        r->be = be_bom;
    } else
        r->unit = 1;
    /* a document of lines (mb_doc_options.lines_only) hashes a piece on
     * demand: its own bytes */
    int utf8 = 0;
    if ((!r->opt.lines_only || !forced) && (st = first_pass(r, !r->opt.lines_only, &utf8, err)) != MB_OK)
        return st;
    r->encoding = forced ? NULL : utf8 ? "utf-8" : NULL; /* NULL: the first piece detects */
    if (forced && strcmp(forced, "utf-16"))
        r->encoding = forced;
    return MB_OK;
}

/* The byte offset in buf of the start of the line holding byte i. */
static size_t line_start(const mb_reader *r, size_t i)
{
    size_t u = (size_t)r->unit;
    i -= i % u;
    while (i >= u && !is_lf(r, r->buf, i - u))
        i -= u;
    return i;
}

/* How many of a piece's paragraphs to keep: reflow decides where a
 * paragraph ends from the lines around it (reflow.c: up to 8 either side)
 * and the last one may go on past the cut, so the last paragraph and any
 * that starts in the piece's last HOLD_LINES lines are left to the next
 * piece, which starts at the line of the first of them. (size_t)-1: keep
 * all (the piece is one paragraph, a long one: it is cut at the line
 * break). */
#define HOLD_LINES 16
static size_t hold_back(const mb_reader *r, const mb_doc *d, size_t n, unsigned last_line)
{
    size_t np = mb_doc_paragraph_count(d);
    if (np < 2)
        return (size_t)-1;
    size_t keep = np - 1;
    while (keep > 1 && mb_doc_paragraph(d, keep - 1)->line + HOLD_LINES > last_line)
        keep--;
    const mb_paragraph *p = mb_doc_paragraph(d, keep);
    size_t base = mb_doc_source_base(d);
    if (p->src_start < base || p->src_start - base >= n)
        return (size_t)-1;
    size_t at = line_start(r, p->src_start - base);
    return at > 0 ? keep : (size_t)-1;
}

static mb_status fail_with(mb_error *err, const mb_error *found)
{
    if (err)
        *err = *found;
    return found->code;
}

mb_status mb_reader_next(mb_reader *r, mb_doc **piece, mb_error *err)
{
    *piece = NULL;
    if (r->done)
        return MB_OK;
    if (r->whole) {
        r->done = 1;
        r->npieces = 1;
        mb_status st = mb_doc_load_fd(r->path, r->fd, &r->opt, piece, err);
        close(r->fd);
        r->fd = -1;
        return st;
    }
    size_t n = 0;
    mb_status st = next_bytes(r, &n, err);
    if (st)
        return st;
    if (n == 0 && r->npieces) {
        r->done = 1;
        return MB_OK;
    }
    if (r->has_binary) {
        r->done = 1;
        return fail_with(err, &r->binary);
    }
    unsigned char *bytes = malloc(n ? n : 1);
    if (!bytes)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", r->path);
    memcpy(bytes, r->buf, n);
    size_t base = r->off;
    mb_piece_at at = {base,
                      r->para_base,
                      r->line_base,
                      r->char_base,
                      r->encoding  ? r->encoding
                      : r->npieces ? NULL
                                   : r->opt.encoding,
                      r->sha256[0] ? r->sha256 : NULL,
                      r->read_to};
    st = mb_doc_build_piece(r->path, bytes, n, &r->opt, &at, piece, err);
    if (st)
        return st;
    if (!r->encoding) /* what the first piece was read as, the rest are */
        r->encoding = mb_doc_encoding(*piece);
    if (r->has_bad_utf8 && !r->opt.lenient && !strcmp(r->encoding, "utf-8")) {
        mb_doc_free(*piece); /* mostly UTF-8: fail before any piece, as a whole file would */
        *piece = NULL;
        r->done = 1;
        return fail_with(err, &r->bad_utf8);
    }
    r->npieces++;
    unsigned breaks = mb_doc_line_breaks(*piece);
    size_t keep = r->opt.lines_only || (r->eof && r->len == n)
                      ? (size_t)-1
                      : hold_back(r, *piece, n, r->line_base + breaks);
    if (keep == (size_t)-1) { /* the piece as cut */
        consume(r, n);
        r->para_base += mb_doc_paragraph_count(*piece);
        r->line_base += breaks;
        r->char_base = mb_doc_chars_before(*piece, base + n);
    } else { /* the next piece starts at the line of paragraph keep */
        const mb_paragraph *p = mb_doc_paragraph(*piece, keep);
        size_t next = line_start(r, p->src_start - base) + base;
        r->para_base += keep;
        r->line_base = p->line - 1;
        r->char_base = mb_doc_chars_before(*piece, next);
        mb_doc_keep_paragraphs(*piece, keep);
        consume(r, next - base);
    }
    if (base + n > r->read_to)
        r->read_to = base + n;
    if (r->eof && r->len == 0)
        r->done = 1;
    return MB_OK;
}

size_t mb_reader_pieces(const mb_reader *r)
{
    return r->npieces;
}

void mb_reader_close(mb_reader *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    free(r->buf);
    free(r->path);
    free(r);
}
