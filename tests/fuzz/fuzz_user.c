/* fuzz_user.c — user dictionaries and user lexicons (text files a user
 * writes): the first byte chooses which (bit 0); the rest is the file. A
 * user dictionary is compiled over the base dictionary and used to
 * segment; a user lexicon is merged over the dictionary's lexicon and a
 * recognizer built from it. */
#include "fuzz.h"

static mb_dict *base;
static char path[128];

static const char text[] = "到2025年，全市新增高新技术企业1000家以上，城镇新增就业1.2万人。";

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    mb_error err = {0};
    fuzz_need(mb_dict_open(fuzz_dict_path(), &base, &err) == MB_OK, err.message);
    snprintf(path, sizeof path, "%s/user.txt", fuzz_tmpdir());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || fuzz_write(path, data + 1, size - 1))
        return 0;
    const char *const paths[1] = {path};
    mb_error err = {0};
    if (data[0] & 1) {
        mb_lexicon *lex = NULL;
        if (mb_lexicon_open(base, paths, 1, &lex, &err) == MB_OK) {
            mb_recognizer *rec = NULL;
            if (mb_recognizer_new(lex, &rec, &err) == MB_OK) {
                mb_recognition res = {0};
                (void)mb_recognize(rec, text, sizeof text - 1, 2025, &res, &err);
                mb_recognition_free(&res);
                mb_recognizer_free(rec);
            }
            mb_lexicon_free(lex);
        } else if (!err.message[0]) {
            abort();
        }
    } else {
        mb_dict *user = NULL;
        if (mb_dict_load_user(base, paths, 1, &user, &err) == MB_OK) {
            mb_tokens tk = {0};
            (void)mb_segment(base, user, text, sizeof text - 1, &tk, &err);
            mb_tokens_free(&tk);
            mb_dict_close(user);
        } else if (!err.message[0]) {
            abort();
        }
    }
    return 0;
}
