/* test_dompos.c — an HTML page's characters in its DOM text (dompos.h):
 * every row of tests/data/position/dom.tsv (a page, a text in it, the
 * characters of document.body.textContent before it; Chromium checks the
 * same rows in tests/cli/position_browser.sh); the table's checkpoints
 * (flat over markup, about one a KiB in long text); the entity table's
 * order; a page of every prefix of a tricky page never reads past its end
 * or counts backwards; and a plain UTF-8 text's table (charpos.c) against
 * a count character by character at every character start. */
#include "t.h"

#include "decode.h"
#include "dompos.h"
#include "html_entities.h"

#include <stdlib.h>
#include <string.h>

/* The DOM count at the first byte of needle in page (UTF-8); -1 when the
 * table is empty (no body), -2 when needle is not there. */
static long long count_at(const char *page, size_t n, const char *needle, size_t *checkpoints)
{
    mb_text dec;
    mb_text_init(&dec);
    const char *enc;
    mb_strlist w = {0};
    mb_error e;
    long long r = -2;
    if (mb_decode("case", (const unsigned char *)page, n, "utf-8", 1, NULL, &dec, &enc, &w, &e) != MB_OK) {
        mb_strlist_free(&w);
        return -3;
    }
    mb_charpos cp;
    if (mb_dompos_build(&cp, &dec, enc) == MB_OK) {
        const char *at = needle ? strstr(page, needle) : NULL;
        if (!cp.n)
            r = -1;
        else if (at)
            r = mb_charpos_at(&cp, (const unsigned char *)page, n, (uint32_t)(at - page));
        if (checkpoints)
            *checkpoints = cp.n;
        mb_charpos_free(&cp);
    }
    mb_text_free(&dec);
    mb_strlist_free(&w);
    return r;
}

static char *unescape(const char *s)
{
    char *o = malloc(strlen(s) + 1), *p = o;
    if (!o)
        return NULL;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *p++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s == 't' ? '\t' : *s;
        } else {
            *p++ = *s;
        }
    }
    *p = '\0';
    return o;
}

static void test_rows(void)
{
    FILE *f = fopen("tests/data/position/dom.tsv", "r");
    T_OK(f != NULL, "tests/data/position/dom.tsv opened");
    if (!f)
        return;
    char line[4096];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *name = line, *page = strchr(name, '\t'), *needle = page ? strchr(page + 1, '\t') : NULL,
             *want = needle ? strchr(needle + 1, '\t') : NULL;
        if (!want) {
            T_OK(0, "a row of dom.tsv has four fields");
            continue;
        }
        *page++ = *needle++ = *want++ = '\0';
        char *p = unescape(page);
        if (!p)
            continue;
        long long got = count_at(p, strlen(p), needle, NULL);
        char what[256];
        snprintf(what, sizeof what, "dom.tsv: %.200s", name);
        T_EQ_INT(got, strcmp(want, "-") ? atoll(want) : -1, what);
        free(p);
        rows++;
    }
    fclose(f);
    T_OK(rows >= 29, "dom.tsv: every row read");
}

static void test_table(void)
{
    /* long text: one checkpoint a KiB; markup: flat, merged while nothing counts */
    size_t n = 100000;
    char *p = malloc(n + 64);
    if (!p)
        return;
    strcpy(p, "<body>");
    memset(p + 6, 'a', n);
    strcpy(p + 6 + n, "X");
    size_t cps = 0;
    T_EQ_INT(count_at(p, strlen(p), "X", &cps), (long long)n, "100,000 characters of text counted");
    T_OK(cps >= n / 1024 && cps <= n / 1024 + 3, "... with a checkpoint about every KiB");
    strcpy(p, "<!DOCTYPE html><html><head><title>t</title><!-- c --></head><body>");
    T_EQ_INT(count_at(p, strlen(p), NULL, &cps), -2, "markup alone: nothing counted");
    T_EQ_INT(cps, 1, "... one flat checkpoint for all of it");
    free(p);
}

static void test_entities(void)
{
    size_t n;
    const mb_html_entity *e = mb_html_entities(&n);
    T_EQ_INT(n, 2231, "the WHATWG list: 2,231 names");
    int sorted = 1, legacy = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && strcmp(e[i - 1].name, e[i].name) >= 0)
            sorted = 0;
        legacy += e[i].name[strlen(e[i].name) - 1] != ';';
    }
    T_OK(sorted, "sorted by name (the look-up is a binary search)");
    T_EQ_INT(legacy, 106, "106 legacy names without ';'");
}

/* Every prefix of a page with every construct: the table never counts
 * backwards and never reads past the end (ASan). */
static void test_prefixes(void)
{
    const char *page = "<!DOCTYPE html>\r\n<html><head><title>a&amp;</title><script>x</script></head>"
                       "<body><p title=\"a>b\">t&nbsp&#x4E00;&NotEqualTilde;</p><!-- c --><script><!-- "
                       "<script></script> --></script><pre>\nq</pre><svg><![CDATA[d]]></svg><textarea>\r\n"
                       "e</textarea><template>f</template><xmp><i></xmp>\xe4\xb8\x80</body>";
    size_t len = strlen(page);
    int ok = 1;
    for (size_t k = 0; k <= len; k++) {
        char *p = malloc(k + 1);
        if (!p)
            return;
        memcpy(p, page, k);
        p[k] = '\0';
        mb_text dec;
        mb_text_init(&dec);
        const char *enc;
        mb_strlist w = {0};
        mb_error e;
        if (mb_decode("p", (const unsigned char *)p, k, "utf-8", 1, NULL, &dec, &enc, &w, &e) == MB_OK) {
            mb_charpos cp;
            if (mb_dompos_build(&cp, &dec, enc) == MB_OK) {
                uint32_t last = 0;
                for (size_t b = 0; b <= k; b++) {
                    uint32_t c = mb_charpos_at(&cp, (const unsigned char *)p, k, (uint32_t)b);
                    if (c < last || c > b)
                        ok = 0;
                    last = c;
                }
                mb_charpos_free(&cp);
            }
        }
        mb_text_free(&dec);
        mb_strlist_free(&w);
        free(p);
    }
    T_OK(ok, "every prefix of a page: counts never go back, never more than the bytes");
}

/* A UTF-8 text of 1- to 4-byte characters over several checkpoints: the
 * characters before every character start, as counted one by one. */
static void test_utf8_counts(void)
{
    static const char *const ch[] = {"a", "\xc2\xb7",    "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
                                     " ", "\xef\xbc\x8c"};
    size_t cap = 12000, n = 0;
    unsigned char *t = malloc(cap);
    unsigned seed = 7;
    while (n + 4 < cap - 1) {
        seed = seed * 1103515245u + 12345u;
        const char *c = ch[(seed >> 16) % 6];
        memcpy(t + n, c, strlen(c));
        n += strlen(c);
    }
    mb_charpos cp;
    int ok = mb_charpos_build(&cp, t, n, "utf-8") == MB_OK && cp.n > 5;
    uint32_t count = 0;
    for (size_t b = 0; b <= n && ok; b++) {
        if (b == n || (t[b] & 0xC0) != 0x80) {
            ok = mb_charpos_at(&cp, t, n, (uint32_t)b) == count;
            count++;
        }
    }
    T_OK(ok, "UTF-8 text: characters before every character start, over 12 checkpoints");
    mb_charpos_free(&cp);
    free(t);
}

int main(void)
{
    test_utf8_counts();
    test_rows();
    test_table();
    test_entities();
    test_prefixes();
    return t_done();
}
