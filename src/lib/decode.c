/* decode.c — source bytes to UTF-8 with iconv(3), keeping for every output
 * byte the source bytes of its character.
 *
 * How: UTF-8 is validated and copied (the map is each character's own byte
 * range). Every other encoding is cut into characters here (GB18030: 1, 2
 * or 4 bytes; Big5: 1 or 2; UTF-16: 2 or 4), so that bad sequences are
 * found at their exact offset, and runs of well-formed characters are
 * converted by iconv to UTF-32LE in one call; when iconv's output does not
 * have one code point per character, the run is converted again one
 * character at a time. A character iconv cannot map is a bad sequence too. */
#include "decode.h"

#include "error.h"
#include "lexicon.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum enc { ENC_UTF8, ENC_GB18030, ENC_BIG5, ENC_UTF16LE, ENC_UTF16BE, ENC_UTF16 };

/* Canonical names, indexed by enum enc; ENC_UTF16 (BOM, else big-endian)
 * is only a request and resolves to one of the two others. */
static const char *const enc_names[] = {"utf-8", "gb18030", "big5", "utf-16le", "utf-16be", "utf-16"};
static const char *const enc_iconv[] = {"UTF-8", "GB18030", "BIG5", "UTF-16LE", "UTF-16BE", "UTF-16BE"};

static const struct {
    const char *alias;
    enum enc e;
} aliases[] = {
    {"utf-8", ENC_UTF8},       {"utf8", ENC_UTF8},       {"gb18030", ENC_GB18030},  {"gbk", ENC_GB18030},
    {"gb2312", ENC_GB18030},   {"cp936", ENC_GB18030},   {"big5", ENC_BIG5},        {"cp950", ENC_BIG5},
    {"utf-16", ENC_UTF16},     {"utf16", ENC_UTF16},     {"utf-16le", ENC_UTF16LE}, {"utf16le", ENC_UTF16LE},
    {"utf-16be", ENC_UTF16BE}, {"utf16be", ENC_UTF16BE},
};

#define NALIASES       (sizeof aliases / sizeof aliases[0])
#define MAX_WARN       20    /* warnings kept per input; then one "N more" line */
#define RUN_CHARS      16384 /* characters converted by one iconv call */
#define SAMPLE         65536 /* bytes scored when choosing GB18030 or Big5 */
#define UTF8_ERR_RATIO 8     /* >= this many valid multibyte UTF-8 sequences per bad one: UTF-8 with errors */

static int find_alias(const char *name, enum enc *e)
{
    for (size_t i = 0; i < NALIASES; i++)
        if (!strcasecmp(name, aliases[i].alias)) {
            *e = aliases[i].e;
            return 1;
        }
    return 0;
}

const char *mb_encoding_canonical(const char *name)
{
    enum enc e;
    return name && find_alias(name, &e) ? enc_names[e] : NULL;
}

/* ---- characters of each encoding ---- */

enum scan {
    SC_OK,    /* a well-formed character of *len bytes */
    SC_BAD,   /* not valid: replace *len bytes; *seen bytes were looked at */
    SC_TRUNC, /* the input ends inside a character */
    SC_NUL    /* a NUL character: binary */
};

static enum scan scan_utf8(const unsigned char *p, size_t m, size_t *len, size_t *seen)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *len = *seen = 1;
        return c ? SC_OK : SC_NUL;
    }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        *len = *seen = 1;
        return SC_BAD;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= m) {
            *len = *seen = m;
            return SC_TRUNC;
        }
        if (p[i] < lo || p[i] > hi) {
            *len = i; /* the maximal well-formed prefix is one replacement */
            *seen = i + 1;
            return SC_BAD;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    *len = *seen = need;
    return SC_OK;
}

/* GB18030: 00-7F; [81-FE][40-7E,80-FE]; [81-FE][30-39][81-FE][30-39].
 * A bad sequence is replaced one byte at a time, so that an ASCII byte
 * after a bad lead byte is kept. */
static enum scan scan_gb18030(const unsigned char *p, size_t m, size_t *len, size_t *seen)
{
    unsigned c = p[0];
    *len = 1;
    if (c < 0x80) {
        *seen = 1;
        return c ? SC_OK : SC_NUL;
    }
    if (c == 0x80 || c == 0xFF) {
        *seen = 1;
        return SC_BAD;
    }
    if (m < 2)
        goto trunc;
    unsigned b = p[1];
    if (b >= 0x40 && b <= 0xFE && b != 0x7F) {
        *len = *seen = 2;
        return SC_OK;
    }
    if (b < 0x30 || b > 0x39) {
        *seen = 2;
        return SC_BAD;
    }
    if (m < 3)
        goto trunc;
    if (p[2] < 0x81 || p[2] > 0xFE) {
        *seen = 3;
        return SC_BAD;
    }
    if (m < 4)
        goto trunc;
    if (p[3] < 0x30 || p[3] > 0x39) {
        *seen = 4;
        return SC_BAD;
    }
    *len = *seen = 4;
    return SC_OK;
trunc:
    *len = *seen = m;
    return SC_TRUNC;
}

/* Big5: 00-7F; [81-FE][40-7E,A1-FE]. */
static enum scan scan_big5(const unsigned char *p, size_t m, size_t *len, size_t *seen)
{
    unsigned c = p[0];
    *len = 1;
    if (c < 0x80) {
        *seen = 1;
        return c ? SC_OK : SC_NUL;
    }
    if (c == 0x80 || c == 0xFF) {
        *seen = 1;
        return SC_BAD;
    }
    if (m < 2) {
        *len = *seen = m;
        return SC_TRUNC;
    }
    unsigned b = p[1];
    if ((b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE)) {
        *len = *seen = 2;
        return SC_OK;
    }
    *seen = 2;
    return SC_BAD;
}

static unsigned unit16(const unsigned char *p, int be)
{
    return be ? (unsigned)p[0] << 8 | p[1] : (unsigned)p[1] << 8 | p[0];
}

/* UTF-16: a unit, or a high and a low surrogate. */
static enum scan scan_utf16(const unsigned char *p, size_t m, int be, size_t *len, size_t *seen)
{
    if (m < 2) {
        *len = *seen = m;
        return SC_TRUNC;
    }
    unsigned u = unit16(p, be);
    *len = *seen = 2;
    if (u == 0)
        return SC_NUL;
    if (u >= 0xDC00 && u <= 0xDFFF)
        return SC_BAD;
    if (u < 0xD800 || u > 0xDBFF)
        return SC_OK;
    if (m < 4) {
        *len = *seen = m;
        return SC_TRUNC;
    }
    unsigned v = unit16(p + 2, be);
    if (v < 0xDC00 || v > 0xDFFF) {
        *seen = 4;
        return SC_BAD;
    }
    *len = *seen = 4;
    return SC_OK;
}

static enum scan scan_char(enum enc e, const unsigned char *p, size_t m, size_t *len, size_t *seen)
{
    switch (e) {
    case ENC_GB18030: return scan_gb18030(p, m, len, seen);
    case ENC_BIG5: return scan_big5(p, m, len, seen);
    case ENC_UTF16LE: return scan_utf16(p, m, 0, len, seen);
    case ENC_UTF16BE:
    case ENC_UTF16: return scan_utf16(p, m, 1, len, seen);
    case ENC_UTF8: break;
    }
    return scan_utf8(p, m, len, seen);
}

/* ---- the decoder ---- */

typedef struct dec {
    const char *name;
    const unsigned char *src;
    size_t n; /* decode src[..n) */
    enum enc e;
    int lenient;
    int sample; /* scoring a sample: an incomplete character at n is not an error */
    mb_text *out;
    mb_strlist *warnings; /* may be NULL */
    size_t nbad;          /* bad sequences replaced */
    size_t base;          /* source offset of src[0] in the file (messages) */
    size_t quiet_to;      /* file offsets below it were warned about already (a piece read again) */
    mb_error *err;
    iconv_t cd;
    size_t *starts;     /* RUN_CHARS + 1 character starts */
    unsigned char *u32; /* iconv output for one run */
    size_t u32cap;
} dec;

static mb_status nomem(dec *d)
{
    return mb_error_set(d->err, MB_ENOMEM, "%s: out of memory while decoding", d->name);
}

static mb_status put_cp(mb_text *t, uint32_t cp, uint32_t so, uint32_t eo)
{
    if (t->len + 5 > t->cap && mb_text_reserve(t, 4))
        return MB_ENOMEM;
    int k = cp <= 0x10FFFF ? mb_utf8_encode((int32_t)cp, t->s + t->len) : 0;
    if (k == 0)
        k = mb_utf8_encode(0xFFFD, t->s + t->len);
    if (mb_text_map(t, (size_t)k, so, eo))
        return MB_ENOMEM;
    t->len += (size_t)k;
    return MB_OK;
}

static void hex_bytes(const unsigned char *p, size_t k, char *buf)
{
    static const char hx[] = "0123456789ABCDEF";
    if (k > 4)
        k = 4;
    for (size_t i = 0; i < k; i++) {
        if (i)
            *buf++ = ' ';
        *buf++ = '0';
        *buf++ = 'x';
        *buf++ = hx[p[i] >> 4];
        *buf++ = hx[p[i] & 15];
    }
    *buf = '\0';
}

/* A bad or truncated sequence of len bytes at pos (seen bytes looked at):
 * an error, or U+FFFD and a warning when lenient. */
static mb_status bad_seq(dec *d, size_t pos, size_t len, size_t seen, int trunc)
{
    if (d->sample) {
        d->nbad++;
        return put_cp(d->out, 0xFFFD, (uint32_t)pos, (uint32_t)(pos + len)) ? nomem(d) : MB_OK;
    }
    char hex[32];
    hex_bytes(d->src + pos, seen, hex);
    const char *what = trunc ? "truncated" : "invalid";
    const char *where = trunc ? " at end of input" : "";
    const char *enc = enc_names[d->e];
    if (!d->lenient)
        return mb_error_set(d->err, MB_EDECODE, "%s: byte %zu: %s %s sequence%s (%s)", d->name, d->base + pos,
                            what, enc, where, hex);
    if (d->base + pos < d->quiet_to) /* said when this piece's start was read first */
        return put_cp(d->out, 0xFFFD, (uint32_t)pos, (uint32_t)(pos + len)) ? nomem(d) : MB_OK;
    d->nbad++;
    if (d->warnings && d->nbad <= MAX_WARN &&
        mb_strlist_addf(d->warnings, "%s: byte %zu: %s %s sequence%s (%s) replaced by U+FFFD", d->name,
                        d->base + pos, what, enc, where, hex))
        return nomem(d);
    return put_cp(d->out, 0xFFFD, (uint32_t)pos, (uint32_t)(pos + len)) ? nomem(d) : MB_OK;
}

static mb_status binary(dec *d, size_t pos)
{
    if (d->e == ENC_UTF16LE || d->e == ENC_UTF16BE)
        return mb_error_set(d->err, MB_EBINARY,
                            "%s: byte %zu: NUL character (U+0000 in %s): binary file, not text", d->name,
                            d->base + pos, enc_names[d->e]);
    return mb_error_set(d->err, MB_EBINARY, "%s: byte %zu: NUL byte: binary file, not text", d->name,
                        d->base + pos);
}

static mb_status put_u32(dec *d, const unsigned char *u, size_t k, size_t so, size_t eo)
{
    for (size_t j = 0; j < k; j++) {
        const unsigned char *q = u + 4 * j;
        uint32_t cp = (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
        if (put_cp(d->out, cp, (uint32_t)so, (uint32_t)eo))
            return nomem(d);
    }
    return MB_OK;
}

/* Convert characters st[0..k) one at a time; *done = index of the first
 * one iconv rejects (k when none). */
static mb_status convert_each(dec *d, const size_t *st, size_t k, size_t *done)
{
    unsigned char buf[64];
    for (size_t i = 0; i < k; i++) {
        char *in = (char *)(d->src + st[i]), *out = (char *)buf;
        size_t inleft = st[i + 1] - st[i], outleft = sizeof buf;
        iconv(d->cd, NULL, NULL, NULL, NULL);
        if (iconv(d->cd, &in, &inleft, &out, &outleft) == (size_t)-1 ||
            iconv(d->cd, NULL, NULL, &out, &outleft) == (size_t)-1) {
            *done = i;
            return MB_OK;
        }
        mb_status s = put_u32(d, buf, (sizeof buf - outleft) / 4, st[i], st[i + 1]);
        if (s)
            return s;
    }
    *done = k;
    return MB_OK;
}

/* Convert well-formed characters st[0..k) (st[k] is the end of the last)
 * in one iconv call; *done = index of the first character iconv rejects. */
static mb_status convert_run(dec *d, const size_t *st, size_t k, size_t *done)
{
    char *in = (char *)(d->src + st[0]), *out = (char *)d->u32;
    size_t inleft = st[k] - st[0], outleft = d->u32cap;
    iconv(d->cd, NULL, NULL, NULL, NULL);
    size_t r = iconv(d->cd, &in, &inleft, &out, &outleft);
    if (r != (size_t)-1 && iconv(d->cd, NULL, NULL, &out, &outleft) == (size_t)-1)
        r = (size_t)-1;
    size_t got = (d->u32cap - outleft) / 4;
    size_t upto = k; /* characters the output is for */
    if (r == (size_t)-1) {
        if (errno == E2BIG)
            return convert_each(d, st, k, done);
        /* stopped at a character iconv cannot map: which one? */
        size_t q = (size_t)((const unsigned char *)in - d->src), lo = 0, hi = k;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (st[mid] < q)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == k || st[lo] != q)
            return convert_each(d, st, k, done);
        upto = lo;
    }
    if (got != upto) /* not one code point per character */
        return convert_each(d, st, k, done);
    mb_text *t = d->out;
    if (t->len + 4 * upto + 1 > t->cap && mb_text_reserve(t, 4 * upto))
        return nomem(d);
    for (size_t i = 0; i < upto; i++) {
        const unsigned char *p = d->u32 + 4 * i;
        uint32_t cp = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        uint32_t so = (uint32_t)st[i], eo = (uint32_t)st[i + 1];
        int m = 1;
        if (cp < 0x80)
            t->s[t->len] = (char)cp;
        else if ((m = cp <= 0x10FFFF ? mb_utf8_encode((int32_t)cp, t->s + t->len) : 0) == 0)
            m = mb_utf8_encode(0xFFFD, t->s + t->len);
        if (mb_text_map(t, (size_t)m, so, eo))
            return nomem(d);
        t->len += (size_t)m;
    }
    *done = upto;
    return MB_OK;
}

static mb_status decode_iconv(dec *d, size_t pos)
{
    d->cd = iconv_open("UTF-32LE", enc_iconv[d->e]);
    if (d->cd == (iconv_t)-1) {
        d->cd = NULL;
        return mb_error_set(d->err, MB_EENCODING, "%s: iconv cannot convert from %s", d->name,
                            enc_names[d->e]);
    }
    d->starts = malloc((RUN_CHARS + 1) * sizeof *d->starts);
    d->u32cap = 4 * RUN_CHARS + 64;
    d->u32 = malloc(d->u32cap);
    if (!d->starts || !d->u32)
        return nomem(d);
    while (pos < d->n) {
        size_t k = 0, p = pos, len = 0, seen = 0;
        enum scan r = SC_OK;
        while (p < d->n && k < RUN_CHARS) {
            r = scan_char(d->e, d->src + p, d->n - p, &len, &seen);
            if (r != SC_OK)
                break;
            d->starts[k++] = p;
            p += len;
        }
        d->starts[k] = p;
        for (size_t i = 0; i < k;) {
            size_t done;
            mb_status s = convert_run(d, d->starts + i, k - i, &done);
            if (s)
                return s;
            i += done;
            if (i < k) { /* well-formed but without a Unicode mapping */
                size_t a = d->starts[i], b = d->starts[i + 1];
                s = bad_seq(d, a, b - a, b - a, 0);
                if (s)
                    return s;
                i++;
            }
        }
        pos = p;
        if (pos >= d->n || r == SC_OK)
            continue;
        mb_status s = MB_OK;
        if (r == SC_NUL)
            return binary(d, pos);
        if (r == SC_TRUNC && d->sample)
            break;
        s = bad_seq(d, pos, len, seen, r == SC_TRUNC);
        if (s)
            return s;
        pos += len;
    }
    return MB_OK;
}

static mb_status decode_utf8(dec *d, size_t pos)
{
    const unsigned char *src = d->src;
    mb_text *t = d->out;
    if (mb_text_reserve(t, d->n - pos + 4)) /* valid UTF-8 maps byte for byte */
        return nomem(d);
    while (pos < d->n) {
        if (t->len + 5 > t->cap && mb_text_reserve(t, 4))
            return nomem(d);
        unsigned c = src[pos];
        /* fast paths: a run of ASCII characters (not NUL), or of
         * three-byte characters whose lead byte needs no range check beyond
         * its continuation bytes (not E0, not ED): copied as they are */
        size_t e = pos, w = 0;
        if (c != 0 && c < 0x80) {
            w = 1;
            while (e < d->n && src[e] != 0 && src[e] < 0x80)
                e++;
        } else {
            w = 3;
            e += mb_utf8_plain3_run(src + e, d->n - e);
        }
        if (e > pos) {
            size_t len = e - pos;
            if (t->len + len + 1 > t->cap && mb_text_reserve(t, len))
                return nomem(d);
            memcpy(t->s + t->len, src + pos, len);
            if (mb_text_map_same(t, w, len / w, (uint32_t)pos))
                return nomem(d);
            t->len += len;
            pos = e;
            continue;
        }
        size_t len, seen;
        enum scan r = scan_utf8(src + pos, d->n - pos, &len, &seen);
        if (r == SC_OK) {
            if (t->len + len + 1 > t->cap && mb_text_reserve(t, len))
                return nomem(d);
            memcpy(t->s + t->len, src + pos, len);
            if (mb_text_map(t, len, (uint32_t)pos, (uint32_t)(pos + len)))
                return nomem(d);
            t->len += len;
        } else if (r == SC_NUL) {
            return binary(d, pos);
        } else {
            mb_status s = bad_seq(d, pos, len, seen, r == SC_TRUNC);
            if (s)
                return s;
        }
        pos += len;
    }
    return MB_OK;
}

static mb_status run(dec *d, size_t pos)
{
    mb_status s = d->e == ENC_UTF8 ? decode_utf8(d, pos) : decode_iconv(d, pos);
    if (d->cd)
        iconv_close(d->cd);
    d->cd = NULL;
    free(d->starts);
    free(d->u32);
    d->starts = NULL;
    d->u32 = NULL;
    return s;
}

/* ---- detection ---- */

/* Very common characters of Chinese text, simplified forms then the
 * traditional forms of those that differ (~740 characters: the lexicon's
 * class common_char, dict/lexicon/decode.tsv). Text read in the right
 * encoding is mostly made of them; Big5 read as GB18030, or GBK read as
 * Big5, is gibberish of rare characters, private-use code points and
 * symbols. */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The common characters of lex, sorted, in *set (malloc'ed; NULL when
 * there are none). */
static size_t common_set(const mb_lexicon *lex, uint32_t **set)
{
    size_t k = 0;
    mb_lexlist ws = mb_lex_words(lex, MB_LX_COMMON_CHAR);
    *set = ws.n ? malloc(ws.n * sizeof **set) : NULL;
    if (!*set)
        return 0;
    for (size_t i = 0; i < ws.n; i++) {
        const mb_lexword *w = mb_lexlist_at(ws, i);
        int32_t cp;
        if (mb_utf8_decode((const unsigned char *)mb_lexw_word(w), mb_lexw_len(w), &cp) ==
            (int)mb_lexw_len(w))
            (*set)[k++] = (uint32_t)cp;
    }
    qsort(*set, k, sizeof **set, cmp_u32);
    return k;
}

typedef struct score {
    size_t bad, wide, hits; /* bad sequences, non-ASCII characters, common characters */
} score;

static mb_status score_sample(const char *name, const unsigned char *src, size_t n, size_t pos, enum enc e,
                              const uint32_t *set, size_t nset, score *sc, mb_error *err)
{
    mb_text t;
    mb_text_init(&t);
    dec d = {.name = name, .src = src, .n = n, .e = e, .sample = 1, .out = &t, .err = err};
    memset(sc, 0, sizeof *sc);
    mb_status s = mb_text_reserve(&t, 2 * (n - pos) + 16) ? nomem(&d) : run(&d, pos);
    for (size_t i = 0; !s && i < t.len;) {
        int32_t cp;
        int len = mb_utf8_decode((const unsigned char *)t.s + i, t.len - i, &cp);
        if (len < 0)
            break;
        if (cp >= 0x80) {
            sc->wide++;
            uint32_t c = (uint32_t)cp;
            if (nset && bsearch(&c, set, nset, sizeof *set, cmp_u32))
                sc->hits++;
        }
        i += (size_t)len;
    }
    sc->bad = d.nbad;
    mb_text_free(&t);
    return s;
}

/* Not UTF-8: GB18030, or Big5 when a sample reads clearly better as Big5:
 * no more bad sequences, at least 4 common characters, at least twice as
 * many (plus 2) as read as GB18030, and a quarter of its non-ASCII
 * characters common ones. */
static mb_status guess_legacy(const char *name, const unsigned char *src, size_t n, const mb_lexicon *lex,
                              enum enc *e, mb_error *err)
{
    size_t pos = n >= 4 && !memcmp(src, "\x84\x31\x95\x33", 4) ? 4 : 0; /* GB18030 BOM */
    uint32_t *set;
    size_t nset = common_set(lex, &set);
    size_t end = n - pos > SAMPLE ? pos + SAMPLE : n;
    score gb, b5;
    mb_status s = score_sample(name, src, end, pos, ENC_GB18030, set, nset, &gb, err);
    if (!s)
        s = score_sample(name, src, end, pos, ENC_BIG5, set, nset, &b5, err);
    free(set);
    if (s)
        return s;
    *e = (b5.bad <= gb.bad && b5.hits >= 4 && b5.hits >= 2 * gb.hits + 2 && 4 * b5.hits >= b5.wide)
             ? ENC_BIG5
             : ENC_GB18030;
    return MB_OK;
}

/* Is src UTF-8, or mostly UTF-8 with some bad sequences? (GB18030 read as
 * UTF-8 has several bad sequences per accidentally valid one.) */
static int looks_utf8(const unsigned char *src, size_t n)
{
    size_t good = 0, bad = 0, pos = 0;
    while (pos < n) {
        unsigned c = src[pos];
        if (c < 0x80) {
            pos++;
            continue;
        }
        size_t run =
            mb_utf8_plain3_run(src + pos, n - pos); /* the common CJK case, as scan_utf8 would judge it */
        if (run) {
            good += run / 3;
            pos += run;
            continue;
        }
        size_t len, seen;
        enum scan r = scan_utf8(src + pos, n - pos, &len, &seen);
        if (r == SC_OK)
            good++;
        else if (++bad >= 1024 && good < bad)
            return 0; /* clearly not UTF-8: no need to read on */
        pos += len;
    }
    return bad == 0 || good >= UTF8_ERR_RATIO * bad;
}

int mb_utf8_valid(const unsigned char *p, size_t n)
{
    for (size_t pos = 0; pos < n;) {
        unsigned c = p[pos];
        if (c < 0x80) {
            pos++;
            continue;
        }
        size_t run =
            mb_utf8_plain3_run(p + pos, n - pos); /* the common CJK case, as scan_utf8 would judge it */
        if (run) {
            pos += run;
            continue;
        }
        size_t len, seen;
        if (scan_utf8(p + pos, n - pos, &len, &seen) != SC_OK)
            return 0;
        pos += len;
    }
    return 1;
}

/* The first U+0000 of UTF-16 (BOM or not, units are at even offsets). */
static const unsigned char *find_zero_unit(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 1 < n; i += 2)
        if (p[i] == 0 && p[i + 1] == 0)
            return p + i;
    return NULL;
}

mb_status mb_decode_check_nul(const char *name, const unsigned char *src, size_t n, const char *forced,
                              mb_error *err)
{
    dec d = {.name = name, .src = src, .n = n, .err = err};
    enum enc e = ENC_UTF8;
    if (forced && !find_alias(forced, &e))
        return MB_OK; /* mb_decode says so */
    int le_bom = n >= 2 && src[0] == 0xFF && src[1] == 0xFE;
    int be_bom = n >= 2 && src[0] == 0xFE && src[1] == 0xFF;
    int utf8_bom = n >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF;
    if (!forced)
        e = utf8_bom ? ENC_UTF8 : le_bom ? ENC_UTF16LE : be_bom ? ENC_UTF16BE : ENC_UTF8;
    else if (e == ENC_UTF16)
        e = le_bom ? ENC_UTF16LE : ENC_UTF16BE;
    d.e = e;
    const unsigned char *z =
        (e == ENC_UTF16LE || e == ENC_UTF16BE) ? find_zero_unit(src, n) : memchr(src, 0, n);
    return z ? binary(&d, (size_t)(z - src)) : MB_OK;
}

mb_status mb_decode(const char *name, const unsigned char *src, size_t n, const char *forced, int lenient,
                    const mb_lexicon *lex, mb_text *out, const char **encoding, mb_strlist *warnings,
                    mb_error *err)
{
    return mb_decode_at(name, src, n, 0, 0, forced, lenient, lex, out, encoding, warnings, err);
}

static mb_status decode_at(const char *name, const unsigned char *src, size_t n, size_t base, size_t quiet_to,
                           const char *forced, int lenient, const mb_lexicon *lex, mb_text *out,
                           const char **encoding, mb_strlist *warnings, mb_error *err);

mb_status mb_decode_at(const char *name, const unsigned char *src, size_t n, size_t base, size_t quiet_to,
                       const char *forced, int lenient, const mb_lexicon *lex, mb_text *out,
                       const char **encoding, mb_strlist *warnings, mb_error *err)
{
    *encoding = "utf-8";
    if ((uint64_t)base + n > UINT32_MAX - 1) /* the offsets of the file must fit the map */
        return mb_error_set(err, MB_ETOOBIG, "%s: input larger than 4 GiB", name);
    mb_status st =
        decode_at(name, src, n, base, quiet_to, forced, lenient, lex, out, encoding, warnings, err);
    if (!st && base)
        for (size_t i = 0; i < out->nruns; i++) { /* the map gives offsets in the file */
            out->runs[i].so += (uint32_t)base;
            out->runs[i].eo += (uint32_t)base;
        }
    return st;
}

static mb_status decode_at(const char *name, const unsigned char *src, size_t n, size_t base, size_t quiet_to,
                           const char *forced, int lenient, const mb_lexicon *lex, mb_text *out,
                           const char **encoding, mb_strlist *warnings, mb_error *err)
{
    dec d = {.name = name,
             .src = src,
             .n = n,
             .lenient = lenient,
             .out = out,
             .warnings = warnings,
             .base = base,
             .quiet_to = quiet_to,
             .err = err};
    size_t pos = 0;
    enum enc e = ENC_UTF8;
    if (forced) {
        if (!find_alias(forced, &e))
            return mb_error_set(err, MB_EENCODING,
                                "%s: unknown encoding '%s' (known: utf-8, gb18030, gbk, gb2312, cp936, big5, "
                                "cp950, utf-16, utf-16le, utf-16be)",
                                name, forced);
    }
    /* byte order marks: dropped; without a forced encoding, they decide */
    int utf8_bom = n >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF;
    int le_bom = n >= 2 && src[0] == 0xFF && src[1] == 0xFE;
    int be_bom = n >= 2 && src[0] == 0xFE && src[1] == 0xFF;
    int gb_bom = n >= 4 && src[0] == 0x84 && src[1] == 0x31 && src[2] == 0x95 && src[3] == 0x33;
    int detect = 0;
    if (!forced) {
        if (utf8_bom)
            e = ENC_UTF8;
        else if (le_bom)
            e = ENC_UTF16LE;
        else if (be_bom)
            e = ENC_UTF16BE;
        else
            detect = 1;
    } else if (e == ENC_UTF16) {
        e = le_bom ? ENC_UTF16LE : ENC_UTF16BE;
    }

    /* NUL: binary (in UTF-16, a U+0000 unit) */
    d.e = e;
    const unsigned char *z =
        (e == ENC_UTF16LE || e == ENC_UTF16BE) ? find_zero_unit(src, n) : memchr(src, 0, n);
    if (z)
        return binary(&d, (size_t)(z - src));

    if (detect) { /* UTF-8, else GB18030 or Big5 */
        /* most inputs are valid UTF-8: decode them in one pass, and only
         * when a bad sequence turns up look closer */
        dec t = d;
        t.e = ENC_UTF8;
        t.lenient = 0;
        t.warnings = NULL;
        t.err = NULL;
        mb_status s = run(&t, 0);
        if (s == MB_OK) {
            *encoding = enc_names[ENC_UTF8];
            if (!out->s && mb_text_reserve(out, 0))
                return nomem(&d);
            out->s[out->len] = '\0';
            return MB_OK;
        }
        if (s == MB_ENOMEM)
            return nomem(&d);
        mb_text_clear(out); /* not valid UTF-8 throughout: start again */
        if (!looks_utf8(src, n)) {
            mb_status s = guess_legacy(name, src, n, lex, &e, err);
            if (s)
                return s;
        }
    }
    if ((e == ENC_UTF8 && utf8_bom) || (e == ENC_GB18030 && gb_bom))
        pos = e == ENC_UTF8 ? 3 : 4;
    else if ((e == ENC_UTF16LE && le_bom) || (e == ENC_UTF16BE && be_bom))
        pos = 2;
    d.e = e;
    *encoding = enc_names[e];
    /* output size: at most 3/2 of the input but for U+FFFD replacements */
    size_t rest = n - pos;
    if (mb_text_reserve(out, rest + rest / 2 + 16))
        return nomem(&d);
    mb_status s = run(&d, pos);
    if (s)
        return s;
    if (d.nbad > MAX_WARN && warnings &&
        mb_strlist_addf(warnings, "%s: %zu more invalid %s sequences replaced by U+FFFD", name,
                        d.nbad - MAX_WARN, enc_names[e]))
        return nomem(&d);
    out->s[out->len] = '\0';
    return MB_OK;
}
