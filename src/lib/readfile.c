/* readfile.c — reading an input file that may be hostile; see readfile.h. */
#include "readfile.h"

#include "decode.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROBE (64 * 1024) /* the binary check reads this much first */

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

int mb_path_inside(const char *real, const char *root_real)
{
    size_t n = strlen(root_real);
    while (n > 1 && root_real[n - 1] == '/')
        n--;
    if (n == 1 && root_real[0] == '/')
        return 0;
    if (strncmp(real, root_real, n))
        return -1;
    return real[n] == '\0' || real[n] == '/' ? 0 : -1;
}

/* Read until n == want or end of input; 0 or an errno. */
static int read_upto(int fd, unsigned char *buf, size_t *n, size_t want)
{
    while (*n < want) {
        ssize_t r = read(fd, buf + *n, want - *n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (r == 0)
            break;
        *n += (size_t)r;
    }
    return 0;
}

mb_status mb_read_fd(const char *name, int fd, const mb_read_opts *o, unsigned char **out, size_t *n,
                     mb_error *err)
{
    *out = NULL;
    *n = 0;
    uint64_t max = o && o->max_size ? o->max_size : MB_MAX_FILE_SIZE;
    if (max > MB_MAX_FILE_SIZE_HARD)
        max = MB_MAX_FILE_SIZE_HARD;
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return mb_error_set(err, MB_EIO, "%s: %s", name, strerror(errno));
    int regular = S_ISREG(sb.st_mode);
    if (S_ISDIR(sb.st_mode) || (!regular && o && o->regular_only))
        return mb_error_set(err, MB_EIO, "%s: %s, not a regular file: not read", name, kind_of(sb.st_mode));
    if (regular && (uint64_t)sb.st_size > max)
        return mb_error_set(err, MB_ETOOBIG, "%s: %llu bytes, over the limit of %llu bytes: not read", name,
                            (unsigned long long)sb.st_size, (unsigned long long)max);
    if (!regular) { /* a pipe or terminal the caller allowed: wait for its data */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0 && (fl & O_NONBLOCK))
            (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    /* a regular file: its size (it may still grow or shrink); else chunks */
    size_t cap = regular ? (size_t)sb.st_size + 1 : PROBE;
    if (cap < PROBE)
        cap = PROBE;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
    size_t len = 0;
    int e = read_upto(fd, buf, &len, PROBE);
    mb_status st = MB_OK;
    if (e)
        st = mb_error_set(err, MB_EIO, "%s: %s", name, strerror(e));
    if (!st) /* a binary file is refused after its first 64 KiB */
        st = mb_decode_check_nul(name, buf, len, o ? o->encoding : NULL, err);
    for (int more = !st && len == PROBE; more;) {
        if ((e = read_upto(fd, buf, &len, cap)) != 0) {
            st = mb_error_set(err, MB_EIO, "%s: %s", name, strerror(e));
            break;
        }
        if (len < cap)
            break; /* end of input */
        if ((uint64_t)len > max) {
            st = mb_error_set(err, MB_ETOOBIG, "%s: more than %llu bytes, over the limit: not read", name,
                              (unsigned long long)max);
            break;
        }
        size_t ncap = (uint64_t)cap * 2 > max + 1 ? (size_t)max + 1 : cap * 2;
        unsigned char *nb = realloc(buf, ncap);
        if (!nb) {
            st = mb_error_set(err, MB_ENOMEM, "%s: out of memory", name);
            break;
        }
        buf = nb;
        cap = ncap;
    }
    if (st) {
        free(buf);
        return st;
    }
    *out = buf;
    *n = len;
    return MB_OK;
}

mb_status mb_open_path(const char *path, const mb_read_opts *o, int *fdp, mb_error *err)
{
    *fdp = -1;
    char real[PATH_MAX], rootreal[PATH_MAX];
    if (o && o->root) {
        /* resolve before opening: a path outside is never opened */
        if (!realpath(o->root, rootreal))
            return mb_error_set(err, MB_EIO, "%s: root folder %s: %s", path, o->root, strerror(errno));
        if (!realpath(path, real))
            return mb_error_set(err, MB_EIO, "%s: %s", path, strerror(errno));
        if (mb_path_inside(real, rootreal))
            return mb_error_set(err, MB_EIO, "%s: outside the root folder %s (it is %s): not read", path,
                                rootreal, real);
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return mb_error_set(err, MB_EIO, "%s: %s", path, strerror(errno));
    if (o && o->root) { /* the file opened is still the one checked (no link swapped in between) */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        ssize_t k = readlink(proc, real, sizeof real - 1);
        if (k > 0) {
            real[k] = '\0';
            if (mb_path_inside(real, rootreal)) {
                close(fd);
                return mb_error_set(err, MB_EIO, "%s: outside the root folder %s (it is %s): not read", path,
                                    rootreal, real);
            }
        }
    }
    struct stat sb;
    if (!(o && o->regular_only) && fstat(fd, &sb) == 0 && S_ISFIFO(sb.st_mode)) {
        /* a FIFO the caller accepts: open it again as any reader would,
         * waiting for its writer (opened without O_NONBLOCK, a FIFO that no
         * writer has opened yet would read as empty) */
        close(fd);
        fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return mb_error_set(err, MB_EIO, "%s: %s", path, strerror(errno));
    }
    *fdp = fd;
    return MB_OK;
}

mb_status mb_read_path(const char *path, const mb_read_opts *o, unsigned char **out, size_t *n, mb_error *err)
{
    *out = NULL;
    *n = 0;
    int fd;
    mb_status st = mb_open_path(path, o, &fd, err);
    if (st)
        return st;
    st = mb_read_fd(path, fd, o, out, n, err);
    close(fd);
    return st;
}
