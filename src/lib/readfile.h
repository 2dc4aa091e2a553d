/* readfile.h — reading an input file that may be hostile (owns: mb_read_path,
 * mb_read_fd, the size limit, the root check, the early binary check).
 *
 * Nothing is read before the checks that can be made without reading: the
 * path is resolved and compared with the root (when there is one) before it
 * is opened; it is opened with O_NONBLOCK (a FIFO never blocks the open)
 * and fstat decides: a FIFO, device, socket or folder is refused when
 * regular_only is set, a regular file larger than the limit is refused
 * from its size. The first 64 KiB are then read and checked for a NUL
 * byte (a binary file is refused after 64 KiB, not after all of it) and
 * only then is the rest read, in chunks, the limit still enforced (a file
 * that grows, a pipe). */
#ifndef MB_READFILE_H
#define MB_READFILE_H

#include "mubiao.h"

#include <stdint.h>

typedef struct mb_read_opts {
    uint64_t max_size;    /* 0: MB_MAX_FILE_SIZE */
    int regular_only;     /* refuse anything but a regular file */
    const char *root;     /* non-NULL: refuse a path whose real location is not inside this folder */
    const char *encoding; /* the forced encoding (NULL: detected): UTF-16 holds NUL bytes */
} mb_read_opts;

/* Read path into *out (malloc'ed, *n bytes). Errors name the path (and
 * the byte offset of a NUL). */
mb_status mb_read_path(const char *path, const mb_read_opts *o, unsigned char **out, size_t *n,
                       mb_error *err);
/* Open path for reading after the root check (a FIFO opened as a reader
 * waits for its writer): *fd, to be closed by the caller. */
mb_status mb_open_path(const char *path, const mb_read_opts *o, int *fd, mb_error *err);
/* The same on an open descriptor (not closed); name is what errors say. */
mb_status mb_read_fd(const char *name, int fd, const mb_read_opts *o, unsigned char **out, size_t *n,
                     mb_error *err);
/* 0 when real (an absolute path without links) is root_real or inside it. */
int mb_path_inside(const char *real, const char *root_real);

#endif
