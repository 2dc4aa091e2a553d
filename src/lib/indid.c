/* indid.c — canonical identities of indicators (see indid.h). */
#include "indid.h"

#include <stdlib.h>
#include <string.h>

/* s[0..n) without its bracketed parts ( ) （ ） into out (at least n + 1
 * bytes); the new length. */
static size_t drop_brackets(const char *s, size_t n, char *out)
{
    static const char *const open[] = {"(", "（"}, *const close[] = {")", "）"};
    size_t o = 0, depth = 0;
    for (size_t i = 0; i < n;) {
        size_t step = 1;
        int kind = 0; /* 1 open, 2 close */
        for (size_t k = 0; k < 2 && !kind; k++) {
            size_t lo = strlen(open[k]), lc = strlen(close[k]);
            if (i + lo <= n && !memcmp(s + i, open[k], lo)) {
                kind = 1;
                step = lo;
            } else if (i + lc <= n && !memcmp(s + i, close[k], lc)) {
                kind = 2;
                step = lc;
            }
        }
        if (kind == 1)
            depth++;
        else if (kind == 2 && depth)
            depth--;
        else if (!depth)
            memcpy(out + o, s + i, step), o += step;
        i += step;
    }
    out[o] = '\0';
    return o;
}

/* The row of s[0..n) as written, or without a leading scope word, or
 * without a trailing rate word, or both. */
static const mb_lexword *row_of(const mb_lexicon *lex, const char *s, size_t n)
{
    const mb_lexword *w = mb_lex_get(lex, MB_LX_INDICATOR, s, n);
    if (w)
        return w;
    size_t a = 0, b = n;
    const mb_lexword *sc = mb_lex_longest_at(lex, MB_LX_SCOPE_WORD, s, n, 0);
    if (sc && mb_lexw_len(sc) < n)
        a = mb_lexw_len(sc);
    const mb_lexword *rw = mb_lex_longest_before(lex, MB_LX_RATE_WORD, s, a, n);
    if (rw && mb_lexw_len(rw) < b - a)
        b -= mb_lexw_len(rw);
    if (a == 0 && b == n)
        return NULL;
    if ((w = mb_lex_get(lex, MB_LX_INDICATOR, s + a, b - a)))
        return w;
    if (a && (w = mb_lex_get(lex, MB_LX_INDICATOR, s + a, n - a)))
        return w;
    if (b < n && (w = mb_lex_get(lex, MB_LX_INDICATOR, s, b)))
        return w;
    return NULL;
}

/* row_of, or of the text less a trailing change verb (地区生产总值增长 in
 * 地区生产总值增长目标调整为6%: the growth of 地区生产总值). */
static const mb_lexword *row_or_growth(const mb_lexicon *lex, const char *s, size_t n)
{
    const mb_lexword *w = row_of(lex, s, n);
    if (w)
        return w;
    const mb_lexword *v = mb_lex_longest_before(lex, MB_LX_CHANGE_UP, s, 0, n);
    if (!v)
        v = mb_lex_longest_before(lex, MB_LX_CHANGE_DOWN, s, 0, n);
    return v && mb_lexw_len(v) < n ? row_of(lex, s, n - mb_lexw_len(v)) : NULL;
}

/* Write s[0..n) into out (n + 1 bytes) without what flags name: NO_BRACKETS
 * the bracketed parts; NO_DE the particle 的; NO_QUOTES the quotes “ ”; NO_PURPOSE
 * what stands up to a purpose word (中央财政用于“三农”的支出 → “三农”的支出).
 * Returns the new length. */
enum { NO_BRACKETS = 1, NO_DE = 2, NO_PURPOSE = 4, NO_QUOTES = 8 };

static size_t normalize(const mb_lexicon *lex, const char *s, size_t n, int flags, char *out)
{
    size_t from = 0;
    if (flags & NO_PURPOSE)
        for (size_t i = 0; i < n; i++) {
            const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_PURPOSE_WORD, s, n, i);
            if (w && i + mb_lexw_len(w) < n) {
                from = i + mb_lexw_len(w);
                break;
            }
        }
    char *t = out;
    size_t tn = 0;
    if (flags & NO_BRACKETS)
        tn = drop_brackets(s + from, n - from, t);
    else {
        memcpy(t, s + from, n - from);
        tn = n - from;
        t[tn] = '\0';
    }
    if (!(flags & (NO_DE | NO_QUOTES)))
        return tn;
    size_t o = 0;
    for (size_t i = 0; i < tn;) {
        const mb_lexword *de = flags & NO_DE ? mb_lex_longest_at(lex, MB_LX_DE, t, tn, i) : NULL;
        if (de) {
            i += mb_lexw_len(de);
            continue;
        }
        if ((flags & NO_QUOTES) && i + 3 <= tn && (!memcmp(t + i, "“", 3) || !memcmp(t + i, "”", 3))) {
            i += 3;
            continue;
        }
        t[o++] = t[i++];
    }
    t[o] = '\0';
    return o;
}

const mb_lexword *mb_indicator_row(const mb_lexicon *lex, const char *s, size_t n)
{
    if (!lex || !s || !n)
        return NULL;
    const mb_lexword *w = row_or_growth(lex, s, n);
    if (w)
        return w;
    char *t = malloc(n + 1);
    if (!t)
        return NULL;
    /* the forms tried after the text as written, in order */
    static const int tries[] = {NO_BRACKETS,
                                NO_DE,
                                NO_DE | NO_QUOTES,
                                NO_DE | NO_QUOTES | NO_BRACKETS,
                                NO_PURPOSE | NO_DE,
                                NO_PURPOSE | NO_DE | NO_QUOTES,
                                NO_PURPOSE | NO_DE | NO_QUOTES | NO_BRACKETS};
    for (size_t k = 0; k < sizeof tries / sizeof tries[0] && !w; k++) {
        size_t tn = normalize(lex, s, n, tries[k], t);
        if (tn && (tn != n || memcmp(t, s, n)))
            w = row_or_growth(lex, t, tn);
    }
    free(t);
    return w;
}

char *mb_indicator_id(const mb_lexicon *lex, const char *s, size_t n)
{
    const mb_lexword *w = mb_indicator_row(lex, s, n);
    size_t idn = 0;
    const char *id = w ? mb_lex_value(w, "id", &idn) : NULL;
    if (!id || !idn)
        return NULL;
    char *out = malloc(idn + 1);
    if (out) {
        memcpy(out, id, idn);
        out[idn] = '\0';
    }
    return out;
}
