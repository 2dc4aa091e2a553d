/* test_segment.c — the segmenter on real sentences with the compiled
 * dictionary ($MUBIAO_DICT, else mubiao.dict in the build folder, one level
 * above this test binary), driven by tests/data/segment.test; plus exact
 * offsets, whitespace, invalid bytes and argument errors. */
#include "segment.h"
#include "t.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

static mb_dict *open_real(void)
{
    char buf[PATH_MAX];
    const char *p = getenv("MUBIAO_DICT");
    if (!p || !*p) {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 32);
        if (n <= 0)
            return NULL;
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        if (!slash)
            return NULL;
        strcpy(slash, "/../mubiao.dict");
        p = buf;
    }
    mb_dict *d = NULL;
    mb_error err = {0};
    if (mb_dict_open(p, &d, &err))
        printf("# %s\n", err.message);
    return d;
}

/* "w/tag w/tag ..." of the tokens, checking that offsets are contiguous. */
static void check_case(const mb_dict *d, const char *file, int line, const char *in, const char *want)
{
    mb_tokens tk = {0};
    mb_error err = {0};
    char what[600];
    snprintf(what, sizeof what, "%s:%d: %.60s", file, line, in);
    if (mb_segment(d, NULL, in, strlen(in), &tk, &err)) {
        T_OK(0, err.message);
        return;
    }
    size_t cap = 16 * strlen(in) + 16, at = 0;
    char *got = malloc(cap);
    got[0] = '\0';
    size_t pos = 0;
    int offsets_ok = 1;
    for (size_t i = 0; i < tk.n; i++) {
        const mb_token *t = &tk.v[i];
        while (pos < t->start && in[pos] == ' ')
            pos++;
        if (t->start != pos || t->end <= t->start)
            offsets_ok = 0;
        pos = t->end;
        at += (size_t)snprintf(got + at, cap - at, "%s%.*s/%s", i ? " " : "", (int)(t->end - t->start),
                               in + t->start, t->tag);
    }
    while (pos < strlen(in) && in[pos] == ' ')
        pos++;
    if (pos != strlen(in))
        offsets_ok = 0;
    T_EQ_STR(got, want, what);
    T_OK(offsets_ok, "tokens cover the input in order, byte offsets contiguous");
    free(got);
    mb_tokens_free(&tk);
}

static int run_file(const mb_dict *d, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[8192], in[8192] = "";
    int n = 0, cases = 0, in_line = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        line[strcspn(line, "\n")] = '\0';
        if (!strncmp(line, "< ", 2)) {
            snprintf(in, sizeof in, "%s", line + 2);
            in_line = n;
        } else if (!strncmp(line, "> ", 2) && in_line) {
            check_case(d, path, in_line, in, line + 2);
            cases++;
            in_line = 0;
        }
    }
    fclose(f);
    return cases;
}

int main(void)
{
    mb_dict *d = open_real();
    T_OK(d != NULL, "the compiled dictionary (make builds it) opens");
    if (!d)
        return t_done();
    int cases = run_file(d, "tests/data/segment.test");
    T_OK(cases >= 15, "tests/data/segment.test read (run from the project root)");

    /* exact offsets, written out */
    mb_tokens tk = {0};
    mb_error err = {0};
    const char *s = "城镇调查失业率5.5%左右";
    T_EQ_INT(mb_segment(d, NULL, s, strlen(s), &tk, &err), MB_OK, "segment an indicator sentence");
    T_EQ_INT(tk.n, 3, "three tokens");
    if (tk.n == 3) {
        T_EQ_INT(tk.v[0].start, 0, "城镇调查失业率 starts at 0");
        T_EQ_INT(tk.v[0].end, 21, "城镇调查失业率 ends at 21");
        T_EQ_INT(tk.v[1].start, 21, "5.5% starts at 21");
        T_EQ_INT(tk.v[1].end, 25, "5.5% ends at 25");
        T_EQ_STR(tk.v[1].tag, "m", "5.5% is m");
        T_EQ_INT(tk.v[2].end, 31, "左右 ends at 31");
    }

    /* whitespace only, empty string, invalid UTF-8 */
    T_EQ_INT(mb_segment(d, NULL, " \t ", 3, &tk, &err), MB_OK, "whitespace only");
    T_EQ_INT(tk.n, 0, "gives no token");
    T_EQ_INT(mb_segment(d, NULL, "", 0, &tk, &err), MB_OK, "empty string");
    T_EQ_INT(tk.n, 0, "gives no token");
    s = "增长\xff\xfe" "5%";
    T_EQ_INT(mb_segment(d, NULL, s, strlen(s), &tk, &err), MB_OK, "invalid bytes are no error");
    T_EQ_INT(tk.n, 4, "增长, two one-byte tokens, 5%");
    if (tk.n == 4) {
        T_EQ_INT(tk.v[1].start, 6, "first invalid byte at 6");
        T_EQ_INT(tk.v[1].end, 7, "one byte long");
        T_EQ_STR(tk.v[1].tag, "x", "tagged x");
        T_EQ_INT(tk.v[3].start, 8, "5% at 8");
    }
    s = "增长\xe5\xa2"; /* truncated 3-byte character at the end */
    T_EQ_INT(mb_segment(d, NULL, s, strlen(s), &tk, &err), MB_OK, "truncated character at the end");
    T_EQ_INT(tk.v[tk.n - 1].end, 8, "last token ends at the string's end");

    /* a long line reuses and grows the caller's buffers */
    size_t big = 200000;
    char *longs = malloc(big * 3 + 1);
    for (size_t i = 0; i < big; i++)
        memcpy(longs + 3 * i, "国", 3);
    longs[3 * big] = '\0';
    T_EQ_INT(mb_segment(d, NULL, longs, 3 * big, &tk, &err), MB_OK, "a 600 kB line");
    T_OK(tk.n > 0 && tk.v[tk.n - 1].end == 3 * big, "covers it to the end");
    free(longs);

    T_EQ_INT(mb_segment(NULL, NULL, "a", 1, &tk, &err), MB_EARG, "no dictionary: EARG");
    T_EQ_INT(mb_segment(d, NULL, NULL, 3, &tk, &err), MB_EARG, "no string: EARG");

    mb_tokens_free(&tk);
    mb_tokens_free(NULL);
    mb_dict_close(d);
    mb_dict_close(NULL);
    return t_done();
}
