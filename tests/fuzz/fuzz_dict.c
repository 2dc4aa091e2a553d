/* fuzz_dict.c — opening a compiled dictionary image, then using it: the
 * lexicon section, look-ups and segmentation. Built with
 * -DMB_FUZZ_NO_CHECKSUM (make fuzz) so that a mutated image is not refused
 * by its checksum before the parser sees it. Seeds: a small dictionary
 * compiled by make fuzz. */
#include "fuzz.h"

static const char text[] = "到2025年，全市新增高新技术企业1000家以上，城镇新增就业1.2万人。";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mb_dict *d = NULL;
    mb_error err = {0};
    if (mb_dict_open_mem("fuzz.dict", data, size, &d, &err) != MB_OK)
        return 0;
    mb_dict_info in;
    mb_dict_get_info(d, &in);
    double lp;
    const char *tag;
    (void)mb_dict_lookup(d, "企业", strlen("企业"), &lp, &tag);
    mb_tokens tk = {0};
    if (mb_segment(d, NULL, text, sizeof text - 1, &tk, &err) == MB_OK)
        for (size_t i = 0; i < tk.n; i++)
            if (tk.v[i].end > sizeof text - 1)
                abort();
    mb_tokens_free(&tk);
    mb_lexicon *lex = NULL;
    if (mb_lexicon_open(d, NULL, 0, &lex, &err) == MB_OK) {
        const char *cls, *word, *items;
        for (size_t i = 0; mb_lexicon_row(lex, i, &cls, &word, &items); i++)
            ;
        mb_recognizer *rec = NULL;
        if (mb_recognizer_new(lex, &rec, &err) == MB_OK) {
            mb_recognition res = {0};
            (void)mb_recognize(rec, text, sizeof text - 1, 2025, &res, &err);
            mb_recognition_free(&res);
            mb_recognizer_free(rec);
        }
        mb_lexicon_free(lex);
    }
    mb_dict_close(d);
    return 0;
}
