/* fuzz_query.c — query, history and track filters (free text from the
 * command line: kind, indicator, document path, issuer, region, year,
 * exact, format) on a small store made once from two documents. The input
 * is split at NUL bytes into kind (or issuer), indicator and doc (or
 * region); its first byte chooses the format, exact, history or track and
 * which filters are given. */
#include "fuzz.h"

static mb_store *store;

static int sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mb_error err = {0};
    mb_model *m = NULL;
    fuzz_need(mb_model_open(fuzz_dict_path(), NULL, 0, &m, &err) == MB_OK, err.message);
    char db[160], doc[160];
    snprintf(db, sizeof db, "%s/fuzz.db", fuzz_tmpdir());
    snprintf(doc, sizeof doc, "%s/plan.txt", fuzz_tmpdir());
    static const char text[] =
        "2024年2月20日\n到2025年，全市新增高新技术企业1000家以上，城镇新增就业1.2万人。\n"
        "去年地区生产总值增长5.2%，高新技术企业达到2900家。\n"
        "今年地区生产总值增长5%左右，居民消费价格涨幅3%左右。\n";
    static const char text2[] = "2025年苏州市政府工作报告\n2025年1月10日\n过去一年，地区生产总值增长6%，"
                                "居民消费价格上涨0.3%，姑苏区地区生产总值增长7%。\n";
    fuzz_need(fuzz_write(doc, (const uint8_t *)text, sizeof text - 1) == 0, "write plan.txt");
    unlink(db);
    fuzz_need(mb_store_open(db, &store, &err) == MB_OK, err.message);
    mb_ingest_result res = {0};
    fuzz_need(mb_store_ingest_file(store, m, doc, NULL, &res, &err) == MB_OK, err.message);
    mb_ingest_result_clear(&res);
    snprintf(doc, sizeof doc, "%s/report.txt", fuzz_tmpdir());
    fuzz_need(fuzz_write(doc, (const uint8_t *)text2, sizeof text2 - 1) == 0, "write report.txt");
    fuzz_need(mb_store_ingest_file(store, m, doc, NULL, &res, &err) == MB_OK, err.message);
    mb_ingest_result_clear(&res);
    mb_store_set_lexicon(store, NULL);
    mb_model_free(m);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    uint8_t c = data[0];
    int year = data[1] * 16 + (c >> 4);
    char *buf = malloc(size);
    if (!buf)
        return 0;
    memcpy(buf, data + 2, size - 2);
    buf[size - 2] = '\0';
    const char *parts[3] = {buf, "", ""};
    for (int k = 1; k < 3; k++) {
        const char *z = parts[k - 1] + strlen(parts[k - 1]);
        parts[k] = z < buf + size - 2 ? z + 1 : z;
    }
    mb_query q = {0};
    q.kind = (c & 1) ? parts[0] : NULL;
    q.indicator = (c & 2) ? parts[1] : NULL;
    q.doc = (c & 4) ? parts[2] : NULL;
    q.exact = (c >> 3) & 1;
    q.year = (c & 16) ? year : 0;
    mb_out_format f = (mb_out_format)((c >> 5) % 3);
    mb_error err = {0};
    size_t rows = 0;
    if ((c & 128) && (c & 64)) { /* track: kind's text as the issuer, doc's as the region */
        const char *ind[1] = {parts[1]};
        mb_track_query tq = {
            ind, (c & 2) ? 1 : 0, q.exact, (c & 1) ? parts[0] : NULL, (c & 4) ? parts[2] : NULL, q.year};
        (void)mb_store_track(store, &tq, (mb_track_format)((c >> 2) % 4), sink, NULL, &rows, &err);
    } else if (c & 128) {
        (void)mb_store_history(store, q.indicator ? q.indicator : "", q.exact, f, sink, NULL, &rows, &err);
    } else {
        q.issuer = (c & 64) && (c & 1) ? parts[0] : NULL;
        q.region = (c & 64) && (c & 4) ? parts[2] : NULL;
        (void)mb_store_query(store, &q, f, sink, NULL, &rows, &err);
    }
    free(buf);
    return 0;
}
