/* inputs.c (cli) — the documents a reading command is given (extract,
 * paragraphs, segment, numbers, show, report): files as named, folders
 * walked, standard input when no file is named and it is not a terminal. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_stdin_name = "-";

static int push(char ***v, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        char **nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    char *d = strdup(s);
    if (!d)
        return -1;
    (*v)[(*n)++] = d;
    return 0;
}

char **cli_inputs(const char *cmd, int argc, char **argv, int first, size_t *n, int *failed)
{
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    if (first >= argc) {
        if (isatty(STDIN_FILENO))
            return NULL; /* nothing named, nothing piped: a usage error */
        if (push(&v, n, &cap, "-"))
            goto nomem;
        return v;
    }
    for (int i = first; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") == 0 || stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (push(&v, n, &cap, argv[i])) /* a file, or an error cli_load reports */
                goto nomem;
            continue;
        }
        mb_filelist fl = {0};
        mb_error err = {0};
        const char *one[1] = {argv[i]};
        if (mb_files_collect(one, 1, NULL, 0, &fl, &err)) {
            cli_error(cmd, "%s", err.message);
            *failed = 1;
        }
        for (size_t k = 0; k < fl.nskipped; k++) /* FIFOs, devices: said, not read */
            cli_error(cmd, "%s", fl.skipped[k]);
        for (size_t k = 0; k < fl.nerrors; k++) {
            cli_error(cmd, "%s", fl.errors[k]);
            *failed = 1;
        }
        if (!fl.n && !fl.nerrors) { /* a folder with nothing to read is a failed input, said */
            cli_error(cmd, "%s: no .txt, .html or .htm file in it", argv[i]);
            *failed = 1;
        }
        int bad = 0;
        for (size_t k = 0; k < fl.n && !bad; k++)
            bad = push(&v, n, &cap, fl.paths[k]);
        mb_filelist_free(&fl);
        if (bad)
            goto nomem;
    }
    if (!*n) { /* only empty folders: nothing to do, not a usage error */
        char **e = calloc(1, sizeof *e);
        if (!e)
            goto nomem;
        return e;
    }
    return v;
nomem:
    cli_inputs_free(v, *n);
    cli_error(cmd, "out of memory");
    *n = 0;
    *failed = 1;
    return calloc(1, sizeof(char *));
}

void cli_inputs_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}
