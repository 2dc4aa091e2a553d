/* test_track.c — the verdict rule of mubiao track (mb_track_compare): the
 * cases of tests/data/track/verdicts.tsv, every comparator × change ×
 * polarity × unit case, and the names of verdicts and formats. */
#include "lexicon.h"
#include "mubiao.h"
#include "t.h"
#include "t_lex.h"

#include <math.h>
#include <stdlib.h>

/* "6.5" or "6.5~7" or "-" into q. */
static void parse_value(const char *s, mb_track_quantity *q)
{
    const char *tilde = strchr(s, '~');
    if (!strcmp(s, "-"))
        return;
    if (tilde) {
        q->has_range = 1;
        q->min = strtod(s, NULL);
        q->max = strtod(tilde + 1, NULL);
    } else {
        q->has_value = 1;
        q->value = strtod(s, NULL);
    }
}

/* 1 when the unit lexicon says unit counts percent or percentage points,
 * as mubiao track sets mb_track_quantity.points */
static int points_of(const mb_lexicon *lex, const char *unit)
{
    const mb_lexword *w = lex && unit ? mb_lex_get(lex, MB_LX_UNIT, unit, strlen(unit)) : NULL;
    return w && (mb_lex_value_is(w, "cat", "percent") || mb_lex_value_is(w, "cat", "ppoint"));
}

static void cases(const mb_lexicon *lex)
{
    FILE *f = fopen("tests/data/track/verdicts.tsv", "r");
    T_OK(f != NULL, "tests/data/track/verdicts.tsv opens");
    if (!f)
        return;
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *fld[11];
        int k = 0;
        for (char *p = line; k < 11; k++) {
            fld[k] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                k++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        if (k != 10) {
            T_OK(0, "a case has 10 fields");
            continue;
        }
        mb_track_quantity t = {0}, o = {0};
        t.comparator = fld[0];
        parse_value(fld[1], &t);
        t.unit = strcmp(fld[2], "-") ? fld[2] : NULL;
        t.points = points_of(lex, t.unit);
        t.change = fld[3];
        parse_value(fld[4], &o);
        o.comparator = "eq";
        o.unit = strcmp(fld[5], "-") ? fld[5] : NULL;
        o.change = fld[6];
        double diff = -1, tol = -1;
        mb_track_verdict v = mb_track_compare(&t, &o, !strcmp(fld[7], "lower"), &diff, &tol);
        char what[600];
        snprintf(what, sizeof what, "%s %s %s %s against %s %s %s, better %s: %s", fld[0], fld[1], fld[2],
                 fld[3], fld[4], fld[5], fld[6], fld[7], fld[8]);
        T_EQ_STR(mb_track_verdict_name(v), fld[8], what);
        char d[64];
        snprintf(d, sizeof d, "got %.10g, want %s", diff, fld[9]);
        t_report(fabs(diff - strtod(fld[9], NULL)) < 1e-9, __FILE__, __LINE__, "... difference", d);
        n++;
    }
    fclose(f);
    T_OK(n >= 30, "the case file has its cases");
}

static void names(void)
{
    static const char *const want[] = {"met", "missed", "pending", "no-data", "not-comparable", "absent"};
    for (int i = 0; i < 6; i++)
        T_EQ_STR(mb_track_verdict_name((mb_track_verdict)i), want[i], "verdict name");
    mb_track_format f;
    T_EQ_INT(mb_track_format_parse("html", &f), MB_OK, "format html");
    T_EQ_INT(f, MB_TRACK_HTML, "... is MB_TRACK_HTML");
    T_EQ_INT(mb_track_format_parse("json", &f), MB_EARG, "format json: refused");
    mb_track_quantity t = {1, 0, 5, 0, 0, "approx", "%", "increase", 1}, o = t;
    T_EQ_INT(mb_track_compare(&t, &o, 0, NULL, NULL), MB_TRACK_MET, "diff and tol may be NULL");
}

/* approx's tolerance follows points, not the unit's text: 0.1 with it, 2%
 * of the target without */
static void points(const mb_lexicon *lex)
{
    mb_track_quantity t = {1, 0, 2, 0, 0, "approx", "个百分点", "increase", 0}, o = t;
    o.comparator = "eq";
    o.value = 1.93;
    double diff, tol;
    T_EQ_STR(mb_track_verdict_name(mb_track_compare(&t, &o, 0, &diff, &tol)), "missed",
             "2 points approx, 1.93 without points: 2% of 2 is 0.04, missed");
    T_OK(fabs(tol - 0.04) < 1e-12, "... tolerance 0.04");
    t.points = 1;
    T_EQ_STR(mb_track_verdict_name(mb_track_compare(&t, &o, 0, &diff, &tol)), "met", "with points: met");
    T_OK(fabs(tol - 0.1) < 1e-12, "... tolerance 0.1");
    T_OK(points_of(lex, "%") && points_of(lex, "个百分点") && !points_of(lex, "亿元") &&
             !points_of(lex, NULL),
         "the unit lexicon: % and 个百分点 count points, 亿元 does not");
}

int main(void)
{
    mb_lexicon *lex = t_lexicon();
    cases(lex);
    names();
    points(lex);
    mb_lexicon_free(lex);
    return t_done();
}
