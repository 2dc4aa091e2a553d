/* issuer.c — the document's issuer and region, a record's own region (see
 * issuer.h). */
#include "issuer.h"

#include "doc_internal.h"
#include "error.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the paragraphs near the top that may hold the title or speaker line */
#define HEAD_PARAGRAPHS 15
#define HEAD_MAX_BYTES  300 /* read whole */
#define HEAD_LONG_BYTES 60  /* of a longer one, where a match may start */

static void copy_value(char *dst, size_t cap, const char *v, size_t n)
{
    if (n >= cap)
        n = 0; /* never a truncated name */
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static int region_of_word(const mb_lexword *w, mb_region *out)
{
    memset(out, 0, sizeof *out);
    size_t n;
    const char *v = mb_lex_value(w, "name", &n);
    if (v)
        copy_value(out->name, sizeof out->name, v, n);
    else
        copy_value(out->name, sizeof out->name, mb_lexw_word(w), mb_lexw_len(w));
    if ((v = mb_lex_value(w, "level", &n)))
        copy_value(out->level, sizeof out->level, v, n);
    if ((v = mb_lex_value(w, "code", &n)))
        copy_value(out->code, sizeof out->code, v, n);
    return out->name[0] != '\0';
}

int mb_region_lookup(const mb_lexicon *lex, const char *name, size_t n, mb_region *out)
{
    const mb_lexword *w = mb_lex_get(lex, MB_LX_REGION, name, n);
    return w && region_of_word(w, out);
}

/* The issuer and region a line names, from byte pos on: 1 when found. */
static int issuer_at(const mb_lexicon *lex, const char *s, size_t len, size_t pos, char *issuer, size_t cap,
                     mb_region *region)
{
    const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_ISSUER_NAME, s, len, pos);
    if (w) {
        size_t n;
        const char *v = mb_lex_value(w, "region", &n);
        if (!v || !mb_region_lookup(lex, v, n, region))
            memset(region, 0, sizeof *region);
        /* issuer=: the body's usual name (国务院总理, 中华人民共和国国务院: 国务院) */
        const char *body = mb_lex_value(w, "issuer", &n);
        if (body)
            copy_value(issuer, cap, body, n);
        else
            copy_value(issuer, cap, mb_lexw_word(w), mb_lexw_len(w));
        return issuer[0] != '\0';
    }
    w = mb_lex_longest_at(lex, MB_LX_REGION, s, len, pos);
    if (!w || mb_lex_flag(w, "short"))
        return 0;
    size_t q = pos + mb_lexw_len(w);
    const mb_lexword *suf = mb_lex_longest_at(lex, MB_LX_ISSUER_SUFFIX, s, len, q);
    const mb_lexword *office =
        mb_lex_longest_at(lex, MB_LX_OFFICE_WORD, s, len, suf ? q + mb_lexw_len(suf) : q);
    const mb_lexword *by = office ? office : suf;
    if (!by)
        return 0;
    size_t n;
    const char *body = mb_lex_value(by, "issuer", &n);
    if (!body || mb_lexw_len(w) + n + 1 > cap)
        return 0;
    region_of_word(w, region);
    size_t rn = strlen(region->name);
    if (rn + n + 1 > cap)
        return 0;
    memcpy(issuer, region->name, rn);
    memcpy(issuer + rn, body, n);
    issuer[rn + n] = '\0';
    return 1;
}

static int issuer_in(const mb_lexicon *lex, const char *s, size_t len, char *issuer, size_t cap,
                     mb_region *region)
{
    if (!s)
        return 0;
    /* a title or speaker line whole; of a longer paragraph, its head only */
    size_t upto = len > HEAD_MAX_BYTES ? HEAD_LONG_BYTES : len;
    for (size_t pos = 0; pos < upto; pos++) {
        if (((unsigned char)s[pos] & 0xC0) == 0x80)
            continue;
        if (issuer_at(lex, s, len, pos, issuer, cap, region))
            return 1;
    }
    return 0;
}

/* The region an issuer's name starts with (江苏省人民政府 → 江苏省), or the
 * region of an issuer_name it is. */
static void region_of_issuer(const mb_lexicon *lex, const char *issuer, mb_region *region)
{
    memset(region, 0, sizeof *region);
    char buf[256];
    mb_region r;
    if (issuer_at(lex, issuer, strlen(issuer), 0, buf, sizeof buf, &r) && r.name[0]) {
        *region = r;
        return;
    }
    const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_REGION, issuer, strlen(issuer), 0);
    if (w && !mb_lex_flag(w, "short"))
        region_of_word(w, region);
}

/* s[a..len) less a leading year written 2025年 (four digits and the
 * dateline's year word): where what the year is about starts. */
static size_t after_year(const mb_lexicon *lex, const char *s, size_t len, size_t a)
{
    size_t b = a;
    while (b < len && s[b] >= '0' && s[b] <= '9')
        b++;
    if (b - a != 4)
        return a;
    const mb_lexword *y = mb_lex_longest_at(lex, MB_LX_DATELINE_WORD, s, len, b);
    return y && mb_lex_value_is(y, "role", "year") ? b + mb_lexw_len(y) : a;
}

/* A title paragraph (short, with a title word: 报告, 公报, 规划) whose first
 * words, after a year, are a region's full name: that region. */
static void title_region(const mb_lexicon *lex, const mb_paragraph *p, mb_region *out)
{
    const char *s = p->text.s;
    size_t len = p->text.len;
    if (!s || len > 150)
        return;
    int titled = 0;
    for (size_t k = 0; k < len && !titled; k++)
        titled = mb_lex_longest_at(lex, MB_LX_DOC_TITLE_WORD, s, len, k) != NULL;
    if (!titled)
        return;
    size_t a = 0;
    while (a < len && s[a] == ' ')
        a++;
    a = after_year(lex, s, len, a);
    const mb_lexword *w = mb_lex_longest_at(lex, MB_LX_REGION, s, len, a);
    if (w && !mb_lex_flag(w, "short"))
        region_of_word(w, out);
}

mb_status mb_issuer_find(const mb_doc *doc, const char *given, const mb_lexicon *lex, mb_records *out,
                         mb_error *err)
{
    free(out->issuer);
    out->issuer = NULL;
    out->issuer_source = "none";
    memset(&out->region, 0, sizeof out->region);
    if (given) {
        out->issuer = strdup(given);
        if (!out->issuer)
            return mb_error_set(err, MB_ENOMEM, "out of memory");
        out->issuer_source = "given";
        region_of_issuer(lex, out->issuer, &out->region);
        return MB_OK;
    }
    char buf[256];
    mb_region r;
    const char *title = mb_doc_title(doc), *site = mb_doc_site(doc);
    int found = (title && issuer_in(lex, title, strlen(title), buf, sizeof buf, &r)) ||
                (site && issuer_in(lex, site, strlen(site), buf, sizeof buf, &r));
    for (size_t i = 0; !found && i < mb_doc_paragraph_count(doc) && i < HEAD_PARAGRAPHS; i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        found = issuer_in(lex, p->text.s, p->text.len, buf, sizeof buf, &r);
    }
    if (!found) {
        /* no issuer named: a title that starts with a region's full name
         * (中江县2023年国民经济和社会发展统计公报) still gives the region */
        for (size_t i = 0; i < mb_doc_paragraph_count(doc) && i < 3 && !out->region.name[0]; i++)
            title_region(lex, mb_doc_paragraph(doc, i), &out->region);
        return MB_OK;
    }
    if (!(out->issuer = strdup(buf)))
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    out->issuer_source = "text";
    out->region = r;
    return MB_OK;
}

void mb_issuer_record_regions(const mb_doc *doc, const mb_lexicon *lex, mb_records *out)
{
    for (size_t i = 0; i < out->n; i++) {
        mb_record *r = &out->v[i];
        memset(&r->region, 0, sizeof r->region);
        const mb_paragraph *p = mb_doc_paragraph_by_index(doc, r->paragraph);
        if (!p || !p->text.s)
            continue;
        const char *s = p->text.s;
        /* the head of the clause the span stands in, within its sentence */
        size_t a = mb_clause_start(s, r->sent_start, r->span_start);
        while (a < r->span_start && s[a] == ' ')
            a++;
        a = after_year(lex, s, r->span_start, a);
        const mb_lexword *rw = mb_lex_longest_at(lex, MB_LX_REGION, s, r->span_start, a);
        mb_region reg;
        if (!rw || !region_of_word(rw, &reg) || !strcmp(reg.name, out->region.name))
            continue;
        r->region = reg;
        /* the region is no part of what is measured: 姑苏区地区生产总值 */
        size_t il = r->indicator ? strlen(r->indicator) : 0;
        if (il > mb_lexw_len(rw) && !memcmp(r->indicator, mb_lexw_word(rw), mb_lexw_len(rw)))
            memmove(r->indicator, r->indicator + mb_lexw_len(rw), il - mb_lexw_len(rw) + 1);
    }
}
