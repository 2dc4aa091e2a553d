/* test_readfile.c — reading untrusted input (src/lib/readfile.c): the root
 * check, the size limit from fstat and while reading a pipe, the binary
 * check on the first 64 KiB, FIFOs and devices refused unread. */
#include "readfile.h"
#include "t.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void put(const char *name, const void *data, size_t n)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f || (n && fwrite(data, 1, n, f) != n) || fclose(f) != 0)
        abort();
}

/* status and message of reading dir/name with o */
static mb_status try_read(const char *name, const mb_read_opts *o, char *msg, size_t *len)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unsigned char *buf = NULL;
    mb_error err = {0};
    mb_status st = mb_read_path(p, o, &buf, len, &err);
    /* messages name the file: keep them relative to dir */
    const char *m = err.message;
    char *at;
    while ((at = strstr(m, dir)) != NULL && at == m)
        m += strlen(dir) + 1;
    snprintf(msg, 512, "%s", m);
    for (char *q; (q = strstr(msg, dir)) != NULL;)
        memmove(q, q + strlen(dir), strlen(q + strlen(dir)) + 1);
    free(buf);
    return st;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/mubiao-readfile.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    /* mb_path_inside: a table */
    static const struct {
        const char *path, *root;
        int want;
    } in[] = {
        {"/a/b/c.txt", "/a/b", 0}, {"/a/b", "/a/b", 0},     {"/a/bc/d", "/a/b", -1}, {"/a/b/c", "/a/b/", 0},
        {"/etc/passwd", "/a", -1}, {"/etc/passwd", "/", 0}, {"/a", "/a/b", -1},
    };
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        char what[128];
        snprintf(what, sizeof what, "inside: %s in %s", in[i].path, in[i].root);
        T_EQ_INT(mb_path_inside(in[i].path, in[i].root), in[i].want, what);
    }

    char msg[512];
    size_t n;
    put("ten.txt", "0123456789", 10);
    mb_read_opts small = {.max_size = 9};
    T_EQ_INT(try_read("ten.txt", &small, msg, &n), MB_ETOOBIG, "10 bytes over a limit of 9: MB_ETOOBIG");
    T_EQ_STR(msg, "ten.txt: 10 bytes, over the limit of 9 bytes: not read", "... from the size, named");
    mb_read_opts exact = {.max_size = 10};
    T_EQ_INT(try_read("ten.txt", &exact, msg, &n), MB_OK, "10 bytes at a limit of 10: read");
    T_EQ_INT(n, 10, "... all 10 bytes");

    /* a NUL in the first 64 KiB refuses the file before the rest is read */
    size_t big = 100000;
    char *b = malloc(big);
    memset(b, 'a', big);
    b[70000] = '\0';
    put("late.txt", b, big);
    T_EQ_INT(try_read("late.txt", NULL, msg, &n), MB_OK, "a NUL at byte 70000, past the probe: read whole");
    T_EQ_INT(n, big, "... all of it (the decoder names the byte: tests/data/bad_input.tsv)");
    b[70000] = 'a';
    b[5] = '\0';
    put("early.txt", b, big);
    T_EQ_INT(try_read("early.txt", NULL, msg, &n), MB_EBINARY, "a NUL at byte 5: binary");
    T_EQ_STR(msg, "early.txt: byte 5: NUL byte: binary file, not text",
             "... after the first 64 KiB, with its offset");
    /* UTF-16: NUL bytes are text, a zero unit is not */
    static const unsigned char u16[] = {0xFF, 0xFE, 0x30, 0x57, 0x0A, 0x00};
    put("u16.txt", u16, sizeof u16);
    T_EQ_INT(try_read("u16.txt", NULL, msg, &n), MB_OK, "UTF-16LE with a BOM: its NUL bytes are text");
    mb_read_opts be = {.encoding = "utf-16be"};
    static const unsigned char z16[] = {0x57, 0x30, 0x00, 0x00};
    put("z16.txt", z16, sizeof z16);
    T_EQ_INT(try_read("z16.txt", &be, msg, &n), MB_EBINARY, "forced UTF-16BE, a zero unit: binary");
    T_EQ_STR(msg, "z16.txt: byte 2: NUL character (U+0000 in utf-16be): binary file, not text",
             "... its message");
    free(b);

    /* FIFO, device, folder: refused before reading (a FIFO never blocks) */
    char p[128];
    snprintf(p, sizeof p, "%s/fifo", dir);
    T_OK(mkfifo(p, 0600) == 0, "mkfifo");
    mb_read_opts reg = {.regular_only = 1};
    T_EQ_INT(try_read("fifo", &reg, msg, &n), MB_EIO, "a FIFO with regular_only: refused");
    T_EQ_STR(msg, "fifo: a FIFO, not a regular file: not read", "... named, unread, without blocking");
    unsigned char *buf = NULL;
    mb_error err = {0};
    T_EQ_INT(mb_read_path("/dev/null", &reg, &buf, &n, &err), MB_EIO, "/dev/null with regular_only: refused");
    T_EQ_STR(err.message, "/dev/null: a character device, not a regular file: not read",
             "... a character device");
    T_EQ_INT(mb_read_path("/dev/null", NULL, &buf, &n, &err), MB_OK, "/dev/null allowed: empty");
    free(buf);
    T_EQ_INT(try_read("", NULL, msg, &n), MB_EIO, "a folder: refused always");

    /* the root: outside paths are not opened, links are resolved */
    char inner[128];
    snprintf(inner, sizeof inner, "%s/in", dir);
    mkdir(inner, 0700);
    put("in/doc.txt", "text", 4);
    snprintf(p, sizeof p, "%s/in/link.txt", dir);
    T_OK(symlink("../ten.txt", p) == 0, "symlink");
    mb_read_opts rooted = {.root = inner};
    T_EQ_INT(try_read("in/doc.txt", &rooted, msg, &n), MB_OK, "inside the root: read");
    T_EQ_INT(try_read("in/link.txt", &rooted, msg, &n), MB_EIO, "a link out of the root: refused");
    T_EQ_STR(msg, "in/link.txt: outside the root folder /in (it is /ten.txt): not read",
             "... saying where it points");
    T_EQ_INT(try_read("in/../ten.txt", &rooted, msg, &n), MB_EIO, "../ out of the root: refused");

    /* a pipe longer than the limit: stopped once over it */
    int fds[2];
    T_OK(pipe(fds) == 0, "pipe");
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char chunk[4096];
        memset(chunk, 'x', sizeof chunk);
        for (int i = 0; i < 64; i++) /* 256 KiB, then the reader stops reading */
            if (write(fds[1], chunk, sizeof chunk) < 0)
                break;
        _exit(0);
    }
    close(fds[1]);
    mb_read_opts lim = {.max_size = 100000};
    T_EQ_INT(mb_read_fd("pipe", fds[0], &lim, &buf, &n, &err), MB_ETOOBIG,
             "a pipe over the limit: MB_ETOOBIG");
    T_EQ_STR(err.message, "pipe: more than 100000 bytes, over the limit: not read", "... named");
    close(fds[0]);
    waitpid(pid, NULL, 0);

    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return t_done();
}
