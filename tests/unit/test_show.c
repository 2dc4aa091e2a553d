/* test_show.c — mb_show_render on hand-made records (independent of the
 * extractor): markers, nested spans, the table, wrapping rules, colours;
 * and the value wording of present.h. */
#include "t.h"
#include "t_lex.h"

static mb_lexicon *test_lex; /* magnitude words, the yearly suffix */

#include "mubiao.h"
#include "present.h"

#include <stdlib.h>
#include <string.h>

static mb_doc *load(const char *text)
{
    mb_doc *doc = NULL;
    mb_doc_load_mem("plan.txt", text, strlen(text), NULL, &doc, NULL);
    return doc;
}

/* Byte offset of the first needle in paragraph p's text. */
static size_t at(const mb_doc *doc, size_t p, const char *needle)
{
    const char *s = mb_doc_paragraph(doc, p)->text.s;
    const char *h = strstr(s, needle);
    return h ? (size_t)(h - s) : 0;
}

static mb_record rec(const mb_doc *doc, size_t p, const char *span, mb_kind kind, const char *ind, double v,
                     const char *unit, const char *cmp, int year)
{
    mb_record r;
    memset(&r, 0, sizeof r);
    r.paragraph = p;
    r.span_start = at(doc, p, span);
    r.span_end = r.span_start + strlen(span);
    r.kind = kind;
    r.indicator = (char *)ind;
    r.has_value = 1;
    r.value = v;
    r.unit = (char *)unit;
    r.comparator = cmp;
    r.change = "level";
    r.year = year;
    return r;
}

static const char *doc_text = "某市计划\n"
                              "\n"
                              "到2025年，全市GDP达到100万亿元以上，城镇新增就业超过1200万人。\n"
                              "\n"
                              "没有数字的段落。\n";

static void test_plain(void)
{
    mb_doc *doc = load(doc_text);
    T_EQ_INT(mb_doc_paragraph_count(doc), 3, "three paragraphs");
    mb_record v[3];
    v[0] = rec(doc, 1, "100万亿元以上", MB_KIND_TARGET, "GDP", 1e14, "元", "ge", 2025);
    v[1] = rec(doc, 1, "100万亿元", MB_KIND_ACHIEVEMENT, "GDP", 1e14, "元", "eq", 0);
    v[2] = rec(doc, 1, "超过1200万人", MB_KIND_TARGET, "城镇新增就业人员数量统计口径调整后的总人数", 1.2e7,
               "人", "gt", 2025);
    v[2].change = "increase";
    v[2].period = "annual";
    mb_records rs = {.v = v, .n = 3, .cap = 3, .date = {2025, 3, 5, "given"}};
    mb_show_options o = {0, 0, 80, 0, test_lex};
    char *out = NULL;
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, NULL), MB_OK, "render");
    T_EQ_STR(out,
             "plan.txt\n"
             "  utf-8, dated 2025-03-05 (given), 3 paragraphs\n"
             "  3 records: 2 target, 1 achievement\n"
             "\n"
             "[0] line 1\n"
             "某市计划\n"
             "\n"
             "[1] line 3\n"
             "到2025年，全市GDP达到⟦1:⟦2:100万亿元⟧以上⟧，城镇新增就业⟦3:超过1200万人⟧。\n"
             "  #  kind         indicator                value         change  year\n"
             "  1  target       GDP                      >=100万亿元           2025\n"
             "  2  achievement  GDP                      100万亿元             -\n"
             "  3  target       城镇新增就业人员数量统…  >1200万人/年  up      2025\n"
             "\n"
             "[2] line 5\n"
             "没有数字的段落。\n",
             "plain output: nested markers, table, truncated indicator");
    free(out);

    o.only_records = 1;
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, NULL), MB_OK, "render only records");
    T_OK(out && !strstr(out, "[0] line 1") && strstr(out, "[1] line 3") && !strstr(out, "[2]"),
         "only_records: paragraphs without records left out");
    free(out);

    o.only_records = 0;
    o.color = 1;
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, NULL), MB_OK, "render in colour");
    T_OK(out && strstr(out, "\033[1;33m[1][2]\033[0m\033[7;36m100万亿元\033[0m\033[7;32m以上\033[0m"),
         "colour: labels in yellow, innermost span's colour (achievement cyan, target green)");
    T_OK(out && !strstr(out, "\xe2\x9f\xa6"), "colour: no ⟦ markers");
    free(out);

    o.width = 39;
    mb_error err = {0};
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, &err), MB_EARG, "width under 40 refused");
    T_EQ_STR(err.message, "show: width 39 is too narrow (at least 40 columns)", "width error message");
    mb_doc_free(doc);
}

static unsigned width_of(const char *s, size_t n)
{
    /* CJK ideographs and full-width punctuation (3-byte UTF-8 here) count 2,
     * ASCII 1, ⟦ ⟧ 1 */
    unsigned w = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            w++;
            i++;
        } else if (c == 0xE2) {
            w++;
            i += 3;
        } else {
            w += 2;
            i += 3;
        }
    }
    return w;
}

static void test_wrap(void)
{
    /* 18 ideographs, then a Latin run that does not fit on the line */
    const char *t = "一二三四五六七八九十一二三四五六七八ABCDEFGH二三四五六七八九十一二三四五六七八九十，"
                    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十。\n";
    mb_doc *doc = load(t);
    mb_records rs = {.date = {0, 0, 0, "none"}};
    mb_show_options o = {0, 0, 40, 0, test_lex};
    char *out = NULL;
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, NULL), MB_OK, "render at 40 columns");
    const char *body = out ? strstr(out, "[0] line 1\n") : NULL;
    T_OK(body != NULL, "paragraph header");
    if (body) {
        body += strlen("[0] line 1\n");
        T_EQ_STR(body,
                 "一二三四五六七八九十一二三四五六七八\n"
                 "ABCDEFGH二三四五六七八九十一二三四五六七\n"
                 "八九十，一二三四五六七八九十一二三四五六\n"
                 "七八九十一二三四五六七八九十。\n",
                 "Latin run moved whole to the next line");
        int ok = 1;
        for (const char *l = body; *l;) {
            const char *e = strchr(l, '\n');
            if (width_of(l, (size_t)(e - l)) > 40)
                ok = 0;
            if (!strncmp(l, "，", 3) || !strncmp(l, "。", 3))
                ok = 0;
            l = e + 1;
        }
        T_OK(ok, "no line over 40 columns, none starts with closing punctuation");
    }
    free(out);
    mb_doc_free(doc);

    /* closing punctuation that would start a line takes the character before it along */
    doc = load("一二三四五六七八九十一二三四五六七八九十。一二三\n");
    T_EQ_INT(mb_show_render(doc, &rs, &o, &out, NULL), MB_OK, "render");
    T_OK(out && strstr(out, "[0] line 1\n一二三四五六七八九十一二三四五六七八九\n十。一二三\n"),
         "no line starts with 。");
    free(out);
    mb_doc_free(doc);
}

static void test_present(void)
{
    char b[64];
    T_EQ_STR(mb_present_number(test_lex, 15000, b, sizeof b), "1.5万", "15000");
    T_EQ_STR(mb_present_number(test_lex, 1e11, b, sizeof b), "1000亿", "1e11");
    T_EQ_STR(mb_present_number(test_lex, 134.9e12, b, sizeof b), "134.9万亿", "134.9e12");
    T_EQ_STR(mb_present_number(test_lex, 1200, b, sizeof b), "1200", "1200");
    T_EQ_STR(mb_present_number(test_lex, 12345, b, sizeof b), "1.2345万", "12345");
    T_EQ_STR(mb_present_number(test_lex, 1.0 / 3, b, sizeof b), "0.3333333333333333",
             "a third: the shortest that reads back");
    /* the one formatter (issue 15): the shortest decimal that reads back exactly */
    static const struct {
        double v;
        const char *want;
    } sh[] = {
        {7.9, "7.9"},       {0.1 + 0.2, "0.30000000000000004"}, {3000, "3000"},   {0, "0"},
        {-2.5, "-2.5"},     {123456789012.0, "123456789012"},   {1.5e-5, "0.000015"}, {1e-7, "1e-07"},
        {1e20, "1e+20"},    {35000000000.0, "35000000000"},     {0.07, "0.07"},   {99.95, "99.95"},
    };
    for (size_t i = 0; i < sizeof sh / sizeof sh[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "shortest: %s", sh[i].want);
        T_EQ_STR(mb_present_shortest(sh[i].v, b, sizeof b), sh[i].want, what);
        T_OK(strtod(b, NULL) == sh[i].v, "... reads back exactly");
    }
    T_EQ_STR(mb_present_number(test_lex, 7.9, b, sizeof b), "7.9", "7.9, never 7.9000000000000004");
    T_EQ_STR(mb_present_number(test_lex, 35000000000.0, b, sizeof b), "350亿", "350亿");
    T_EQ_STR(mb_present_sign("ge"), ">=", "ge is >=");
    T_EQ_STR(mb_present_sign("approx"), "~", "approx is ~");
    T_EQ_STR(mb_present_sign("eq"), "", "eq has no sign");
    mb_present_q q = {1, 15000, 0, 0, 0, "名", "ge", 1};
    T_EQ_STR(mb_present_quantity(test_lex, &q, b, sizeof b), ">=1.5万名/年", "a yearly quantity");
    T_EQ_STR(mb_present_number(test_lex, 5.5, b, sizeof b), "5.5", "5.5");
    mb_record r;
    memset(&r, 0, sizeof r);
    r.has_range = 1;
    r.min = 6;
    r.max = 6.5;
    r.unit = "%";
    r.comparator = "range";
    T_EQ_STR(mb_present_value(test_lex, &r, b, sizeof b), "6-6.5%", "range");
    memset(&r, 0, sizeof r);
    r.has_value = 1;
    r.value = 1.79;
    r.unit = "ratio";
    r.comparator = "eq";
    T_EQ_STR(mb_present_value(test_lex, &r, b, sizeof b), "1.79:1", "ratio");
    r.has_value = 0;
    T_EQ_STR(mb_present_value(test_lex, &r, b, sizeof b), "-", "no value");
    r.has_value = 1;
    r.value = 5;
    r.unit = "%";
    r.comparator = "approx";
    r.change = "decrease";
    T_EQ_STR(mb_present_value(test_lex, &r, b, sizeof b), "~5%", "approx");
    T_EQ_STR(mb_present_change(&r), "down", "decrease is down");
}

int main(void)
{
    test_lex = t_lexicon();
    test_plain();
    test_wrap();
    test_present();
    mb_lexicon_free(test_lex);
    return t_done();
}
