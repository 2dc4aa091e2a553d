/* test_textmap.c — the source map kept per run of characters (textmap.c)
 * gives, for every byte, the source range the per-byte arrays of 0.1 gave.
 *  1. A model: random texts built with every map operation (append, one
 *     code point, slices cut anywhere, direct writes, clear) next to plain
 *     per-byte arrays; every byte (looked up alone and through a cursor)
 *     and many slices must map the same.
 *  2. Real inputs, the expectation computed apart, character by character
 *     with iconv: the PKU test set as GBK (../shared/data/sighan2005) and the
 *     same text as UTF-16LE, decoded (every byte of the text, every byte of
 *     the file covered once), then loaded as documents: every character of
 *     every paragraph maps to whole source characters that decode and
 *     normalize to it.
 *  3. The HTML pages of tests/data/html: every paragraph character maps to
 *     its own bytes in the page or to a character reference for it. */
#include "decode.h"
#include "normalize.h"
#include "t.h"
#include "t_map.h"

#include <iconv.h>
#include <stdlib.h>

/* ---- 1. the model ---- */

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

typedef struct model {
    mb_text t;
    uint32_t *so, *eo; /* the per-byte arrays of 0.1 */
    size_t cap;
} model;

static void model_grow(model *m, size_t n)
{
    if (m->t.len + n <= m->cap)
        return;
    while (m->cap < m->t.len + n)
        m->cap = m->cap ? 2 * m->cap : 64;
    m->so = realloc(m->so, m->cap * sizeof *m->so);
    m->eo = realloc(m->eo, m->cap * sizeof *m->eo);
}

/* n bytes from one source range, the way the producers write them */
static int model_append(model *m, size_t n, uint32_t so, uint32_t eo, int how)
{
    size_t at = m->t.len;
    model_grow(m, n);
    for (size_t i = 0; i < n; i++) {
        m->so[at + i] = so;
        m->eo[at + i] = eo;
    }
    if (how == 0) {
        char buf[8] = "abcdefgh";
        return mb_text_append(&m->t, buf, n, so, eo) == MB_OK;
    }
    if (how == 1 && n == 3)
        return mb_text_append_cp(&m->t, 0x4E07, so, eo) == MB_OK; /* three bytes */
    if (mb_text_reserve(&m->t, n))
        return 0;
    memset(m->t.s + m->t.len, 'x', n);
    if (mb_text_map(&m->t, n, so, eo))
        return 0;
    m->t.len += n;
    m->t.s[m->t.len] = '\0';
    return 1;
}

/* bytes [a,b) of src: mb_text_append_slice, or through cur (kept from one
 * slice to the next, as normalize does) when cur is given */
static int model_slice(model *m, const model *src, size_t a, size_t b, mb_text_cursor *cur)
{
    size_t at = m->t.len;
    model_grow(m, b - a);
    memcpy(m->so + at, src->so + a, (b - a) * sizeof *m->so);
    memcpy(m->eo + at, src->eo + a, (b - a) * sizeof *m->eo);
    if (!cur)
        return mb_text_append_slice(&m->t, &src->t, a, b) == MB_OK;
    if (mb_text_reserve(&m->t, b - a))
        return 0;
    memcpy(m->t.s + m->t.len, src->t.s + a, b - a);
    if (mb_text_map_slice_cursor(&m->t, cur, a, b))
        return 0;
    m->t.len += b - a;
    m->t.s[m->t.len] = '\0';
    return 1;
}

/* A random text: stretches of characters of one width following each
 * other in the source (as decoded text has), with gaps, repeats (one
 * source range over several characters), odd widths and slices of src. */
static int model_fill(model *m, const model *src, size_t target)
{
    uint32_t pos = rnd(100);
    mb_text_cursor cur = {src ? &src->t : NULL, 0};
    while (m->t.len < target) {
        unsigned k = rnd(10);
        if (k < 6) { /* a stretch */
            size_t w = 1 + rnd(4), sw = rnd(5), n = 1 + rnd(40);
            int how = (int)rnd(3);
            for (size_t i = 0; i < n; i++) {
                if (!model_append(m, w, pos, pos + (uint32_t)sw, how))
                    return 0;
                pos += (uint32_t)sw;
            }
        } else if (k < 7) { /* one range over several characters, or none */
            uint32_t sw = rnd(3);
            for (size_t i = 0, n = 1 + rnd(4); i < n; i++)
                if (!model_append(m, 1 + rnd(3), pos, pos + sw, 0))
                    return 0;
            pos += sw;
        } else if (k < 8) { /* a gap, or a step back (a reflow space) */
            pos = rnd(2) ? pos + rnd(50) : (pos > 10 ? pos - rnd(10) : pos);
        } else if (src && src->t.len) { /* a slice of another text, cut anywhere */
            size_t a = rnd((uint32_t)src->t.len), b = a + 1 + rnd((uint32_t)(src->t.len - a));
            if (!model_slice(m, src, a, b, rnd(2) ? &cur : NULL))
                return 0;
        }
    }
    return 1;
}

/* Every byte, byte past the end, and slices: as the arrays would give. */
static size_t model_check(const model *m)
{
    size_t bad = 0, n = m->t.len;
    for (size_t i = 0; i < n; i++)
        if (t_so(&m->t, i) != m->so[i] || t_eo(&m->t, i) != m->eo[i])
            bad++;
    mb_text_cursor cur = {&m->t, 0}; /* a forward scan, then jumps both ways */
    for (size_t i = 0; n && i < n + 500; i++) {
        size_t at = i < n ? i : rnd((uint32_t)n);
        uint32_t s, e;
        mb_text_cursor_source(&cur, at, &s, &e);
        if (s != m->so[at] || e != m->eo[at])
            bad++;
    }
    for (size_t k = 0; n && k < 2000; k++) {
        size_t a = rnd((uint32_t)n), b = a + 1 + rnd((uint32_t)(n - a));
        uint32_t s, e;
        mb_text_source_range(&m->t, a, b, &s, &e);
        if (s != m->so[a] || e != m->eo[b - 1])
            bad++;
    }
    uint32_t s, e, want = n ? m->eo[n - 1] : 0;
    mb_text_source_range(&m->t, n, n + 1, &s, &e); /* past the end: the end */
    bad += s != want || e != want;
    if (n) {
        mb_text_source_range(&m->t, n / 2, n / 2, &s, &e); /* empty: the start of a */
        bad += s != m->so[n / 2] || e != m->so[n / 2];
    }
    return bad;
}

static void model_free(model *m)
{
    mb_text_free(&m->t);
    free(m->so);
    free(m->eo);
    memset(m, 0, sizeof *m);
}

static void test_model(void)
{
    size_t bad = 0, runs = 0, bytes = 0;
    int built = 1;
    for (int round = 0; round < 200; round++) {
        model a = {0}, b = {0};
        mb_text_init(&a.t);
        mb_text_init(&b.t);
        built &= model_fill(&a, NULL, 1 + rnd(3000));
        built &= model_fill(&b, &a, 1 + rnd(3000));
        bad += model_check(&a) + model_check(&b);
        runs += a.t.nruns + b.t.nruns;
        bytes += a.t.len + b.t.len;
        if (round % 10 == 0) { /* cleared and filled again */
            mb_text_clear(&b.t);
            b.t.len = 0;
            built &= model_fill(&b, &a, 1 + rnd(500));
            bad += model_check(&b);
        }
        model_free(&a);
        model_free(&b);
    }
    T_OK(built, "model: 200 pairs of random texts built");
    T_EQ_INT(bad, 0,
             "model: every byte (directly and through a cursor) and 2000 slices of each map as the "
             "per-byte arrays do");
    T_OK(runs > 1000 && runs * 4 < bytes, "model: runs are shared by several bytes");

    mb_text t;
    mb_text_init(&t);
    uint32_t s = 7, e = 7;
    mb_text_source_range(&t, 0, 1, &s, &e);
    T_OK(s == 0 && e == 0, "empty text: range 0..0");
    mb_text_append(&t, "ab", 2, 4, 6); /* two bytes of one source character */
    mb_text_append(&t, "c", 1, 6, 7);
    mb_text_append(&t, "d", 1, 7, 8);
    mb_text_append(&t, "e", 1, 8, 9);
    T_OK(t.nruns == 2, "one unit of 2 bytes, then a run of 3 of 1 byte");
    mb_text_source_range(&t, 1, 4, &s, &e);
    T_OK(s == 4 && e == 8, "a slice starting inside a character");
    mb_text_free(&t);
}

/* ---- 2. real inputs ---- */

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, len = 0;
    unsigned char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + len, 1, cap - len, f)) > 0) {
        len += k;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    *n = len;
    return buf;
}

/* The length of the character at p in GB18030 or UTF-16LE. */
static size_t char_len(const char *enc, const unsigned char *p, size_t n)
{
    if (!strcmp(enc, "UTF-16LE"))
        return n >= 4 && (p[1] & 0xFC) == 0xD8 ? 4 : 2;
    if (p[0] < 0x80)
        return 1;
    return n >= 4 && p[1] >= 0x30 && p[1] <= 0x39 ? 4 : 2;
}

/* One source character, converted by iconv alone, to UTF-8 in out. */
static size_t conv1(iconv_t cd, const unsigned char *p, size_t k, char *out, size_t cap)
{
    char *ip = (char *)p, *op = out;
    size_t il = k, ol = cap;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il)
        return 0;
    return cap - ol;
}

/* The decoded text of src[from..n) in encoding enc must be exactly the
 * characters converted one by one, each byte mapped to its character. */
static void check_decoded(const char *what, const unsigned char *src, size_t n, size_t from, const char *enc,
                          const char *forced)
{
    mb_text t;
    mb_text_init(&t);
    const char *got_enc = NULL;
    mb_error err = {0};
    mb_status st = mb_decode(what, src, n, forced, 0, NULL, &t, &got_enc, NULL, &err);
    T_EQ_INT(st, MB_OK, "decoded");
    iconv_t cd = iconv_open("UTF-8", enc);
    size_t i = 0, bad = 0, nch = 0, p = from;
    char buf[16];
    while (p < n && !bad) {
        size_t k = char_len(enc, src + p, n - p);
        size_t m = conv1(cd, src + p, k, buf, sizeof buf);
        if (!m || i + m > t.len || memcmp(t.s + i, buf, m) != 0) {
            bad++;
            break;
        }
        for (size_t j = 0; j < m; j++)
            if (t_so(&t, i + j) != p || t_eo(&t, i + j) != p + k)
                bad++;
        uint32_t s, e;
        mb_text_source_range(&t, i, i + m, &s, &e);
        bad += s != p || e != p + k;
        i += m;
        p += k;
        nch++;
    }
    iconv_close(cd);
    char msg[200];
    snprintf(msg, sizeof msg, "%s: every text byte maps to its own character's bytes (%zu characters)", what,
             nch);
    T_OK(st == MB_OK && bad == 0 && nch > 100000, msg);
    snprintf(msg, sizeof msg, "%s: the characters cover the file, each byte once, to the end", what);
    T_OK(p == n && i == t.len, msg);
    mb_text_free(&t);
}

/* Every character of every paragraph: all its bytes map to one range of
 * whole source characters (char_start[] marks their starts) that iconv
 * converts, and mb_normalize_cp maps, to that character; a space may also
 * come from a line break joined by reflow. In source order. */
static void check_doc(const char *what, const unsigned char *src, size_t n, const char *enc,
                      const char *forced, const unsigned char *char_start)
{
    mb_doc *d = NULL;
    mb_error err = {0};
    mb_doc_options o = {.encoding = forced};
    T_EQ_INT(mb_doc_load_mem(what, src, n, &o, &d, &err), MB_OK, "loaded as a document");
    if (!d)
        return;
    iconv_t cd = iconv_open("UTF-8", enc);
    size_t bad = 0, nch = 0, bytes = 0, runs = 0;
    uint32_t last = 0;
    for (size_t pi = 0; pi < mb_doc_paragraph_count(d); pi++) {
        const mb_text *t = &mb_doc_paragraph(d, pi)->text;
        bytes += t->len;
        runs += t->nruns;
        for (size_t i = 0; i < t->len;) {
            size_t l = (size_t)mb_utf8_len((unsigned char)t->s[i]);
            uint32_t so = t_so(t, i), eo = t_eo(t, i);
            for (size_t j = 1; j < l; j++)
                bad += t_so(t, i + j) != so || t_eo(t, i + j) != eo;
            bad += so < last || eo > n || so > eo;
            last = so;
            nch++;
            if (t->s[i] == ' ') {
                i += l;
                continue;
            }
            if (!char_start[so] || (eo < n && !char_start[eo])) {
                bad++;
                i += l;
                continue;
            }
            /* convert, then normalize, every source character of [so,eo) */
            char want[64];
            size_t wn = 0;
            for (size_t p = so; p < eo;) {
                size_t k = char_len(enc, src + p, n - p);
                char buf[16];
                size_t m = conv1(cd, src + p, k, buf, sizeof buf);
                int32_t cp, rep[4];
                if (m == 0 || mb_utf8_decode((const unsigned char *)buf, m, &cp) < 0) {
                    bad++;
                    break;
                }
                for (int r = 0, nr = mb_normalize_cp(cp, rep); r < nr && wn + 4 < sizeof want; r++)
                    wn += (size_t)mb_utf8_encode(rep[r], want + wn);
                p += k;
            }
            bad += wn != l || memcmp(want, t->s + i, l) != 0;
            i += l;
        }
    }
    iconv_close(cd);
    char msg[200];
    snprintf(msg, sizeof msg,
             "%s: every paragraph character maps to the source characters it comes from "
             "(%zu characters)",
             what, nch);
    T_OK(bad == 0 && nch > 100000, msg);
    snprintf(msg, sizeof msg, "%s: map of at most 1 byte per text byte (%zu runs, %zu bytes)", what, runs,
             bytes);
    T_OK(runs * sizeof(mb_text_run) <= bytes, msg);
    mb_doc_free(d);
}

static unsigned char *starts_of(const unsigned char *src, size_t n, size_t from, const char *enc)
{
    unsigned char *s = calloc(n + 1, 1);
    for (size_t p = from; p < n; p += char_len(enc, src + p, n - p))
        s[p] = 1;
    return s;
}

static void test_files(void)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char path[4096];
    snprintf(path, sizeof path, "%s/data/sighan2005/pku_test.txt", shared);
    size_t n;
    unsigned char *g = slurp(path, &n);
    if (!g) {
        printf("skip - PKU test set: %s absent\n", path);
        return;
    }
    unsigned char *st = starts_of(g, n, 0, "GB18030");
    check_decoded("pku_test.txt (GBK)", g, n, 0, "GB18030", NULL);
    check_doc("pku_test.txt (GBK)", g, n, "GB18030", NULL, st);
    free(st);

    /* the same text as UTF-16LE with a BOM, through iconv */
    iconv_t cd = iconv_open("UTF-16LE", "GB18030");
    size_t cap = 2 * n + 16, il = n, ol = cap - 2;
    unsigned char *u = malloc(cap);
    u[0] = 0xFF;
    u[1] = 0xFE;
    char *ip = (char *)g, *op = (char *)u + 2;
    int conv = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1;
    iconv_close(cd);
    T_OK(conv, "pku_test.txt converted to UTF-16LE");
    size_t un = cap - ol;
    st = starts_of(u, un, 2, "UTF-16LE");
    check_decoded("pku_test (UTF-16LE)", u, un, 2, "UTF-16LE", NULL);
    check_doc("pku_test (UTF-16LE)", u, un, "UTF-16LE", NULL, st);
    free(st);
    free(u);
    free(g);
}

/* ---- 3. HTML ---- */

/* The character a reference &...; stands for (the few the pages use). */
static int32_t reference(const unsigned char *p, size_t k)
{
    if (k < 3 || p[0] != '&' || p[k - 1] != ';')
        return -1;
    char name[32];
    if (k - 2 >= sizeof name)
        return -1;
    memcpy(name, p + 1, k - 2);
    name[k - 2] = '\0';
    if (name[0] == '#')
        return (int32_t)strtol(name + 1 + (name[1] == 'x'), NULL, name[1] == 'x' ? 16 : 10);
    static const struct {
        const char *n;
        int32_t cp;
    } ents[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"nbsp", 0xA0}};
    for (size_t i = 0; i < sizeof ents / sizeof *ents; i++)
        if (!strcmp(name, ents[i].n))
            return ents[i].cp;
    return -1;
}

static void test_html(const char *file, const char *enc)
{
    char path[4096];
    snprintf(path, sizeof path, "tests/data/html/%s", file);
    size_t n;
    unsigned char *src = slurp(path, &n);
    if (!src) {
        printf("not ok - %s missing\n", path);
        return;
    }
    mb_doc *d = NULL;
    mb_error err = {0};
    T_EQ_INT(mb_doc_load_mem(file, src, n, NULL, &d, &err), MB_OK, "HTML page loaded");
    iconv_t cd = iconv_open("UTF-8", enc);
    size_t bad = 0, nch = 0, refs = 0;
    for (size_t pi = 0; d && pi < mb_doc_paragraph_count(d); pi++) {
        const mb_text *t = &mb_doc_paragraph(d, pi)->text;
        for (size_t i = 0; i < t->len;) {
            size_t l = (size_t)mb_utf8_len((unsigned char)t->s[i]);
            uint32_t so = t_so(t, i), eo = t_eo(t, i);
            for (size_t j = 1; j < l; j++)
                bad += t_so(t, i + j) != so || t_eo(t, i + j) != eo;
            nch++;
            int32_t cp, want;
            mb_utf8_decode((const unsigned char *)t->s + i, l, &cp);
            i += l;
            if (cp == ' ' || eo > n || so >= eo) { /* collapsed white space, joined cells */
                bad += eo > n || so > eo;
                continue;
            }
            char buf[16];
            size_t m = conv1(cd, src + so, eo - so, buf, sizeof buf);
            want = -1;
            if (m && mb_utf8_decode((const unsigned char *)buf, m, &want) != (int)m)
                want = -1;
            if (want < 0 && (want = reference(src + so, eo - so)) >= 0)
                refs++;
            int32_t rep[4];
            if (want < 0 || mb_normalize_cp(want, rep) != 1 || rep[0] != cp)
                bad++;
        }
    }
    iconv_close(cd);
    char msg[200];
    snprintf(msg, sizeof msg,
             "%s: every character maps to its bytes or its reference (%zu characters, %zu "
             "references)",
             file, nch, refs);
    T_OK(d && bad == 0 && nch > 100, msg);
    mb_doc_free(d);
    free(src);
}

int main(void)
{
    test_model();
    test_files();
    test_html("press-utf8.html", "UTF-8");
    test_html("press-gbk.html", "GB18030");
    return t_done();
}
