/* test_reflow.c — paragraphs and sentences: one synthetic case per layout
 * rule, sentence splitting, and the source offsets of the results. */
#include "reflow.h"
#include "t.h"
#include "t_map.h"

#include <stdlib.h>

static mb_doc *load(const char *s)
{
    mb_doc *d = NULL;
    mb_error err = {0};
    if (mb_doc_load_mem("t.txt", s, strlen(s), NULL, &d, &err) != MB_OK) {
        printf("# load failed: %s\n", err.message);
        return NULL;
    }
    return d;
}

static const char *ptext(const mb_doc *d, size_t i)
{
    const mb_paragraph *p = d ? mb_doc_paragraph(d, i) : NULL;
    return p ? p->text.s : NULL;
}

/* "line line ..." of every paragraph: the layout in one string. */
static const char *starts(const mb_doc *d)
{
    static char buf[1024];
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; d && i < mb_doc_paragraph_count(d) && n + 12 < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%u", i ? " " : "", mb_doc_paragraph(d, i)->line);
    return buf;
}

/* The sentences of paragraph i joined with " | ". */
static const char *sents(const mb_doc *d, size_t i)
{
    static char buf[2048];
    size_t n = 0;
    buf[0] = '\0';
    const mb_paragraph *p = d ? mb_doc_paragraph(d, i) : NULL;
    for (size_t k = 0; p && k < p->nsentences; k++) {
        size_t len = p->sentences[k].end - p->sentences[k].start;
        if (n + len + 4 >= sizeof buf)
            break;
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%.*s", k ? " | " : "", (int)len,
                              p->text.s + p->sentences[k].start);
    }
    return buf;
}

static const char *split(const char *s)
{
    static char buf[2048];
    mb_sentence *v = NULL;
    size_t n = 0, o = 0;
    buf[0] = '\0';
    if (mb_split_sentences(s, strlen(s), &v, &n) != MB_OK)
        return "(error)";
    for (size_t k = 0; k < n && o + 8 < sizeof buf; k++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%.*s", k ? " | " : "", (int)(v[k].end - v[k].start),
                              s + v[k].start);
    free(v);
    return buf;
}

static void test_cjk_join(void)
{
    const char *s = "今年发展的主要预期目标是：国内生产\n"
                    "总值增长5%左右；城镇新增就业1200\n"
                    "万人以上，城镇调查失业率5.5%左右\n"
                    "；居民消费价格涨幅3%左右。\n";
    mb_doc *d = load(s);
    T_EQ_STR(starts(d), "1", "CJK: wrapped lines make one paragraph");
    T_EQ_STR(ptext(d, 0),
             "今年发展的主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%"
             "左右；居民消费价格涨幅3%左右。",
             "CJK: joined with no space; digits of 1200 and 万 joined");
    const mb_paragraph *p = mb_doc_paragraph(d, 0);
    T_OK(p && p->src_start == 0 && p->src_end == strlen(s) - 1,
         "CJK: source span is the whole text less the LF");
    T_EQ_STR(sents(d, 0),
             "今年发展的主要预期目标是：国内生产总值增长5%左右； | "
             "城镇新增就业1200万人以上，城镇调查失业率5.5%左右；"
             " | 居民消费价格涨幅3%左右。",
             "CJK: sentences at ； and 。 across line breaks");
    mb_doc_free(d);
}

static void test_latin_join(void)
{
    mb_doc *d = load("The State Council set the growth target\n"
                     "at around five percent for the year and\n"
                     "promised 12 million new urban jobs in\n"
                     "2024 as well.\n");
    T_EQ_STR(starts(d), "1", "Latin: one paragraph");
    T_EQ_STR(
        ptext(d, 0),
        "The State Council set the growth target at around five percent for the year and promised 12 million "
        "new urban jobs in 2024 as well.",
        "Latin: one space between words and between a word and a number");
    const mb_paragraph *p = mb_doc_paragraph(d, 0);
    /* "target" ends at byte 39 (the LF); the inserted space maps to the
     * line break between them */
    T_EQ_INT(p ? t_so(&p->text, 39) : 0, 39, "Latin: the inserted space starts at the line break");
    T_EQ_INT(p ? t_eo(&p->text, 39) : 0, 40, "Latin: ... and ends where the next line starts");
    T_EQ_INT(p ? t_so(&p->text, 40) : 0, 40, "Latin: the next word keeps its offset");
    mb_doc_free(d);
}

static void test_number_broken(void)
{
    mb_doc *d = load("提出要全面实施强基提质行动，到 2026\n"
                     "年 GDP超 3万亿元，全年实现产值超过1\n"
                     "000亿元，形成4个万亿级主导产业，并\n"
                     "带动相关产业发展。\n");
    T_EQ_STR(starts(d), "1", "number: one paragraph");
    T_EQ_STR(ptext(d, 0),
             "提出要全面实施强基提质行动，到 2026年 GDP超 "
             "3万亿元，全年实现产值超过1000亿元，形成4个万亿级主导产业，并带动相关产业发展。",
             "number: digits split by a line break in Chinese text join without a space");
    mb_doc_free(d);

    d = load("持续深化改革开放，到 2026 年 GDP超 3万\n"
             "亿，形成新能源、电子信息、高端装备等\n"
             "四个万亿级主导产业，带动全市发展。\n");
    T_EQ_STR(ptext(d, 0),
             "持续深化改革开放，到 2026 年 GDP超 "
             "3万亿，形成新能源、电子信息、高端装备等四个万亿级主导产业，带动全市发展。",
             "number: 3万 / 亿 join into 3万亿");
    mb_doc_free(d);
}

static void test_headings(void)
{
    mb_doc *d = load("今年要重点做好以下几个方面的工作。\n"
                     "一、扩大国内需求\n"
                     "着力扩大国内需求，推动经济持续回升\n"
                     "向好，不断增强发展的内生动力。\n"
                     "（一）促进消费稳定增长\n"
                     "稳定和扩大传统消费，培育壮大新型消\n"
                     "费，推动消费从疫后恢复转向持续扩大\n"
                     "。\n"
                     "1.稳定汽车消费\n"
                     "第二章 保障措施\n"
                     "各地要加强组织领导，抓好政策落实。\n");
    T_EQ_STR(starts(d), "1 2 3 5 6 9 10 11", "headings: 一、 （一） 1. 第二章 start paragraphs");
    T_EQ_STR(ptext(d, 1), "一、扩大国内需求", "headings: a heading line alone");
    T_EQ_STR(ptext(d, 4), "稳定和扩大传统消费，培育壮大新型消费，推动消费从疫后恢复转向持续扩大。",
             "headings: body text after a heading joined; a lone 。 line joined");
    mb_doc_free(d);

    /* not headings: 1.5 and 3、4月 at a line start, 二是 */
    d = load("今年以来全市规模以上工业增加值增长\n"
             "1.5个百分点，高于全省平均水平，其中\n"
             "3、4月份增速明显加快，二是投资增长\n"
             "较快，三是消费市场持续回暖向好。\n");
    T_EQ_STR(starts(d), "1", "headings: 1.5 and 3、4月 at a line start are not headings");
    mb_doc_free(d);
}

static void test_indent(void)
{
    mb_doc *d = load("第一段的文字写在这里，一直写到这一\n"
                     "行的末尾才结束，然后继续写到下一行。\n"
                     " 第二段从缩进开始，内容一直继续写到\n"
                     "这一行的末尾，然后再写到下一行里面\n"
                     "。\n");
    T_EQ_STR(starts(d), "1 3", "indent: a leading space starts a paragraph");
    T_EQ_STR(ptext(d, 1), "第二段从缩进开始，内容一直继续写到这一行的末尾，然后再写到下一行里面。",
             "indent: leading space trimmed");
    const mb_paragraph *p = mb_doc_paragraph(d, 1);
    /* line 3 starts at byte 52 + 55 = 107, its first character at 108 */
    T_EQ_INT(p ? p->src_start : 0, 108, "indent: the paragraph starts after the space");
    mb_doc_free(d);

    /* every line indented by the same margin: the margin is not indentation */
    d = load("    今年要重点做好以下几个方面的工作，\n"
             "    着力扩大国内需求，推动经济持续回升\n"
             "    向好，不断增强发展的内生动力。\n");
    T_EQ_STR(starts(d), "1", "indent: a common margin is not indentation");
    T_EQ_STR(
        ptext(d, 0),
        "今年要重点做好以下几个方面的工作，着力扩大国内需求，推动经济持续回升向好，不断增强发展的内生动力。",
        "indent: margins trimmed");
    mb_doc_free(d);
}

static void test_short_sentence_end(void)
{
    mb_doc *d = load("苏州市委常委、副市长在会上说，苏州\n"
                     "主要做好三件事，扩大制度型开放，积\n"
                     "极对接高标准国际经贸规则。\n"
                     "目前，苏州已与两百多家国内外高校院\n"
                     "所开展创新合作，近五年累计实施产学\n"
                     "研项目超过一万个，成效十分明显。\n");
    T_EQ_STR(starts(d), "1 4", "sentence end on a short line ends the paragraph");
    mb_doc_free(d);

    /* a sentence end on a full line does not */
    d = load("苏州市委常委、副市长在会上说，苏州\n"
             "主要做好三件事。扩大制度型开放，积\n"
             "极对接高标准国际经贸规则，借鉴先进。\n"
             "规则为创新提供足够的机制保障和广阔\n"
             "的市场空间。\n");
    T_EQ_STR(starts(d), "1", "sentence end on a full line: the paragraph goes on");
    mb_doc_free(d);
}

static void test_blank_lines(void)
{
    /* newspaper columns: blank lines inside paragraphs (after a line that
     * ends mid-sentence) and between them (after a sentence end) */
    mb_doc *d = load("苏州市委常委、副市长唐晓东\n"
                     "说，苏州主要做好三件事。第一件\n"
                     "事，扩大制度型开放。积极对接\n"
                     "高标准的国际经贸规则，在数据\n"
                     "\n"
                     "自由流动、信息安全等方面借鉴先\n"
                     "进规则，为创新提供机制保障。\n"
                     "\n"
                     "目前，苏州已与多家国内外\n"
                     "高校院所开展创新合作，近年来\n"
                     "\n"
                     "累计实施产学研项目超过一万个，\n"
                     "全市技术合同成交额全省第一。\n");
    T_EQ_STR(starts(d), "1 9", "blank lines: joined after a mid-sentence line, a break after a sentence end");
    T_EQ_STR(ptext(d, 1),
             "目前，苏州已与多家国内外高校院所开展创新合作，近年来累计实施产学研项目超过一万个，全市技术合同"
             "成交额全省第一。",
             "blank lines: paragraph joined across a blank line");
    mb_doc_free(d);

    /* double-spaced output: a blank line after every line means nothing */
    d = load("发展出题目，改革做文章。以深化改革破解发展难题，以开放创新激发经济\n"
             "\n"
             "发展新动能，是应对严峻复杂外部环境、实现高质量发展的必然要求。以\n"
             "\n"
             "开放创新激发经济发展新动能，也是构建新发展格局的重要途径之一。\n"
             "\n"
             "一、深化科技体制改革，打造世界一流高科技园区。\n"
             "\n"
             "牢牢把握科技创新在推动高质量发展、构建新发展格局中的关键作用，全\n"
             "\n"
             "面提升汇聚国际创新资源要素能力。\n");
    T_EQ_STR(starts(d), "1 7 9", "double-spaced: blank lines ignored, headings still break");
    mb_doc_free(d);
}

static void test_titles_and_wide(void)
{
    mb_doc *d = load(" 坚持开放创新\n"
                     "\n"
                     "苏州打造具有全球影响力的\n"
                     "产业科技创新中心主承载区\n"
                     "\n"
                     "新时期新形势下，苏州如何用\n"
                     "好开放“法宝”，集聚融合全球一流\n"
                     "创新要素资源？\n"
                     "\n"
                     "苏州市委常委、副市长唐晓东\n"
                     "说，苏州主要做好三件事。第一件\n"
                     "事，扩大制度型开放。积极对接\n"
                     "高标准国际经贸规则，在数据自由\n"
                     "流动、知识产权保护等方面借鉴先\n"
                     "进规则，为创新提供机制保障。\n"
                     "\n"
                     "展望苏州创新愿景，将在四个“新”上下功夫\n"
                     "\n"
                     "向着目标不断前进，当下要做的\n"
                     "事很多，苏州要在四个“新”上下\n"
                     "功夫，推动科技创新和产业创新。\n");
    T_EQ_STR(starts(d), "1 3 6 10 17 19", "titles: title, two-line subtitle, wide heading");
    T_EQ_STR(ptext(d, 1), "苏州打造具有全球影响力的产业科技创新中心主承载区",
             "titles: two-line subtitle joined");
    T_EQ_STR(ptext(d, 4), "展望苏州创新愿景，将在四个“新”上下功夫",
             "titles: a heading wider than the column");
    mb_doc_free(d);
}

static void test_vertical(void)
{
    mb_doc *d = load("深层次上，苏州也将推动科技创新、\n"
                     "制度创新“两个轮子一起转”，向发\n"
                     "展新质生产力的方向顺畅流动。\n"
                     "\n"
                     "融\n"
                     "媒\n"
                     "体\n"
                     "供\n"
                     "图\n");
    T_EQ_STR(starts(d), "1 5", "vertical: one-character lines are one paragraph");
    T_EQ_STR(ptext(d, 1), "融媒体供图", "vertical: joined");
    const mb_paragraph *p = mb_doc_paragraph(d, 1);
    T_EQ_INT(p ? p->nsentences : 0, 1, "vertical: one sentence");
    mb_doc_free(d);
}

static void test_page_numbers(void)
{
    /* a page number between two halves of a paragraph is never joined into
     * the text (it would make 增长3 5%) */
    mb_doc *d = load("今年以来全市规模以上工业增加值增长\n"
                     "较快，高于全省平均水平，同比增长\n"
                     "\n"
                     "— 3 —\n"
                     "\n"
                     "5%，其中高技术制造业增长明显加快，\n"
                     "成为拉动工业增长的主要力量之一。\n"
                     "\n"
                     "第4页\n"
                     "全年新增就业超过一万两千人，城镇调\n"
                     "查失业率保持在较低水平上下波动。\n"
                     "12\n");
    T_EQ_STR(starts(d), "1 4 6 9 10 12", "page numbers: — 3 —, 第4页 and 12 stand alone");
    T_EQ_STR(ptext(d, 1), "— 3 —", "page numbers: text of a page number");
    mb_doc_free(d);
}

static void test_one_per_line(void)
{
    mb_doc *d = load("国务院召开常务会议。\n"
                     "会议指出，今年以来经济运行总体平稳，主要指标好于预期，就业形势保持稳定。\n"
                     "会议要求，各地区各部门要抓好政策落实。\n"
                     "会议还研究了其他事项\n"
                     "会议强调，要持续扩大有效需求，巩固和增强经济回升向好态势，推动高质量发展。\n");
    T_EQ_STR(starts(d), "1 2 3 4 5", "one per line: every line is a paragraph");
    T_EQ_STR(ptext(d, 3), "会议还研究了其他事项", "one per line: a line without punctuation stays alone");
    mb_doc_free(d);
}

/* A short web page: a title, a byline with an ASCII colon, two long
 * paragraphs (one ends with the reporter's name in parentheses, not a
 * sentence end) and a footer, each line with a blank line after it. Two
 * long lines are too few to call the text wrapped: every line stays a
 * paragraph (the title is not joined to the byline). Invented. */
static void test_short_page(void)
{
    mb_doc *d =
        load("某市去年常住人口突破百万\n"
             "\n"
             "本地   来源:某某网  编辑:某某  2021-08-10 10:00:00\n"
             "\n"
             "十年来,某市经历了规模最大、速度最快的城镇化进程,城镇人口占总人口的比重从2010年末的41.2%上升至"
             "2020年末的58.6%,城镇常住人口增加至102万人,新增城镇人口主要来自本省农村。\n"
             " \n"
             "2010年至2020年,全市城镇常住人口从62万人增加到102万人,城镇化率提高17.4个百分点,平均每年提高"
             "1.74个百分点,快于全省平均水平。( 记者 某某)(来源: 某某报)\n"
             "\n"
             "点击进入首页>>\n"
             "版权所有 © 某某网 All Rights Reserved.\n");
    T_EQ_STR(starts(d), "1 3 5 7 9 10", "short page: every non-blank line is a paragraph");
    T_EQ_STR(ptext(d, 0), "某市去年常住人口突破百万", "short page: the title stands alone");
    mb_doc_free(d);
}

/* A government-work-report layout: a title, blank lines between long
 * unwrapped paragraphs, and fragments cut out of a sentence (book titles)
 * on lines of their own. Every non-blank line stays one paragraph. */
static void test_gwr_style(void)
{
    char buf[8192];
    const char *p1 =
        "我国经济总体回升向好，国内生产总值稳步增长，城镇新增就业持续增加，居民消费价格保持稳定，"
        "国际收支基本平衡，粮食产量再创新高，";
    size_t n = 0;
    n += (size_t)snprintf(buf + n, sizeof buf - n, "2024年政府工作报告\n\n各位代表：\n\n");
    for (int i = 0; i < 4; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", p1);
    n += (size_t)snprintf(buf + n, sizeof buf - n, "发展质量稳步提升。\n\n在听了\n关于宪法草案的报告\n");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "并进行了三天的讨论以后，");
    for (int i = 0; i < 3; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s", p1);
    n += (size_t)snprintf(buf + n, sizeof buf - n,
                          "完成了一件历史性的工作。\n\n——经济总体回升向好。国际收支基本平衡。\n");
    mb_doc *d = load(buf);
    T_EQ_STR(starts(d), "1 3 5 7 8 9 11", "gwr-style: every non-blank line is a paragraph");
    T_EQ_STR(ptext(d, 4), "关于宪法草案的报告", "gwr-style: a fragment line is kept alone");
    T_EQ_STR(sents(d, 6), "——经济总体回升向好。 | 国际收支基本平衡。", "gwr-style: a —— list item");
    const mb_paragraph *p = mb_doc_paragraph(d, 1);
    T_OK(p && p->src_start == 27 && p->src_end == 42, "gwr-style: 各位代表： at bytes 27..42");
    mb_doc_free(d);
}

static void test_sentences(void)
{
    T_EQ_STR(split("他说：“今年增长5%。”我们同意！是吗？好；再见……结束"),
             "他说：“今年增长5%。” | 我们同意！ | 是吗？ | 好； | 再见…… | 结束",
             "split: 。！？；…… with the closing quote kept");
    T_EQ_STR(split("（注：见上。）下一句。「好！」『行。』"),
             "（注：见上。） | 下一句。 | 「好！」 | 『行。』",
             "split: closing brackets and corner quotes stay with their sentence");
    T_EQ_STR(split("Growth was 5.2%! Really? Yes; fine"), "Growth was 5.2%! | Really? | Yes; | fine",
             "split: ASCII ! ? ; and no split at a decimal point");
    T_EQ_STR(split("没有标点的标题"), "没有标点的标题", "split: no terminator: one sentence");
    T_EQ_STR(split("。。"), "。。", "split: a run of terminators is one sentence");
    T_EQ_STR(split(""), "", "split: empty text, no sentence");
    mb_sentence *v = NULL;
    size_t n = 7;
    T_EQ_INT(mb_split_sentences("", 0, &v, &n), MB_OK, "split: empty text is fine");
    T_EQ_INT(n, 0, "split: empty text gives 0 sentences");
    free(v);
    const char *s = "甲。 乙！";
    T_EQ_INT(mb_split_sentences(s, strlen(s), &v, &n), MB_OK, "split: offsets");
    T_OK(n == 2 && v[0].start == 0 && v[0].end == 6 && v[1].start == 7 && v[1].end == 13,
         "split: byte offsets, the space between sentences left out");
    free(v);

    /* a heading line without punctuation joined to the text after it */
    mb_doc *d = load("开头的一段文字写在这里，内容一直写到\n"
                     "这一行末尾。\n"
                     "一、全面深化改革开放持续增强发展动力\n"
                     "推进高水平对外开放，稳步扩大制度型\n"
                     "开放。\n");
    T_EQ_STR(starts(d), "1 3", "heading joined: layout");
    T_EQ_STR(sents(d, 1), "一、全面深化改革开放持续增强发展动力 | 推进高水平对外开放，稳步扩大制度型开放。",
             "heading joined: the heading line is its own sentence");
    mb_doc_free(d);
}

static void test_edges(void)
{
    mb_doc *d = load("");
    T_EQ_INT(d ? mb_doc_paragraph_count(d) : 9, 0, "edges: empty text, no paragraph");
    mb_doc_free(d);
    d = load("\n \n\xe3\x80\x80\n\xe2\x80\x8b\n");
    T_EQ_INT(d ? mb_doc_paragraph_count(d) : 9, 0, "edges: blank, ideographic-space and zero-width lines");
    mb_doc_free(d);
    d = load("一行没有换行符");
    T_EQ_STR(starts(d), "1", "edges: no final line break");
    T_EQ_STR(ptext(d, 0), "一行没有换行符", "edges: text");
    mb_doc_free(d);
    d = load("第一行。\r\n\r\n第二行。\r\n");
    T_EQ_STR(starts(d), "1 3", "edges: CRLF line breaks");
    const mb_paragraph *p = mb_doc_paragraph(d, 1);
    T_OK(p && p->src_start == 16 && p->src_end == 28, "edges: CRLF offsets");
    mb_doc_free(d);
    d = load("a\nb\nc\nd\n");
    T_EQ_STR(starts(d), "1", "edges: one-letter lines (vertical)");
    mb_doc_free(d);
}

/* Random documents from layout-relevant pieces (CJK, punctuation, heading
 * markers, blank and indented lines, CRLF, broken UTF-8): loading never
 * fails or crashes (ASan in make check), paragraphs are non-empty and in
 * order, sentences tile each paragraph. */
static void test_random_documents(void)
{
    static const char *piece[] = {
        "中", "国",   "。",       "，",   "、",           "！",           "？",    "；",       "…",      "“",
        "”",  "）",   "（",       "：",   "一、",         "（一）",       "1.",    "1、",      "第一章", "——",
        " ",  "  ",   "\n",       "\n\n", "\n",           "\n",           " \n",   "a",        "Z",      "1",
        "0",  ".",    "!",        ";",    "\xe3\x80\x80", "\xe2\x80\x8b", "\xff",  "\xe4\xb8", "\r\n",   "\t",
        "①",  "发展", "经济增长", "GDP",  "3万",          "亿",           "— 3 —",
    };
    unsigned long r = 12345;
    size_t bad = 0, docs = 0;
    char buf[4096];
    for (int it = 0; it < 3000; it++) {
        size_t n = 0;
        r = r * 6364136223846793005UL + 1442695040888963407UL;
        int parts = (int)((r >> 33) % 300);
        for (int k = 0; k < parts; k++) {
            r = r * 6364136223846793005UL + 1442695040888963407UL;
            const char *f = piece[(r >> 33) % (sizeof piece / sizeof *piece)];
            size_t len = strlen(f);
            if (n + len >= sizeof buf)
                break;
            memcpy(buf + n, f, len);
            n += len;
        }
        mb_doc *d = NULL;
        mb_error err = {0};
        mb_doc_options opt = {.encoding = "utf-8", .lenient = 1};
        if (mb_doc_load_mem("r.txt", buf, n, &opt, &d, &err) != MB_OK) {
            bad++;
            continue;
        }
        docs++;
        uint32_t prev = 0;
        for (size_t i = 0; i < mb_doc_paragraph_count(d); i++) {
            const mb_paragraph *p = mb_doc_paragraph(d, i);
            size_t at = 0;
            if (p->text.len == 0 || p->src_start < prev || p->src_end < p->src_start || p->nsentences == 0)
                bad++;
            prev = p->src_end;
            for (size_t k = 0; k < p->nsentences; k++) {
                if (p->sentences[k].start < at || p->sentences[k].end <= p->sentences[k].start ||
                    p->sentences[k].end > p->text.len)
                    bad++;
                at = p->sentences[k].end;
            }
        }
        mb_doc_free(d);
    }
    T_EQ_INT(docs, 3000, "random: every document loads (lenient UTF-8)");
    T_EQ_INT(bad, 0, "random: paragraphs non-empty and in order, sentences tile them");
}

int main(void)
{
    test_cjk_join();
    test_latin_join();
    test_number_broken();
    test_headings();
    test_indent();
    test_short_sentence_end();
    test_blank_lines();
    test_titles_and_wide();
    test_vertical();
    test_page_numbers();
    test_one_per_line();
    test_short_page();
    test_gwr_style();
    test_sentences();
    test_edges();
    test_random_documents();
    return t_done();
}
