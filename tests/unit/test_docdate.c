/* test_docdate.c — document dates: given, sidecar, dateline, inferred. */
#include "docdate.h"
#include "t.h"
#include "t_lex.h"

/* documents are read with the lexicon (Big5 detection, page dates) */
static mb_doc_options topt;

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* the patterns compiled once (as a model does) against those compiled for
 * each call: the same date for every document of this file */
static mb_docdate_rx *shared_rx;
static int rx_calls, rx_same;

static mb_date date_of(const char *text, const char *given, mb_status *st)
{
    mb_doc *doc = NULL;
    mb_date d = {0};
    mb_error err = {0};
    if (mb_doc_load_mem("t.txt", text, strlen(text), &topt, &doc, &err)) {
        *st = err.code;
        return d;
    }
    *st = mb_docdate_find(doc, given, topt.lexicon, &d, &err);
    mb_date a = {0}, b = {0};
    mb_status sa = mb_docdate_find_with(doc, given, NULL, topt.lexicon, NULL, &a, &err);
    mb_status sb = mb_docdate_find_with(doc, given, NULL, topt.lexicon, shared_rx, &b, &err);
    rx_calls++;
    rx_same += sa == sb && a.year == b.year && a.month == b.month && a.day == b.day && a.source && b.source &&
               !strcmp(a.source, b.source);
    mb_doc_free(doc);
    return d;
}

static const char *fmt(mb_date d)
{
    static char buf[11];
    mb_date_format(&d, buf);
    return buf;
}

int main(void)
{
    topt.lexicon = t_lexicon();
    mb_error rxerr = {0};
    T_EQ_INT(mb_docdate_rx_new(topt.lexicon, &shared_rx, &rxerr), MB_OK, "the dateline patterns compile");
    mb_status st;
    mb_date d;

    d = date_of("标题\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n正文。\n", NULL, &st);
    T_EQ_INT(st, MB_OK, "GWR dateline: ok");
    T_EQ_STR(fmt(d), "2024-03-05", "GWR dateline: date");
    T_EQ_STR(d.source, "text", "GWR dateline: source text");

    d = date_of("2023 年全市技术合同成交额超\n1000亿元。\n到 2026 年 GDP超 3万亿，力争在2028年实现。\n"
                "6月 26日，江苏省人民政府新闻办公室举行发布活动。\n",
                NULL, &st);
    T_EQ_STR(fmt(d), "2024-06-26", "month-day dateline, year after the latest reported year");
    T_EQ_STR(d.source, "inferred", "inferred source");

    d = date_of("到2026年GDP超3万亿。\n6月26日，举行发布活动。\n", NULL, &st);
    T_EQ_STR(fmt(d), "", "only deadlines: no year to infer");
    T_EQ_STR(d.source, "none", "none source");

    d = date_of(
        "在1998年10月1日的会议上，他讲了很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
        "很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长"
        "很长很长很长很长很长很长很长的话。\n",
        NULL, &st);
    T_EQ_STR(fmt(d), "", "a date inside a long sentence is no dateline");

    d = date_of(
        "2014年中华人民共和国国务院政府工作报告\n\n各位代表：\n\n今年发展的主要预期目标是：增长7.5%左右。\n",
        NULL, &st);
    T_EQ_INT(d.year, 2014, "title year: the year");
    T_EQ_INT(d.month, 0, "title year: no month");
    T_EQ_STR(fmt(d), "2014", "title year: printed as the year alone (ISO 8601 reduced precision)");
    T_EQ_STR(d.source, "inferred", "title year: inferred");

    d = date_of("关于2014年工作的一些想法很长很长很长的一段话，不是标题。\n", NULL, &st);
    T_EQ_INT(d.year, 0, "a year inside a sentence is no title year");

    d = date_of("正文。\n", "2025-03-05", &st);
    T_EQ_STR(fmt(d), "2025-03-05", "given date wins");
    T_EQ_STR(d.source, "given", "given source");

    date_of("正文。\n", "2025-02-30", &st);
    T_EQ_INT(st, MB_EARG, "invalid given date refused");
    date_of("正文。\n", "2025-3-5", &st);
    T_EQ_INT(st, MB_EARG, "non-padded given date refused");

    /* sidecar */
    char dir[] = "/tmp/mb-docdate-XXXXXX";
    T_OK(mkdtemp(dir) != NULL, "temp dir");
    char path[256], meta[300];
    snprintf(path, sizeof path, "%s/doc.txt", dir);
    snprintf(meta, sizeof meta, "%s/doc.txt.meta.json", dir);
    FILE *f = fopen(path, "w");
    fputs("今年目标。\n", f);
    fclose(f);
    f = fopen(meta, "w");
    fputs("{\"date\": \"2023-03-05\", \"title\": \"x\"}", f);
    fclose(f);
    mb_doc *doc = NULL;
    mb_error err = {0};
    T_EQ_INT(mb_doc_load_file(path, &topt, &doc, &err), MB_OK, "load sidecar doc");
    T_EQ_INT(mb_docdate_find(doc, NULL, topt.lexicon, &d, &err), MB_OK, "sidecar ok");
    T_EQ_STR(fmt(d), "2023-03-05", "sidecar date");
    T_EQ_STR(d.source, "given", "sidecar source is given");
    f = fopen(meta, "w");
    fputs("{\"date\": 2023}", f);
    fclose(f);
    T_EQ_INT(mb_docdate_find(doc, NULL, topt.lexicon, &d, &err), MB_EJSON,
             "sidecar with a number date refused");
    T_OK(strstr(err.message, "doc.txt.meta.json") != NULL, "error names the sidecar");
    f = fopen(meta, "w");
    fputs("{\"date\": \"2023-03-05\"", f);
    fclose(f);
    T_EQ_INT(mb_docdate_find(doc, NULL, topt.lexicon, &d, &err), MB_EJSON, "truncated sidecar refused");
    T_OK(strstr(err.message, "byte") != NULL, "error names a byte offset");
    mb_doc_free(doc);
    unlink(meta);
    unlink(path);
    rmdir(dir);
    mb_lexicon_free((mb_lexicon *)topt.lexicon);
    T_OK(rx_calls >= 9, "the dates of this file's documents found twice more");
    T_EQ_INT(rx_same, rx_calls, "patterns compiled once find what patterns compiled per call find");
    mb_docdate_rx_free(shared_rx);
    return t_done();
}
