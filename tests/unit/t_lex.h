/* t_lex.h — the lexicon for unit tests: the .tsv files of dict/lexicon/ compiled at
 * test time into a small dictionary (no words), its lexicon opened. Tests
 * run from the top of the tree (tests/run.sh). */
#ifndef MB_T_LEX_H
#define MB_T_LEX_H

#include "mubiao.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* The lexicon, or NULL (the error printed as a failed test line). */
static inline mb_lexicon *t_lexicon(void)
{
    glob_t g;
    mb_lexicon *lex = NULL;
    if (glob("dict/lexicon/*.tsv", 0, NULL, &g) != 0) {
        printf("not ok - no lexicon files in dict/lexicon/ (run from the top of the tree)\n");
        return NULL;
    }
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/mubiao-t-lex-%ld.dict", tmp && *tmp ? tmp : "/tmp", (long)getpid());
    mb_error err = {0};
    mb_dict *d = NULL;
    if (mb_dict_compile_lexicon(path, NULL, NULL, 0, (const char *const *)g.gl_pathv, g.gl_pathc, &err) ||
        mb_dict_open(path, &d, &err) || mb_lexicon_open(d, NULL, 0, &lex, &err))
        printf("not ok - lexicon: %s\n", err.message);
    mb_dict_close(d);
    remove(path);
    globfree(&g);
    return lex;
}

#endif
