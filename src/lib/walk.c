/* walk.c — the files to ingest: paths given and folders walked in a fixed
 * order (owns: mb_files_collect, mb_filelist_free). */
#include "error.h"
#include "readfile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
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

static mb_status add_msg(char ***v, size_t *n, size_t *capv, const char *path, const char *why)
{
    if (*n == *capv) {
        size_t cap = *capv ? *capv * 2 : 8;
        char **e = realloc(*v, cap * sizeof *e);
        if (!e)
            return MB_ENOMEM;
        *v = e;
        *capv = cap;
    }
    size_t len = strlen(path) + strlen(why) + 3;
    char *m = malloc(len);
    if (!m)
        return MB_ENOMEM;
    snprintf(m, len, "%s: %s", path, why);
    (*v)[(*n)++] = m;
    return MB_OK;
}

/* a file that could not be looked at (counted as failed) */
static mb_status add_error(mb_filelist *l, const char *path, const char *why)
{
    return add_msg(&l->errors, &l->nerrors, &l->caperrors, path, why);
}

/* a file left out on purpose (counted as skipped) */
static mb_status add_skip(mb_filelist *l, const char *path, const char *why)
{
    return add_msg(&l->skipped, &l->nskipped, &l->capskipped, path, why);
}

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m)   ? "a FIFO, not a regular file: skipped"
           : S_ISCHR(m)  ? "a character device, not a regular file: skipped"
           : S_ISBLK(m)  ? "a block device, not a regular file: skipped"
           : S_ISSOCK(m) ? "a socket, not a regular file: skipped"
                         : "not a regular file: skipped";
}

/* What a walk needs besides the list. */
typedef struct walkctx {
    const skipset *k;
    int flags;
    char root[PATH_MAX]; /* the real path of the folder given */
} walkctx;

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

static mb_status walk(mb_filelist *l, const char *dir, const walkctx *w)
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
    if (!st && n) /* an empty folder: names is NULL, which qsort may not take */
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
            st = walk(l, p, w);
        } else if (!wanted(names[i])) {
            /* not a document's name: not looked at */
        } else if (S_ISLNK(sb.st_mode)) {
            /* a link to a file inside the folder is taken (outside, only with
             * MB_WALK_FOLLOW_SYMLINKS), a link to a folder is not followed */
            char real[PATH_MAX];
            if (stat(p, &sb) != 0 || !realpath(p, real))
                st = add_error(l, p, errno == ELOOP ? "a loop of symbolic links" : strerror(errno));
            else if (!S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
                st = add_skip(l, p, kind_of(sb.st_mode));
            else if (S_ISREG(sb.st_mode) && !(w->flags & MB_WALK_FOLLOW_SYMLINKS) &&
                     mb_path_inside(real, w->root)) {
                size_t m = strlen(real) + strlen(w->root) + 96;
                char *why = malloc(m);
                if (!why) {
                    st = MB_ENOMEM;
                } else {
                    snprintf(why, m, "a link to %s, outside %s: skipped (--follow-symlinks takes it)", real,
                             w->root);
                    st = add_skip(l, p, why);
                    free(why);
                }
            } else if (S_ISREG(sb.st_mode) && !skipped(w->k, &sb))
                st = add_path(l, p, (uint64_t)sb.st_size);
        } else if (S_ISREG(sb.st_mode)) {
            if (!skipped(w->k, &sb))
                st = add_path(l, p, (uint64_t)sb.st_size);
        } else {
            st = add_skip(l, p, kind_of(sb.st_mode));
        }
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return st;
}

mb_status mb_files_collect(const char *const *paths, size_t npaths, const char *skip, int flags,
                           mb_filelist *out, mb_error *err)
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
        else if (S_ISDIR(sb.st_mode)) {
            walkctx w = {.k = &k, .flags = flags};
            if (!realpath(paths[i], w.root))
                st = add_error(out, paths[i], strerror(errno));
            else
                st = walk(out, paths[i], &w);
        } else if (!S_ISREG(sb.st_mode))
            st = add_skip(out, paths[i], kind_of(sb.st_mode));
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
    for (size_t i = 0; i < l->nskipped; i++)
        free(l->skipped[i]);
    free(l->skipped);
    free(l->paths);
    free(l->sizes);
    free(l->errors);
    memset(l, 0, sizeof *l);
}
