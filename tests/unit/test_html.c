/* test_html.c — HTML input: markup skipping, text-node alignment, charset,
 * article body, paragraphs with exact source offsets into the HTML bytes,
 * title and date, and robustness on damaged pages. */
#include "docdate.h"
#include "html.h"
#include "html_align.h"
#include "t.h"
#include "t_map.h"
#include "t_lex.h"

/* documents are read with the lexicon (Big5 detection, page dates) */
static mb_doc_options topt;

#include <stdlib.h>
#include <string.h>

#define DIR "tests/data/html/"

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *b = malloc(1 << 20);
    *n = b ? fread(b, 1, 1 << 20, f) : 0;
    fclose(f);
    return b;
}

/* Offset of needle in b[0..n), or -1. */
static long find(const unsigned char *b, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(b + i, needle, m))
            return (long)i;
    return -1;
}

static int32_t no_entity(const char *name, size_t len)
{
    if (len == 4 && !memcmp(name, "nbsp", 4))
        return 0xA0;
    if (len == 3 && !memcmp(name, "amp", 3))
        return '&';
    return -1;
}

static void markup(void)
{
    static const struct {
        const char *s;
        size_t end;
        const char *what;
    } cases[] = {
        {"<b title=\"x>y\">z", 15, "quoted '>' inside an attribute value"},
        {"<p class=a id='q'>x", 18, "unquoted and single-quoted values"},
        {"<br/>x", 5, "self-closing tag"},
        {"</div >x", 7, "end tag"},
        {"<!-- a <p> b -->c", 16, "comment with a tag inside"},
        {"<!--a--!>b", 9, "comment ended by --!>"},
        {"<!-- never closed", 17, "unterminated comment runs to the end"},
        {"<!DOCTYPE html>x", 15, "doctype"},
        {"<?xml version=\"1.0\"?>y", 21, "processing instruction"},
        {"</ c", 2, "a \"</\" that starts no end tag is dropped"},
        {"<3 and more", 0, "'<' before a digit is text"},
        {"<![CDATA[x]]>", 0, "CDATA in HTML is text"},
        {"<中>", 0, "'<' before a non-ASCII letter is text"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        T_EQ_INT(mb_html_markup_end(cases[i].s, strlen(cases[i].s), 0), cases[i].end, cases[i].what);
}

static void align(void)
{
    const char *src = "<p>a&amp;b&#x4E07;&nbsp;c&#0;d\r\ne</p><p>a&amp;b</p>";
    mb_html_aligner al = {src, strlen(src), 0, no_entity};
    const char *t = "a&b\xE4\xB8\x87\xC2\xA0"
                    "cd\r\ne"; /* what libxml2 gives: &#0; yields nothing */
    uint32_t a[32], b[32];
    T_OK(mb_html_align(&al, t, strlen(t), a, b), "first text node found");
    T_EQ_INT(a[0], 3, "a at 3");
    T_EQ_INT(a[1], 4, "&amp; starts at 4");
    T_EQ_INT(b[1], 9, "&amp; ends at 9");
    T_EQ_INT(a[3], 10, "万 (3 bytes) maps to &#x4E07; at 10");
    T_EQ_INT(b[5], 18, "... up to 18");
    T_EQ_INT(a[6], 18, "U+00A0 maps to &nbsp;");
    T_EQ_INT(b[7], 24, "... 6 bytes");
    T_EQ_INT(a[9], 29, "d after the empty &#0; reference");
    T_EQ_INT(al.cur, 33, "cursor after the node");
    T_OK(mb_html_align(&al, "a&b", 3, a, b), "second node found after the tags");
    T_EQ_INT(a[0], 40, "second node starts at 40, not in the first paragraph");
    mb_html_aligner al2 = {src, strlen(src), 0, no_entity};
    T_OK(!mb_html_align(&al2, "zzz", 3, a, b), "text that is not there is not found");
    T_EQ_INT(al2.cur, 0, "cursor unchanged after a miss");
    const char *attr = "<img alt=\"国内生产总值\"><p>国内生产总值</p>";
    mb_html_aligner al3 = {attr, strlen(attr), 0, no_entity};
    T_OK(mb_html_align(&al3, "国内生产总值", strlen("国内生产总值"), a, b), "text also in an attribute");
    T_EQ_INT(a[0], (uint32_t)(strstr(attr, "<p>") - attr) + 3, "found in the paragraph, not the attribute");
}

static void sniff_and_charset(void)
{
    const unsigned char page[] = "\xEF\xBB\xBF \n<!doctype HTML><p>x";
    T_OK(mb_html_sniff("a.txt", page, sizeof page - 1), "doctype after a BOM and spaces is HTML");
    T_OK(mb_html_sniff("a.HTM", (const unsigned char *)"x", 1), ".HTM is HTML");
    T_OK(!mb_html_sniff("a.txt", (const unsigned char *)"<htmlx>", 7), "<htmlx> is not <html");
    T_OK(!mb_html_sniff("a.txt", (const unsigned char *)"到2025年", 10), "text is text");
    char decl[64];
    const char *m1 = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">";
    T_EQ_STR(mb_html_declared_charset((const unsigned char *)m1, strlen(m1), decl, sizeof decl), "gb18030",
             "http-equiv GB2312 is read as gb18030");
    T_EQ_STR(decl, "GB2312", "the name as written");
    const char *m2 = "<meta charset='x-gbk'><p>";
    T_EQ_STR(mb_html_declared_charset((const unsigned char *)m2, strlen(m2), decl, sizeof decl), "gb18030",
             "meta charset x-gbk");
    const char *m3 = "<meta charset=\"big5\">";
    T_EQ_STR(mb_html_declared_charset((const unsigned char *)m3, strlen(m3), decl, sizeof decl), "big5",
             "meta charset big5");
    const char *m4 = "<meta charset=\"iso-8859-1\">";
    T_OK(mb_html_declared_charset((const unsigned char *)m4, strlen(m4), decl, sizeof decl) == NULL,
         "a charset mubiao does not decode gives NULL");
    T_EQ_STR(decl, "iso-8859-1", "... but is reported as written");
    T_OK(mb_html_declared_charset((const unsigned char *)"<p>x", 4, decl, sizeof decl) == NULL,
         "no declaration");

    /* UTF-8 bytes under a gb2312 declaration: read as UTF-8, with a warning */
    const char *u = "<meta charset=\"gb2312\"><p>到2025年</p>";
    mb_doc *d = NULL;
    mb_error err = {0};
    T_OK(mb_doc_load_mem("u.html", u, strlen(u), &topt, &d, &err) == MB_OK,
         "UTF-8 page declared gb2312 loads");
    if (d) {
        T_EQ_STR(mb_doc_encoding(d), "utf-8", "valid UTF-8 wins over the declaration");
        T_OK(mb_doc_warning(d, 0) && strstr(mb_doc_warning(d, 0), "declares charset gb2312"),
             "a warning names the declared charset");
        T_EQ_STR(mb_doc_paragraph(d, 0)->text.s, "到2025年", "its text");
        mb_doc_free(d);
    }
    /* GBK bytes under a utf-8 declaration: read as detected */
    const char g[] = "<meta charset=\"utf-8\"><p>\xB5\xBD"
                     "2025\xC4\xEA</p>"; /* 到2025年 in GBK */
    T_OK(mb_doc_load_mem("g.html", g, sizeof g - 1, &topt, &d, &err) == MB_OK,
         "GBK page declared utf-8 loads");
    if (d) {
        T_EQ_STR(mb_doc_encoding(d), "gb18030", "detected as gb18030");
        T_EQ_STR(mb_doc_paragraph(d, 0)->text.s, "到2025年", "its text");
        T_EQ_INT(mb_doc_paragraph(d, 0)->src_start, 25, "paragraph starts at byte 25");
        T_EQ_INT(mb_doc_paragraph(d, 0)->src_end, 33, "and ends at 33 (GBK: 2+4+2 bytes)");
        mb_doc_free(d);
    }
}

static int has_text(const mb_doc *d, const char *s)
{
    for (size_t i = 0; i < mb_doc_paragraph_count(d); i++)
        if (strstr(mb_doc_paragraph(d, i)->text.s, s))
            return 1;
    return 0;
}

/* Every character of every paragraph maps inside the file, in order. */
static int maps_ok(const mb_doc *d, size_t n)
{
    uint32_t last = 0;
    for (size_t i = 0; i < mb_doc_paragraph_count(d); i++) {
        const mb_text *t = &mb_doc_paragraph(d, i)->text;
        for (size_t k = 0; k < t->len; k++) {
            if (t_so(t, k) > t_eo(t, k) || t_eo(t, k) > n || t_so(t, k) < last)
                return 0;
            if (((unsigned char)t->s[k] & 0xC0) != 0x80)
                last = t_so(t, k);
        }
    }
    return 1;
}

static void utf8_page(void)
{
    size_t n;
    unsigned char *src = slurp(DIR "press-utf8.html", &n);
    T_OK(src != NULL, "press-utf8.html readable");
    if (!src)
        return;
    mb_doc *d = NULL;
    mb_error err = {0};
    T_OK(mb_doc_load_file(DIR "press-utf8.html", &topt, &d, &err) == MB_OK, "press-utf8.html loads");
    if (!d) {
        free(src);
        return;
    }
    T_EQ_STR(mb_doc_format(d), "html", "read as HTML");
    T_EQ_STR(mb_doc_encoding(d), "utf-8", "utf-8");
    T_EQ_STR(mb_doc_title(d), "市政府新闻发布会介绍科技创新工作_新闻发布_示范市人民政府", "<title>");
    T_EQ_INT(mb_doc_paragraph_count(d), 10, "10 paragraphs");
    T_OK(mb_doc_warning(d, 0) == NULL, "no warnings");
    static const char *const want[] = {
        "市政府新闻发布会介绍科技创新工作",
        "3月12日上午，市政府新闻办召开新闻发布会，介绍全市科技创新工作进展情况。",
        "2024年，全市高新技术企业总数达到3200家，技术合同成交额超1000亿元，同比增长12.5%。R&"
        "D经费投入强度达到3.6%。",
        "一、加快建设创新平台",
        "到2027年，力争高新技术企业总数突破5000家，每年新增科技型中小企业1.2万家以上。",
        "新建省级以上研发机构150个",
        "新增孵化器面积20万平方米",
        "引进高层次人才“领军团队”30个",
        "指标 2025年目标",
        "上市企业 超过120家",
    };
    for (size_t i = 0; i < 10 && i < mb_doc_paragraph_count(d); i++)
        T_EQ_STR(mb_doc_paragraph(d, i)->text.s, want[i], "paragraph text");
    /* exact source offsets, found independently in the file's bytes */
    const mb_paragraph *p0 = mb_doc_paragraph(d, 0), *p1 = mb_doc_paragraph(d, 1),
                       *p4 = mb_doc_paragraph(d, 4);
    T_EQ_INT(p0->src_start, find(src, n, "市政府新闻发布会介绍科技创新工作</h1>"),
             "heading starts at its text");
    T_EQ_INT(p0->src_start, 916, "heading at byte 916");
    T_EQ_INT(p0->src_end, 964, "heading ends at 964");
    T_EQ_INT(p0->line, 28, "heading on line 28");
    T_EQ_INT(p1->src_start, find(src, n, "3月12日上午"), "&nbsp; indentation left out of the paragraph");
    T_EQ_INT(p1->src_end, find(src, n, "情况。</p>") + (long)strlen("情况。"), "paragraph ends at its 。");
    T_EQ_INT(p4->src_start, find(src, n, "到2027年"), "full-width indentation left out");
    long ent = find(src, n, "&#x4E07;");
    const char *wan = strstr(p4->text.s, "万家以上");
    T_OK(ent > 0 && wan != NULL, "&#x4E07; in the file, 万 in the text");
    if (ent > 0 && wan) {
        size_t k = (size_t)(wan - p4->text.s);
        T_EQ_INT(t_so(&p4->text, k), ent, "万 starts at its reference &#x4E07;");
        T_EQ_INT(t_eo(&p4->text, k), ent + 8, "and ends after it (8 bytes)");
        uint32_t a, b;
        const char *num = strstr(p4->text.s, "1.2万家以上");
        size_t ka = (size_t)(num - p4->text.s);
        mb_text_source_range(&p4->text, ka, ka + strlen("1.2万家以上"), &a, &b);
        T_EQ_INT(b - a, 20, "1.2万家以上 spans 20 bytes of HTML");
        T_OK(b - a == 20 && !memcmp(src + a, "1.2&#x4E07;家以上", 20), "exactly the bytes 1.2&#x4E07;家以上");
        char *back = NULL;
        T_OK(mb_doc_source_text(d, a, b, &back, &err) == MB_OK && back && !strcmp(back, "1.2万家以上"),
             "mb_doc_source_text gives the span text back (audit)");
        free(back);
    }
    /* R&amp;D: one character for five bytes */
    const mb_paragraph *p2 = mb_doc_paragraph(d, 2);
    const char *rd = strstr(p2->text.s, "R&D");
    long amp = find(src, n, "R&amp;D");
    if (rd && amp > 0) {
        size_t k = (size_t)(rd - p2->text.s);
        T_EQ_INT(t_so(&p2->text, k + 1), amp + 1, "& maps to &amp;");
        T_EQ_INT(t_eo(&p2->text, k + 1), amp + 6, "... all 5 bytes");
    }
    /* the line break inside the <p> between two CJK characters left no space */
    T_OK(strstr(p2->text.s, "亿元，同比增长") != NULL, "line break between CJK characters joined");
    /* <br> splits; the <table> row keeps its cells apart by one space */
    const mb_paragraph *p9 = mb_doc_paragraph(d, 9);
    T_EQ_INT(p9->src_start, find(src, n, "上市企业</td>"), "table row starts at its first cell");
    T_EQ_INT(t_so(&p9->text, 12), find(src, n, "上市企业</td>") + 12,
             "cell separator maps to the markup between");
    T_EQ_INT(t_eo(&p9->text, 12), find(src, n, "超过120家"), "... up to the next cell");
    /* left out: scripts, navigation, breadcrumb, share bar, sidebar, footer */
    static const char *const gone[] = {"不应出现", "首页", "当前位置", "分享到", "热点新闻",
                                       "版权所有", "广告", "1000万",   "今天是", "发布时间"};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        T_OK(!has_text(d, gone[i]), gone[i]);
    T_OK(maps_ok(d, n), "every character maps inside the file, in order");
    mb_date date;
    T_OK(mb_docdate_find(d, NULL, topt.lexicon, &date, &err) == MB_OK, "date found");
    T_EQ_INT(date.year * 10000 + date.month * 100 + date.day, 20250312, "date from <meta name=PubDate>");
    T_EQ_STR(date.source, "text", "source text");
    mb_doc_free(d);
    free(src);
}

static void gbk_page(void)
{
    size_t n;
    unsigned char *src = slurp(DIR "press-gbk.html", &n);
    mb_doc *d = NULL;
    mb_error err = {0};
    T_OK(src && mb_doc_load_file(DIR "press-gbk.html", &topt, &d, &err) == MB_OK, "press-gbk.html loads");
    if (!d) {
        free(src);
        return;
    }
    T_EQ_STR(mb_doc_encoding(d), "gb18030", "GBK page decoded as gb18030");
    T_EQ_STR(mb_doc_title(d), "示范市召开2024年上半年经济形势新闻发布会", "<title> decoded");
    T_EQ_INT(mb_doc_paragraph_count(d), 6, "6 paragraphs");
    static const char *const want[] = {
        "示范市召开2024年上半年经济形势新闻发布会",
        "发布日期：2024年07月18日 浏览次数：",
        "7月18日，市政府新闻办召开新闻发布会，通报上半年全市经济运行情况。",
        "上半年，全市地区生产总值达到4218.6亿元，同比增长6.1%；规模以上工业增加值增长8.3%。",
        "全市一般公共预算收入完成 312.5亿元，完成年度预算的55.2%。",
        "下半年，全市将确保全年地区生产总值增长6%左右，城镇新增就业不少于 12万人。",
    };
    for (size_t i = 0; i < 6 && i < mb_doc_paragraph_count(d); i++)
        T_EQ_STR(mb_doc_paragraph(d, i)->text.s, want[i], "GBK paragraph text");
    /* offsets are GBK bytes: 上半年 is B9 E2 B0 EB C4 EA */
    const mb_paragraph *p3 = mb_doc_paragraph(d, 3);
    T_EQ_INT(p3->src_start, find(src, n, "\xC9\xCF\xB0\xEB\xC4\xEA\xA3\xAC"),
             "paragraph 3 starts at 上半年， in GBK");
    T_EQ_INT(p3->src_start, 1178, "at byte 1178");
    T_EQ_INT(p3->src_end - p3->src_start, 82, "82 GBK bytes (2 per CJK character)");
    T_EQ_INT(p3->line, 22, "line 22");
    /* &nbsp; before 312.5 is one space mapped to the 6 bytes of the reference */
    const mb_paragraph *p4 = mb_doc_paragraph(d, 4);
    const char *sp = strchr(p4->text.s, ' ');
    if (sp) {
        size_t k = (size_t)(sp - p4->text.s);
        T_EQ_INT(t_eo(&p4->text, k) - t_so(&p4->text, k), 6, "&nbsp; is one space over 6 bytes");
        T_OK(!memcmp(src + t_so(&p4->text, k), "&nbsp;", 6), "... the bytes &nbsp;");
    }
    T_OK(!has_text(d, "统计年鉴") && !has_text(d, "版权所有") && !has_text(d, "1234"),
         "side links, footer and script left out");
    T_OK(maps_ok(d, n), "every character maps inside the file, in order");
    mb_date date;
    T_OK(mb_docdate_find(d, NULL, topt.lexicon, &date, &err) == MB_OK, "date found");
    T_EQ_INT(date.year * 10000 + date.month * 100 + date.day, 20240718, "date from the dateline 发布日期");
    mb_doc_free(d);
    free(src);
}

static void structure(void)
{
    /* HTML5 article with its header, a date in article:published_time,
     * and a body class that the class rule would drop entirely */
    const char *page =
        "<!DOCTYPE html><html><head><meta property=\"article:published_time\" "
        "content=\"2024-11-05T08:00:00+08:00\"></head><body class=\"nav-page\">"
        "<header><a href=/>首页</a></header><main><article><header><h1>标题甲</h1></header>"
        "<section><p>第一段，增长5%。</p><p>第二段<b>加粗</b>继续。</p></section></article></main>"
        "<footer>版权所有</footer></body></html>";
    mb_doc *d = NULL;
    mb_error err = {0};
    T_OK(mb_doc_load_mem("p.html", page, strlen(page), &topt, &d, &err) == MB_OK, "HTML5 page loads");
    if (!d)
        return;
    T_EQ_INT(mb_doc_paragraph_count(d), 3, "3 paragraphs: heading and two");
    if (mb_doc_paragraph_count(d) == 3) {
        T_EQ_STR(mb_doc_paragraph(d, 0)->text.s, "标题甲", "the article's own header kept");
        T_EQ_STR(mb_doc_paragraph(d, 2)->text.s, "第二段加粗继续。", "inline markup joined");
    }
    T_OK(!has_text(d, "首页") && !has_text(d, "版权所有"), "page header and footer left out");
    mb_date date;
    T_OK(mb_docdate_find(d, NULL, topt.lexicon, &date, &err) == MB_OK && date.year == 2024 &&
             date.month == 11 && date.day == 5,
         "date from article:published_time");
    T_OK(mb_doc_title(d) == NULL, "no <title>: NULL");
    mb_doc_free(d);

    /* text straight in a div with <br> lines, no <p> at all */
    const char *br =
        "<html><body><div id=\"zoom\">　　第一行文字。<br>　　第二行文字。<br><br>　　第三行。</div></body>";
    T_OK(mb_doc_load_mem("br.html", br, strlen(br), &topt, &d, &err) == MB_OK, "<br> page loads");
    if (d) {
        T_EQ_INT(mb_doc_paragraph_count(d), 3, "<br> lines are paragraphs, an empty one dropped");
        T_EQ_INT(mb_doc_paragraph(d, 0)->src_start, (uint32_t)(strstr(br, "第一行") - br),
                 "full-width indentation (U+3000) left out");
        mb_doc_free(d);
    }
    /* an empty page and a page with no text */
    T_OK(mb_doc_load_mem("e.html", "", 0, &topt, &d, &err) == MB_OK && mb_doc_paragraph_count(d) == 0,
         "empty .html: no paragraphs");
    mb_doc_free(d);
    const char *notext = "<html><head><script>var x = 1;</script></head><body><img src=a.png></body></html>";
    T_OK(mb_doc_load_mem("n.html", notext, strlen(notext), &topt, &d, &err) == MB_OK &&
             mb_doc_paragraph_count(d) == 0,
         "page without text: no paragraphs");
    mb_doc_free(d);
}

/* Damaged pages: every prefix of a real page, and bytes flipped. */
static void damaged(void)
{
    size_t n;
    unsigned char *src = slurp(DIR "press-utf8.html", &n);
    if (!src)
        return;
    int bad = 0, loaded = 0;
    for (size_t cut = 0; cut < n; cut += 29) {
        mb_doc *d = NULL;
        mb_error err = {0};
        if (mb_doc_load_mem("cut.html", src, cut, &topt, &d, &err) == MB_OK) {
            loaded++;
            if (!maps_ok(d, cut))
                bad++;
            mb_doc_free(d);
        }
    }
    T_EQ_INT(bad, 0, "every prefix: maps inside the prefix, in order");
    T_OK(loaded > 0, "prefixes load");
    unsigned char *m = malloc(n);
    unsigned seed = 12345;
    bad = 0;
    for (int round = 0; round < 40 && m; round++) {
        memcpy(m, src, n);
        for (int k = 0; k < 8; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % n;
            static const char pool[] = "<>&\"'/!-;#x \n";
            m[at] = (unsigned char)pool[(seed >> 20) % (sizeof pool - 1)];
        }
        mb_doc *d = NULL;
        mb_error err = {0};
        if (mb_doc_load_mem("flip.html", m, n, &topt, &d, &err) == MB_OK) {
            if (!maps_ok(d, n))
                bad++;
            mb_doc_free(d);
        }
    }
    T_EQ_INT(bad, 0, "markup characters flipped at random: maps stay inside the file, in order");
    free(m);
    free(src);
}

/* Regressions found by fuzzing (tests/fuzz/, README "Fuzzing"). */
static void fuzz_regressions(void)
{
    /* fuzz_doc, fuzz_extract: an http-equiv content ending in "charset"
     * (at the end of the value, or cut by a NUL) read past the string */
    static const struct {
        const char *what;
        const char *page;
        size_t len;
    } cases[] = {
        {"content=\"text/html; charset\": no read past the value",
         "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset\"></head>"
         "<body><p>到2025年新增企业100家。</p></body></html>",
         0},
        {"content cut by a NUL after charset (the fuzzer's input, via memory)",
         "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; "
         "charset\0H\031\001\020c\0\0=gb1307\">"
         "\n<title>t</title></head><body><p>x</p></body></html>",
         142},
        {"content=\"charset charset=utf-8\": the second is read",
         "<html><head><meta http-equiv=\"Content-Type\" "
         "content=\"charset charset=utf-8\"></head><body><p>y</p></body></html>",
         0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mb_doc *d = NULL;
        mb_error err = {0};
        size_t n = cases[i].len ? cases[i].len : strlen(cases[i].page);
        mb_status st = mb_doc_load_mem("f.html", cases[i].page, n, &topt, &d, &err);
        /* under ASan (make check) a read past the value stops the test */
        T_OK(st == MB_OK || st == MB_EBINARY, cases[i].what);
        mb_doc_free(d);
    }
}

int main(void)
{
    topt.lexicon = t_lexicon();
    fuzz_regressions();
    markup();
    align();
    sniff_and_charset();
    utf8_page();
    gbk_page();
    structure();
    damaged();
    mb_lexicon_free((mb_lexicon *)topt.lexicon);
    return t_done();
}
