/* fuzz_query.c — query and history filters (free text from the command
 * line: kind, indicator, document path, year, exact, format) on a small
 * store made once from a document. The input is split at NUL bytes into
 * kind, indicator and doc; its first byte chooses the format, exact,
 * history and which filters are given. */
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
    static const char text[] = "2024年2月20日\n到2025年，全市新增高新技术企业1000家以上，城镇新增就业1.2万人。\n"
                               "去年地区生产总值增长5.2%，高新技术企业达到2900家。\n";
    fuzz_need(fuzz_write(doc, (const uint8_t *)text, sizeof text - 1) == 0, "write plan.txt");
    unlink(db);
    fuzz_need(mb_store_open(db, &store, &err) == MB_OK, err.message);
    mb_ingest_result res = {0};
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
    if (c & 128)
        (void)mb_store_history(store, q.indicator ? q.indicator : "", q.exact, f, sink, NULL, &rows, &err);
    else
        (void)mb_store_query(store, &q, f, sink, NULL, &rows, &err);
    free(buf);
    return 0;
}
