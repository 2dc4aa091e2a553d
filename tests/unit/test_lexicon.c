/* test_lexicon.c — the lexicon runtime (lexicon.h): compiled rows and user
 * rows merged, exact and longest look-ups, iteration orders, flags and
 * values, pattern assembly with escaping, and a damaged section refused. */
#include "lexicon.h"
#include "mubiao.h"
#include "t.h"

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
    T_OK(w && !strcmp(w->word, "个百分点"), "longest word at a position");
    w = mb_lex_longest_before(lex, MB_LX_UNIT, s, 0, strlen(s));
    T_OK(w && !strcmp(w->word, "个百分点"), "a unit ends the text");
    T_OK(!mb_lex_longest_before(lex, MB_LX_UNIT, s, 0, 1), "none ends after the digit");
    w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, "主要预期目标", 0, strlen("主要预期目标"));
    T_OK(w && !strcmp(w->word, "预期目标"), "longest word ending at a position");
    {
        const char *t = "主要预期目标";
        size_t tn = strlen(t), ztn = strlen("主要");
        w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, ztn, tn);
        T_OK(w && !strcmp(w->word, "预期目标"), "the floor at the word's start: still found");
        T_OK(!mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, ztn + 3, tn), "a floor inside it: none");
        w = mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, 0, tn - strlen("目标"));
        T_OK(w && !strcmp(w->word, "预期"), "the shorter word ending earlier");
        T_OK(!mb_lex_longest_before(lex, MB_LX_CUE_TARGET, t, 0, tn - 1), "none ends inside a character");
    }

    /* the first word of a class in a range: the longest at the first
     * position where one starts and ends within it */
    {
        const char *t = "共3个百分点和5个";
        size_t tn = strlen(t), p = 99, at3 = strlen("共3");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, 0, tn, &p);
        T_OK(w && !strcmp(w->word, "个百分点") && p == at3, "the first unit, longest, and where");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, 0, at3 + strlen("个百"), &p);
        T_OK(w && !strcmp(w->word, "个") && p == at3, "a word must end by the range's end");
        w = mb_lex_first_in(lex, MB_LX_UNIT, t, at3 + 1, tn, &p);
        T_OK(w && !strcmp(w->word, "个") && p == tn - strlen("个"),
             "from inside a character: the next word that starts at a character");
        T_OK(!mb_lex_first_in(lex, MB_LX_UNIT, t, 0, at3, NULL), "none before the first");
        T_OK(!mb_lex_first_in(lex, MB_LX_CUE_NOUN, t, 0, tn, NULL), "an empty class: none");
        T_OK(mb_lex_first_in(lex, MB_LX_RANGE_SEP, "3-5", 0, 3, NULL) != NULL, "an ASCII word");
    }

    size_t n;
    const mb_lexword *const *v = mb_lex_words(lex, MB_LX_CUE_TARGET, &n);
    T_EQ_INT(n, 5, "5 target cues");
    T_OK(n == 5 && !strcmp(v[0]->word, "预期目标") && !strcmp(v[4]->word, "将"), "longest first");
    v = mb_lex_words_in_order(lex, MB_LX_CUE_TARGET, &n);
    T_OK(n == 5 && !strcmp(v[0]->word, "力争") && !strcmp(v[4]->word, "奋力"), "row order");

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

    /* a damaged section: a row's class renamed, checksum resealed */
    size_t len, off, size;
    unsigned char *img = read_image(out, 1 << 16, &len, &off, &size);
    unsigned char *q = NULL;
    for (size_t i = 0; i + 10 <= len && !q; i++)
        if (!memcmp(img + i, "cue_target", 10))
            q = img + i;
    T_OK(q != NULL, "the section holds the class names");
    if (q) {
        q[0] = 'X';
        mb_dict_seal(img, len);
        T_EQ_INT(mb_dict_open_mem("damaged", img, len, &d, &err), MB_EDICT_CORRUPT, "unknown class refused");
        T_OK(strstr(err.message, "unknown class 'Xue_target'") != NULL, err.message);
    }
    free(img);

    /* the section's header holds the fingerprint of the class table it was
     * compiled against: another program's (a changed fingerprint) has every
     * row checked and its flags computed again; the classes written after
     * the rows must name the rows' classes */
    for (int damage = 0; damage < 3; damage++) {
        img = read_image(out, 1 << 16, &len, &off, &size);
        T_OK(off + size <= len && mb_ld32(img + off) == 11, "the lexicon section found");
        if (damage == 0 || damage == 1)
            mb_st32(img + off + 4, mb_ld32(img + off + 4) ^ 1u); /* another class table */
        if (damage == 1)                                         /* and an item its class lacks */
            for (size_t i = off; i + 4 <= off + size; i++)
                if (!memcmp(img + i, "cat=", 4)) {
                    img[i + 2] = 'x';
                    break;
                }
        if (damage == 2) /* the first row (cue_target) written as of the next class */
            mb_st64(img + off + size - 24 * 11, mb_ld64(img + off + size - 24 * 11) + 1);
        mb_dict_seal(img, len);
        mb_status st = mb_dict_open_mem("resealed", img, len, &d, &err);
        if (damage == 0) {
            T_EQ_INT(st, MB_OK, "another class table: the rows are checked again");
            T_EQ_INT(st ? 1 : mb_lexicon_open(d, NULL, 0, &lex, &err), MB_OK, "and the lexicon opens");
            if (!st) {
                w = mb_lex_get(lex, MB_LX_CUE_TARGET, "将", strlen("将"));
                T_OK(w && mb_lex_flag(w, "whole_token"), "flags computed from the items");
                w = mb_lex_get(lex, MB_LX_UNIT, "个", strlen("个"));
                T_OK(w && mb_lex_flag(w, "rhet") && mb_lex_value_is(w, "cat", "measure"), "flags and values");
                mb_lexicon_free(lex);
                mb_dict_close(d);
            }
        } else {
            T_EQ_INT(st, MB_EDICT_CORRUPT,
                     damage == 1 ? "checked again: an undeclared key refused"
                                 : "a row's class not its name's refused");
            T_OK(strstr(err.message, damage == 1 ? "has no key 'cax'" : "unknown class 'cue_target'") != NULL,
                 err.message);
        }
        free(img);
    }
    /* format 5: the compiler writes each row's string offsets, hash and
     * filter bits, which the lexicon takes as written (the fingerprint is
     * this program's): every row is found by them, exactly and at and
     * before a position; offsets that are not the rows' are refused at
     * open; a forged hash only makes its word missing */
    {
        d = NULL;
        lex = NULL;
        T_EQ_INT(mb_dict_open(out, &d, &err), MB_OK, "open the small lexicon for its written index");
        T_OK(d && d->lextrusted && !d->lexmeta, "its rows were checked by their written offsets");
        T_EQ_INT(d ? mb_lexicon_open(d, NULL, 0, &lex, &err) : MB_EARG, MB_OK, "its lexicon");
        size_t found = 0, rows = mb_lexicon_size(lex);
        for (size_t i = 0; i < rows; i++) {
            const char *cn, *wd, *it;
            mb_lexicon_row(lex, i, &cn, &wd, &it);
            mb_lexclass c = (mb_lexclass)mb_lex_class_find(cn, strlen(cn));
            size_t wl = strlen(wd);
            const mb_lexword *e = mb_lex_get(lex, c, wd, wl), *at = mb_lex_longest_at(lex, c, wd, wl, 0),
                             *bf = mb_lex_longest_before(lex, c, wd, 0, wl);
            found +=
                e && e->len == wl && !memcmp(e->word, wd, wl) && at && at->len >= wl && bf && bf->len >= wl;
        }
        T_EQ_INT(found, 11, "all 11 rows found by hash, at a position and before one");
        mb_lexicon_free(lex);
        mb_dict_close(d);
        for (int damage = 0; damage < 4; damage++) {
            img = read_image(out, 1 << 16, &len, &off, &size);
            unsigned char *offs = img + off + size - 16 * 11, *hash = img + off + size - 8 * 11;
            if (damage == 0) /* row 3's word starts a byte later */
                mb_st64(offs + 8 * 3, mb_ld64(offs + 8 * 3) + 1);
            if (damage == 1) /* row 5's items start past the rows */
                mb_st64(offs + 8 * 5, (mb_ld64(offs + 8 * 5) & 0xffffffffu) | (uint64_t)(size - 8) << 32);
            if (damage == 2) /* the last row's word offset is 0 */
                mb_st64(offs + 8 * 10, mb_ld64(offs + 8 * 10) >> 32 << 32);
            if (damage == 3) /* row 0's hash (力争, cue_target) forged */
                mb_st64(hash, mb_ld64(hash) ^ 0x5a5a5a5a5a5a5a5aull);
            mb_dict_seal(img, len);
            d = NULL;
            mb_status st = mb_dict_open_mem("offsets", img, len, &d, &err);
            if (damage < 3) {
                T_EQ_INT(st, MB_EDICT_CORRUPT, "offsets that are not the rows' refused");
                T_OK(strstr(err.message, "the offsets written after the lexicon rows are not theirs") != NULL,
                     err.message);
            } else {
                lex = NULL;
                T_EQ_INT(st ? st : mb_lexicon_open(d, NULL, 0, &lex, &err), MB_OK,
                         "a forged hash opens (it is not computed again)");
                T_OK(lex && !mb_lex_get(lex, MB_LX_CUE_TARGET, "力争", strlen("力争")) &&
                         mb_lex_get(lex, MB_LX_CUE_TARGET, "预期", strlen("预期")),
                     "its word is missing, the others are found");
                mb_lexicon_free(lex);
                mb_dict_close(d);
            }
            free(img);
        }
    }
    T_EQ_INT(mb_lexicon_open(NULL, NULL, 0, &lex, &err), MB_EARG, "no dictionary");

    /* only some classes indexed: the others' rows are read, checked, left out */
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
        T_OK(d && a && a->word >= (const char *)d->lex && a->word < (const char *)d->lex + d->lexsize,
             "its words point into the dictionary's section, not a copy");
        mb_dict_close(d);
        mb_lexicon_free(l1);
        const mb_lexword *b = l2 ? mb_lex_get(l2, MB_LX_UNIT, "个百分点", strlen("个百分点")) : NULL;
        T_OK(b && !strcmp(b->word, "个百分点") && mb_lex_value_is(b, "cat", "ppoint"),
             "the second still reads its words after the dictionary and the first are gone");
        mb_lexicon_free(l2);
    }

    /* a row whose items pass 65,535 bytes: walk_rows finds the word
     * and the items by the offsets written for them (32 bits) */
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
        T_OK(lw && strlen(lw->items) == ilen, "items of 68,000 bytes whole");
        T_OK(lw && mb_lex_value_is(lw, "cat", "measure"), "a value after them");
        mb_lexicon_free(lex);
        mb_dict_close(d);

        /* its items offset forged to the zero padding after them: the
         * word would run over the items, 68,000 bytes, past the 256 a word
         * may have (the index's counting sort counts by length) */
        size_t glen;
        unsigned char *im = read_image(out, 1 << 20, &glen, &off, &size);
        size_t metaat = size - 24;
        uint64_t o = mb_ld64(im + off + metaat + 8);
        size_t ioff = (size_t)(o >> 32);
        const unsigned char *z = memchr(im + off + ioff, 0, metaat - ioff);
        size_t pad = z ? (size_t)(z - (im + off)) + 1 : metaat;
        T_OK(pad < metaat, "the rows end with padding");
        mb_st64(im + off + metaat + 8, (o & 0xffffffffu) | (uint64_t)pad << 32);
        mb_dict_seal(im, glen);
        d = NULL;
        T_EQ_INT(mb_dict_open_mem("long word", im, glen, &d, &err), MB_EDICT_CORRUPT,
                 "a word of more than 256 bytes by its offsets refused");
        free(im);
    }
    remove(src);
    remove(user);
    remove(out);
    return t_done();
}
