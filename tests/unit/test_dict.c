/* test_dict.c — the dictionary compiler and runtime: lookups, user
 * dictionaries, and refusal of wrong, truncated and corrupted files.  Every
 * dictionary is compiled here from text in a temporary folder. */
#include "dict_compile.h"
#include "t.h"

#include <math.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[256];

static const char *path_in(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_bytes(const char *name, const void *s, size_t n)
{
    FILE *f = fopen(path_in(name), "wb");
    if (f) {
        fwrite(s, 1, n, f);
        fclose(f);
    }
}

static void write_file(const char *name, const char *s)
{
    write_bytes(name, s, strlen(s));
}

static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc((size_t)sz + 1);
    *n = fread(p, 1, (size_t)sz, f);
    fclose(f);
    return p;
}

static const char SMALL[] = "\xef\xbb\xbf"
                            "# a test lexicon\n"
                            "中国 1000 ns\n"
                            "中国人 500 n\n"
                            "人民 800 n\n"
                            "国人 10 n\r\n"
                            "人 2000 n\n"
                            "民 5 ng\n"
                            "共和国 300 n\n"
                            "共和 50 nz\n"
                            "和 3000 c\n"
                            "国 400 n\n"
                            "\n"
                            "Blade Runner 3 nz\n"
                            "新词\n"
                            "旧词 7\n";
/* total = 1000+500+800+10+2000+5+300+50+3000+400+3+7 + suggested(新词) */

static mb_status open_status(const unsigned char *img, size_t n, mb_error *err)
{
    mb_dict *d = NULL;
    mb_status st = mb_dict_open_mem("test", img, n, &d, err);
    if (!st) {
        /* a dictionary that opened must be usable without reading out of bounds */
        mb_tokens tk = {0};
        mb_segment(d, NULL, "中国人民共和国 Blade Runner 2025年", 42, &tk, NULL);
        mb_dict_lookup(d, "中国", 6, NULL, NULL);
        mb_tokens_free(&tk);
    }
    mb_dict_close(d);
    return st;
}

static void reseal(unsigned char *img, size_t n)
{
    mb_dict_seal(img, n);
}

/* Open an image and check its whole-file checksum. */
static mb_status verify_status(const unsigned char *img, size_t n, mb_error *err)
{
    mb_dict *d = NULL;
    mb_status st = mb_dict_open_mem("test", img, n, &d, err);
    if (!st)
        st = mb_dict_verify(d, err);
    mb_dict_close(d);
    return st;
}

/* A word of the random dictionary: len characters of the alphabet A. */
static const char *const A[] = {"中", "国", "人", "民", "共", "和", "大", "小", "上", "下",
                                "年", "月", "日", "新", "发", "展", "a",  "é",  "𠀀", "〇"};
#define NA (sizeof A / sizeof A[0])

static void random_word(unsigned *seed, char *buf, size_t cap, size_t len)
{
    buf[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        *seed = *seed * 1103515245u + 12345u;
        strncat(buf, A[(*seed >> 16) % NA], cap - strlen(buf) - 1);
    }
}

/* 3,000 random words over 20 characters (ASCII, 2-, 3- and 4-byte UTF-8),
 * 1 to 6 characters long, so that nodes crowd and bases collide: every word
 * is found with its frequency's cost and its tag; strings that are no word
 * (every shorter prefix not listed, random ones) are not. A child is found
 * by its label under a base no other node has (format 6): two parents with
 * one base would make words of one appear under the other. */
static void random_dictionary(void)
{
    enum { NW = 3000 };
    static char words[NW][64];
    static unsigned freq[NW];
    static const char *const tags[] = {"n", "v", "ns", "nr", "a", "d", "m", "x"};
    unsigned seed = 4242;
    FILE *f = fopen(path_in("random.txt"), "wb");
    if (!f) {
        T_OK(0, "write the random dictionary");
        return;
    }
    size_t nw = 0;
    for (int i = 0; i < NW; i++) {
        seed = seed * 1103515245u + 12345u;
        random_word(&seed, words[nw], sizeof words[nw], 1 + (seed >> 16) % 6);
        int dup = 0;
        for (size_t j = 0; j < nw && !dup; j++)
            dup = !strcmp(words[j], words[nw]);
        if (dup)
            continue;
        seed = seed * 1103515245u + 12345u;
        freq[nw] = 1 + (seed >> 8) % 100000;
        fprintf(f, "%s %u %s\n", words[nw], freq[nw], tags[nw % 8]);
        nw++;
    }
    fclose(f);
    const char *src[1] = {path_in("random.txt")};
    mb_error err = {0};
    T_EQ_INT(mb_dict_compile(path_in("random.dict"), NULL, src, 1, &err), MB_OK,
             "compile 3,000 random words");
    mb_dict *d = NULL;
    if (mb_dict_open(path_in("random.dict"), &d, &err)) {
        T_OK(0, err.message);
        return;
    }
    mb_dict_info in;
    mb_dict_get_info(d, &in);
    double total = (double)in.total_freq;
    size_t found = 0, right = 0;
    for (size_t i = 0; i < nw; i++) {
        double lp = 0;
        const char *tag = NULL;
        if (mb_dict_lookup(d, words[i], strlen(words[i]), &lp, &tag)) {
            found++;
            right += fabs(lp - (log((double)freq[i]) - log(total))) < 1e-4 && !strcmp(tag, tags[i % 8]);
        }
    }
    T_EQ_INT(found, nw, "every random word is found");
    T_EQ_INT(right, nw, "each with its frequency and tag");
    size_t wrong = 0, tried = 0;
    for (int i = 0; i < 20000; i++) {
        char w[64];
        seed = seed * 1103515245u + 12345u;
        random_word(&seed, w, sizeof w, 1 + (seed >> 16) % 7);
        int listed = 0;
        for (size_t j = 0; j < nw && !listed; j++)
            listed = !strcmp(words[j], w);
        if (listed)
            continue;
        tried++;
        wrong += mb_dict_lookup(d, w, strlen(w), NULL, NULL);
    }
    T_OK(tried > 10000 && wrong == 0, "no random string that is no word is found");
    mb_dict_close(d);
    remove(path_in("random.txt"));
    remove(path_in("random.dict"));
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/mubiao-test-dict.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        printf("not ok 1 - mkdtemp\n");
        return 1;
    }
    random_dictionary();
    write_file("small.txt", SMALL);
    mb_error err = {0};
    const char *src[2] = {path_in("small.txt"), NULL};
    char out[512];
    snprintf(out, sizeof out, "%s", path_in("small.dict"));
    T_EQ_INT(mb_dict_compile(out, NULL, src, 1, &err), MB_OK, "compile a small lexicon");

    mb_dict *d = NULL;
    T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open it");
    mb_dict_info in;
    mb_dict_get_info(d, &in);
    T_EQ_INT(in.version, MB_DICT_VERSION, "info: version");
    T_EQ_INT(in.words, 13, "info: 13 words (comment and blank lines skipped)");
    uint64_t total = in.total_freq;
    T_OK(total > 8075 && total < 9000, "info: total frequency is the sum plus the suggested one");

    double lp = 0;
    const char *tag = NULL;
    T_EQ_INT(mb_dict_lookup(d, "中国", 6, &lp, &tag), 1, "lookup 中国");
    T_EQ_STR(tag, "ns", "its tag");
    T_OK(fabs(lp - (log(1000.0) - log((double)total))) < 1e-4, "its log-probability is ln(1000/total)");
    T_EQ_INT(mb_dict_lookup(d, "国人", 6, &lp, &tag), 1, "lookup 国人 (CRLF line)");
    T_EQ_STR(tag, "n", "its tag");
    T_EQ_INT(mb_dict_lookup(d, "中", 3, NULL, NULL), 0, "a prefix only is no word");
    T_EQ_INT(mb_dict_lookup(d, "中国人民", 12, NULL, NULL), 0, "a longer string is no word");
    T_EQ_INT(mb_dict_lookup(d, "", 0, NULL, NULL), 0, "the empty string is no word");
    T_EQ_INT(mb_dict_lookup(d, "\xff", 1, NULL, NULL), 0, "invalid UTF-8 is no word");
    T_EQ_INT(mb_dict_lookup(d, "Blade Runner", 12, NULL, &tag), 1, "a word with a space");
    T_EQ_STR(tag, "nz", "its tag");
    T_EQ_INT(mb_dict_lookup(d, "旧词", 6, &lp, &tag), 1, "word with a frequency and no tag");
    T_EQ_STR(tag, "x", "gets tag x");
    T_EQ_INT(mb_dict_lookup(d, "新词", 6, &lp, NULL), 1, "word without frequency");
    /* suggested: just above P(新)P(词) * total, both unknown (freq 1) */
    T_OK(fabs(lp - (log(1.0) - log((double)total))) < 0.01, "gets the suggested frequency 1");
    T_EQ_INT(mb_dict_lookup(d, "# a test lexicon", 16, NULL, NULL), 0, "comment lines are skipped");

    mb_tokens tk = {0};
    const char *s = "中国人民共和国";
    T_EQ_INT(mb_segment(d, NULL, s, strlen(s), &tk, &err), MB_OK, "segment with the small lexicon");
    T_EQ_INT(tk.n, 3, "three words");
    if (tk.n == 3) {
        T_EQ_INT(tk.v[0].end, 6, "中国 ends at byte 6");
        T_EQ_INT(tk.v[1].end, 12, "人民 ends at byte 12");
        T_EQ_INT(tk.v[2].end, 21, "共和国 ends at byte 21");
        T_EQ_STR(tk.v[2].tag, "n", "共和国 is n");
    }

    /* user dictionaries: add, override, remove */
    write_file("user.txt", "中国人民 500 nt\n共和 0\n国 1 q\n");
    const char *up = path_in("user.txt");
    mb_dict *u = NULL;
    T_EQ_INT(mb_dict_load_user(d, &up, 1, &u, &err), MB_OK, "load a user dictionary");
    T_EQ_INT(mb_dict_lookup(u, "中国人民", 12, NULL, &tag), 1, "user word present in the overlay");
    T_EQ_INT(mb_dict_lookup(u, "共和", 6, NULL, NULL), 0, "a removed word is no word of the overlay");
    s = "中国人民共和";
    mb_segment(d, u, s, strlen(s), &tk, &err);
    T_EQ_INT(tk.n, 3, "中国人民 共 和: user word wins, 共和 removed");
    if (tk.n == 3) {
        T_EQ_INT(tk.v[0].end, 12, "中国人民 is one token");
        T_EQ_STR(tk.v[0].tag, "nt", "with the user's tag");
        T_EQ_STR(tk.v[1].tag, "x", "共 is unknown");
    }
    s = "国";
    mb_segment(d, u, s, strlen(s), &tk, &err);
    T_OK(tk.n == 1 && !strcmp(tk.v[0].tag, "q"), "user entry overrides a base word's tag");
    mb_dict_close(u);
    const char *missing = path_in("nope.txt");
    T_EQ_INT(mb_dict_load_user(d, &missing, 1, &u, &err), MB_EIO, "missing user dictionary: EIO");
    T_OK(u == NULL, "no dictionary returned");

    /* bad sources */
    write_file("bad.txt", "好 1 a\n坏\xff词 3 n\n");
    src[0] = path_in("bad.txt");
    T_EQ_INT(mb_dict_compile(path_in("bad.dict"), NULL, src, 1, &err), MB_EDICT, "invalid UTF-8 in a source");
    T_OK(strstr(err.message, "bad.txt:2: byte 11: invalid UTF-8") != NULL, err.message);
    write_file("big.txt", "好 99999999999999999 a\n");
    src[0] = path_in("big.txt");
    T_EQ_INT(mb_dict_compile(path_in("bad.dict"), NULL, src, 1, &err), MB_EDICT, "frequency too large");
    T_OK(strstr(err.message, "big.txt:1: byte 4: frequency larger") != NULL, err.message);
    src[0] = path_in("nope.txt");
    T_EQ_INT(mb_dict_compile(path_in("bad.dict"), NULL, src, 1, &err), MB_EIO, "missing source: EIO");
    T_EQ_INT(access(path_in("bad.dict"), F_OK), -1, "no output left behind");

    mb_dict_close(d);
    d = NULL;

    /* damaged files */
    size_t n = 0;
    unsigned char *img = read_all(out, &n);
    T_OK(img && n > MB_DICT_HEADER_SIZE && n % 8 == 0, "read the image back");
    if (!img)
        return t_done();
    unsigned char *cp = malloc(n);
    T_EQ_INT(open_status(img, n, &err), MB_OK, "intact image opens from memory");

    memcpy(cp, img, n);
    cp[0] = 'X';
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "wrong magic");
    T_OK(strstr(err.message, "byte 0: expected the magic") != NULL, err.message);

    memcpy(cp, img, n);
    mb_st32(cp + 8, MB_DICT_VERSION + 1);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_VERSION, "other format version");
    {
        char want[80];
        snprintf(want, sizeof want, "format version %u, this build reads version %u", MB_DICT_VERSION + 1,
                 MB_DICT_VERSION);
        T_OK(strstr(err.message, want) != NULL, err.message);
    }

    memcpy(cp, img, n);
    mb_st32(cp + 12, 0x04030201u);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "other byte order");
    T_OK(strstr(err.message, "other byte order") != NULL, err.message);

    size_t cuts[] = {0, 1, 8, 64, 127, 128, 136, 144, 151, n / 2, n - 8, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "truncated to %zu bytes", cuts[i]);
        T_EQ_INT(open_status(img, cuts[i], &err), MB_EDICT_CORRUPT, what);
    }
    write_bytes("trunc.dict", img, n - 100);
    T_EQ_INT(mb_dict_open(path_in("trunc.dict"), &d, &err) == MB_OK ? 0 : err.code, MB_EDICT_CORRUPT,
             "truncated file refused by mb_dict_open");
    T_OK(strstr(err.message, "trunc.dict: byte 24: header says the file has") != NULL, err.message);
    write_file("empty.dict", "");
    T_EQ_INT(mb_dict_open(path_in("empty.dict"), &d, &err), MB_EDICT_CORRUPT, "empty file refused");
    T_EQ_INT(mb_dict_open(path_in("none.dict"), &d, &err), MB_EIO, "missing file: EIO");
    T_EQ_INT(mb_dict_open(dir, &d, &err), MB_EIO, "a folder: EIO");

    memcpy(cp, img, n);
    size_t units_at = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_UNITS);
    cp[units_at + 13] ^= 0x40;
    T_EQ_INT(open_status(cp, n, &err), MB_OK, "flipped trie byte: opens (the trie is not read at open)");
    T_EQ_INT(verify_status(cp, n, &err), MB_EDICT_CORRUPT, "flipped trie byte: mb_dict_verify refuses it");
    T_OK(strstr(err.message, "test: byte 32: checksum") != NULL, err.message);
    T_EQ_INT(verify_status(img, n, &err), MB_OK, "intact image: mb_dict_verify accepts it");
    memcpy(cp, img, n);
    cp[(size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_UTAGS)] ^= 0x40;
    T_EQ_INT(open_status(cp, n, &err), MB_OK, "flipped unit tag: opens (the unit tags are not read at open)");
    T_EQ_INT(verify_status(cp, n, &err), MB_EDICT_CORRUPT, "flipped unit tag: mb_dict_verify refuses it");
    memcpy(cp, img, n);
    size_t lex_at = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_LEXICON);
    cp[lex_at + 1] ^= 1; /* the lexicon's row count */
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "flipped lexicon byte: checksum error at open");
    T_OK(strstr(err.message, "test: byte 176: checksum") != NULL, err.message);
    memcpy(cp, img, n);
    cp[n - 1] ^= 1; /* the lexicon index's padding */
    T_EQ_INT(open_status(cp, n, &err), MB_OK,
             "flipped last byte (the index's): opens (not in the head checksum)");
    T_EQ_INT(verify_status(cp, n, &err), MB_EDICT_CORRUPT, "... mb_dict_verify refuses it");
    T_OK(strstr(err.message, "test: byte 32: checksum") != NULL, err.message);
    memcpy(cp, img, n);
    cp[50] ^= 1; /* header field (word count) */
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "flipped header byte: checksum error at open");
    T_OK(strstr(err.message, "byte 176: checksum") != NULL, err.message);
    memcpy(cp, img, n);
    size_t pages_at = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_PAGES);
    cp[pages_at + 3] ^= 2; /* a character's id */
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "flipped page byte: checksum error at open");
    memcpy(cp, img, n);
    mb_st64(cp + MB_DICT_HEADSUM_AT, mb_dict_checksum_head(img, n) ^ 1);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "wrong head checksum refused");

    /* forged checksums: structure checks still refuse */
    memcpy(cp, img, n);
    mb_st64(cp + 72 + 16 * MB_DICT_SEC_UNITS, (uint64_t)1 << 40);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "oversized section size refused");
    T_OK(strstr(err.message, "lies outside the file") != NULL, err.message);
    memcpy(cp, img, n);
    mb_st64(cp + 64 + 16 * MB_DICT_SEC_TAGS, UINT64_MAX - 3);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "section offset near 2^64 refused");
    memcpy(cp, img, n);
    mb_st64(cp + 64 + 16 * MB_DICT_SEC_PAGES, mb_ld64(img + 64 + 16 * MB_DICT_SEC_PAGEIDX));
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "overlapping sections refused");
    memcpy(cp, img, n);
    size_t pidx = (size_t)mb_ld64(img + 64);
    mb_st16(cp + pidx + 2 * 0x4e, 0xffff);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "page number out of range refused");
    memcpy(cp, img, n);
    size_t tags_at = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_TAGS);
    size_t tags_sz = (size_t)mb_ld64(img + 72 + 16 * MB_DICT_SEC_TAGS);
    cp[tags_at + tags_sz - 1] = 'z';
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "unterminated tag strings refused");

    memcpy(cp, img, n);
    mb_st64(cp + 72 + 16 * MB_DICT_SEC_UTAGS, mb_ld64(img + 72 + 16 * MB_DICT_SEC_UTAGS) - 1);
    reseal(cp, n);
    T_EQ_INT(open_status(cp, n, &err), MB_EDICT_CORRUPT, "unit tags section not one byte a unit refused");
    T_OK(strstr(err.message, "unit tags section of") != NULL, err.message);
    memcpy(cp, img, n);
    {
        size_t ut = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_UTAGS);
        size_t un = (size_t)mb_ld64(img + 72 + 16 * MB_DICT_SEC_UTAGS);
        for (size_t i = 0; i < un; i++)
            if (cp[ut + i])
                cp[ut + i] = 0xFF; /* a tag index past the tags */
        reseal(cp, n);
        mb_dict *fd = NULL;
        const char *ftag = NULL;
        T_EQ_INT(mb_dict_open_mem("test", cp, n, &fd, &err), MB_OK, "forged unit tags: opens");
        T_OK(fd && mb_dict_lookup(fd, "中国", 6, NULL, &ftag) && !strcmp(ftag, "x"),
             "a unit tag past the tags reads as x");
        mb_dict_close(fd);
    }

    /* forged checksum over garbage trie units: opens, but every lookup and
     * segmentation stays inside the mapping (ASan checks) */
    size_t units_sz = (size_t)mb_ld64(img + 72 + 16 * MB_DICT_SEC_UNITS);
    unsigned seed = 12345;
    int opened = 0;
    for (int round = 0; round < 300; round++) {
        memcpy(cp, img, n);
        for (int k = 0; k < 8; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t span = round % 2 ? units_sz : n - MB_DICT_HEADER_SIZE;
            size_t at = (round % 2 ? units_at : MB_DICT_HEADER_SIZE) + (seed >> 8) % span;
            seed = seed * 1103515245u + 12345u;
            cp[at] = (unsigned char)(seed >> 16);
        }
        reseal(cp, n);
        opened += open_status(cp, n, &err) == MB_OK;
    }
    T_OK(opened >= 100,
         "300 forged random corruptions (half in the trie): none crashes or reads out of bounds");

    free(cp);
    free(img);
    mb_tokens_free(&tk);
    mb_dict_close(d);
    remove(path_in("small.txt"));
    remove(path_in("small.dict"));
    remove(path_in("user.txt"));
    remove(path_in("bad.txt"));
    remove(path_in("big.txt"));
    remove(path_in("trunc.dict"));
    remove(path_in("empty.dict"));
    rmdir(dir);
    return t_done();
}
