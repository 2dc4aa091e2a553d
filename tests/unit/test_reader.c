/* test_reader.c — a large file read in pieces (mb_reader, reader.c): the
 * pieces of a generated file, in UTF-8, UTF-16LE and GB18030, hold the
 * paragraphs of the whole file with the same indexes, source offsets, line
 * numbers, character positions and text; a document of lines gives the
 * same lines; the hash is the whole file's; a NUL byte or a bad UTF-8
 * sequence far into the file fails before the first piece, with its offset
 * in the file; a line longer than the cap fails with its place, at open;
 * random files in random pieces fail or read as the whole file does; a
 * small file is one piece. */
#include "t.h"

#include "doc_internal.h"
#include "mubiao.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

/* The generated text: n paragraphs, one a line, a blank line after every
 * seventh, a CRLF after every fifth; UTF-8. */
static char *make_text(int n, size_t *len)
{
    size_t cap = (size_t)n * 200 + 64, k = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    k += (size_t)snprintf(s + k, cap - k, "2025年某市政府工作报告\n\n");
    for (int i = 0; i < n; i++) {
        k += (size_t)snprintf(s + k, cap - k, "第%d项，今年目标是地区生产总值增长%d.%d%%，新增就业%d万人。%s",
                              i, i % 9 + 1, i % 10, i % 50 + 3, i % 5 == 4 ? "\r\n" : "\n");
        if (i % 7 == 6)
            k += (size_t)snprintf(s + k, cap - k, "\n");
    }
    *len = k;
    return s;
}

static char *convert(const char *to, const char *s, size_t n, size_t *out_len, int bom)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n * 4 + 16;
    char *out = malloc(cap), *o = out;
    size_t left = cap;
    if (bom) {
        memcpy(o, "\xff\xfe", 2);
        o += 2;
        left -= 2;
    }
    char *in = (char *)s;
    size_t inleft = n;
    size_t r = iconv(cd, &in, &inleft, &o, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        free(out);
        return NULL;
    }
    *out_len = cap - left;
    return out;
}

static int write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = fwrite(s, 1, n, f) != n;
    return fclose(f) || bad ? -1 : 0;
}

/* The pieces of path agree with the whole document. */
static void same_as_whole(const char *path, const char *what, int lines_only)
{
    char w[800];
    mb_doc_options o = {.piece_size = 1000, .lines_only = lines_only};
    mb_doc *whole = NULL;
    mb_error err = {0};
    T_OK(mb_doc_load_file(path, &o, &whole, &err) == MB_OK, what);
    if (!whole)
        return;
    mb_reader *r = NULL;
    T_OK(mb_reader_open(path, &o, &r, &err) == MB_OK, "reader opens");
    size_t pi = 0, pieces = 0, bad = 0, chars_bad = 0;
    size_t lines_at = 0; /* lines_only: bytes of the whole text matched so far */
    const mb_text *wt = mb_doc_text(whole);
    for (;;) {
        mb_doc *piece = NULL;
        if (mb_reader_next(r, &piece, &err) != MB_OK) {
            snprintf(w, sizeof w, "%s: piece %zu reads (%s)", what, pieces, err.message);
            T_OK(0, w);
            break;
        }
        if (!piece)
            break;
        pieces++;
        if (!lines_only)
            T_EQ_STR(mb_doc_sha256(piece), mb_doc_sha256(whole), "a piece's hash is the whole file's");
        for (size_t i = 0; i < mb_doc_paragraph_count(piece); i++, pi++) {
            const mb_paragraph *p = mb_doc_paragraph(piece, i), *q = mb_doc_paragraph(whole, pi);
            if (!q || p->index != q->index || p->src_start != q->src_start || p->src_end != q->src_end ||
                p->line != q->line || p->text.len != q->text.len || memcmp(p->text.s, q->text.s, p->text.len))
                bad++;
            uint32_t a1, b1, a2, b2;
            int h1 = mb_doc_char_range(piece, p->src_start, p->src_end, &a1, &b1);
            int h2 = q && mb_doc_char_range(whole, q->src_start, q->src_end, &a2, &b2);
            if (h1 != h2 || (h1 && (a1 != a2 || b1 != b2)))
                chars_bad++;
            T_OK(mb_doc_paragraph_by_index(piece, p->index) == p, "by index");
        }
        if (lines_only) { /* the text of the piece continues the whole text */
            const mb_text *t = mb_doc_text(piece);
            int ok = lines_at + t->len <= wt->len && !memcmp(wt->s + lines_at, t->s, t->len);
            for (size_t i = 0; ok && i < t->len; i += 97) {
                uint32_t s1, e1, s2, e2;
                mb_text_byte_source(t, i, &s1, &e1);
                mb_text_byte_source(wt, lines_at + i, &s2, &e2);
                ok = s1 == s2 && e1 == e2;
            }
            if (!ok)
                bad++;
            lines_at += t->len;
        }
        mb_doc_free(piece);
    }
    snprintf(w, sizeof w, "%s: read in %zu pieces (more than one)", what, pieces);
    T_OK(pieces > 1, w);
    T_EQ_INT(mb_reader_pieces(r), pieces, "mb_reader_pieces counts them");
    snprintf(w, sizeof w, "%s: every paragraph (or line) as in the whole file", what);
    T_EQ_INT(bad, 0, w);
    snprintf(w, sizeof w, "%s: character positions as in the whole file", what);
    T_EQ_INT(chars_bad, 0, w);
    if (!lines_only) {
        snprintf(w, sizeof w, "%s: as many paragraphs (%zu)", what, mb_doc_paragraph_count(whole));
        T_EQ_INT(pi, mb_doc_paragraph_count(whole), w);
    } else
        T_EQ_INT(lines_at, wt->len, "lines_only: all of the text");
    mb_reader_close(r);
    mb_doc_free(whole);
}

/* The first mb_reader_next of path fails with code, its message holding
 * want. */
static void fails(const char *path, size_t piece, mb_status code, const char *want, const char *what)
{
    mb_doc_options o = {.piece_size = piece};
    mb_reader *r = NULL;
    mb_error err = {0};
    mb_status st = mb_reader_open(path, &o, &r, &err);
    mb_doc *d = NULL;
    if (!st)
        st = mb_reader_next(r, &d, &err);
    T_EQ_INT(st, code, what);
    T_OK(d == NULL, "no piece is given");
    char w[300];
    snprintf(w, sizeof w, "%s: the message says \"%s\"", what, want);
    T_OK(strstr(err.message, want) != NULL, w);
    if (!strstr(err.message, want))
        printf("# %s\n", err.message);
    mb_doc_free(d);
    mb_reader_close(r);
}

/* Random files read in random pieces, against the whole file: a line of
 * cap bytes or more without a break is refused at open, from its start;
 * else the pieces carry the whole file's hash, or fail with its error (a
 * NUL byte, a bad UTF-8 sequence) and the same message. The texts mix
 * Chinese, four-byte characters, blank lines and long runs, so that the
 * first pass's chunks (a piece's size here) cut characters and lines
 * everywhere. (Pieces this small hold too few lines for reflow's context:
 * their paragraphs are not compared here; README, Large files.) */
static unsigned long rnd_state = 12345;
static unsigned rnd(unsigned n)
{
    rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned)(rnd_state >> 33) % n;
}

static void random_files(const char *path)
{
    static const char *const parts[] = {
        "增长", "5%", "，", "。", "\n", "\n", "\n\n", " ", "\xf0\xa0\x80\x80", "ab", "目标", "\n"};
    size_t cap = 16384, agree = 0, refused = 0, failed = 0, runs = 300;
    char *t = malloc(cap);
    if (!t)
        return;
    for (size_t run = 0; run < runs; run++) {
        size_t n = 0, target = 1500 + rnd(3000);
        int bad = rnd(4) == 0, nul = rnd(8) == 0;
        while (n < target) {
            unsigned k = rnd(400);
            if (k < 1) { /* a long run without a break */
                size_t m = rnd(1300);
                memset(t + n, 'x', m);
                n += m;
            } else if (k == 3 && bad) {
                const char *b = rnd(2) ? "\xff" : "\xe5\xa2x"; /* a bad byte, a cut character */
                memcpy(t + n, b, strlen(b));
                n += strlen(b);
                bad = 0;
            } else if (k == 4 && nul) {
                t[n++] = '\0';
                nul = 0;
            } else {
                const char *w = parts[rnd(sizeof parts / sizeof *parts)];
                memcpy(t + n, w, strlen(w));
                n += strlen(w);
            }
        }
        if (write_file(path, t, n))
            break;
        size_t piece = 16 + rnd(300), lcap = 4 * piece;
        /* the first line that runs on for lcap bytes without a break */
        size_t longline = (size_t)-1;
        for (size_t a = 0; a < n && longline == (size_t)-1;) {
            const char *lf = memchr(t + a, '\n', n - a);
            size_t e = lf ? (size_t)(lf - t) : n;
            if (e - a >= lcap)
                longline = a;
            a = e + 1;
        }
        mb_doc_options o = {.piece_size = piece};
        mb_error err = {0}, werr = {0};
        mb_reader *r = NULL;
        mb_status st = mb_reader_open(path, &o, &r, &err);
        char want[160], w[1400];
        if (longline != (size_t)-1) {
            snprintf(want, sizeof want, "byte %zu: no line break in the next %zu bytes", longline, lcap);
            int ok = st == MB_ETOOBIG && strstr(err.message, want);
            refused += ok;
            if (!ok) {
                snprintf(w, sizeof w, "random file %zu (piece %zu): %s, not \"%s\"", run, piece, err.message,
                         want);
                T_OK(0, w);
            }
            mb_reader_close(r);
            continue;
        }
        mb_doc *whole = NULL;
        mb_status ws = mb_doc_load_file(path, &o, &whole, &werr);
        size_t pieces = 0, diff = 0;
        while (st == MB_OK) {
            mb_doc *d = NULL;
            st = mb_reader_next(r, &d, &err);
            if (st || !d)
                break;
            pieces++;
            if (!whole || strcmp(mb_doc_sha256(d), mb_doc_sha256(whole)))
                diff++;
            mb_doc_free(d);
        }
        mb_reader_close(r);
        int ok;
        if (ws != MB_OK) {
            ok = st == ws && !strcmp(err.message, werr.message);
            failed += ok;
        } else {
            ok = st == MB_OK && !diff && pieces > 1;
            agree += ok;
        }
        if (!ok) {
            snprintf(w, sizeof w,
                     "random file %zu (piece %zu): status %d / %d whole, %zu differences; %s / %s", run,
                     piece, (int)st, (int)ws, diff, err.message, werr.message);
            T_OK(0, w);
        }
        mb_doc_free(whole);
    }
    free(t);
    char w[200];
    snprintf(w, sizeof w,
             "random files: %zu read as whole, %zu refused for a long line, %zu failing as whole", agree,
             refused, failed);
    T_EQ_INT(agree + refused + failed, runs, w);
    T_OK(agree > 20 && refused > 20 && failed > 20, "... each kind often enough");
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/mubiao-test-reader.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        T_OK(0, "a temporary folder");
        return t_done();
    }
    char p8[300], p16[300], pgb[300], pnul[300], pbad[300], plong[300], psmall[300];
    snprintf(p8, sizeof p8, "%s/u8.txt", dir);
    snprintf(p16, sizeof p16, "%s/u16.txt", dir);
    snprintf(pgb, sizeof pgb, "%s/gb.txt", dir);
    snprintf(pnul, sizeof pnul, "%s/nul.txt", dir);
    snprintf(pbad, sizeof pbad, "%s/bad.txt", dir);
    snprintf(plong, sizeof plong, "%s/long.txt", dir);
    snprintf(psmall, sizeof psmall, "%s/small.txt", dir);

    size_t n, n16, ngb;
    char *s = make_text(120, &n);
    char *s16 = s ? convert("UTF-16LE", s, n, &n16, 1) : NULL;
    char *sgb = s ? convert("GB18030", s, n, &ngb, 0) : NULL;
    T_OK(s && s16 && sgb, "the test texts");
    if (!s || !s16 || !sgb)
        return t_done();
    T_OK(!write_file(p8, s, n) && !write_file(p16, s16, n16) && !write_file(pgb, sgb, ngb), "written");

    same_as_whole(p8, "UTF-8", 0);
    same_as_whole(p16, "UTF-16LE with a BOM", 0);
    same_as_whole(pgb, "GB18030", 0);
    same_as_whole(p8, "UTF-8, lines only", 1);
    same_as_whole(pgb, "GB18030, lines only", 1);

    /* a NUL byte and a bad sequence far into the file: found by the first
     * pass, reported before any piece with their offsets in the file */
    char *t = malloc(n + 16);
    memcpy(t, s, n);
    size_t at = n - 200;
    while (t[at] & 0x80) /* an ASCII byte: a digit */
        at++;
    char msg[128];
    t[at] = '\0';
    T_OK(!write_file(pnul, t, n), "a file with a NUL byte");
    snprintf(msg, sizeof msg, "byte %zu: NUL byte", at);
    fails(pnul, 1000, MB_EBINARY, msg, "a NUL byte in the last piece");
    t[at] = (char)0xff;
    T_OK(!write_file(pbad, t, n), "a file with a bad byte");
    snprintf(msg, sizeof msg, "byte %zu: invalid utf-8 sequence", at);
    fails(pbad, 1000, MB_EDECODE, msg, "a bad UTF-8 byte in the last piece");
    /* ... which a lenient reading replaces, warning with the offset */
    mb_doc_options len = {.piece_size = 1000, .lenient = 1};
    mb_reader *r = NULL;
    mb_error err = {0};
    int warned = 0;
    if (mb_reader_open(pbad, &len, &r, &err) == MB_OK)
        for (mb_doc *d; mb_reader_next(r, &d, &err) == MB_OK && d; mb_doc_free(d))
            for (size_t i = 0; mb_doc_warning(d, i); i++)
                warned += strstr(mb_doc_warning(d, i), msg) != NULL;
    T_EQ_INT(warned, 1, "lenient: one warning, with the offset in the file");
    mb_reader_close(r);

    /* a line longer than MB_LINE_CAP_PIECES pieces */
    memset(t, 'x', n);
    memcpy(t, "line\n", 5);
    T_OK(!write_file(plong, t, n), "a file of one long line");
    fails(plong, 500, MB_ETOOBIG, "byte 5: no line break in the next 2000 bytes", "a long line");
    free(t);

    /* the same far into the file, pieces of 1000 bytes (lines of 4000 at
     * most): refused at open, before any piece, from the start of the line
     * when it holds no break in 4000 bytes; one byte shorter, read */
    size_t head = 0;
    for (size_t i = 0; i < n && i < 5000; i++)
        if (s[i] == '\n')
            head = i + 1; /* whole lines, several chunks of the first pass */
    for (size_t run = 3999; run <= 4000; run++) {
        t = malloc(head + run + 1 + n);
        memcpy(t, s, head);
        memset(t + head, 'x', run);
        t[head + run] = '\n';
        memcpy(t + head + run + 1, s, n);
        T_OK(!write_file(plong, t, head + run + 1 + n), "a file with a long line far into it");
        free(t);
        mb_doc_options lo = {.piece_size = 1000};
        mb_error lerr = {0};
        mb_reader *lr = NULL;
        mb_status lst = mb_reader_open(plong, &lo, &lr, &lerr);
        mb_reader_close(lr);
        if (run == 4000) {
            snprintf(msg, sizeof msg, "byte %zu: no line break in the next 4000 bytes", head);
            T_EQ_INT(lst, MB_ETOOBIG, "a line of 4000 bytes: refused at open");
            T_OK(strstr(lerr.message, msg) != NULL, "... from the line's start");
        } else {
            T_EQ_INT(lst, MB_OK, "a line of 3999 bytes: opened");
            same_as_whole(plong, "a line of 3999 bytes", 0);
        }
    }

    char prand[300];
    snprintf(prand, sizeof prand, "%s/random.txt", dir);
    random_files(prand);

    /* a file no larger than a piece: one piece, the whole document */
    T_OK(!write_file(psmall, s, 900), "a small file");
    mb_doc_options o = {.piece_size = 1000};
    r = NULL;
    mb_doc *d = NULL, *w = NULL;
    T_OK(mb_reader_open(psmall, &o, &r, &err) == MB_OK && mb_reader_next(r, &d, &err) == MB_OK && d,
         "a small file opens");
    T_OK(mb_doc_load_file(psmall, &o, &w, &err) == MB_OK, "... and loads whole");
    if (d && w) {
        T_EQ_INT(mb_doc_paragraph_count(d), mb_doc_paragraph_count(w), "... the same paragraphs");
        T_EQ_STR(mb_doc_sha256(d), mb_doc_sha256(w), "... the same hash");
        T_EQ_INT(mb_doc_source_base(d), 0, "... from byte 0");
    }
    mb_doc_free(d);
    mb_doc_free(w);
    d = NULL;
    T_OK(mb_reader_next(r, &d, &err) == MB_OK && !d, "... then the end");
    T_EQ_INT(mb_reader_pieces(r), 1, "... one piece");
    mb_reader_close(r);

    unlink(p8), unlink(p16), unlink(pgb), unlink(pnul), unlink(pbad), unlink(plong), unlink(psmall);
    rmdir(dir);
    free(s);
    free(s16);
    free(sgb);
    return t_done();
}
