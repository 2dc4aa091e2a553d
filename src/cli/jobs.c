/* jobs.c — `--jobs N`: files processed by worker threads, each file's
 * output buffered and written in input order (see jobs.h). */
#include "jobs.h"

#include "cli.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

/* One input: its buffered output and result. */
typedef struct slot {
    buf out, err;
    int rc;
    int oom; /* a buffer could not grow: the output is incomplete */
    int done;
    int direct; /* every input before it is written: it writes as it goes */
} slot;

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t cv; /* an input done, or room in the window, or stop */
    cli_job_fn fn;
    void *ctx;
    slot *slots;
    size_t n;
    size_t next_take;         /* the next input a worker takes */
    atomic_size_t next_write; /* the next input written (changed under mu; read without it too) */
    size_t window;            /* inputs taken but not yet written, at most */
    int stop;
} pool;

/* The slot of the input the calling thread works on (NULL: not a worker),
 * its pool and its index. */
static _Thread_local slot *cur;
static _Thread_local pool *cur_pool;
static _Thread_local size_t cur_index;

static int flush_slot(slot *s);

int cli_jobs_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > CLI_JOBS_MAX ? CLI_JOBS_MAX : (int)n;
}

int cli_jobs_parse(const char *cmd, const char *arg, int *jobs)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < 1 || v > CLI_JOBS_MAX) {
        cli_error(cmd, "--jobs '%s': expected a number of jobs from 1 to %d", arg, CLI_JOBS_MAX);
        return 2;
    }
    *jobs = (int)v;
    return 0;
}

int cli_jobs_capturing(void)
{
    if (!cur || cur->direct)
        return 0;
    /* not yet the next input to be written: buffer, without the lock (every
     * write asks; next_write only grows, and stays at this input until it
     * is done, so an old value only means one more piece buffered) */
    if (atomic_load_explicit(&cur_pool->next_write, memory_order_acquire) != cur_index)
        return 1;
    /* the next input to be written (the calling thread waits for it):
     * write what is buffered, then as it goes, as one job would, so a large
     * file's output is not held in memory */
    pthread_mutex_lock(&cur_pool->mu);
    int next = cur_pool->next_write == cur_index && !cur_pool->stop;
    pthread_mutex_unlock(&cur_pool->mu);
    if (!next)
        return 1;
    cur->direct = 1;
    cur->rc |= flush_slot(cur);
    return 0;
}

static int buf_add(buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n)
            cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p)
            return -1;
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    return 0;
}

int cli_jobs_append(int fd, const char *s, size_t n)
{
    if (!cur || cur->oom)
        return -1;
    if (buf_add(fd == 2 ? &cur->err : &cur->out, s, n)) {
        cur->oom = 1;
        return -1;
    }
    return 0;
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next_take < p->n && p->next_take >= p->next_write + p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next_take >= p->n)
            break;
        size_t i = p->next_take++;
        pthread_mutex_unlock(&p->mu);
        slot *s = &p->slots[i];
        cur = s;
        cur_pool = p;
        cur_index = i;
        int rc = p->fn(p->ctx, i);
        cur = NULL;
        pthread_mutex_lock(&p->mu);
        s->rc |= rc;
        s->done = 1;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Write input i's buffers: standard error, then standard output. */
static int flush_slot(slot *s)
{
    int rc = s->rc;
    if (s->err.n)
        fwrite(s->err.s, 1, s->err.n, stderr);
    if (s->out.n)
        cli_out(s->out.s, s->out.n);
    if (s->oom) {
        cli_errf("mubiao: out of memory buffering the output of an input\n");
        rc = 1;
        s->oom = 0; /* said once */
    }
    free(s->err.s);
    free(s->out.s);
    memset(&s->err, 0, sizeof s->err);
    memset(&s->out, 0, sizeof s->out);
    return rc;
}

/* glibc's iconv loads a conversion module (gconv, dlopen) when the first
 * descriptor of an encoding is opened and unloads it (dlclose) when the
 * last is closed: decoding GB18030, Big5 or UTF-16 files in several threads
 * would load and unload the modules over and over, in ld.so code that
 * ThreadSanitizer cannot follow (it reports a race in _dl_close_worker).
 * One descriptor of each, open while the jobs run, keeps them loaded. */
static const char *const pinned_enc[] = {"GB18030", "BIG5", "UTF-16LE", "UTF-16BE"};
#define NPINNED (sizeof pinned_enc / sizeof pinned_enc[0])

static void pin_iconv(iconv_t cd[NPINNED])
{
    for (size_t i = 0; i < NPINNED; i++)
        cd[i] = iconv_open("UTF-32LE", pinned_enc[i]);
}

static void unpin_iconv(iconv_t cd[NPINNED])
{
    for (size_t i = 0; i < NPINNED; i++)
        if (cd[i] != (iconv_t)-1)
            iconv_close(cd[i]);
}

void cli_jobs_pin_iconv(int on)
{
    static iconv_t cd[NPINNED];
    static int pinned;
    if (on && !pinned++)
        pin_iconv(cd);
    else if (!on && pinned && !--pinned)
        unpin_iconv(cd);
}

int cli_jobs_run(int jobs, size_t n, cli_job_fn fn, void *ctx)
{
    if (jobs <= 0)
        jobs = cli_jobs_default();
    if ((size_t)jobs > n)
        jobs = (int)n;
    int rc = 0;
    if (jobs <= 1) { /* in order, on this thread, written at once */
        for (size_t i = 0; i < n && !cli_out_failed(); i++)
            rc |= fn(ctx, i);
        return rc;
    }
    pool p = {.fn = fn, .ctx = ctx, .n = n, .window = 4 * (size_t)jobs};
    p.slots = calloc(n, sizeof *p.slots);
    pthread_t *th = calloc((size_t)jobs, sizeof *th);
    if (!p.slots || !th || pthread_mutex_init(&p.mu, NULL)) {
        free(p.slots);
        free(th);
        cli_errf("mubiao: out of memory: running one job\n");
        return cli_jobs_run(1, n, fn, ctx);
    }
    pthread_cond_init(&p.cv, NULL);
    iconv_t pinned[NPINNED];
    pin_iconv(pinned);
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], NULL, worker, &p))
            break;
    if (!started) { /* no thread: do it here */
        unpin_iconv(pinned);
        pthread_cond_destroy(&p.cv);
        pthread_mutex_destroy(&p.mu);
        free(p.slots);
        free(th);
        return cli_jobs_run(1, n, fn, ctx);
    }
    pthread_mutex_lock(&p.mu);
    while (p.next_write < n) {
        slot *s = &p.slots[p.next_write];
        while (!s->done && !p.stop)
            pthread_cond_wait(&p.cv, &p.mu);
        if (!s->done)
            break;
        pthread_mutex_unlock(&p.mu);
        rc |= flush_slot(s);
        int failed = cli_out_failed();
        pthread_mutex_lock(&p.mu);
        p.next_write++;
        if (failed)
            p.stop = 1;
        pthread_cond_broadcast(&p.cv);
        if (failed)
            break;
    }
    pthread_mutex_unlock(&p.mu);
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    unpin_iconv(pinned);
    for (size_t i = 0; i < n; i++) { /* inputs done but not written (stopped) */
        free(p.slots[i].out.s);
        free(p.slots[i].err.s);
    }
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(th);
    return rc;
}
