/* fuzz_audit.c — audit input: each line of the input is a record (JSON)
 * given to the auditor, confined to a scratch folder holding one document
 * (so that the fuzzer reaches the ok, moved, changed and missing paths
 * without reading the rest of the machine); verdicts and fixed records
 * are written out. Seeds: records extracted from that document. */
#include "fuzz.h"

static mb_auditor *aud;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mb_error err = {0};
    fuzz_need(mb_auditor_new(&aud, &err) == MB_OK, err.message);
    const char *dir = fuzz_tmpdir();
    fuzz_need(chdir(dir) == 0, "chdir");
    static const char doc[] = "到2025年，全市新增高新技术企业1000家以上，城镇新增就业1.2万人。\n"
                              "去年地区生产总值增长5.2%。\n";
    fuzz_need(fuzz_write("report.txt", (const uint8_t *)doc, sizeof doc - 1) == 0, "write report.txt");
    fuzz_need(mb_auditor_set_root(aud, dir, &err) == MB_OK, err.message);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *end = s + size;
    mb_audit res = {0};
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
        char *line = malloc(len ? len : 1); /* exactly len bytes: no terminator to lean on */
        if (!line)
            break;
        memcpy(line, s, len);
        mb_error err = {0};
        mb_status st = mb_audit_record(aud, line, len, &res, &err);
        if (st == MB_OK) {
            char *out = NULL;
            if (mb_audit_verdict_json(&res, "fuzz:1", &out, &err) == MB_OK)
                free(out);
            if ((res.verdict == MB_VERDICT_OK || res.verdict == MB_VERDICT_MOVED) &&
                mb_audit_fixed_json(&res, &out, &err) == MB_OK)
                free(out);
        }
        free(line);
        s += len + (nl != NULL);
    }
    mb_audit_clear(&res);
    return 0;
}
