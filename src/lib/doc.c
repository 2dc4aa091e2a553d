/* doc.c — the document pipeline: read, hash, decode, normalize, reflow. */
#include "decode.h"
#include "doc_internal.h"
#include "dompos.h"
#include "error.h"
#include "hash.h"
#include "html.h"
#include "normalize.h"
#include "readfile.h"
#include "reflow.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An HTML page: decode (charset rules in html.h), parse, paragraphs; the
 * characters of its DOM text (dompos.h) for positions. */
static mb_status build_html(mb_doc *d, const char *name, mb_error *err)
{
    mb_text dec;
    mb_text_init(&dec);
    mb_status st = mb_html_decode(name, d->src, d->src_len, d->opt.encoding, d->opt.lenient, d->opt.lexicon,
                                  &dec, &d->encoding, &d->warnings, err);
    mb_html_page pg;
    if (!st)
        st = mb_html_parse(name, &dec, d->opt.lexicon, &pg, &d->warnings, err);
    if (!st && !d->opt.lines_only) {
        if (mb_dompos_build(&d->chars, &dec, d->encoding)) {
            mb_html_page_free(&pg);
            st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
        } else {
            d->has_chars = d->chars.n > 0;
        }
    }
    mb_text_free(&dec);
    if (st)
        return st;
    d->norm = pg.norm;
    d->paras = pg.paras;
    d->npara = pg.npara;
    d->title = pg.title;
    d->site = pg.site;
    d->page_date = pg.date;
    return MB_OK;
}

/* Takes ownership of src (malloc'ed). at: NULL (a whole file) or where the
 * piece stands in its file. */
static mb_status doc_build_at(const char *name, unsigned char *src, size_t n, const mb_doc_options *opt,
                              const mb_piece_at *at, mb_doc **out, mb_error *err)
{
    *out = NULL;
    mb_doc *d = calloc(1, sizeof *d);
    if (!d) {
        free(src);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    }
    d->src = src;
    d->src_len = n;
    if (opt)
        d->opt = *opt;
    d->path = strdup(name);
    if (!d->path) {
        mb_doc_free(d);
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    }
    size_t base = at ? at->base : 0;
    if ((uint64_t)base + n > UINT32_MAX - 1) {
        mb_doc_free(d);
        return mb_error_set(err, MB_ETOOBIG, "%s: file larger than 4 GiB", name);
    }
    if (at) {
        d->src_base = base;
        d->para_base = at->para_base;
        d->char_base = at->char_base;
        d->line_base = at->line_base;
        if (at->sha256)
            snprintf(d->sha256, sizeof d->sha256, "%s", at->sha256);
        if (at->encoding)
            d->opt.encoding = at->encoding;
    } else if (!d->opt.lines_only)
        mb_sha256_hex(src, n, MB_SHA256_SIZE, d->sha256); /* else on first use (mb_doc_sha256) */

    int html = !at && mb_html_sniff(name, src, n);
    d->format = html ? "html" : "text";
    d->page_date.source = "none";
    if (html) {
        mb_status st = build_html(d, name, err);
        if (st) {
            mb_doc_free(d);
            return st;
        }
        *out = d;
        return MB_OK;
    }

    mb_text dec;
    mb_text_init(&dec);
    mb_status st = mb_decode_at(name, src, n, base, at ? at->quiet_to : 0, d->opt.encoding, d->opt.lenient,
                                d->opt.lexicon, &dec, &d->encoding, &d->warnings, err);
    if (st) {
        mb_text_free(&dec);
        mb_doc_free(d);
        return st;
    }
    st = mb_normalize(&dec, &d->norm, err);
    mb_text_free(&dec);
    if (st) {
        mb_doc_free(d);
        return st;
    }
    if (!d->opt.lines_only) {
        st = mb_reflow(&d->norm, &d->paras, &d->npara, err);
        if (!st && mb_charpos_build(&d->chars, d->src, d->src_len, d->encoding))
            st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
        if (st) {
            mb_doc_free(d);
            return st;
        }
        d->has_chars = 1;
        if (at)
            for (size_t i = 0; i < d->npara; i++) { /* numbered as in the whole file */
                d->paras[i].index += at->para_base;
                d->paras[i].line += at->line_base;
            }
    }
    *out = d;
    return MB_OK;
}

static mb_status doc_build(const char *name, unsigned char *src, size_t n, const mb_doc_options *opt,
                           mb_doc **out, mb_error *err)
{
    return doc_build_at(name, src, n, opt, NULL, out, err);
}

mb_status mb_doc_build_piece(const char *name, unsigned char *src, size_t n, const mb_doc_options *opt,
                             const mb_piece_at *at, mb_doc **out, mb_error *err)
{
    return doc_build_at(name, src, n, opt, at, out, err);
}

void mb_doc_keep_paragraphs(mb_doc *d, size_t keep)
{
    for (size_t i = keep; i < d->npara; i++) {
        mb_text_free(&d->paras[i].text);
        free(d->paras[i].sentences);
    }
    if (keep < d->npara)
        d->npara = keep;
}

uint32_t mb_doc_chars_before(const mb_doc *d, size_t off)
{
    if (!d->has_chars || off < d->src_base)
        return d->char_base;
    return d->char_base + mb_charpos_at(&d->chars, d->src, d->src_len, (uint32_t)(off - d->src_base));
}

unsigned mb_doc_line_breaks(const mb_doc *d)
{
    unsigned k = 0;
    for (const char *p = d->norm.s, *e = d->norm.s + d->norm.len; p && (p = memchr(p, '\n', (size_t)(e - p)));
         p++)
        k++;
    return k;
}

int mb_doc_char_range(const mb_doc *d, uint32_t start, uint32_t end, uint32_t *cstart, uint32_t *cend)
{
    if (!d->has_chars || start < d->src_base || end > d->src_base + d->src_len)
        return 0;
    start -= (uint32_t)d->src_base; /* a piece's table counts from its own start */
    end -= (uint32_t)d->src_base;
    if (start < d->chars.origin)
        return 0;
    *cstart = d->char_base + mb_charpos_at(&d->chars, d->src, d->src_len, start);
    *cend = d->char_base + mb_charpos_at(&d->chars, d->src, d->src_len, end);
    return 1;
}

mb_status mb_doc_load_mem(const char *name, const void *bytes, size_t n, const mb_doc_options *opt,
                          mb_doc **out, mb_error *err)
{
    unsigned char *copy = malloc(n ? n : 1);
    if (!copy)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    if (n)
        memcpy(copy, bytes, n);
    return doc_build(name, copy, n, opt, out, err);
}

static mb_read_opts read_opts(const mb_doc_options *opt)
{
    mb_read_opts r = {0};
    if (opt) {
        r.max_size = opt->max_size;
        r.regular_only = opt->regular_only;
        r.root = opt->root;
        r.encoding = opt->encoding;
    }
    return r;
}

mb_status mb_doc_load_file(const char *path, const mb_doc_options *opt, mb_doc **out, mb_error *err)
{
    *out = NULL;
    mb_read_opts r = read_opts(opt);
    unsigned char *buf;
    size_t n;
    mb_status st = mb_read_path(path, &r, &buf, &n, err);
    if (st)
        return st;
    return doc_build(path, buf, n, opt, out, err);
}

mb_status mb_doc_load_fd(const char *name, int fd, const mb_doc_options *opt, mb_doc **out, mb_error *err)
{
    *out = NULL;
    mb_read_opts r = read_opts(opt);
    unsigned char *buf;
    size_t n;
    mb_status st = mb_read_fd(name, fd, &r, &buf, &n, err);
    if (st)
        return st;
    return doc_build(name, buf, n, opt, out, err);
}

void mb_doc_free(mb_doc *d)
{
    if (!d)
        return;
    free(d->path);
    free(d->src);
    mb_text_free(&d->norm);
    mb_paragraphs_free(d->paras, d->npara);
    mb_strlist_free(&d->warnings);
    free(d->title);
    free(d->site);
    mb_charpos_free(&d->chars);
    free(d);
}

const char *mb_doc_path(const mb_doc *d)
{
    return d->path;
}
const char *mb_doc_sha256(const mb_doc *d)
{
    if (!d->sha256[0]) /* lines_only: hashed on first use */
        mb_sha256_hex(d->src, d->src_len, MB_SHA256_SIZE, ((mb_doc *)d)->sha256);
    return d->sha256;
}
const char *mb_doc_encoding(const mb_doc *d)
{
    return d->encoding;
}
const char *mb_doc_format(const mb_doc *d)
{
    return d->format;
}
const char *mb_doc_title(const mb_doc *d)
{
    return d->title;
}
const mb_text *mb_doc_text(const mb_doc *d)
{
    return &d->norm;
}
size_t mb_doc_paragraph_count(const mb_doc *d)
{
    return d->npara;
}

const unsigned char *mb_doc_source(const mb_doc *d, size_t *len)
{
    *len = d->src_len;
    return d->src;
}

const mb_paragraph *mb_doc_paragraph(const mb_doc *d, size_t i)
{
    return i < d->npara ? &d->paras[i] : NULL;
}

const mb_paragraph *mb_doc_paragraph_by_index(const mb_doc *d, size_t index)
{
    return index >= d->para_base ? mb_doc_paragraph(d, index - d->para_base) : NULL;
}

size_t mb_doc_source_base(const mb_doc *d)
{
    return d->src_base;
}

unsigned mb_doc_line_base(const mb_doc *d)
{
    return d->line_base;
}

const char *mb_doc_warning(const mb_doc *d, size_t i)
{
    return i < d->warnings.n ? d->warnings.items[i] : NULL;
}

mb_status mb_doc_source_text(const mb_doc *d, uint32_t start, uint32_t end, char **out, mb_error *err)
{
    *out = NULL;
    if (start > end || start < d->src_base || end > d->src_base + d->src_len)
        return mb_error_set(err, MB_EARG, "%s: span %u..%u outside the file (%zu bytes)", d->path, start, end,
                            d->src_base + d->src_len);
    /* Slice the document's own decoded, normalized text: every character
     * whose source bytes lie inside [start,end), line breaks left out. */
    const mb_text *t = &d->norm;
    size_t cap = 64, n = 0;
    char *s = malloc(cap);
    if (!s)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    /* the map runs in source order: start at the first character at or
     * after start (binary search) and stop at the first one past end */
    size_t lo = 0, hi = t->len;
    uint32_t so, eo;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        mb_text_byte_source(t, mid, &so, &eo);
        if (so < start)
            lo = mid + 1;
        else
            hi = mid;
    }
    mb_text_cursor cur = {t, 0};
    for (size_t i = lo; i < t->len; i++) {
        mb_text_cursor_source(&cur, i, &so, &eo);
        if (so >= end)
            break;
        if (eo > end || t->s[i] == '\n')
            continue;
        if (n + 2 > cap) {
            char *ns = realloc(s, cap * 2);
            if (!ns) {
                free(s);
                return mb_error_set(err, MB_ENOMEM, "out of memory");
            }
            s = ns;
            cap *= 2;
        }
        s[n++] = t->s[i];
    }
    s[n] = '\0';
    *out = s;
    return MB_OK;
}

const char *mb_doc_site(const mb_doc *d)
{
    return d->site;
}
