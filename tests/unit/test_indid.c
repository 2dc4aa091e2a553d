/* test_indid.c — canonical identities of indicators: the resolution rules
 * (tests/data/indicator/ids.tsv over a small test lexicon) and the real
 * indicator lexicon's consistency (every id has its canonical row, one
 * kind per id). */
#include "indid.h"
#include "t.h"

#include <glob.h>
#include <stdlib.h>
#include <unistd.h>

/* The files dict/lexicon/ *.tsv without indicators.tsv, plus extra (if not NULL). */
static mb_lexicon *open_lexicon(const char *extra, int with_indicators)
{
    glob_t g;
    if (glob("dict/lexicon/*.tsv", 0, NULL, &g) != 0)
        return NULL;
    const char *files[64];
    size_t n = 0;
    for (size_t i = 0; i < g.gl_pathc && n < 63; i++)
        if (with_indicators || !strstr(g.gl_pathv[i], "indicators.tsv"))
            files[n++] = g.gl_pathv[i];
    if (extra)
        files[n++] = extra;
    char path[256];
    snprintf(path, sizeof path, "/tmp/mubiao-t-indid-%ld.dict", (long)getpid());
    mb_error err = {0};
    mb_dict *d = NULL;
    mb_lexicon *lex = NULL;
    if (mb_dict_compile_lexicon(path, NULL, NULL, 0, files, n, &err) || mb_dict_open(path, &d, &err) ||
        mb_lexicon_open(d, NULL, 0, &lex, &err))
        printf("not ok - lexicon: %s\n", err.message);
    mb_dict_close(d);
    remove(path);
    globfree(&g);
    return lex;
}

static void rules(void)
{
    mb_lexicon *lex = open_lexicon("tests/data/indicator/lexicon.tsv", 0);
    T_OK(lex != NULL, "the test lexicon compiles");
    FILE *f = fopen("tests/data/indicator/ids.tsv", "r");
    T_OK(f != NULL, "tests/data/indicator/ids.tsv opens");
    if (!lex || !f) {
        if (f)
            fclose(f);
        mb_lexicon_free(lex);
        return;
    }
    char line[1024];
    size_t cases = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            T_OK(0, "a case is text<TAB>id");
            continue;
        }
        *tab = '\0';
        const char *want = tab + 1;
        char *got = mb_indicator_id(lex, line, strlen(line));
        char what[1200];
        snprintf(what, sizeof what, "id of %s", line);
        T_EQ_STR(got ? got : "-", want, what);
        free(got);
        cases++;
    }
    fclose(f);
    T_OK(cases >= 10, "the case file has its cases");
    T_OK(mb_indicator_id(lex, "", 0) == NULL, "an empty text has no id");
    T_OK(mb_indicator_id(NULL, "SFZ", 3) == NULL, "no lexicon: no id");
    mb_lexicon_free(lex);
}

static void real_lexicon(void)
{
    mb_lexicon *lex = open_lexicon(NULL, 1);
    T_OK(lex != NULL, "the real lexicon compiles");
    if (!lex)
        return;
    size_t n = 0, bad_canon = 0, bad_kind = 0;
    mb_lexlist ws = mb_lex_words(lex, MB_LX_INDICATOR);
    n = ws.n;
    for (size_t i = 0; i < n; i++) {
        size_t il = 0, kl = 0, ckl = 0;
        const mb_lexword *w = mb_lexlist_at(ws, i);
        const char *id = mb_lex_value(w, "id", &il);
        const char *kind = mb_lex_value(w, "kind", &kl);
        const mb_lexword *c = id ? mb_lex_get(lex, MB_LX_INDICATOR, id, il) : NULL;
        const char *ck = c ? mb_lex_value(c, "kind", &ckl) : NULL;
        size_t cil = 0;
        const char *cid = c ? mb_lex_value(c, "id", &cil) : NULL;
        if (!c || !cid || cil != il || memcmp(cid, id, il)) {
            bad_canon++;
            printf("# %s: id %.*s has no canonical row\n", mb_lexw_word(w), (int)il, id ? id : "");
        } else if (!kind || !ck || kl != ckl || memcmp(kind, ck, kl)) {
            bad_kind++;
            printf("# %s: kind differs from its canonical row's\n", mb_lexw_word(w));
        }
    }
    T_OK(n > 0, "the real lexicon has indicator rows");
    T_EQ_INT(bad_canon, 0, "every id of the real lexicon has its canonical row (word = id, same id)");
    T_EQ_INT(bad_kind, 0, "every row has its canonical row's kind");
    mb_lexicon_free(lex);
}

int main(void)
{
    rules();
    real_lexicon();
    return t_done();
}
