/* test_recview.c — the resolved view of a record (recview.h) on hand-made
 * records: offsets, quote context and the capped sentence, and that the
 * JSON written from the view says the same (the store binds its columns
 * from the view, so both must agree). */
#include "t.h"

#include "emit.h"
#include "recview.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *json_str(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

static double json_num(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(o, a), b);
    return cJSON_IsNumber(x) ? x->valuedouble : -1;
}

/* The view and the JSON of record i agree on the sentence, span and quote. */
static void agree(const mb_doc *doc, const mb_records *rs, size_t i, const mb_record_view *v,
                  const char *what)
{
    char *js = NULL;
    T_OK(mb_emit_record(doc, rs, i, 0, &js, NULL) == MB_OK, what);
    cJSON *o = js ? cJSON_Parse(js) : NULL;
    size_t n = mb_record_view_sentence_len(v);
    char *sent = malloc(n + 1);
    if (!o || !sent) {
        T_OK(0, "the record's JSON parses");
        free(sent);
        cJSON_Delete(o);
        free(js);
        return;
    }
    mb_record_view_sentence_copy(v, sent);
    sent[n] = '\0';
    T_EQ_STR(json_str(o, "sentence", NULL), sent, what);
    char span[256], pre[256], suf[256];
    snprintf(span, sizeof span, "%.*s", (int)v->span.n, v->span.s);
    snprintf(pre, sizeof pre, "%.*s", (int)v->prefix.n, v->prefix.s);
    snprintf(suf, sizeof suf, "%.*s", (int)v->suffix.n, v->suffix.s);
    T_EQ_STR(json_str(o, "span", "text"), span, what);
    T_EQ_STR(json_str(o, "quote", "prefix"), pre, what);
    T_EQ_STR(json_str(o, "quote", "suffix"), suf, what);
    T_EQ_INT((long long)json_num(o, "span", "start"), v->src_start, what);
    T_EQ_INT((long long)json_num(o, "span", "end"), v->src_end, what);
    free(sent);
    cJSON_Delete(o);
    free(js);
}

/* A sink into a buffer that counts its calls, or fails from call fail_at. */
typedef struct sink {
    char *s;
    size_t n, calls, fail_at;
} sink;

static int sink_write(void *ctx, const char *s, size_t n)
{
    sink *k = ctx;
    if (k->fail_at && k->calls + 1 >= k->fail_at)
        return 1;
    char *ns = realloc(k->s, k->n + n + 1);
    if (!ns)
        return 1;
    memcpy(ns + k->n, s, n);
    k->s = ns;
    k->n += n;
    k->s[k->n] = '\0';
    k->calls++;
    return 0;
}

/* mb_emit_records writes each record as mb_emit_record does, a newline
 * after each, with the document's object written once. */
static void records_as_lines(const mb_doc *doc, const mb_records *rs, int flags, const char *what)
{
    size_t want_n = 0;
    char *want = NULL;
    for (size_t i = 0; i < rs->n; i++) {
        char *js = NULL;
        if (mb_emit_record(doc, rs, i, flags, &js, NULL) != MB_OK)
            break;
        size_t l = strlen(js);
        char *nw = realloc(want, want_n + l + 2);
        if (!nw) {
            free(js);
            break;
        }
        want = nw;
        memcpy(want + want_n, js, l);
        want_n += l;
        want[want_n++] = '\n';
        want[want_n] = '\0';
        free(js);
    }
    sink k = {0};
    T_EQ_INT(mb_emit_records(doc, rs, flags, sink_write, &k, NULL), MB_OK, what);
    T_OK(want && k.s && k.n == want_n && !memcmp(k.s, want, want_n), what);
    T_OK(rs->n < 100 || k.calls > 1, "many records: written in blocks");
    free(want);
    free(k.s);
}

int main(void)
{
    /* paragraph 0: a short sentence; paragraph 1: one sentence of 3 + 300
     * + 8 + 300 + 1 characters, the span in its middle */
    char text[8192];
    size_t k = 0;
    k += (size_t)snprintf(text + k, sizeof text - k, "今年粮食产量达到7亿吨。\n\n全市");
    for (int i = 0; i < 300; i++)
        k += (size_t)snprintf(text + k, sizeof text - k, "甲");
    k += (size_t)snprintf(text + k, sizeof text - k, "，增长5%%左右，");
    for (int i = 0; i < 300; i++)
        k += (size_t)snprintf(text + k, sizeof text - k, "乙");
    k += (size_t)snprintf(text + k, sizeof text - k, "。\n");
    mb_doc *doc = NULL;
    T_OK(mb_doc_load_mem("v.txt", text, k, NULL, &doc, NULL) == MB_OK, "the document loads");
    if (!doc || mb_doc_paragraph_count(doc) != 2) {
        T_OK(0, "two paragraphs");
        mb_doc_free(doc);
        return t_done();
    }
    const mb_paragraph *p0 = mb_doc_paragraph(doc, 0), *p1 = mb_doc_paragraph(doc, 1);
    mb_record v[2];
    memset(v, 0, sizeof v);
    const char *s0 = strstr(p0->text.s, "7亿吨"), *s1 = strstr(p1->text.s, "5%左右");
    v[0].paragraph = 0;
    v[0].sent_end = p0->text.len;
    v[0].span_start = (size_t)(s0 - p0->text.s);
    v[0].span_end = v[0].span_start + strlen("7亿吨");
    v[1].paragraph = 1;
    v[1].sent_end = p1->text.len;
    v[1].span_start = (size_t)(s1 - p1->text.s);
    v[1].span_end = v[1].span_start + strlen("5%左右");
    for (int i = 0; i < 2; i++) {
        snprintf(v[i].id, sizeof v[i].id, "r%d", i);
        v[i].kind = MB_KIND_TARGET;
        v[i].has_value = 1;
        v[i].value = i ? 5 : 7e8;
    }
    mb_records rs = {.v = v, .n = 2, .cap = 2, .date = {2025, 3, 5, "given"}};

    mb_record_view w;
    T_OK(mb_record_view_of(doc, &rs, 0, &w, NULL) == MB_OK, "view of record 0");
    T_OK(w.p == p0 && w.r == &v[0], "record 0: its paragraph and record");
    T_EQ_INT(w.src_start, p0->src_start + v[0].span_start,
             "record 0: source start (UTF-8: the text's offset)");
    T_EQ_INT(w.src_end, p0->src_start + v[0].span_end, "record 0: source end");
    T_OK(!w.cut_before && !w.cut_after, "a short sentence is not cut");
    T_EQ_INT(w.sentence.n, p0->text.len, "a short sentence is whole");
    T_OK(w.prefix.n == strlen("今年粮食产量达到") && !memcmp(w.prefix.s, "今年粮食产量达到", w.prefix.n),
         "record 0: the prefix is the text before the span");
    T_OK(w.region == &rs.region, "no region of its own: the document's");
    agree(doc, &rs, 0, &w, "record 0: view and JSON agree");

    T_OK(mb_record_view_of(doc, &rs, 1, &w, NULL) == MB_OK, "view of record 1");
    T_OK(w.cut_before && w.cut_after, "a sentence of 612 characters is cut on both sides");
    T_EQ_INT(w.prefix.n, 32 * 3, "the prefix: 32 characters");
    T_EQ_INT(w.suffix.n, 32 * 3, "the suffix: 32 characters");
    /* 200 characters each side of the span: 197 甲, the comma; the span; the comma, 199 乙 */
    T_EQ_INT(mb_record_view_sentence_len(&w), 2 * 3 + 400 * 3 + strlen("5%左右"),
             "the capped sentence: 200 characters each side, two marks");
    agree(doc, &rs, 1, &w, "record 1: view and JSON agree");

    records_as_lines(doc, &rs, 0, "JSON Lines: each record as mb_emit_record gives it");
    records_as_lines(doc, &rs, MB_EMIT_PRETTY, "... pretty");
    records_as_lines(doc, &rs, MB_EMIT_EXPLAIN, "... with evidence");
    {
        /* 300 records of 1.5 KB: blocks of 64 KB */
        mb_record *many = calloc(300, sizeof *many);
        for (size_t i = 0; many && i < 300; i++)
            many[i] = v[i % 2];
        mb_records big = {.v = many, .n = many ? 300 : 0, .cap = 300, .date = rs.date};
        records_as_lines(doc, &big, 0, "300 records as lines");
        sink k = {.fail_at = 2};
        mb_error e = {0};
        T_EQ_INT(mb_emit_records(doc, &big, 0, sink_write, &k, &e), MB_EIO, "a sink that fails: MB_EIO");
        T_OK(k.calls == 1 && k.n > 0 && k.s[k.n - 1] == '\n',
             "what was written before ends with a whole line");
        free(k.s);
        free(many);
        T_EQ_INT(mb_emit_records(doc, &rs, 0, NULL, NULL, &e), MB_EARG, "no sink: MB_EARG");
    }

    T_OK(mb_record_view_of(doc, &rs, 2, &w, NULL) == MB_EARG, "no record 2: MB_EARG");
    v[1].paragraph = 7;
    mb_error err = {0};
    T_OK(mb_record_view_of(doc, &rs, 1, &w, &err) == MB_EARG && strstr(err.message, "no paragraph 7"),
         "a missing paragraph: MB_EARG, named");
    mb_doc_free(doc);
    return t_done();
}
