/* present.c — how a record's value is written for people. */
#include "present.h"

#include "lexicon.h"
#include "strbuf.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t mb_present_magnitudes(const mb_lexicon *lex, mb_magnitude *out, size_t max)
{
    size_t k = 0;
    mb_lexlist ws = mb_lex_words_in_order(lex, MB_LX_MAGNITUDE_WORD);
    for (size_t i = 0; i < ws.n && k < max; i++) {
        const mb_lexword *w = mb_lexlist_at(ws, i);
        size_t vl;
        const char *v = mb_lex_value(w, "value", &vl);
        char num[32];
        if (!v || vl >= sizeof num)
            continue;
        memcpy(num, v, vl);
        num[vl] = '\0';
        out[k].word = mb_lexw_word(w);
        out[k].f = strtod(num, NULL);
        if (out[k].f >= 1)
            k++;
    }
    return k;
}

const char *mb_present_per_year(const mb_lexicon *lex)
{
    mb_lexlist ws = mb_lex_words_in_order(lex, MB_LX_PER_YEAR);
    return ws.n ? mb_lexw_word(mb_lexlist_at(ws, 0)) : "";
}

char *mb_present_shortest(double v, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", v != v ? "nan" : v < 0 ? "-inf" : "inf");
        return buf;
    }
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    snprintf(buf, n, "%.*g", prec, v);
    /* %g chose an exponent (3000 is "3e+03" at one digit): write the same
     * digits positionally while that stays short (1e-5 to 1e17) */
    const char *e = strchr(buf, 'e');
    if (e) {
        int exp = atoi(e + 1);
        if (exp >= -5 && exp <= 17)
            snprintf(buf, n, "%.*f", prec - 1 - exp > 0 ? prec - 1 - exp : 0, v);
    }
    return buf;
}

char *mb_present_number(const mb_lexicon *lex, double v, char *buf, size_t n)
{
    mb_magnitude mag[8];
    size_t nmag = mb_present_magnitudes(lex, mag, 8);
    if (isfinite(v) && nmag && fabs(v) >= mag[nmag - 1].f && floor(v) == v) {
        for (size_t i = 0; i < nmag; i++) {
            if (fabs(v) < mag[i].f)
                continue;
            char num[32];
            mb_present_shortest(v / mag[i].f, num, sizeof num);
            double back = strtod(num, NULL) * mag[i].f;
            if (!strchr(num, 'e') && fabs(back - v) <= 1e-9 * fabs(v)) {
                snprintf(buf, n, "%s%s", num, mag[i].word);
                return buf;
            }
        }
    }
    return mb_present_shortest(v, buf, n);
}

const char *mb_present_sign(const char *cmp)
{
    if (!cmp)
        return "";
    if (!strcmp(cmp, "gt"))
        return ">";
    if (!strcmp(cmp, "ge"))
        return ">=";
    if (!strcmp(cmp, "lt"))
        return "<";
    if (!strcmp(cmp, "le"))
        return "<=";
    if (!strcmp(cmp, "approx"))
        return "~";
    return "";
}

char *mb_present_quantity(const mb_lexicon *lex, const mb_present_q *q, char *buf, size_t n)
{
    char a[48], b[48];
    const char *unit = q->unit ? q->unit : "";
    const char *per = q->annual ? mb_present_per_year(lex) : "";
    const char *sign = mb_present_sign(q->comparator);
    if (q->has_range)
        snprintf(buf, n, "%s-%s%s%s", mb_present_number(lex, q->min, a, sizeof a),
                 mb_present_number(lex, q->max, b, sizeof b), unit, per);
    else if (q->has_value && !strcmp(unit, "ratio"))
        snprintf(buf, n, "%s%s:1%s", sign, mb_present_number(lex, q->value, a, sizeof a), per);
    else if (q->has_value)
        snprintf(buf, n, "%s%s%s%s", sign, mb_present_number(lex, q->value, a, sizeof a), unit, per);
    else
        snprintf(buf, n, "-");
    return buf;
}

char *mb_present_value(const mb_lexicon *lex, const mb_record *r, char *buf, size_t n)
{
    mb_present_q q = {r->has_value, r->value, r->has_range,  r->min,
                      r->max,       r->unit,  r->comparator, r->period && !strcmp(r->period, "annual")};
    return mb_present_quantity(lex, &q, buf, n);
}

void mb_present_evidence(mb_strbuf *out, const mb_doc *doc, const mb_evidence *e)
{
    mb_strbuf_puts(out, e->rule ? e->rule : "-");
    if (e->scope)
        mb_strbuf_printf(out, " (%s%s%s)", e->scope, e->what ? ": " : "", e->what ? e->what : "");
    const mb_paragraph *p = mb_doc_paragraph_by_index(doc, e->paragraph);
    if (p && e->end > e->start && e->end <= p->text.len) {
        size_t n = e->end - e->start;
        size_t cut = mb_utf8_fwd(p->text.s, p->text.len, e->start, 24);
        mb_strbuf_puts(out, " \xC2\xAB"); /* « */
        mb_strbuf_add(out, p->text.s + e->start, cut < e->end ? cut - e->start : n);
        mb_strbuf_puts(out, cut < e->end ? "\xE2\x80\xA6\xC2\xBB" : "\xC2\xBB"); /* …» or » */
        mb_strbuf_printf(out, " [%zu]", p->index);
    }
}

const char *mb_present_change(const mb_record *r)
{
    if (r->change && !strcmp(r->change, "increase"))
        return "up";
    if (r->change && !strcmp(r->change, "decrease"))
        return "down";
    return "";
}

int mb_span_by_opening(const void *x, const void *y)
{
    const mb_span_ref *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}
