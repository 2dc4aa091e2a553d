/* watch.c (cli) — `mubiao ingest --watch DIR...`: ingest what is in the
 * folders, then every file that is completed in them (written and closed,
 * or renamed into them) until SIGINT or SIGTERM. Linux: inotify and
 * signalfd. The signals are blocked while it runs and read between two
 * documents, so a stop never falls inside a document's transaction. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct watch_dir {
    int wd;
    char *path; /* as given, joined with "/" and the names under it (as the folder walk does) */
} watch_dir;

typedef struct watcher {
    int ifd, sfd;
    watch_dir *dirs;
    size_t ndirs, cap;
    mb_store *store;
    const mb_model *model;
    const mb_doc_options *opt;
    const char *db;
    size_t count[4], failed, records;
    int stop; /* the signal that stopped it, 0 while running */
} watcher;

/* The names the folder walk takes (src/lib/walk.c): not hidden, ending in
 * .txt, .html or .htm. A download in progress (x.html.part, x.crdownload)
 * is not one until it is renamed. */
static int wanted(const char *name)
{
    static const char *const ext[] = {".txt", ".html", ".htm"};
    size_t n = strlen(name);
    if (name[0] == '.')
        return 0;
    for (int i = 0; i < 3; i++) {
        size_t m = strlen(ext[i]);
        if (n > m && !strcasecmp(name + n - m, ext[i]))
            return 1;
    }
    return 0;
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

/* A pending SIGINT or SIGTERM: read it and remember it. */
static int check_signal(watcher *w)
{
    struct pollfd p = {w->sfd, POLLIN, 0};
    if (!w->stop && poll(&p, 1, 0) > 0) {
        struct signalfd_siginfo si;
        if (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si)
            w->stop = (int)si.ssi_signo;
    }
    return w->stop;
}

/* Ingest one file and log one line on stdout (nothing for unchanged). */
static void ingest_one(watcher *w, const char *path)
{
    mb_ingest_result res = {0};
    mb_error e = {0};
    mb_status st = mb_store_ingest_file(w->store, w->model, path, w->opt, &res, &e);
    for (size_t k = 0; k < res.nwarnings; k++)
        fprintf(stderr, "mubiao ingest: warning: %s\n", res.warnings[k]);
    if (st) {
        cli_error("ingest", "%s", e.message[0] ? e.message : mb_strerror(st));
        printf("failed\t%s\n", path);
        w->failed++;
    } else {
        w->count[res.status]++;
        w->records += res.records;
        if (res.status == MB_INGEST_DUPLICATE)
            printf("duplicate\t%s\tsame as %s\n", path, res.same_as);
        else if (res.status != MB_INGEST_UNCHANGED)
            printf("%s\t%s\t%zu records\n", mb_ingest_status_name(res.status), path, res.records);
    }
    fflush(stdout);
    mb_ingest_result_clear(&res);
}

/* Ingest every file the walk finds under paths, stopping at a signal. */
static void ingest_tree(watcher *w, const char *const *paths, size_t n)
{
    mb_filelist files;
    mb_error err = {0};
    if (mb_files_collect(paths, n, w->db, 0, &files, &err)) {
        cli_error("ingest", "%s", err.message);
        return;
    }
    for (size_t i = 0; i < files.nerrors; i++)
        cli_error("ingest", "%s", files.errors[i]);
    for (size_t i = 0; i < files.n && !check_signal(w); i++)
        ingest_one(w, files.paths[i]);
    mb_filelist_free(&files);
}

/* Watch dir and the folders under it (not hidden ones, not links). */
static int add_watches(watcher *w, const char *dir)
{
    int wd = inotify_add_watch(w->ifd, dir,
                               IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) {
        cli_error("ingest", "%s: cannot watch: %s", dir, strerror(errno));
        return -1;
    }
    size_t i = 0;
    while (i < w->ndirs && w->dirs[i].wd != wd)
        i++;
    if (i == w->ndirs) { /* a new watch (inotify gives the same wd for a folder watched twice) */
        if (w->ndirs == w->cap) {
            size_t nc = w->cap ? w->cap * 2 : 16;
            watch_dir *nd = realloc(w->dirs, nc * sizeof *nd);
            if (!nd)
                return -1;
            w->dirs = nd;
            w->cap = nc;
        }
        char *p = strdup(dir);
        if (!p)
            return -1;
        w->dirs[w->ndirs].wd = wd;
        w->dirs[w->ndirs++].path = p;
    }
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && !rc) {
        if (e->d_name[0] == '.')
            continue;
        char *sub = join(dir, e->d_name);
        struct stat sb;
        if (!sub)
            rc = -1;
        else if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
            rc = add_watches(w, sub);
        free(sub);
    }
    closedir(d);
    return rc;
}

static const char *dir_of(const watcher *w, int wd)
{
    for (size_t i = 0; i < w->ndirs; i++)
        if (w->dirs[i].wd == wd)
            return w->dirs[i].path;
    return NULL;
}

static void handle_events(watcher *w, const char *const *roots, size_t nroots)
{
    char buf[65536] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n = read(w->ifd, buf, sizeof buf);
    if (n <= 0)
        return;
    for (char *p = buf; p < buf + n && !check_signal(w);) {
        const struct inotify_event *ev = (const struct inotify_event *)p;
        p += sizeof *ev + ev->len;
        if (ev->mask & IN_Q_OVERFLOW) { /* events were lost: look at everything again */
            ingest_tree(w, roots, nroots);
            continue;
        }
        const char *dir = dir_of(w, ev->wd);
        if (!dir || !ev->len || ev->name[0] == '.')
            continue;
        char *path = join(dir, ev->name);
        if (!path) {
            cli_error("ingest", "out of memory");
            w->stop = -1;
            return;
        }
        if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
            /* a new folder: watch it, then take what was put in it meanwhile */
            if (add_watches(w, path) == 0) {
                const char *one[1] = {path};
                ingest_tree(w, one, 1);
            }
        } else if (!(ev->mask & IN_ISDIR) && (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) &&
                   wanted(ev->name)) {
            ingest_one(w, path);
        }
        free(path);
    }
}

int cli_ingest_watch(const char *const *roots, size_t nroots, mb_store *store, const mb_model *model,
                     const mb_doc_options *opt, const char *db)
{
    watcher w;
    memset(&w, 0, sizeof w);
    w.store = store;
    w.model = model;
    w.opt = opt;
    w.db = db;
    for (size_t i = 0; i < nroots; i++) {
        struct stat sb;
        if (stat(roots[i], &sb) != 0 || !S_ISDIR(sb.st_mode)) {
            cli_error("ingest", "--watch %s: not a folder", roots[i]);
            return 2;
        }
    }
    /* SIGINT and SIGTERM are read from a signalfd, between documents; a
     * shell starts background jobs with SIGINT ignored: take it back */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    if (sigprocmask(SIG_BLOCK, &set, &old) != 0 || (w.sfd = signalfd(-1, &set, SFD_CLOEXEC)) < 0 ||
        (w.ifd = inotify_init1(IN_CLOEXEC)) < 0) {
        cli_error("ingest", "--watch: %s", strerror(errno));
        if (w.sfd > 0)
            close(w.sfd);
        sigprocmask(SIG_SETMASK, &old, NULL);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < nroots && !rc; i++)
        if (add_watches(&w, roots[i]))
            rc = 1;
    if (!rc) {
        /* watches first, then what is there already: nothing falls between */
        ingest_tree(&w, roots, nroots);
        fprintf(stderr, "mubiao ingest: watching %zu folder%s for new files (SIGINT or SIGTERM stops)\n",
                w.ndirs, w.ndirs == 1 ? "" : "s");
        while (!check_signal(&w)) {
            struct pollfd p[2] = {{w.ifd, POLLIN, 0}, {w.sfd, POLLIN, 0}};
            if (poll(p, 2, -1) < 0 && errno != EINTR) {
                cli_error("ingest", "--watch: %s", strerror(errno));
                rc = 1;
                break;
            }
            if (p[0].revents & POLLIN)
                handle_events(&w, roots, nroots);
        }
        if (w.stop > 0)
            printf(
                "ingest: stopped by %s: %zu new, %zu updated, %zu duplicate, %zu failed; %zu records stored "
                "in %s\n",
                w.stop == SIGINT ? "SIGINT" : "SIGTERM", w.count[MB_INGEST_NEW], w.count[MB_INGEST_UPDATED],
                w.count[MB_INGEST_DUPLICATE], w.failed, w.records, db);
        else if (w.stop < 0)
            rc = 1;
    }
    for (size_t i = 0; i < w.ndirs; i++)
        free(w.dirs[i].path);
    free(w.dirs);
    close(w.ifd);
    close(w.sfd);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}
