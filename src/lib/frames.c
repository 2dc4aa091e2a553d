/* frames.c — the structure of a document: headings, lead-ins, list items
 * and the time frames they state (see frames.h). */
#include "frames.h"

#include "lexicon.h"

#include <string.h>

/* The words are lexicon classes (dict/lexicon/frames.tsv): review_word and
 * task_word make a heading or lead-in a review of the past, or a plan of
 * tasks for the future, when no time of its own decides; target_list_word
 * in a lead-in announces a list of targets; genre_word in a title names a
 * statistical communiqué; heading_numeral, heading_sep, heading_ord,
 * heading_unit are the words of heading markers; list_mark opens a list
 * item. */

static int at(const char *s, size_t len, size_t pos, const char *w)
{
    size_t n = strlen(w);
    return pos + n <= len && !memcmp(s + pos, w, n);
}

/* 1 if a word of class cls stands in s[a,b). */
static int has_any(const mb_lexicon *lex, const char *s, size_t a, size_t b, mb_lexclass cls)
{
    return mb_lex_first_in(lex, cls, s, a, b, NULL) != NULL;
}

/* The length of the word of class cls at s[pos] (within len), 0 if none. */
static size_t at_cls(const mb_lexicon *lex, const char *s, size_t len, size_t pos, mb_lexclass cls)
{
    const mb_lexword *w = mb_lex_longest_at(lex, cls, s, len, pos);
    return w ? mb_lexw_len(w) : 0;
}

void mb_frames_init(mb_frames *f, int doc_year, const mb_lexicon *lex)
{
    memset(f, 0, sizeof *f);
    f->doc_year = doc_year;
    f->lex = lex;
}

int mb_frame_of_text(const mb_frames *f, const char *s, size_t a, size_t b, const mb_xrec *x, mb_frame *out)
{
    memset(out, 0, sizeof *out);
    out->a = a;
    out->b = b;
    int review = has_any(f->lex, s, a, b, MB_LX_REVIEW_WORD);
    /* a plan period first: 2025年和“十四五”时期工作回顾 reviews the plan */
    for (size_t i = 0; i < x->nt; i++) {
        const mb_xt *t = &x->t[i];
        int y = t->y1 ? t->y1 : t->y0;
        if (t->a < a || t->b > b || t->base || !t->plan || !y)
            continue;
        /* “十二五”时期的主要目标 → 2015; …的回顾 → achievements */
        out->a = t->a;
        out->b = t->b;
        out->what = "plan period";
        out->year = y;
        out->year0 = t->y0 && t->y0 < y ? t->y0 : 0;
        out->annual = 1;
        out->kind = review || (f->doc_year && y < f->doc_year) ? MB_CUE_ACHIEVEMENT : MB_CUE_TARGET;
        return 1;
    }
    for (size_t i = 0; i < x->nt; i++) {
        const mb_xt *t = &x->t[i];
        if (t->a < a || t->b > b || t->base || t->plan)
            continue;
        int y = t->y1 ? t->y1 : t->y0;
        out->a = t->a;
        out->b = t->b;
        if (t->past || t->from || (t->span && !t->future && t->sub_year) || (t->span && review)) {
            /* 去年, 过去一年 → that year; 过去五年, 五年来, 2016年以来 → up to now */
            out->what = "review";
            out->kind = MB_CUE_ACHIEVEMENT;
            /* a span of years (过去五年) up to the document's year; 一年来 is last year */
            int many = (t->span && t->y0 != t->y1) || t->from;
            out->annual = many;
            out->year = many ? f->doc_year : (y ? y : (f->doc_year ? f->doc_year - 1 : 0));
            out->year0 = many && t->y0 && t->y0 < out->year ? t->y0 : 0;
            return 1;
        }
        if (t->future && t->span) { /* 今后五年, 未来五年 */
            out->what = "plan period";
            out->kind = MB_CUE_TARGET;
            out->year = y;
            out->year0 = t->y0 && t->y0 < y ? t->y0 : 0;
            out->annual = 1;
            return 1;
        }
        if (t->this_year || (y && !t->sub_year && !t->span)) {
            if (!y)
                y = f->doc_year;
            out->what = "year";
            out->year = y;
            if (review)
                out->kind = MB_CUE_ACHIEVEMENT;
            else if (f->doc_year && y < f->doc_year)
                out->kind = MB_CUE_ACHIEVEMENT;
            else
                out->kind = MB_CUE_TARGET;
            return 1;
        }
    }
    out->a = a;
    out->b = b;
    if (review) {
        out->what = "review words";
        out->kind = MB_CUE_ACHIEVEMENT;
        out->year = f->doc_year;
        out->annual = 1;
        return 1;
    }
    if (has_any(f->lex, s, a, b, MB_LX_TASK_WORD)) {
        out->what = "words";
        out->kind = MB_CUE_TARGET;
        return 1;
    }
    return 0;
}

static size_t cn_number_end(const mb_lexicon *lex, const char *s, size_t len, size_t i)
{
    size_t l;
    while ((l = at_cls(lex, s, len, i, MB_LX_HEADING_NUMERAL)) > 0)
        i += l;
    return i;
}

int mb_heading_level(const mb_lexicon *lex, const char *s, size_t len, size_t *marker_end)
{
    size_t i = 0, l;
    while (i < len && s[i] == ' ')
        i++;
    size_t j = cn_number_end(lex, s, len, i);
    if (j > i && (l = at_cls(lex, s, len, j, MB_LX_HEADING_SEP)) > 0) { /* 一、 */
        *marker_end = j + l;
        return 1;
    }
    if ((l = at_cls(lex, s, len, i, MB_LX_HEADING_ORD)) > 0) { /* 第一章, 第二部分 */
        size_t k = cn_number_end(lex, s, len, i + l);
        size_t u = k > i + l ? at_cls(lex, s, len, k, MB_LX_HEADING_UNIT) : 0;
        if (u) {
            *marker_end = k + u;
            return 1;
        }
    }
    /* a number in parentheses, full-width or not: (1) */
    if (at(s, len, i, "（") || at(s, len, i, "(")) {
        size_t o = i + (s[i] == '(' ? 1 : 3);
        size_t k = cn_number_end(lex, s, len, o);
        int cn = k > o;
        if (!cn)
            while (k < len && s[k] >= '0' && s[k] <= '9' && k - o < 3)
                k++;
        if (k > o && (at(s, len, k, "）") || at(s, len, k, ")"))) {
            *marker_end = k + (s[k] == ')' ? 1 : 3);
            return cn ? 2 : 3;
        }
    }
    size_t k = i;
    while (k < len && s[k] >= '0' && s[k] <= '9' && k - i < 3)
        k++;
    if (k > i && k < len && (s[k] == '.' || at_cls(lex, s, len, k, MB_LX_HEADING_SEP)) &&
        !(k + 1 < len && s[k + 1] >= '0' && s[k + 1] <= '9')) {
        *marker_end = k + (s[k] == '.' ? 1 : at_cls(lex, s, len, k, MB_LX_HEADING_SEP));
        return 3; /* 1. 1、 */
    }
    /* ① … ⑳: U+2460–U+2473 (E2 91 A0 – E2 91 B3) */
    if (i + 3 <= len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x91 &&
        (unsigned char)s[i + 2] >= 0xA0 && (unsigned char)s[i + 2] <= 0xB3) {
        *marker_end = i + 3;
        return 4;
    }
    return 0;
}

int mb_list_item(const mb_lexicon *lex, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] == ' ')
        i++;
    if (at_cls(lex, s, len, i, MB_LX_LIST_MARK)) /* —— ◆ ● 一是 */
        return 1;
    size_t me;
    return mb_heading_level(lex, s, len, &me) >= 2;
}

/* 1 if the paragraph ends with a colon: it introduces what follows. */
/* 1 if the paragraph is a title line of its own: short, no sentence
 * punctuation, stating a time frame (a plan period, a year, a review) and a
 * review or task word (“十四五”时期主要目标, 2024年工作回顾). */
static int title_line(const mb_frames *f, const char *s, size_t len, const mb_xrec *x, mb_frame *fr)
{
    if (len == 0 || len > 90)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == ',' || b == ';' || b == ':' || b == '.')
            return 0;
        /* ，。；：！？ U+FF0C U+3002 U+FF1B U+FF1A U+FF01 U+FF1F */
        if (i + 3 <= len &&
            ((b == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
              ((unsigned char)s[i + 2] == 0x8C || (unsigned char)s[i + 2] == 0x9B ||
               (unsigned char)s[i + 2] == 0x9A || (unsigned char)s[i + 2] == 0x81 ||
               (unsigned char)s[i + 2] == 0x9F)) ||
             (b == 0xE3 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x82)))
            return 0;
    }
    if (!has_any(f->lex, s, 0, len, MB_LX_REVIEW_WORD) && !has_any(f->lex, s, 0, len, MB_LX_TASK_WORD))
        return 0;
    return mb_frame_of_text(f, s, 0, len, x, fr) && strcmp(fr->what, "words") &&
           strcmp(fr->what, "review words");
}

/* The end of the paragraph's first clause (its first ， or ,), or len. */
static size_t first_clause_end(const char *s, size_t len)
{
    for (size_t i = 0; i < len && i < 60; i++)
        if (s[i] == ',' || (i + 3 <= len && !memcmp(s + i, "\xef\xbc\x8c", 3))) /* ， */
            return i;
    return len;
}

static int ends_with_colon(const char *s, size_t len)
{
    while (len > 0 && s[len - 1] == ' ')
        len--;
    return (len >= 3 && !memcmp(s + len - 3, "：", 3)) || (len >= 1 && s[len - 1] == ':');
}

/* The start of the last sentence of s[0..len) (after the last 。！？；
 * before its end). */
static size_t last_sentence_start(const char *s, size_t len)
{
    static const char *const ends[] = {"。", "！", "？", "；", NULL};
    size_t e = len;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    for (size_t i = e; i-- > 0;)
        for (int k = 0; ends[k]; k++)
            if (i + 3 <= e && !memcmp(s + i, ends[k], 3) && i + 3 < e)
                return i + 3;
    return 0;
}

static void frame_at(mb_frame *fr, const char *rule, size_t para)
{
    fr->rule = rule;
    fr->para = para;
}

/* A communiqué's title names the year it reports on: 2023年…统计公报. */
static int title_frame(mb_frames *f, size_t index, const char *s, size_t len, const mb_xrec *x)
{
    if (index > 2 || len > 240 || !has_any(f->lex, s, 0, len, MB_LX_GENRE_WORD))
        return 0;
    for (size_t i = 0; i < x->nt; i++) {
        const mb_xt *t = &x->t[i];
        int y = t->y1 ? t->y1 : t->y0;
        if (!y || t->span || t->sub_year || t->base)
            continue;
        mb_frame *fr = &f->stack[0];
        memset(fr, 0, sizeof *fr);
        fr->kind = MB_CUE_ACHIEVEMENT;
        fr->year = y;
        fr->what = "communiqué year";
        fr->a = t->a;
        fr->b = t->b;
        frame_at(fr, "title", index);
        f->set[0] = 1;
        f->communique = 1;
        return 1;
    }
    return 0;
}

static int deepest_level(const mb_frames *f)
{
    for (int l = MB_FRAME_DEPTH - 1; l > 0; l--)
        if (f->set[l])
            return l;
    return 0;
}

/* The frame in force: the deepest that decides the kind, with the year
 * of the deepest frame (from there up) that has one. */
static void compose(const mb_frames *f, const mb_frame *extra, mb_frame *out)
{
    const mb_frame *v[MB_FRAME_DEPTH + 2];
    int n = 0;
    int dl = deepest_level(f);
    for (int l = 0; l <= dl; l++) {
        if (f->set[l])
            v[n++] = &f->stack[l];
        if (f->leadin_set && f->leadin_level == l)
            v[n++] = &f->leadin;
    }
    if (f->leadin_set && f->leadin_level > dl)
        v[n++] = &f->leadin;
    if (extra)
        v[n++] = extra;
    memset(out, 0, sizeof *out);
    for (int i = n; i-- > 0;) {
        if (v[i]->kind == MB_CUE_NONE)
            continue;
        *out = *v[i];
        for (int j = i; !out->year && j-- > 0;)
            if (v[j]->year && (v[j]->kind == MB_CUE_NONE || v[j]->kind == out->kind)) {
                out->year = v[j]->year;
                out->annual = v[j]->annual;
            }
        return;
    }
}

void mb_frames_paragraph(mb_frames *f, size_t index, const char *s, size_t len, const mb_xrec *x,
                         size_t first_end, mb_frame *out, int *heading)
{
    *heading = 0;
    f->paragraphs++;
    if (title_frame(f, index, s, len, x)) {
        compose(f, NULL, out);
        return;
    }
    size_t me = 0;
    int level = len < 600 ? mb_heading_level(f->lex, s, len, &me) : 0;
    mb_frame tl;
    if (!level && title_line(f, s, len, x, &tl)) /* “十四五”时期主要目标, 2024年工作回顾 */
        level = MB_FRAME_DEPTH - 1;
    if (level) {
        *heading = 1;
        for (int l = level; l < MB_FRAME_DEPTH; l++)
            f->set[l] = 0;
        if (f->leadin_set && f->leadin_level >= level)
            f->leadin_set = 0;
        mb_frame fr;
        size_t he = first_end > me ? first_end : len;
        if (mb_frame_of_text(f, s, me, he, x, &fr)) {
            frame_at(&fr, "heading", index);
            f->stack[level] = fr;
            f->set[level] = 1;
        }
    }
    /* the paragraph right after a lead-in is its first item, marked or not */
    int item = !level && (mb_list_item(f->lex, s, len) || f->in_list == 2);
    if (f->in_list && !item && !level)
        f->in_list = 0;
    else if (f->in_list)
        f->in_list = 1;
    mb_frame itemfr, *extra = NULL;
    if (f->in_list && f->leadin_set) { /* an item of an announced target list */
        itemfr = f->leadin;
        itemfr.list = 1;
        itemfr.rule = "list item";
        extra = &itemfr;
    }
    /* a time stated by an item carries to the items after it (●2023年广东
     * 地区生产总值…; ●广州经济总量突破3万亿元) until another is stated */
    int marked = !level && mb_list_item(f->lex, s, len);
    if (!marked) {
        f->item_set = 0;
    } else {
        mb_frame fr;
        if (f->item_set) { /* a target list stays one */
            int list = extra ? itemfr.list : 0;
            itemfr = f->item;
            itemfr.list = list;
            extra = &itemfr;
        }
        if (mb_frame_of_text(f, s, 0, first_end, x, &fr) && strcmp(fr.what, "words") &&
            strcmp(fr.what, "review words")) {
            frame_at(&fr, "list item", index);
            f->item = fr;
            f->item_set = 1;
        }
    }
    compose(f, extra, out);
    if (ends_with_colon(s, len)) { /* a lead-in for what follows */
        size_t a = last_sentence_start(s, len);
        mb_frame fr;
        if (mb_frame_of_text(f, s, a, len, x, &fr)) {
            frame_at(&fr, "lead-in", index);
            f->leadin = fr;
            f->leadin_level = level ? level : deepest_level(f);
            f->leadin_set = 1;
            f->in_list =
                fr.kind == MB_CUE_TARGET && has_any(f->lex, s, a, len, MB_LX_TARGET_LIST_WORD) ? 2 : 0;
        }
    } else if (!level) {
        /* a paragraph that opens with a review (过去的一年，…; 五年来，…) frames
         * the paragraphs after it, as a lead-in does, until a heading of its
         * section's level or higher */
        size_t ce = first_clause_end(s, len);
        mb_frame fr;
        if (ce < len && mb_frame_of_text(f, s, 0, ce, x, &fr) && !strcmp(fr.what, "review")) {
            frame_at(&fr, "lead-in", index);
            f->leadin = fr;
            int dl = deepest_level(f);
            f->leadin_level = dl ? dl : 1;
            f->leadin_set = 1;
            f->in_list = 0;
        }
    }
}
