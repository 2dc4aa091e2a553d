/* walk.c — the files to ingest: paths given and folders walked in a fixed
 * order (owns: mb_files_collect, mb_filelist_free). */
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct skipset {
    dev_t dev[4];
    ino_t ino[4];
    int n;
} skipset;

static int skipped(const skipset *k, const struct stat *sb)
{
    for (int i = 0; i < k->n; i++)
        if (k->dev[i] == sb->st_dev && k->ino[i] == sb->st_ino)
            return 1;
    return 0;
}

static int wanted(const char *name)
{
    static const char *const ext[] = {".txt", ".html", ".htm"};
    size_t n = strlen(name);
    for (int i = 0; i < 3; i++) {
        size_t m = strlen(ext[i]);
        if (n > m && !strcasecmp(name + n - m, ext[i]))
            return 1;
    }
    return 0;
}

static mb_status add_path(mb_filelist *l, const char *path, uint64_t size)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return MB_ENOMEM;
        l->paths = p;
        uint64_t *s = realloc(l->sizes, cap * sizeof *s);
        if (!s)
            return MB_ENOMEM;
        l->sizes = s;
        l->cap = cap;
    }
    char *c = strdup(path);
    if (!c)
        return MB_ENOMEM;
    l->paths[l->n] = c;
    l->sizes[l->n++] = size;
    l->total += size;
    return MB_OK;
}

static mb_status add_error(mb_filelist *l, const char *path, const char *why)
{
    if (l->nerrors == l->caperrors) {
        size_t cap = l->caperrors ? l->caperrors * 2 : 8;
        char **e = realloc(l->errors, cap * sizeof *e);
        if (!e)
            return MB_ENOMEM;
        l->errors = e;
        l->caperrors = cap;
    }
    size_t n = strlen(path) + strlen(why) + 3;
    char *m = malloc(n);
    if (!m)
        return MB_ENOMEM;
    snprintf(m, n, "%s: %s", path, why);
    l->errors[l->nerrors++] = m;
    return MB_OK;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *p = malloc(a + slash + b + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    if (slash)
        p[a] = '/';
    memcpy(p + a + slash, name, b + 1);
    return p;
}

static mb_status walk(mb_filelist *l, const char *dir, const skipset *k)
{
    DIR *d = opendir(dir);
    if (!d)
        return add_error(l, dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    mb_status st = MB_OK;
    struct dirent *e;
    errno = 0;
    while (!st && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) {
                st = MB_ENOMEM;
                break;
            }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name)))
            st = MB_ENOMEM;
        else
            n++;
    }
    closedir(d);
    if (!st && n) /* qsort of no array (an empty folder) is undefined */
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n && !st; i++) {
        char *p = join(dir, names[i]);
        if (!p) {
            st = MB_ENOMEM;
            break;
        }
        struct stat sb;
        if (lstat(p, &sb) != 0) {
            st = add_error(l, p, strerror(errno));
        } else if (S_ISDIR(sb.st_mode)) {
            st = walk(l, p, k);
        } else if (S_ISLNK(sb.st_mode) || S_ISREG(sb.st_mode)) {
            /* a link to a file is taken, a link to a folder is not followed */
            if (S_ISLNK(sb.st_mode) && stat(p, &sb) != 0)
                st = wanted(names[i]) ? add_error(l, p, strerror(errno)) : MB_OK;
            else if (S_ISREG(sb.st_mode) && wanted(names[i]) && !skipped(k, &sb))
                st = add_path(l, p, (uint64_t)sb.st_size);
        }
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

mb_status mb_files_collect(const char *const *paths, size_t npaths, const char *skip, mb_filelist *out,
                           mb_error *err)
{
    memset(out, 0, sizeof *out);
    skipset k = {.n = 0};
    if (skip) {
        static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
        for (int i = 0; i < 4; i++) {
            size_t n = strlen(skip) + strlen(suffix[i]) + 1;
            char *p = malloc(n);
            if (!p)
                return mb_error_set(err, MB_ENOMEM, "out of memory");
            snprintf(p, n, "%s%s", skip, suffix[i]);
            struct stat sb;
            if (stat(p, &sb) == 0) {
                k.dev[k.n] = sb.st_dev;
                k.ino[k.n++] = sb.st_ino;
            }
            free(p);
        }
    }
    mb_status st = MB_OK;
    for (size_t i = 0; i < npaths && !st; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) != 0)
            st = add_error(out, paths[i], strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            st = walk(out, paths[i], &k);
        else if (skipped(&k, &sb))
            st = add_error(out, paths[i], "the store itself, not a document");
        else
            st = add_path(out, paths[i], (uint64_t)sb.st_size);
    }
    if (st) {
        mb_filelist_free(out);
        return mb_error_set(err, st, "out of memory");
    }
    return MB_OK;
}

void mb_filelist_free(mb_filelist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    for (size_t i = 0; i < l->nerrors; i++)
        free(l->errors[i]);
    free(l->paths);
    free(l->sizes);
    free(l->errors);
    memset(l, 0, sizeof *l);
}
