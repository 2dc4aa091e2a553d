/* test_audit.c — verdicts of mb_audit_record on hand-made records and
 * edited files: ok, moved (exact new offsets, --fix records), changed
 * (old and new text), missing, ambiguous, unreadable, invalid records. */
#include "t.h"

#include "mubiao.h"

#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char path[128];

static void write_file(const char *text)
{
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

static char *slice(const char *s, size_t a, size_t b)
{
    char *r = malloc(b - a + 1);
    memcpy(r, s + a, b - a);
    r[b - a] = '\0';
    return r;
}

static size_t back(const char *s, size_t pos, int n)
{
    while (pos > 0 && n-- > 0) {
        pos--;
        while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
            pos--;
    }
    return pos;
}

static size_t fwd(const char *s, size_t len, size_t pos, int n)
{
    while (pos < len && n-- > 0) {
        pos++;
        while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
            pos++;
    }
    return pos;
}

/* A record for the first occurrence of needle in the file as it is now,
 * built as extract builds them (quote context: 32 characters). */
static char *record_for(const char *needle)
{
    mb_doc *doc = NULL;
    mb_error err = {0};
    if (mb_doc_load_file(path, NULL, &doc, &err))
        return NULL;
    char *js = NULL;
    for (size_t i = 0; i < mb_doc_paragraph_count(doc) && !js; i++) {
        const mb_paragraph *p = mb_doc_paragraph(doc, i);
        const char *hit = strstr(p->text.s, needle);
        if (!hit)
            continue;
        size_t a = (size_t)(hit - p->text.s), b = a + strlen(needle);
        uint32_t sa, sb;
        mb_text_source_range(&p->text, a, b, &sa, &sb);
        cJSON *o = cJSON_CreateObject(), *d = cJSON_AddObjectToObject(o, "doc");
        cJSON_AddStringToObject(o, "id", "0123456789abcdef");
        cJSON_AddStringToObject(d, "path", path);
        cJSON_AddStringToObject(d, "sha256", mb_doc_sha256(doc));
        cJSON_AddStringToObject(d, "encoding", mb_doc_encoding(doc));
        cJSON *po = cJSON_AddObjectToObject(o, "paragraph");
        cJSON_AddNumberToObject(po, "index", (double)i);
        cJSON *sp = cJSON_AddObjectToObject(o, "span");
        cJSON_AddNumberToObject(sp, "start", sa);
        cJSON_AddNumberToObject(sp, "end", sb);
        cJSON_AddStringToObject(sp, "text", needle);
        cJSON *q = cJSON_AddObjectToObject(o, "quote");
        char *pre = slice(p->text.s, back(p->text.s, a, 32), a);
        char *suf = slice(p->text.s, b, fwd(p->text.s, p->text.len, b, 32));
        cJSON_AddStringToObject(q, "exact", needle);
        cJSON_AddStringToObject(q, "prefix", pre);
        cJSON_AddStringToObject(q, "suffix", suf);
        cJSON_AddStringToObject(o, "kind", "target");
        cJSON_AddNumberToObject(o, "value", 120);
        free(pre);
        free(suf);
        js = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
    }
    mb_doc_free(doc);
    return js;
}

/* Byte offset of needle in the file's bytes. */
static long file_offset(const char *needle)
{
    FILE *f = fopen(path, "rb");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *h = strstr(buf, needle);
    return h ? (long)(h - buf) : -1;
}

static const char *para1 = "今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；"
                           "城镇调查失业率5.5%左右。";
static const char *para2 = "过去一年，全市技术合同成交额超1000亿元，比上年增长12%，创历史新高。";

static void set_text(const char *before, const char *p1, const char *p2)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s关于2025年计划的报告\n\n%s\n\n%s\n", before, p1, p2);
    write_file(buf);
}

/* Each scenario rewrites the file: a new auditor reads it again (the
 * cache notices most rewrites by size and time, not all). */
static mb_audit audit_one(mb_auditor *a, const char *rec)
{
    mb_audit r = {0};
    mb_error err = {0};
    mb_auditor *fresh = NULL;
    if (!a)
        mb_auditor_new(&fresh, NULL);
    mb_status st = mb_audit_record(a ? a : fresh, rec, strlen(rec), &r, &err);
    mb_auditor_free(fresh);
    if (st)
        printf("# mb_audit_record: %s\n", err.message);
    return r;
}

static void test_verdicts(void)
{
    set_text("", para1, para2);
    char *rec = record_for("1200万人以上");
    char *rec2 = record_for("超1000亿元");
    T_OK(rec && rec2, "records built");
    long off = file_offset("1200万人以上");
    mb_auditor *a = NULL;
    T_EQ_INT(mb_auditor_new(&a, NULL), MB_OK, "auditor");

    /* unchanged */
    mb_audit r = audit_one(a, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "ok", "unchanged file: ok");
    T_EQ_INT(r.start, off, "ok: span start is the record's");
    T_EQ_INT(r.found, 0, "ok: no new span");
    char *fx = NULL;
    T_EQ_INT(mb_audit_fixed_json(&r, &fx, NULL), MB_OK, "ok: the fixed record is the record");
    T_EQ_STR(fx, rec, "ok: printed as it was");
    free(fx);
    mb_audit_clear(&r);

    /* a paragraph inserted before: moved by its length */
    const char *ins = "插入的新段落。\n\n"; /* 7 characters of 3 bytes and 2 newlines: 23 bytes */
    set_text(ins, para1, para2);
    r = audit_one(a, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "moved", "paragraph inserted: moved");
    T_EQ_INT(r.found, 1, "moved: new span set");
    T_EQ_INT(r.new_start, off + 23, "moved: new start = old + 23");
    T_EQ_INT(r.new_end, off + 23 + (long)strlen("1200万人以上"), "moved: new end");
    T_EQ_INT(r.new_paragraph, 2, "moved: now in paragraph 2");
    T_EQ_STR(r.new_text, "1200万人以上", "moved: new text");
    T_OK(strstr(r.detail, "sha256 differs") && strstr(r.detail, "quote occurs once"), r.detail);
    fx = NULL;
    T_EQ_INT(mb_audit_fixed_json(&r, &fx, NULL), MB_OK, "moved: a fixed record");
    cJSON *o = cJSON_Parse(fx);
    T_EQ_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "span"), "start")->valuedouble, off + 23,
             "fixed: span.start");
    T_EQ_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "paragraph"), "index")->valuedouble, 2,
             "fixed: paragraph.index");
    T_EQ_STR(cJSON_GetObjectItem(o, "id")->valuestring, "0123456789abcdef", "fixed: id kept");
    T_EQ_INT(cJSON_GetObjectItem(o, "value")->valuedouble, 120, "fixed: other fields kept");
    T_EQ_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "quote"), "prefix")->valuestring,
             "今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业", "fixed: quote.prefix");
    cJSON_Delete(o);
    mb_audit_clear(&r);
    /* the fixed record is ok against the new file */
    r = audit_one(a, fx);
    T_EQ_STR(mb_verdict_name(r.verdict), "ok", "fixed record: ok");
    mb_audit_clear(&r);
    free(fx);

    /* a number edited: changed, with old and new text */
    set_text("",
             "今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业1500万人以上；城镇调查失业率5.5%左右。",
             para2);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "changed", "1200 -> 1500: changed");
    T_EQ_STR(r.old_text, "1200万人以上", "changed: old text");
    T_EQ_STR(r.new_text, "1500万人以上", "changed: new text");
    T_EQ_INT(r.new_start, off, "changed: same place");
    T_EQ_INT(mb_audit_fixed_json(&r, &fx, NULL), MB_EARG, "changed: no fixed record");
    char *vj = NULL;
    mb_audit_verdict_json(&r, "r.jsonl:1", &vj, NULL);
    T_OK(vj && strstr(vj, "\"status\":\"changed\"") && strstr(vj, "\"old_text\":\"1200万人以上\"") &&
             strstr(vj, "\"new_text\":\"1500万人以上\"") && strstr(vj, "\"record\":\"r.jsonl:1\""),
         "changed: verdict JSON has status, old_text, new_text, record");
    free(vj);
    mb_audit_clear(&r);
    /* the other paragraph only moved, or stayed */
    r = audit_one(NULL, rec2);
    T_EQ_STR(mb_verdict_name(r.verdict), "moved", "edit elsewhere: moved");
    T_OK(strstr(r.detail, "at the same bytes") != NULL, r.detail);
    mb_audit_clear(&r);

    /* the sentence deleted: missing */
    set_text("", "今年主要预期目标是：国内生产总值增长5%左右；城镇调查失业率5.5%左右。", para2);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "missing", "clause deleted: missing");
    T_EQ_INT(r.found, 0, "missing: no new span");
    mb_audit_clear(&r);

    /* a neighbour's number edited (in the quote's suffix): still found */
    set_text("",
             "今年主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5%左右。",
             para2);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "moved", "suffix edited: moved");
    T_OK(strstr(r.detail, "its suffix changed") != NULL, r.detail);
    mb_audit_clear(&r);

    /* the paragraph twice: ambiguous */
    set_text("", para1, para1);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "missing", "quote twice: missing");
    T_OK(strstr(r.detail, "occurs 2 times") != NULL, r.detail);
    mb_audit_clear(&r);

    /* same file, but the record's offsets are wrong: re-anchored */
    set_text("", para1, para2);
    char *bad = strdup(rec);
    char num[32], num2[32];
    snprintf(num, sizeof num, "\"start\":%ld", off);
    snprintf(num2, sizeof num2, "\"start\":%ld", off + 3);
    char *at = strstr(bad, num);
    T_OK(at != NULL && strlen(num) == strlen(num2), "record has its start");
    if (at)
        memcpy(at, num2, strlen(num2));
    r = audit_one(NULL, bad);
    T_EQ_STR(mb_verdict_name(r.verdict), "moved", "wrong offsets in an unchanged file: moved");
    T_OK(strstr(r.detail, "span's bytes do not give span.text") != NULL, r.detail);
    T_EQ_INT(r.new_start, off, "re-anchored at the real offset");
    mb_audit_clear(&r);
    free(bad);

    /* the file removed: unreadable */
    unlink(path);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "unreadable", "file removed: unreadable");
    T_OK(strstr(r.detail, "No such file") != NULL, r.detail);
    mb_audit_clear(&r);

    /* a binary file: unreadable */
    write_file("abc");
    FILE *f = fopen(path, "ab");
    fputc(0, f);
    fclose(f);
    r = audit_one(NULL, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "unreadable", "binary file: unreadable");
    T_OK(strstr(r.detail, "binary") != NULL, r.detail);
    mb_audit_clear(&r);

    mb_auditor_free(a);
    free(rec);
    free(rec2);
}

static void test_gb18030(void)
{
    set_text("", para1, para2);
    char *rec = record_for("超1000亿元");
    /* re-encode to GB18030: 2 bytes a CJK character */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "iconv -f utf-8 -t gb18030 %s > %s.gb && mv %s.gb %s", path, path, path, path);
    T_EQ_INT(system(cmd), 0, "iconv to GB18030");
    mb_auditor *a = NULL;
    mb_auditor_new(&a, NULL);
    mb_audit r = audit_one(a, rec);
    T_EQ_STR(mb_verdict_name(r.verdict), "moved", "GB18030: moved");
    /* 关于2025年计划的报告 = 4 + 4 digits + 5 = 9 CJK (18 bytes) + 4 = 22, 2 newlines, paragraph 1
     * (24 CJK + 4 ASCII chars ... ) computed from the GB18030 bytes themselves: */
    long want = file_offset("\xb3\xac"
                            "1000"); /* 超 in GB18030 is B3 AC */
    T_EQ_INT(r.new_start, want, "GB18030: new offset is in GB18030 bytes");
    T_EQ_INT(r.new_end, want + 2 + 4 + 2 + 2, "GB18030: new end (超 1000 亿 元)");
    char *fx = NULL;
    mb_audit_fixed_json(&r, &fx, NULL);
    T_OK(fx && strstr(fx, "\"encoding\":\"gb18030\""), "fixed record says gb18030");
    mb_audit_clear(&r);
    r = audit_one(a, fx);
    T_EQ_STR(mb_verdict_name(r.verdict), "ok", "fixed GB18030 record: ok");
    mb_audit_clear(&r);
    free(fx);
    mb_auditor_free(a);
    free(rec);
}

static void invalid(mb_auditor *a, const char *line, const char *want, const char *what)
{
    mb_audit r = {0};
    mb_error err = {0};
    mb_status st = mb_audit_record(a, line, strlen(line), &r, &err);
    T_EQ_INT(st, MB_EJSON, what);
    T_EQ_STR(err.message, want, what);
    T_OK(r.id == NULL && !strcmp(r.detail, want), "invalid: no id, detail is the message");
    char *vj = NULL;
    mb_audit_verdict_json(&r, "x:1", &vj, NULL);
    T_OK(vj && strstr(vj, "\"status\":\"invalid\""), "invalid: verdict JSON says invalid");
    free(vj);
    mb_audit_clear(&r);
}

static void test_invalid(void)
{
    mb_auditor *a = NULL;
    mb_auditor_new(&a, NULL);
    invalid(a, "hello", "not JSON (syntax error at byte 0 of the line)", "not JSON");
    invalid(a, "{\"id\": \"x\",", "not JSON (syntax error at byte 10 of the line)", "truncated JSON");
    invalid(a, "[1]", "not a mubiao record: not a JSON object", "an array");
    invalid(a, "{} {}", "not one JSON value (more text at byte 3 of the line)", "two objects");
    invalid(a, "{\"id\":1}", "not a mubiao record: id (a string) is not a string", "id not a string");
    invalid(a, "{\"id\":\"x\",\"doc\":{\"path\":\"a\",\"sha256\":\"b\",\"encoding\":\"utf-8\"}}",
            "not a mubiao record: span (an object) is missing", "no span");
    invalid(a,
            "{\"id\":\"x\",\"doc\":{\"path\":\"a\",\"sha256\":\"b\",\"encoding\":\"utf-8\"},"
            "\"span\":{\"start\":1.5,\"end\":3,\"text\":\"t\"}}",
            "not a mubiao record: span.start (a byte offset) is not a whole number from 0 to 4294967295",
            "fractional offset");
    invalid(a,
            "{\"id\":\"x\",\"doc\":{\"path\":\"a\",\"sha256\":\"b\",\"encoding\":\"utf-8\"},"
            "\"span\":{\"start\":5,\"end\":3,\"text\":\"t\"},\"quote\":{\"exact\":\"t\",\"prefix\":\"\","
            "\"suffix\":\"\"}}",
            "not a mubiao record: span.end 3 is before span.start 5", "end before start");
    invalid(a,
            "{\"id\":\"x\",\"doc\":{\"path\":\"a\",\"sha256\":\"b\",\"encoding\":\"utf-8\"},"
            "\"span\":{\"start\":1,\"end\":3,\"text\":\"t\"},\"quote\":{\"exact\":\"t\",\"prefix\":\"\"}}",
            "not a mubiao record: quote.suffix (a string) is missing", "no quote.suffix");
    mb_auditor_free(a);
    T_EQ_STR(mb_verdict_name(MB_VERDICT_UNREADABLE), "unreadable", "verdict names");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/mb-audit-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/doc.txt", dir);
    test_verdicts();
    test_gb18030();
    test_invalid();
    unlink(path);
    rmdir(dir);
    return t_done();
}
