/* fuzz_recognize.c — the recognizer on a fuzzed string (any bytes: invalid
 * UTF-8 must be refused with its offset, never read past); the first two
 * bytes give the document year (0: unknown). */
#include "fuzz.h"

static mb_lexicon *lex;
static mb_recognizer *rec;
static mb_recognition res;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mb_error err = {0};
    mb_dict *d = NULL;
    fuzz_need(mb_dict_open(fuzz_dict_path(), &d, &err) == MB_OK, err.message);
    fuzz_need(mb_lexicon_open(d, NULL, 0, &lex, &err) == MB_OK, err.message);
    mb_dict_close(d);
    fuzz_need(mb_recognizer_new(lex, &rec, &err) == MB_OK, err.message);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int year = ((data[0] << 8) | data[1]) % 3000;
    /* a copy of exactly size-2 bytes: reading past it is an ASan report */
    char *s = malloc(size - 2 ? size - 2 : 1);
    if (!s)
        return 0;
    memcpy(s, data + 2, size - 2);
    mb_error err = {0};
    if (mb_recognize(rec, s, size - 2, year, &res, &err) == MB_OK) {
        for (size_t i = 0; i < res.nq; i++)
            if (res.q[i].start > res.q[i].end || res.q[i].end > size - 2)
                abort();
        for (size_t i = 0; i < res.nt; i++)
            if (res.t[i].start > res.t[i].end || res.t[i].end > size - 2)
                abort();
    }
    free(s);
    return 0;
}
