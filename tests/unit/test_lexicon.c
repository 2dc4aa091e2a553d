/* test_lexicon.c — the lexicon runtime (lexicon.h): compiled rows and user
 * rows merged, exact and longest look-ups, iteration orders, flags and
 * values, pattern assembly with escaping, and a damaged section refused. */
#include "lexicon.h"
#include "mubiao.h"
#include "t.h"
#include "t_lex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *path_in(const char *name)
{
    static char buf[8][4096];
    static int k;
    const char *tmp = getenv("TMPDIR");
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/mubiao-t-lexicon-%ld-%s", tmp && *tmp ? tmp : "/tmp", (long)getpid(),
             name);
    return buf[k];
}

static void write_file(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(s, f);
        fclose(f);
    }
}

/* The compiled dictionary at path, read into a malloc'ed buffer of cap
 * bytes (*len read), and where its lexicon section is (*off, *size). */
static unsigned char *read_image(const char *path, size_t cap, size_t *len, size_t *off, size_t *size)
{
    FILE *f = fopen(path, "rb");
    unsigned char *img = malloc(cap);
    *len = f && img ? fread(img, 1, cap, f) : 0;
    if (f)
        fclose(f);
    *off = *size = 0;
    if (*len >= MB_DICT_HEADER_SIZE) {
        *off = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_LEXICON);
        *size = (size_t)mb_ld64(img + 64 + 16 * MB_DICT_SEC_LEXICON + 8);
    }
    return img;
}

/* Every row of the real lexicon (the files of dict/lexicon, compiled by
 * t_lexicon) is found on its own word by each look-up: by hash, at a
 * position (the filters before each probe: first character, length, a
 * character's end, last character), before a position, in a range; and
 * after one character more of text (a Chinese character or an ASCII
 * letter), at a position and in a range. */
static void real_rows(void)
{
    mb_lexicon *lex = t_lexicon();
    if (!lex)
        return;
    size_t rows = mb_lexicon_size(lex), found = 0;
    char buf[MB_DICT_MAX_WORD_BYTES + 8];
    for (size_t i = 0; i < rows; i++) {
        const char *cn, *wd, *it;
        mb_lexicon_row(lex, i, &cn, &wd, &it);
        mb_lexclass c = (mb_lexclass)mb_lex_class_find(cn, strlen(cn));
        size_t wl = strlen(wd), p = 99;
        const mb_lexword *e = mb_lex_get(lex, c, wd, wl), *at = mb_lex_longest_at(lex, c, wd, wl, 0),
                         *bf = mb_lex_longest_before(lex, c, wd, 0, wl),
                         *in = mb_lex_first_in(lex, c, wd, 0, wl, &p);
        int ok = e && mb_lexw_len(e) == wl && !memcmp(mb_lexw_word(e), wd, wl) && at &&
                 mb_lexw_len(at) == wl && bf && mb_lexw_len(bf) >= wl && in && p == 0 &&
                 mb_lexw_len(in) == wl;
        for (int more = 0; more < 2 && ok; more++) {
            const char *tail = more ? "x" : "的";
            memcpy(buf, wd, wl);
            strcpy(buf + wl, tail);
            size_t bl = wl + strlen(tail);
            at = mb_lex_longest_at(lex, c, buf, bl, 0);
            in = mb_lex_first_in(lex, c, buf, 0, bl, &p);
            ok = at && mb_lexw_len(at) >= wl && in && p == 0 && mb_lexw_len(in) >= wl;
        }
        if (ok)
            found++;
        else
            printf("# not found: %s %s\n", cn, wd);
    }
    /* the words ending at a place, longest first, one look-up each */
    {
        const char *t = "将不超过";
        size_t tn = strlen(t);
        const mb_lexword *a = mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, 0, tn, SIZE_MAX);
        const mb_lexword *b =
            a ? mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, 0, tn, mb_lexw_len(a) - 1) : NULL;
        const mb_lexword *c2 =
            b ? mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, 0, tn, mb_lexw_len(b) - 1) : NULL;
        T_OK(a && !strcmp(mb_lexw_word(a), "不超过") && b && !strcmp(mb_lexw_word(b), "超过") && c2 &&
                 !strcmp(mb_lexw_word(c2), "过"),
             "comparator words ending at a place: 不超过, then 超过, then 过");
        T_OK(c2 && !mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, 0, tn, mb_lexw_len(c2) - 1),
             "then none");
        T_OK(mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, 0, tn, SIZE_MAX) ==
                 mb_lex_longest_before(lex, MB_LX_CMP_PREFIX, t, 0, tn),
             "no bound: mb_lex_longest_before");
        const mb_lexword *f =
            mb_lex_longest_before_upto(lex, MB_LX_CMP_PREFIX, t, strlen("将不"), tn, SIZE_MAX);
        T_OK(f && !strcmp(mb_lexw_word(f), "超过"), "the floor bounds it too");
    }
    /* a value of characters: not_prev=最附就亲贴靠邻 of 近 (最近 is no
     * comparator) */
    {
        const mb_lexword *w = mb_lex_get(lex, MB_LX_CMP_PREFIX, "近", strlen("近"));
        T_OK(w && mb_lex_value_has_char(w, "not_prev", "最", 3) &&
                 mb_lex_value_has_char(w, "not_prev", "就", 3) &&
                 mb_lex_value_has_char(w, "not_prev", "邻", 3),
             "not_prev of 近 holds its first, a middle and its last character");
        T_OK(w && !mb_lex_value_has_char(w, "not_prev", "将", 3) &&
                 !mb_lex_value_has_char(w, "cmp", "最", 3) &&
                 !mb_lex_value_has_char(w, "nonesuch", "最", 3) &&
                 !mb_lex_value_has_char(NULL, "not_prev", "最", 3),
             "... and not another character, another key's value, a key it lacks, no word");
    }
    T_OK(rows > 500, "the real lexicon has its rows");
    T_EQ_INT(found, rows, "every real row found on its word by each look-up");
    mb_lexicon_free(lex);
}

int main(void)
{
    const char *src = path_in("a.tsv"), *user = path_in("u.tsv"), *out = path_in("a.dict");
    write_file(src, "# comment\n"
                    "力争\tcue_target\n"
                    "将\tcue_target\twhole_token\n"
                    "预期目标\tcue_target\tlocal\n"
                    "预期\tcue_target\tlocal\n"
                    "个\tunit\tunit=个,cat=measure,rhet,not_next=体|性\n"
                    "个百分点\tunit\tunit=个百分点,cat=ppoint\n"
                    "%\tunit\tunit=%,cat=percent\n"
                    "a.b\tunit\tunit=x,cat=physical\n"
                    "至\trange_sep\n"
                    "-\trange_sep\n"
                    "]\tratio\n");
    write_file(user, "奋力\tcue_target\n将\tcue_target\n");
    mb_error err = {0};
    mb_dict *d = NULL;
    mb_lexicon *lex = NULL;
    const char *srcs[] = {src};
    T_EQ_INT(mb_dict_compile_lexicon(out, NULL, NULL, 0, srcs, 1, &err), MB_OK, "compile a lexicon alone");
    T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open it");
    mb_dict_info in;
    mb_dict_get_info(d, &in);
    T_EQ_INT(in.lexicon_rows, 11, "11 rows in the section");
    const char *users[] = {user};
    T_EQ_INT(mb_lexicon_open(d, users, 1, &lex, &err), MB_OK, "lexicon with a user file");
    mb_dict_close(d); /* the lexicon keeps the image (a reference): its words point into it */
    T_EQ_INT(mb_lexicon_size(lex), 12, "11 rows + 1 new user row");

    const mb_lexword *w = mb_lex_get(lex, MB_LX_CUE_TARGET, "力争", strlen("力争"));
    T_OK(w && !mb_lex_flag(w, "whole_token"), "exact look-up");
    T_OK(!mb_lex_get(lex, MB_LX_UNIT, "力争", strlen("力争")), "a word of another class is not found");
    w = mb_lex_get(lex, MB_LX_CUE_TARGET, "将", strlen("将"));
    T_OK(w && !mb_lex_flag(w, "whole_token"), "a user row replaces the compiled row's flags");
    T_OK(mb_lex_is(lex, MB_LX_CUE_TARGET, "奋力", strlen("奋力")), "a user row adds a word");

    const char *s = "3个百分点";
    w = mb_lex_longest_at(lex, MB_LX_UNIT, s, strlen(s), 1);
    T_OK(w && !strcmp(mb_lexw_word(w), "个百分点"), "longest word at a position");
    w = mb_lex_longest_before(lex, MB_LX_UNIT, s, 0, strlen(s));
    T_OK(w && !strcmp(mb_lexw_word(w), "个百分点"), "a unit ends the text");
    T_OK(!mb_lex_longest_before(lex, MB_LX_UNIT, s, 0, 1), "none ends after the digit");
    w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, "主要预期目标", 0, strlen("主要预期目标"));
    T_OK(w && !strcmp(mb_lexw_word(w), "预期目标"), "longest word ending at a position");
    {
        const char *t = "主要预期目标";
        size_t tn = strlen(t), ztn = strlen("主要");
        w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, ztn, tn);
        T_OK(w && !strcmp(mb_lexw_word(w), "预期目标"), "the floor at the word's start: still found");
        T_OK(!mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, ztn + 3, tn), "a floor inside it: none");
        w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, 0, tn - strlen("目标"));
        T_OK(w && !strcmp(mb_lexw_word(w), "预期"), "the shorter word ending earlier");
        T_OK(!mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, 0, tn - 1), "none ends inside a character");
    }

    /* the first word of a class in a range: the longest at the first
     * position where one starts and ends within it */
    {
        const char *t = "共3个百分点和5个";
        size_t tn = strlen(t), p = 99, at3 = strlen("共3");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, 0, tn, &p);
        T_OK(w && !strcmp(mb_lexw_word(w), "个百分点") && p == at3, "the first unit, longest, and where");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, 0, at3 + strlen("个百"), &p);
        T_OK(w && !strcmp(mb_lexw_word(w), "个") && p == at3, "a word must end by the range's end");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, at3 + 1, tn, &p);
        T_OK(w && !strcmp(mb_lexw_word(w), "个") && p == tn - strlen("个"),
             "from inside a character: the next word that starts at a character");
        T_OK(!mb_lex_first_in(lex, MB_LX_UNIT, t, 0, at3, NULL), "none before the first");
        T_OK(!mb_lex_first_in(lex, MB_LX_CUE_NOUN, t, 0, tn, NULL), "an empty class: none");
        T_OK(mb_lex_first_in(lex, MB_LX_RANGE_SEP, "3-5", 0, 3, NULL) != NULL, "an ASCII word");
    }

    mb_lexlist v = mb_lex_words(lex, MB_LX_CUE_TARGET);
    T_EQ_INT(v.n, 5, "5 target cues");
    T_OK(v.n == 5 && !strcmp(mb_lexw_word(mb_lexlist_at(v, 0)), "预期目标") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 1)), "力争") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 2)), "预期") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 3)), "奋力") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 4)), "将"),
         "longest first, equal lengths in row order");
    v = mb_lex_words_in_order(lex, MB_LX_CUE_TARGET);
    T_OK(v.n == 5 && !strcmp(mb_lexw_word(mb_lexlist_at(v, 0)), "力争") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 1)), "将") &&
             !strcmp(mb_lexw_word(mb_lexlist_at(v, 4)), "奋力"),
         "row order: a replaced row where it was, an added one last");
    T_OK(!strcmp(mb_lexw_items(mb_lexlist_at(v, 1)), "") && !mb_lexw_flags(mb_lexlist_at(v, 1)),
         "the replaced row's items and flags are the user row's");
    v = mb_lex_words(lex, MB_LX_CUE_NOUN);
    T_EQ_INT(v.n, 0, "an empty class: no words");
    v = mb_lex_words(NULL, MB_LX_CUE_NOUN);
    T_EQ_INT(v.n, 0, "no lexicon: no words");

    w = mb_lex_get(lex, MB_LX_UNIT, "个", strlen("个"));
    size_t vl;
    const char *val = mb_lex_value(w, "unit", &vl);
    T_OK(val && vl == strlen("个") && !memcmp(val, "个", vl), "a key's value");
    T_OK(mb_lex_value_is(w, "cat", "measure") && mb_lex_flag(w, "rhet") && !mb_lex_flag(w, "da"), "flags");

    char *p = NULL;
    T_EQ_INT(mb_lex_pattern(lex, "x@{range_sep}y[@[ratio]]@@", &p, &err), MB_OK, "assemble a pattern");
    T_EQ_STR(p, "x(?:至|-)y[\\]]@", "escaped alternation and class");
    free(p);
    T_EQ_INT(mb_lex_pattern(lex, "@{unit/cat=percent}|@{unit/rhet}", &p, &err), MB_OK, "filters");
    T_EQ_STR(p, "(?:%)|(?:个(?!体|性))", "filtered by value and by flag, with not_next");
    free(p);
    T_EQ_INT(mb_lex_pattern(lex, "@{unit/cat=physical}", &p, &err), MB_OK, "a metacharacter");
    T_EQ_STR(p, "(?:a\\.b)", "escaped outside a class");
    free(p);
    T_EQ_INT(mb_lex_pattern(lex, "@{nonesuch}", &p, &err), MB_EPATTERN, "an unknown class in a template");
    T_EQ_INT(mb_lex_pattern(lex, "@{cue_noun}", &p, &err), MB_OK, "an empty class");
    T_EQ_STR(p, "(?!)", "an empty class never matches");
    free(p);
    mb_lexicon_free(lex);

    /* a class name renamed in the rows, checksum resealed: the index
     * (which has the class's number) opens, the full check refuses it */
    size_t len, off, size;
    unsigned char *img = read_image(out, 1 << 18, &len, &off, &size);
    unsigned char *q = NULL;
    for (size_t i = 0; i + 10 <= len && !q; i++)
        if (!memcmp(img + i, "cue_target", 10))
            q = img + i;
    T_OK(q != NULL, "the section holds the class names");
    if (q) {
        q[0] = 'X';
        mb_dict_seal(img, len);
        d = NULL;
        T_EQ_INT(mb_dict_open_mem("damaged", img, len, &d, &err), MB_OK,
                 "a renamed class opens by its index");
        T_EQ_INT(d ? mb_dict_verify(d, &err) : MB_EARG, MB_EDICT_CORRUPT, "the full check refuses it");
        T_OK(strstr(err.message, "unknown class 'Xue_target'") != NULL, err.message);
        mb_dict_close(d);
        mb_st32(img + off + 4, mb_ld32(img + off + 4) ^ 1u); /* and another class table */
        mb_dict_seal(img, len);
        T_EQ_INT(mb_dict_open_mem("damaged", img, len, &d, &err), MB_EDICT_CORRUPT,
                 "with another class table the rows are read: unknown class refused");
        T_OK(strstr(err.message, "unknown class 'Xue_target'") != NULL, err.message);
    }
    free(img);

    /* the section's header holds the fingerprint of the class table (and
     * index layout) it was compiled against: another program's (a changed
     * fingerprint) has every row checked, its flags computed and its index
     * built again */
    for (int damage = 0; damage < 2; damage++) {
        img = read_image(out, 1 << 18, &len, &off, &size);
        T_OK(off + size <= len && mb_ld32(img + off) == 11, "the lexicon section found");
        mb_st32(img + off + 4, mb_ld32(img + off + 4) ^ 1u); /* another class table */
        if (damage == 1)                                     /* and an item its class lacks */
            for (size_t i = off; i + 4 <= off + size; i++)
                if (!memcmp(img + i, "cat=", 4)) {
                    img[i + 2] = 'x';
                    break;
                }
        mb_dict_seal(img, len);
        d = NULL;
        mb_status st = mb_dict_open_mem("resealed", img, len, &d, &err);
        if (damage == 0) {
            T_EQ_INT(st, MB_OK, "another class table: the rows are checked again");
            T_OK(d && !d->lexindexed, "its index is not taken");
            T_EQ_INT(d ? mb_dict_verify(d, &err) : MB_EARG, MB_OK, "and the full check passes it");
            T_EQ_INT(st ? 1 : mb_lexicon_open(d, NULL, 0, &lex, &err), MB_OK, "and the lexicon opens");
            if (!st) {
                T_EQ_INT(mb_lexicon_size(lex), 11, "all its rows");
                w = mb_lex_get(lex, MB_LX_CUE_TARGET, "将", strlen("将"));
                T_OK(w && mb_lex_flag(w, "whole_token"), "flags computed from the items");
                w = mb_lex_get(lex, MB_LX_UNIT, "个", strlen("个"));
                T_OK(w && mb_lex_flag(w, "rhet") && mb_lex_value_is(w, "cat", "measure"), "flags and values");
                T_OK(w && (mb_lexw_word(w) < (const char *)d->lex ||
                           mb_lexw_word(w) >= (const char *)d->lex + d->lexsize),
                     "its words are in the index built at open");
                mb_lexicon_free(lex);
                mb_dict_close(d);
            }
        } else {
            T_EQ_INT(st, MB_EDICT_CORRUPT, "checked again: an undeclared key refused");
            T_OK(strstr(err.message, "has no key 'cax'") != NULL, err.message);
        }
        free(img);
    }
    /* format 7: the compiler writes the index (section 6), which a lexicon
     * maps as it is when the fingerprint is this program's: every row is
     * found by it, exactly and at and before a position. What a look-up
     * relies on is checked at open; a forged hash or class only makes a
     * look-up miss, and the full check (mb_dict_verify) finds it */
    {
        d = NULL;
        lex = NULL;
        T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open the small lexicon for its written index");
        T_OK(d && d->lexindexed, "its index was checked and is taken");
        T_EQ_INT(d ? mb_dict_verify(d, &err) : MB_EARG, MB_OK, "it is the one its rows give");
        T_EQ_INT(d ? mb_lexicon_open(d, NULL, 0, &lex, &err) : MB_EARG, MB_OK, "its lexicon");
        size_t found = 0, rows = mb_lexicon_size(lex);
        for (size_t i = 0; i < rows; i++) {
            const char *cn, *wd, *it;
            mb_lexicon_row(lex, i, &cn, &wd, &it);
            mb_lexclass c = (mb_lexclass)mb_lex_class_find(cn, strlen(cn));
            size_t wl = strlen(wd);
            const mb_lexword *e = mb_lex_get(lex, c, wd, wl), *at = mb_lex_longest_at(lex, c, wd, wl, 0),
                             *bf = mb_lex_longest_before(lex, c, wd, 0, wl);
            found += e && mb_lexw_len(e) == wl && !memcmp(mb_lexw_word(e), wd, wl) && at &&
                     mb_lexw_len(at) >= wl && bf && mb_lexw_len(bf) >= wl;
        }
        T_EQ_INT(found, 11, "all 11 rows found by hash, at a position and before one");
        mb_lexicon_free(lex);
        mb_dict_close(d);
        for (int damage = 0; damage < 10; damage++) {
            img = read_image(out, 1 << 18, &len, &off, &size);
            unsigned char *ix = img + off + size;
            size_t nslots = mb_ld32(ix + 4);
            /* the header, the classes' tables, the t2s bits, the key filter */
            unsigned char *keys = ix + 16 + MB_LX_NCLASSES * 376 + 8192, *slots = keys + 16384,
                          *recs = slots + 8 * nslots, *lists = recs + MB_LEXREC_SIZE * 11;
            size_t s0 = 0; /* the slot of row 0 (力争, cue_target) */
            while (s0 < nslots && (uint32_t)mb_ld64(slots + 8 * s0) != 1)
                s0++;
            if (damage == 0) /* row 3's word back into the index itself */
                mb_st32(recs + MB_LEXREC_SIZE * 3, 4);
            if (damage == 1) /* row 5's items before the section */
                mb_st32(recs + MB_LEXREC_SIZE * 5 + 4, (uint32_t)(size + 1024));
            if (damage == 2) /* row 1's word one byte longer: it would not end with a NUL */
                mb_st16(recs + MB_LEXREC_SIZE + 8, (uint16_t)(mb_ld16(recs + MB_LEXREC_SIZE + 8) + 1));
            if (damage == 3) /* row 2's class past the table */
                mb_st16(recs + MB_LEXREC_SIZE * 2 + 10, MB_LX_NCLASSES);
            if (damage == 4) /* a row number of a list past the rows */
                mb_st32(lists + 4 * 7, 11);
            if (damage == 5) /* a class's rows past the lists */
                mb_st32(ix + 16 + 16 * MB_LX_UNIT + 4, 12);
            if (damage == 6 || damage == 8) /* row 0's hash forged */
                mb_st64(slots + 8 * s0, mb_ld64(slots + 8 * s0) ^ 0x5a5a5a5a00000000ull);
            if (damage == 7) /* row 0's slot names a row past the rows */
                mb_st64(slots + 8 * s0, (mb_ld64(slots + 8 * s0) & ~0xffffffffull) | 12u);
            if (damage == 8) /* and no empty slot: every probe must stop */
                for (size_t k = 0; k < nslots; k++)
                    if (!mb_ld64(slots + 8 * k))
                        mb_st64(slots + 8 * k, 0xffffffff00000001ull);
            size_t set = 0;
            for (size_t k = 0; k < 16384; k++)
                set += (size_t)__builtin_popcount(keys[k]);
            if (damage == 9) { /* the key filter cleared: no key can be found */
                T_OK(set >= 9 && set <= 11, "the key filter has a bit a row (11 rows, few alike)");
                memset(keys, 0, 16384);
            }
            mb_dict_seal(img, len);
            d = NULL;
            mb_status st = mb_dict_open_mem("index", img, len, &d, &err);
            if (damage < 6) {
                T_EQ_INT(st, MB_EDICT_CORRUPT, "an index that does not fit its rows refused at open");
                T_OK(strstr(err.message, "the lexicon index does not fit the lexicon before it") != NULL,
                     err.message);
                mb_dict_close(d);
            } else {
                lex = NULL;
                T_EQ_INT(st ? st : mb_lexicon_open(d, NULL, 0, &lex, &err), MB_OK,
                         "a forged slot opens (the slots are bounded where they are read)");
                T_OK(lex && !mb_lex_get(lex, MB_LX_CUE_TARGET, "力争", strlen("力争")) &&
                         (damage == 9) == !mb_lex_get(lex, MB_LX_CUE_TARGET, "预期", strlen("预期")),
                     damage == 9 ? "without the key filter's bits, no word is found"
                                 : "its word is missing, the others are found");
                T_OK(lex && !mb_lex_longest_at(lex, MB_LX_CUE_TARGET, "力争取", strlen("力争取"), 0) &&
                         !mb_lex_get(lex, MB_LX_CUE_TARGET, "力求", strlen("力求")),
                     "longest and a word of no row: none, and the probes end");
                T_EQ_INT(d ? mb_dict_verify(d, &err) : MB_EARG, MB_EDICT_CORRUPT, "the full check finds it");
                T_OK(strstr(err.message, "the lexicon index differs from the one its rows give") != NULL,
                     err.message);
                mb_lexicon_free(lex);
                mb_dict_close(d);
            }
            free(img);
        }
    }
    T_EQ_INT(mb_lexicon_open(NULL, NULL, 0, &lex, &err), MB_EARG, "no dictionary");

    /* only some classes indexed when the index is built (user rows): the
     * others' rows are read, checked, left out */
    {
        const char *only[] = {"unit", "range_sep"}, *bad[] = {"unit", "no_such_class"};
        d = NULL;
        lex = NULL;
        T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open the small lexicon again");
        T_EQ_INT(mb_lexicon_open_classes(d, users, 1, only, 2, &lex, &err), MB_OK, "two classes of it");
        T_EQ_INT(mb_lexicon_size(lex), 6, "their 6 rows (4 units, 2 range separators)");
        T_OK(lex && mb_lex_get(lex, MB_LX_UNIT, "个百分点", strlen("个百分点")) &&
                 !mb_lex_get(lex, MB_LX_CUE_TARGET, "力争", strlen("力争")) &&
                 !mb_lex_get(lex, MB_LX_CUE_TARGET, "奋力", strlen("奋力")),
             "a unit kept, a compiled and a user target cue left out");
        mb_lexicon_free(lex);
        lex = NULL;
        T_EQ_INT(mb_lexicon_open_classes(d, NULL, 0, only, 2, &lex, &err), MB_OK,
                 "two classes, no user rows");
        T_EQ_INT(mb_lexicon_size(lex), 11, "the mapped index whole: every class costs nothing until read");
        T_OK(lex && mb_lex_get(lex, MB_LX_UNIT, "个百分点", strlen("个百分点")) &&
                 mb_lex_get(lex, MB_LX_CUE_TARGET, "力争", strlen("力争")),
             "a unit and a target cue");
        mb_lexicon_free(lex);
        lex = (mb_lexicon *)1;
        T_EQ_INT(mb_lexicon_open_classes(d, NULL, 0, bad, 2, &lex, &err), MB_EARG, "an unknown class");
        T_OK(lex == NULL && strstr(err.message, "unknown class 'no_such_class'") != NULL, err.message);
        write_file(user, "奋力\tcue_target\tno_key=1\n");
        T_EQ_INT(mb_lexicon_open_classes(d, users, 1, only, 2, &lex, &err), MB_EDICT,
                 "a bad user row of a class left out is still an error");
        mb_dict_close(d);
    }

    /* two lexicons over one dictionary, which is closed first: the image
     * stays until the last of the three goes (ASan: no use after free, no
     * leak) */
    {
        mb_lexicon *l1 = NULL, *l2 = NULL;
        d = NULL;
        T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open the small lexicon once more");
        T_EQ_INT(d ? mb_lexicon_open(d, NULL, 0, &l1, &err) : MB_EARG, MB_OK, "a first lexicon");
        T_EQ_INT(d ? mb_lexicon_open(d, NULL, 0, &l2, &err) : MB_EARG, MB_OK, "a second one");
        const mb_lexword *a = l1 ? mb_lex_get(l1, MB_LX_UNIT, "个", strlen("个")) : NULL;
        T_OK(d && a && mb_lexw_word(a) >= (const char *)d->lex &&
                 mb_lexw_word(a) < (const char *)d->lex + d->lexsize,
             "its words point into the dictionary's section, not a copy");
        mb_dict_close(d);
        mb_lexicon_free(l1);
        const mb_lexword *b = l2 ? mb_lex_get(l2, MB_LX_UNIT, "个百分点", strlen("个百分点")) : NULL;
        T_OK(b && !strcmp(mb_lexw_word(b), "个百分点") && mb_lex_value_is(b, "cat", "ppoint"),
             "the second still reads its words after the dictionary and the first are gone");
        mb_lexicon_free(l2);
    }

    /* a row whose items pass 65,535 bytes: the index finds the word and
     * the items by the distances written for them (32 bits) */
    {
        size_t nrep = 17000, ilen = strlen("not_next=") + 4 * nrep - 1 + strlen(",unit=个,cat=measure");
        char *row = malloc(ilen + 64);
        char *q = row + sprintf(row, "个\tunit\tnot_next=");
        for (size_t i = 0; i < nrep; i++)
            q += sprintf(q, i + 1 < nrep ? "体|" : "体");
        sprintf(q, ",unit=个,cat=measure\n");
        write_file(src, row);
        free(row);
        T_EQ_INT(mb_dict_compile_lexicon(out, NULL, NULL, 0, srcs, 1, &err), MB_OK, "compile a long row");
        d = NULL;
        lex = NULL;
        T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open it");
        T_EQ_INT(d ? mb_lexicon_open(d, NULL, 0, &lex, &err) : MB_EARG, MB_OK, "its lexicon");
        const mb_lexword *lw = lex ? mb_lex_get(lex, MB_LX_UNIT, "个", strlen("个")) : NULL;
        T_OK(lw && strlen(mb_lexw_items(lw)) == ilen, "items of 68,000 bytes whole");
        T_OK(lw && mb_lex_value_is(lw, "cat", "measure"), "a value after them");
        mb_lexicon_free(lex);
        mb_dict_close(d);

        /* its word's length forged past the 256 bytes a word may have
         * (a look-up hashes at most that many) */
        size_t glen;
        unsigned char *im = read_image(out, 1 << 20, &glen, &off, &size);
        unsigned char *ix = im + off + size;
        unsigned char *rec = ix + 16 + MB_LX_NCLASSES * 376 + 8192 + 16384 + 8 * (size_t)mb_ld32(ix + 4);
        T_EQ_INT(mb_ld16(rec + 8), strlen("个"), "the row's word length");
        mb_st16(rec + 8, 300);
        mb_dict_seal(im, glen);
        d = NULL;
        T_EQ_INT(mb_dict_open_mem("long word", im, glen, &d, &err), MB_EDICT_CORRUPT,
                 "a word of more than 256 bytes by its length refused");
        free(im);
    }
    remove(src);
    remove(user);
    remove(out);
    real_rows();
    return t_done();
}
