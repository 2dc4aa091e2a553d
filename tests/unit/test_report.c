/* test_report.c — the HTML audit page on hand-made records: escaping of
 * document text, paths and titles; one highlight and one row per record;
 * overlapping spans; nothing that loads from the network; the verdict
 * column and mb_report_set_kind. */
#include "t.h"
#include "t_lex.h"

#include "mubiao.h"
#include "report.h"

#include <stdlib.h>
#include <string.h>

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *h = strstr(s, needle); h; h = strstr(h + 1, needle))
        n++;
    return n;
}

static void test_escape(void)
{
    mb_strbuf b = {0};
    const char *s = "<a href=\"x\">Tom & 'Jerry'</a>";
    mb_html_escape(&b, s, strlen(s));
    T_EQ_STR(b.s, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;", "escape & < > \" '");
    mb_strbuf_free(&b);
    mb_html_escape(&b, "纯文本", strlen("纯文本"));
    T_EQ_STR(b.s, "纯文本", "plain text unchanged");
    mb_strbuf_free(&b);
}

static void test_page(void)
{
    const char *text =
        "标题<script>alert(1)</script>\n"
        "\n"
        "到2025年，GDP达到100万亿元以上</script><img src=x onerror=alert(2)>，就业超过1200万人。\n";
    mb_doc *doc = NULL;
    T_EQ_INT(mb_doc_load_mem("a&b<c>\".txt", text, strlen(text), NULL, &doc, NULL), MB_OK, "load");
    const mb_paragraph *p = mb_doc_paragraph(doc, 1);
    T_OK(p != NULL, "paragraph 1");
    if (!p)
        return;
    mb_record v[3];
    memset(v, 0, sizeof v);
    const char *spans[3] = {"100万亿元以上", "100万亿元", "超过1200万人"};
    for (int i = 0; i < 3; i++) {
        const char *h = strstr(p->text.s, spans[i]);
        v[i].paragraph = 1;
        v[i].span_start = (size_t)(h - p->text.s);
        v[i].span_end = v[i].span_start + strlen(spans[i]);
        v[i].kind = i == 1 ? MB_KIND_ACHIEVEMENT : MB_KIND_TARGET;
        v[i].indicator = i == 2 ? "就业<b>" : "GDP";
        v[i].has_value = 1;
        v[i].value = i == 2 ? 1.2e7 : 1e14;
        v[i].unit = i == 2 ? "人" : "元";
        v[i].comparator = "ge";
        v[i].change = "level";
        v[i].year = 2025;
    }
    mb_records rs = {.v = v, .n = 3, .cap = 3, .date = {2025, 3, 5, "given"}};
    mb_report *rep = NULL;
    T_EQ_INT(mb_report_new("审计 <report> & co", &rep, NULL), MB_OK, "new report");
    mb_lexicon *lex = t_lexicon(); /* 万, 亿, /年 in the table */
    mb_report_set_lexicon(rep, lex);
    T_EQ_INT(mb_report_add(rep, doc, &rs, NULL), MB_OK, "add the document");
    char *html = NULL;
    size_t len = 0;
    T_EQ_INT(mb_report_finish(rep, &html, &len, NULL), MB_OK, "finish");
    mb_report_free(rep);
    mb_lexicon_free(lex);
    mb_doc_free(doc);
    if (!html)
        return;
    T_EQ_INT(len, strlen(html), "length");
    T_EQ_INT(count(html, "<script"), 1, "one script element: the page's own");
    T_EQ_INT(count(html, "</script>"), 1, "one </script>");
    T_OK(strstr(html, "标题&lt;script&gt;alert(1)&lt;/script&gt;") != NULL, "title line escaped");
    T_OK(strstr(html, "以上</mark>&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;，") != NULL,
         "text after a span escaped");
    T_EQ_INT(count(html, "<img"), 0, "no img element");
    T_OK(strstr(html, "<title>审计 &lt;report&gt; &amp; co</title>") != NULL, "title escaped");
    T_OK(strstr(html, "a&amp;b&lt;c&gt;&quot;.txt") != NULL, "path escaped");
    T_OK(strstr(html, "<td class=\"wrap\">就业&lt;b&gt;</td>") != NULL, "indicator escaped");
    T_EQ_INT(count(html, "http://") + count(html, "https://") + count(html, "src=\"") + count(html, "href="),
             0, "no URL, src or href");
    T_OK(strstr(html, "default-src 'none'") != NULL, "CSP: nothing may be fetched");
    T_EQ_INT(count(html, "<tr id=\"row-"), 3, "three rows");
    T_EQ_INT(count(html, "<sup class=\"lbl"), 3, "three labels");
    for (int n = 1; n <= 3; n++) {
        char id[32];
        snprintf(id, sizeof id, "id=\"hl-%d\"", n);
        T_EQ_INT(count(html, id), 1, "one highlight label per record");
        snprintf(id, sizeof id, "id=\"row-%d\"", n);
        T_EQ_INT(count(html, id), 1, "one row per record");
    }
    T_OK(strstr(html, "<sup class=\"lbl k-t\" id=\"hl-1\" data-r=\"1\">1</sup>"
                      "<sup class=\"lbl k-a\" id=\"hl-2\" data-r=\"2\">2</sup>"
                      "<mark class=\"k-m\" data-r=\"2 1\">100万亿元</mark>"
                      "<mark class=\"k-t\" data-r=\"1\">以上</mark>") != NULL,
         "nested spans: labels outer first, marks list the innermost record first");
    T_OK(strstr(html, "<td class=\"num\" data-v=\"100000000000000\" "
                      "title=\"100000000000000\">100万亿</td><td>元</td>") != NULL,
         "value cell: exact number for sorting, readable text");
    /* the targets of 2025 in a document of 2025, no later one: pending; the
     * achievement of the same year is no outcome */
    T_OK(strstr(html, "<th>span</th><th>verdict</th></tr>") != NULL, "a verdict column after span");
    T_EQ_INT(count(html, "<td class=\"verdict v-pending\" data-v=\"pending\">pending</td>"), 2,
             "the two targets pending");
    T_EQ_INT(count(html, "<td class=\"verdict\" data-v=\"\"></td>"), 1, "the achievement without a verdict");
    T_OK(strstr(html, "<option value=\"pending\">pending (2)</option><option value=\"no-data\">no-data "
                      "(0)</option><option value=\"not-comparable\">not-comparable (0)</option>"
                      "<option value=\"none\">no verdict (1)</option>") != NULL,
         "the verdict filter's options, counted");
    free(html);

    /* mb_report_set_kind: the targets shown, numbered 1, 2 */
    T_EQ_INT(mb_doc_load_mem("a.txt", text, strlen(text), NULL, &doc, NULL), MB_OK, "load again");
    T_EQ_INT(mb_report_new(NULL, &rep, NULL), MB_OK, "new report");
    mb_report_set_kind(rep, MB_KIND_TARGET);
    T_EQ_INT(mb_report_add(rep, doc, &rs, NULL), MB_OK, "add, targets shown");
    T_EQ_INT(mb_report_finish(rep, &html, &len, NULL), MB_OK, "finish");
    mb_report_free(rep);
    mb_doc_free(doc);
    if (!html)
        return;
    T_EQ_INT(count(html, "<tr id=\"row-"), 2, "two rows");
    T_OK(strstr(html, "<tr id=\"row-2\" data-r=\"2\" data-kind=\"target\"") != NULL &&
             strstr(html, "id=\"hl-2\"") != NULL && !strstr(html, "row-3") && !strstr(html, "hl-3"),
         "numbered 1 and 2: rows and highlights");
    T_EQ_INT(count(html, "data-kind=\"achievement\""), 0, "no achievement row");
    T_OK(strstr(html, "1 document, 2 records (2 target, 0 achievement)") != NULL,
         "the summary counts those shown");
    free(html);
}

int main(void)
{
    test_escape();
    test_page();
    return t_done();
}
