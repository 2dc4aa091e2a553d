/* test_reflow_files.c — reflow on real files: the span invariant of every
 * paragraph and sentence of corpus/, and, when ../shared is present, every
 * government work report keeps one paragraph per non-blank line, exactly. */
#include "reflow.h"
#include "t.h"

#include <dirent.h>
#include <stdlib.h>

/* s without ASCII spaces (malloc'ed). */
static char *squeeze(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    if (!o)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            o[k++] = s[i];
    o[k] = '\0';
    return o;
}

/* Does source span [a,b), decoded and normalized, give text[0..n) (spaces
 * aside: line-edge spaces are trimmed, one is inserted between Latin
 * words)? */
static int span_matches(const mb_doc *d, uint32_t a, uint32_t b, const char *text, size_t n)
{
    char *src = NULL;
    mb_error err = {0};
    if (mb_doc_source_text(d, a, b, &src, &err) != MB_OK)
        return 0;
    char *x = squeeze(src, strlen(src)), *y = squeeze(text, n);
    int ok = x && y && strcmp(x, y) == 0;
    if (!ok)
        printf("# span %u..%u: source \"%.200s\" text \"%.200s\"\n", a, b, x ? x : "", y ? y : "");
    free(src);
    free(x);
    free(y);
    return ok;
}

static void check_invariants(const char *path)
{
    mb_doc *d = NULL;
    mb_error err = {0};
    char what[256];
    snprintf(what, sizeof what, "%s loads", path);
    T_EQ_INT(mb_doc_load_file(path, NULL, &d, &err), MB_OK, what);
    if (!d)
        return;
    size_t bad_span = 0, bad_sent = 0, bad_space = 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < mb_doc_paragraph_count(d); i++) {
        const mb_paragraph *p = mb_doc_paragraph(d, i);
        const char *t = p->text.s;
        size_t n = p->text.len;
        if (!span_matches(d, p->src_start, p->src_end, t, n) || p->src_start < prev_end)
            bad_span++;
        prev_end = p->src_end;
        if (n == 0 || t[0] == ' ' || t[n - 1] == ' ' || strstr(t, "  ") || strchr(t, '\n'))
            bad_space++;
        /* sentences: in order, inside the paragraph, covering all but spaces */
        size_t at = 0;
        for (size_t k = 0; k < p->nsentences; k++) {
            const mb_sentence *s = &p->sentences[k];
            uint32_t a, b;
            int ok = s->start < s->end && s->end <= n;
            for (size_t q = at; ok && q < s->start; q++)
                ok = t[q] == ' ';
            if (ok) {
                mb_text_source_range(&p->text, s->start, s->end, &a, &b);
                ok = span_matches(d, a, b, t + s->start, s->end - s->start);
            }
            if (!ok)
                bad_sent++;
            at = s->end;
        }
        if (at != n || p->nsentences == 0)
            bad_sent++;
    }
    snprintf(what, sizeof what, "%s: every paragraph's source span gives its text", path);
    T_EQ_INT(bad_span, 0, what);
    snprintf(what, sizeof what, "%s: no line-edge or double spaces in paragraph text", path);
    T_EQ_INT(bad_space, 0, what);
    snprintf(what, sizeof what, "%s: sentences tile each paragraph and map to their source", path);
    T_EQ_INT(bad_sent, 0, what);
    mb_doc_free(d);
}

/* Every non-blank line of the normalized text is exactly one paragraph:
 * same line number, same trimmed text, same source span. */
static size_t one_per_line_errors(const char *path)
{
    mb_doc *d = NULL;
    mb_error err = {0};
    if (mb_doc_load_file(path, NULL, &d, &err) != MB_OK) {
        printf("# %s\n", err.message);
        return 1;
    }
    const mb_text *t = mb_doc_text(d);
    size_t bad = 0, i = 0, pi = 0;
    unsigned no = 1;
    while (i < t->len) {
        size_t z = i;
        while (z < t->len && t->s[z] != '\n')
            z++;
        size_t b = i, e = z;
        while (b < e && t->s[b] == ' ')
            b++;
        while (e > b && t->s[e - 1] == ' ')
            e--;
        if (b < e) {
            const mb_paragraph *p = mb_doc_paragraph(d, pi++);
            uint32_t sa, sb;
            mb_text_source_range(t, b, e, &sa, &sb);
            if (!p || p->line != no || p->text.len != e - b || memcmp(p->text.s, t->s + b, e - b) != 0 ||
                p->src_start != sa || p->src_end != sb) {
                if (bad++ < 3)
                    printf("# %s: line %u is not one paragraph (paragraph %zu at line %u)\n", path, no,
                           pi - 1, p ? p->line : 0);
            }
        }
        i = z + 1;
        no++;
    }
    if (pi != mb_doc_paragraph_count(d))
        bad++;
    mb_doc_free(d);
    return bad;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_gwr(void)
{
    const char *shared = getenv("SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/data/gwr", shared && *shared ? shared : "../shared");
    DIR *dp = opendir(dir);
    if (!dp) {
        printf("skip - %s absent: government work report check\n", dir);
        return;
    }
    char *names[512];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL && n < 512) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".txt") == 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, by_name);
    size_t files_bad = 0;
    for (size_t k = 0; k < n; k++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        if (one_per_line_errors(path))
            files_bad++;
        free(names[k]);
    }
    char what[128];
    snprintf(what, sizeof what, "gwr: %zu files, every non-blank line is exactly one paragraph", n);
    T_OK(n > 0 && files_bad == 0, what);
}

int main(void)
{
    check_invariants("corpus/000_f13218485f6e8987.txt");
    check_invariants("corpus/002_5a266641c087b39d.txt");
    check_gwr();
    return t_done();
}
