/* docdate.c — the date of a document: given, sidecar, dateline, inferred. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "docdate.h"

#include "doc_internal.h"
#include "error.h"
#include "lexicon.h"

#include <cjson/cJSON.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

static int valid_date(int y, int m, int d)
{
    return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

mb_status mb_date_parse(const char *s, mb_date *out)
{
    int y, m, d, n = 0;
    if (s && strlen(s) == 4 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
        s[2] <= '9' && s[3] >= '0' && s[3] <= '9') { /* a year alone */
        y = atoi(s);
        if (y < 1900 || y > 2199)
            return MB_EARG;
        out->year = y;
        out->month = out->day = 0;
        out->source = "given";
        return MB_OK;
    }
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return MB_EARG;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return MB_EARG;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || !valid_date(y, m, d))
        return MB_EARG;
    out->year = y;
    out->month = m;
    out->day = d;
    out->source = "given";
    return MB_OK;
}

void mb_date_format(const mb_date *d, char *buf)
{
    if (!d->year) /* unknown */
        buf[0] = '\0';
    else if (!d->month) /* a year alone: ISO 8601's reduced precision */
        snprintf(buf, 11, "%04u", (unsigned)d->year % 10000u);
    else
        snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000u, (unsigned)d->month % 100u,
                 (unsigned)d->day % 100u);
}

/* The sidecar FILE.meta.json, parsed: *out NULL when there is none, or an
 * error for an unreadable or invalid one (*meta_out: its name, malloc'ed,
 * for messages). */
static mb_status sidecar_json(const char *path, cJSON **out, char **meta_out, mb_error *err)
{
    *out = NULL;
    *meta_out = NULL;
    size_t n = strlen(path);
    char *meta = malloc(n + sizeof ".meta.json");
    if (!meta)
        return mb_error_set(err, MB_ENOMEM, "out of memory");
    memcpy(meta, path, n);
    memcpy(meta + n, ".meta.json", sizeof ".meta.json");
    FILE *f = fopen(meta, "rb");
    if (!f) {
        free(meta);
        return MB_OK;
    }
    char buf[65536];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    int bad_read = ferror(f) || !feof(f);
    fclose(f);
    mb_status st = MB_OK;
    if (bad_read) {
        st = mb_error_set(err, MB_EJSON, "%s: unreadable or larger than 64 KiB", meta);
        free(meta);
        return st;
    }
    buf[len] = '\0';
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!j) {
        size_t off = end ? (size_t)(end - buf) : 0;
        st = mb_error_set(err, MB_EJSON, "%s: byte %zu: invalid JSON", meta, off);
        free(meta);
        return st;
    }
    *out = j;
    *meta_out = meta;
    return MB_OK;
}

mb_status mb_sidecar_read(const mb_doc *doc, int want_date, int want_issuer, mb_date *date, char **issuer,
                          mb_error *err)
{
    memset(date, 0, sizeof *date);
    *issuer = NULL;
    const char *path = mb_doc_path(doc);
    if (!strcmp(path, "-") || doc->opt.name_only ||
        !(want_date || want_issuer)) /* a name only is never opened */
        return MB_OK;
    cJSON *j;
    char *meta;
    mb_status st = sidecar_json(path, &j, &meta, err);
    if (st || !j)
        return st;
    const cJSON *d = want_date ? cJSON_GetObjectItemCaseSensitive(j, "date") : NULL;
    if (cJSON_IsString(d)) {
        if (mb_date_parse(d->valuestring, date))
            st = mb_error_set(err, MB_EJSON, "%s: \"date\" is not a date YYYY-MM-DD or a year YYYY: %s", meta,
                              d->valuestring);
    } else if (d && !cJSON_IsNull(d)) {
        st = mb_error_set(err, MB_EJSON, "%s: \"date\" must be a string YYYY-MM-DD or YYYY", meta);
    }
    const cJSON *v = want_issuer && !st ? cJSON_GetObjectItemCaseSensitive(j, "issuer") : NULL;
    if (cJSON_IsString(v) && v->valuestring[0]) {
        if (strlen(v->valuestring) > 200)
            st = mb_error_set(err, MB_EJSON, "%s: \"issuer\" is longer than 200 bytes", meta);
        else if (!(*issuer = strdup(v->valuestring)))
            st = mb_error_set(err, MB_ENOMEM, "out of memory");
    } else if (v && !cJSON_IsNull(v) && !cJSON_IsString(v)) {
        st = mb_error_set(err, MB_EJSON, "%s: \"issuer\" must be a string", meta);
    }
    cJSON_Delete(j);
    free(meta);
    if (st)
        memset(date, 0, sizeof *date);
    return st;
}

typedef struct matcher {
    const pcre2_code *re; /* the patterns' (mb_docdate_rx) */
    pcre2_match_data *md; /* this search's */
} matcher;

/* A paragraph's text is the normalizer's output, valid UTF-8 by
 * construction (it writes only encoded code points): pcre2 need not check
 * it again at every call, which read the whole paragraph each time (the
 * search for a date was 5% of extract). */
#define MATCH_OPTS PCRE2_NO_UTF_CHECK

#define DL_Y "@{dateline_word/role=year}"
#define DL_M "@{dateline_word/role=month}"
#define DL_D "@{dateline_word/role=day}"

/* The four patterns of a dateline: a full date, a month and day at a
 * paragraph's head, a year, a title's year. */
enum { RX_FULL, RX_HEAD, RX_YEAR, RX_TITLE, NRX };
static const char *const templates[NRX] = {
    "((?:19|20)[0-9]{2}) ?" DL_Y " ?([0-9]{1,2}) ?" DL_M " ?([0-9]{1,2}) ?" DL_D "|"
    "((?:19|20)[0-9]{2})-([0-9]{1,2})-([0-9]{1,2})(?![0-9])",
    "^[ \\x{2014}-]*([0-9]{1,2}) ?" DL_M " ?([0-9]{1,2}) ?" DL_D " ?[\\x{ff0c},]",
    "(?<![0-9])((?:19|20)[0-9]{2}) ?" DL_Y,
    "^ *((?:19|20)[0-9]{2}) ?" DL_Y ".{0,40}@{doc_title_word}",
};

struct mb_docdate_rx {
    pcre2_code *re[NRX];
};

void mb_docdate_rx_free(mb_docdate_rx *rx)
{
    if (!rx)
        return;
    for (int i = 0; i < NRX; i++)
        pcre2_code_free(rx->re[i]);
    free(rx);
}

mb_status mb_docdate_rx_new(const mb_lexicon *lex, mb_docdate_rx **out, mb_error *err)
{
    *out = NULL;
    mb_docdate_rx *rx = calloc(1, sizeof *rx);
    if (!rx)
        return mb_error_set(err, MB_ENOMEM, "date patterns: out of memory");
    for (int i = 0; i < NRX; i++) {
        char *pattern = NULL;
        int ec;
        PCRE2_SIZE eo;
        mb_status st = mb_lex_pattern(lex, templates[i], &pattern, err);
        if (!st && !(rx->re[i] = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec,
                                               &eo, NULL)))
            st = mb_error_set(err, MB_EPATTERN, "date pattern %d does not compile at offset %zu", i,
                              (size_t)eo);
        free(pattern);
        if (st) {
            mb_docdate_rx_free(rx);
            return st;
        }
    }
    *out = rx;
    return MB_OK;
}

static int group_int(matcher *m, const char *s, int g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    int v = 0;
    for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++)
        if (s[i] >= '0' && s[i] <= '9')
            v = v * 10 + (s[i] - '0');
    return v;
}

/* The years written in paragraphs [from, to) as 2023年, not as deadlines
 * (到2026年, 在2026年, 2026年前) nor as the end of a span (2021—2025年): the
 * first of them (first) or the latest; 0 when there is none. */
static int written_years(const mb_doc *doc, const mb_lexicon *lex, matcher *yr, size_t from, size_t to,
                         int first)
{
    int best = 0;
    for (size_t i = from; i < to && i < mb_doc_paragraph_count(doc); i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        const char *s = p->text.s;
        PCRE2_SIZE off = 0;
        while (off < p->text.len &&
               pcre2_match(yr->re, (PCRE2_SPTR)s, p->text.len, off, MATCH_OPTS, yr->md, NULL) > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(yr->md);
            size_t a = ov[2], b = ov[1];
            size_t pre = a;
            while (pre > 0 && s[pre - 1] == ' ')
                pre--;
            int y = group_int(yr, s, 1);
            /* 到2026年, 2026年前: the lexicon's deadline_prev and deadline_next */
            int deadline = mb_lex_longest_before(lex, MB_LX_DEADLINE_PREV, s, 0, pre) ||
                           mb_lex_longest_at(lex, MB_LX_DEADLINE_NEXT, s, p->text.len, b);
            if (!deadline && first)
                return y;
            if (!deadline && y > best)
                best = y;
            off = b;
        }
    }
    return best;
}

/* The year after the latest year the document reports on; 0 when none. */
static int infer_year(const mb_doc *doc, const mb_lexicon *lex, matcher *yr)
{
    int best = written_years(doc, lex, yr, 0, (size_t)-1, 0);
    return best ? best + 1 : 0;
}

static mb_status from_text(const mb_doc *doc, const mb_lexicon *lex, const mb_docdate_rx *rx, mb_date *out)
{
    matcher full = {rx->re[RX_FULL], NULL}, head = {rx->re[RX_HEAD], NULL}, yr = {rx->re[RX_YEAR], NULL},
            title = {rx->re[RX_TITLE], NULL};
    matcher *all[NRX] = {&full, &head, &yr, &title};
    for (int i = 0; i < NRX; i++)
        if (!(all[i]->md = pcre2_match_data_create_from_pattern(all[i]->re, NULL))) {
            for (int k = 0; k < i; k++)
                pcre2_match_data_free(all[k]->md);
            return MB_ENOMEM;
        }
    size_t np = mb_doc_paragraph_count(doc);
    int month = 0, day = 0;
    for (size_t i = 0; i < np && !out->year; i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        const char *s = p->text.s;
        int near_edge = i < 12 || i + 5 >= np;
        /* away from the edges only a date at the head of a paragraph counts */
        uint32_t opts = near_edge ? 0 : PCRE2_ANCHORED;
        size_t from = 0;
        if (!near_edge)
            while (from < p->text.len && (s[from] == ' ' || s[from] == '-' || !strncmp(s + from, "—", 3)))
                from += s[from] == ' ' || s[from] == '-' ? 1 : 3;
        if (pcre2_match(full.re, (PCRE2_SPTR)s, p->text.len, from, opts | MATCH_OPTS, full.md, NULL) > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(full.md);
            int g = ov[2] != PCRE2_UNSET ? 1 : 4;
            size_t lead = ov[0];
            while (lead > 0 && (s[lead - 1] == ' ' || s[lead - 1] == '-'))
                lead--;
            int at_head = lead == 0 || (lead == 6 && !strncmp(s, "——", 6));
            int short_para = p->text.len <= 240; /* about 80 CJK characters */
            int y = group_int(&full, s, g), m = group_int(&full, s, g + 1), d = group_int(&full, s, g + 2);
            if (valid_date(y, m, d) && ((near_edge && short_para) || at_head)) {
                out->year = y;
                out->month = m;
                out->day = d;
                out->source = "text";
            }
        }
        if (!month && pcre2_match(head.re, (PCRE2_SPTR)s, p->text.len, 0, MATCH_OPTS, head.md, NULL) > 0) {
            month = group_int(&head, s, 1);
            day = group_int(&head, s, 2);
        }
    }
    if (!out->year && month) {
        int y = infer_year(doc, lex, &yr);
        if (y && valid_date(y, month, day)) {
            out->year = y;
            out->month = month;
            out->day = day;
            out->source = "inferred";
        }
    }
    /* a title that names its year (2014年政府工作报告, 2025年…新闻发布会): the
     * year alone, with month and day unknown */
    for (size_t i = 0; i < np && i < 3 && !out->year; i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        if (p->text.len > 150 ||
            pcre2_match(title.re, (PCRE2_SPTR)p->text.s, p->text.len, 0, MATCH_OPTS, title.md, NULL) <= 0)
            continue;
        int y = group_int(&title, p->text.s, 1);
        if (y >= 1900 && y <= 2199) {
            out->year = y;
            out->source = "inferred";
        }
    }
    /* a delivered report with no date (各位代表：…2024年全市上下…) reviews
     * the year before its own first: the first year it states, plus one */
    for (size_t i = 0; i < np && i < 3 && !out->year; i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        if (p->text.len > 60 || !mb_lex_longest_at(lex, MB_LX_SPEECH_OPENING, p->text.s, p->text.len, 0))
            continue;
        int y = written_years(doc, lex, &yr, i + 1, i + 12, 1);
        if (y) {
            out->year = y + 1;
            out->source = "inferred";
        }
    }
    for (int i = 0; i < NRX; i++)
        pcre2_match_data_free(all[i]->md);
    return MB_OK;
}

mb_status mb_docdate_find(const mb_doc *doc, const char *given, const mb_lexicon *lex, mb_date *out,
                          mb_error *err)
{
    if (given)
        return mb_docdate_find_with(doc, given, NULL, lex, NULL, out, err);
    mb_date side;
    char *issuer;
    mb_status st = mb_sidecar_read(doc, 1, 0, &side, &issuer, err);
    return st ? st : mb_docdate_find_with(doc, NULL, &side, lex, NULL, out, err);
}

mb_status mb_docdate_find_with(const mb_doc *doc, const char *given, const mb_date *side,
                               const mb_lexicon *lex, const mb_docdate_rx *rx, mb_date *out, mb_error *err)
{
    memset(out, 0, sizeof *out);
    out->source = "none";
    if (given) {
        if (mb_date_parse(given, out))
            return mb_error_set(err, MB_EARG, "invalid date '%s': want YYYY-MM-DD or YYYY", given);
        return MB_OK;
    }
    if (side && side->year) { /* the sidecar's (mb_sidecar_read) */
        *out = *side;
        return MB_OK;
    }
    if (doc->page_date.year) { /* an HTML page's meta or dateline (html.h) */
        *out = doc->page_date;
        return MB_OK;
    }
    mb_docdate_rx *own = NULL;
    if (!rx) {
        mb_status st = mb_docdate_rx_new(lex, &own, err);
        if (st)
            return st;
        rx = own;
    }
    mb_status st = from_text(doc, lex, rx, out);
    mb_docdate_rx_free(own);
    if (st)
        return mb_error_set(err, st, "date search: out of memory");
    if (!out->year)
        out->source = "none";
    return MB_OK;
}
