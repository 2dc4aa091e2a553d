/* model.c (cli) — finding the dictionary and opening the model for the
 * commands that extract. */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_dict_path(const char *given, char *buf, size_t size)
{
    if (given)
        return given;
    const char *env = getenv("MUBIAO_DICT");
    if (env && *env)
        return env;
    /* beside the program (a build tree), then PREFIX/share/mubiao for the
     * program in PREFIX/bin (an installed, relocatable tree) */
    static const char *const rel[] = {"/mubiao.dict", "/../share/mubiao/mubiao.dict"};
    for (size_t k = 0; k < sizeof rel / sizeof rel[0]; k++) {
        ssize_t n = readlink("/proc/self/exe", buf, size - 1);
        if (n <= 0)
            break;
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        size_t rl = strlen(rel[k]) + 1;
        if (slash && (size_t)(slash - buf) + rl <= size) {
            memcpy(slash, rel[k], rl);
            if (access(buf, R_OK) == 0)
                return buf;
        }
    }
    return MB_DATADIR "/mubiao.dict";
}

mb_lexicon *cli_lexicon(const char *cmd, const char *dict, const char *const *lexicons, size_t nlex)
{
    char buf[PATH_MAX];
    const char *path = cli_dict_path(dict, buf, sizeof buf);
    mb_dict *d = NULL;
    mb_lexicon *lex = NULL;
    mb_error err = {0};
    if (mb_dict_open(path, &d, &err) || mb_lexicon_open(d, lexicons, nlex, &lex, &err)) {
        cli_error(cmd, "%s", err.message);
        if (err.code == MB_EIO && !d)
            fprintf(stderr,
                    "mubiao %s: build the dictionary with 'make' (or 'mubiao dict compile'), "
                    "then pass --dict FILE or set MUBIAO_DICT\n",
                    cmd);
    }
    mb_dict_close(d);
    return lex;
}

int cli_jit(char *const *in, size_t n)
{
    unsigned long long min = 32u << 10, total = 0;
    const char *env = getenv("MUBIAO_JIT_MIN");
    if (env && *env) {
        char *e;
        unsigned long long v = strtoull(env, &e, 10);
        if (!*e)
            min = v;
    }
    if (min == 0)
        return 1;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (!strcmp(in[i], "-") || stat(in[i], &st) || !S_ISREG(st.st_mode))
            return 1;
        total += (unsigned long long)st.st_size;
        if (total >= min)
            return 1;
    }
    return 0;
}

mb_model *cli_model(const char *cmd, const char *dict, const char *const *users, size_t nusers,
                    const char *const *lexicons, size_t nlex, int jit)
{
    char buf[PATH_MAX];
    const char *path = cli_dict_path(dict, buf, sizeof buf);
    mb_model *m = NULL;
    mb_error err = {0};
    if (mb_model_open_opts(path, users, nusers, lexicons, nlex, jit ? 0 : MB_MODEL_NO_JIT, &m, &err)) {
        cli_error(cmd, "%s", err.message);
        if (err.code == MB_EIO && !strncmp(err.message, path, strlen(path)))
            fprintf(stderr,
                    "mubiao %s: build the dictionary with 'make' (or 'mubiao dict compile'), "
                    "then pass --dict FILE or set MUBIAO_DICT\n",
                    cmd);
        return NULL;
    }
    return m;
}
