/* cmd_ingest.c — `mubiao ingest`: documents into the SQLite store. */
#include "cli.h"
#include "jobs.h"

#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_ingest = {
    "ingest",
    "add new and changed documents (text, HTML) to the SQLite store",
    "usage: mubiao ingest [--db PATH] [--quiet] [--verbose] [--lenient] [--dict F] [--user-dict F]... "
    "[--user-lexicon F]...\n"
    "                     [--follow-symlinks] [--date DATE] [--issuer NAME] [--force] [--jobs N] "
    "DIR|FILE|-...\n"
    "       mubiao ingest --watch [--db PATH] [--lenient] [--dict F] [--user-dict F]... [--user-lexicon "
    "F]... "
    "[--follow-symlinks] DIR...\n"
    "\n"
    "Extract the records of every document and keep them, with the documents\n"
    "and their paragraphs, in an SQLite store (default ./mubiao.db, or\n"
    "$MUBIAO_DB), or in a PostgreSQL database when the store is a URI\n"
    "postgresql://... (several ingests at once, on several machines). Folders\n"
    "are walked recursively in name order for .txt, .html\n"
    "and .htm files (hidden names skipped); files named on the command line are\n"
    "taken whatever their name. Paths are stored as given here: run ingest from\n"
    "the same folder each time. '-' reads one document from standard input,\n"
    "stored under the path '-' (before the files).\n"
    "\n"
    "Only regular files are read: a FIFO, device or socket is skipped with a\n"
    "message, and so is a symbolic link (in a folder walked) to a file outside\n"
    "that folder, unless --follow-symlinks. A file over 1 GiB is refused before\n"
    "it is read, a binary one after its first 64 KiB.\n"
    "\n"
    "Incremental: a file whose content (sha256) is already stored is skipped;\n"
    "a file whose path is stored with other content replaces its old rows. Each\n"
    "document is one transaction, so an interrupted run leaves a consistent\n"
    "store and the next run finishes the job.\n"
    "\n"
    "Options:\n"
    "      --db PATH        the store (default: $MUBIAO_DB, else mubiao.db)\n"
    "  -q, --quiet          no progress and no summary (errors are still printed)\n"
    "  -v, --verbose        one line per file on stdout: status, path, records\n"
    "      --lenient        replace undecodable bytes with U+FFFD and warn\n"
    "      --dict F         the compiled dictionary (as for extract)\n"
    "      --user-dict F    a user dictionary; repeatable\n"
    "      --user-lexicon F extra lexicon rows (README \"Lexicon\"); repeatable\n"
    "  -w, --watch          ingest what the folders hold, then keep watching them\n"
    "                       (inotify) and ingest each file once it is complete:\n"
    "                       written and closed, or renamed into a folder (a\n"
    "                       download is taken when it gets its .html or .txt\n"
    "                       name); new sub-folders are watched too. One line per\n"
    "                       document on stdout (new, updated, duplicate, failed);\n"
    "                       a bad file is reported and skipped. SIGINT or SIGTERM\n"
    "                       stops it between two documents (exit 0), so the store\n"
    "                       never holds half a document\n"
    "      --follow-symlinks take links to files outside the folder walked\n"
    "  -d, --date DATE      every document's date, YYYY-MM-DD or a year YYYY (else\n"
    "                       FILE.meta.json {\"date\": ...}, the page or the text)\n"
    "      --issuer NAME    every document's issuer, e.g. 苏州市人民政府 (else\n"
    "                       FILE.meta.json {\"issuer\": ...}, the title or the\n"
    "                       speaker line; README \"Issuer and region\")\n"
    "      --force          read and store again files stored with this content\n"
    "  -j, --jobs N         read and extract N documents at once (default: the\n"
    "                       online cores); one thread writes the store, in input\n"
    "                       order, so the store and the output are those of\n"
    "                       --jobs 1\n"
    "\n"
    "A file stored with the same content is read again (updated) when the\n"
    "--date or --issuer given, or its FILE.meta.json, differ from when it was\n"
    "stored: correct a date in the sidecar and ingest again.\n"
    "\n"
    "Progress (files done/total, MB/s) goes to stderr when it is a terminal; the\n"
    "summary goes to stdout: files new, updated, unchanged, duplicate (same\n"
    "content under another path), skipped (not regular files, links out of the\n"
    "folder), failed (unreadable, binary, undecodable, loops of links), and\n"
    "records stored. A file that fails is reported with its name and skipped;\n"
    "the exit status is then 1.\n",
    run,
};

/* One document of a batch: its look-up, its job, its result. */
typedef struct ingest_item {
    const char *path;
    mb_ingest_job *job; /* NULL: nothing to read, or the look-up failed */
    mb_status st;       /* of the look-up */
    mb_ingest_result res;
    mb_error err;
    uint64_t bytes;
} ingest_item;

typedef struct job_pool {
    pthread_mutex_t mu;
    ingest_item *items;
    size_t n, next;
    const mb_model *model;
} job_pool;

static void *job_worker(void *arg)
{
    job_pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->n)
            return NULL;
        if (p->items[i].job)
            mb_ingest_job_run(p->items[i].job, p->model);
    }
}

/* Run the jobs of items[0..n) on up to `jobs` threads (this one too). */
static void run_jobs(ingest_item *items, size_t n, int jobs, const mb_model *model)
{
    job_pool p = {.items = items, .n = n, .model = model};
    pthread_mutex_init(&p.mu, NULL);
    pthread_t th[CLI_JOBS_MAX];
    size_t started = 0;
    cli_jobs_pin_iconv(1);
    for (int t = 1; t < jobs && (size_t)t < n; t++)
        if (pthread_create(&th[started], NULL, job_worker, &p) == 0)
            started++;
    job_worker(&p); /* and what no thread could be started for */
    for (size_t t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    cli_jobs_pin_iconv(0);
    pthread_mutex_destroy(&p.mu);
}

const char *cli_db_path(const char *given)
{
    if (given)
        return given;
    const char *env = getenv("MUBIAO_DB");
    return env && *env ? env : "mubiao.db";
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct progress {
    int on;
    double t0, last;
    int shown;
} progress;

static void progress_show(progress *p, size_t done, size_t total, uint64_t bytes, uint64_t all, int final)
{
    if (!p->on)
        return;
    double t = now();
    if (!final && t - p->last < 0.1)
        return;
    p->last = t;
    double mb = (double)bytes / 1e6, secs = t - p->t0;
    fprintf(stderr, "\r\033[Kingest: %zu/%zu files  %.1f/%.1f MB  %.1f MB/s", done, total, mb,
            (double)all / 1e6, secs > 0 ? mb / secs : 0.0);
    if (final)
        fputc('\n', stderr);
    p->shown = !final;
    fflush(stderr);
}

/* Clear the progress line before printing a message on stderr. */
static void progress_clear(progress *p)
{
    if (p->on && p->shown) {
        fputs("\r\033[K", stderr);
        p->shown = 0;
    }
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    const char *db = NULL, *dict = NULL;
    const char *users[64];
    size_t nusers = 0;
    const char *lexs[64];
    size_t nlexs = 0;
    int quiet = 0, verbose = 0, watch = 0;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'B'},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"lenient", no_argument, NULL, 'l'},
        {"dict", required_argument, NULL, 'D'},
        {"user-dict", required_argument, NULL, 'U'},
        {"user-lexicon", required_argument, NULL, 'L'},
        {"watch", no_argument, NULL, 'w'},
        {"follow-symlinks", no_argument, NULL, 'F'},
        {"date", required_argument, NULL, 'd'},
        {"issuer", required_argument, NULL, 'I'},
        {"force", no_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, flags = 0, jobs = cli_jobs_default();
    optind = 1;
    mb_ingest_options io = {0};
    while ((c = getopt_long(argc, argv, "qvwhd:j:", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (cli_jobs_parse("ingest", optarg, &jobs))
                return 2;
            break;
        case 'd': io.date = optarg; break;
        case 'I': io.issuer = optarg; break;
        case 'f': io.force = 1; break;
        case 'F': flags |= MB_WALK_FOLLOW_SYMLINKS; break;
        case 'B': db = optarg; break;
        case 'q': quiet = 1; break;
        case 'v': verbose = 1; break;
        case 'w': watch = 1; break;
        case 'l': opt.lenient = 1; break;
        case 'D': dict = optarg; break;
        case 'L':
            if (nlexs == sizeof lexs / sizeof lexs[0]) {
                cli_error("ingest", "too many --user-lexicon options");
                return 2;
            }
            lexs[nlexs++] = optarg;
            break;
        case 'U':
            if (nusers == sizeof users / sizeof users[0]) {
                cli_error("ingest", "too many --user-dict options");
                return 2;
            }
            users[nusers++] = optarg;
            break;
        case 'h': cli_fputs(cmd_ingest.help); return 0;
        default: return cli_usage(&cmd_ingest);
        }
    }
    if (optind >= argc)
        return cli_usage(&cmd_ingest);
    db = cli_db_path(db);
    mb_date dd;
    if (io.date && mb_date_parse(io.date, &dd)) {
        cli_error("ingest", "invalid --date '%s': want YYYY-MM-DD or YYYY", io.date);
        return 2;
    }
    if (io.issuer && (!*io.issuer || strlen(io.issuer) > 200)) {
        cli_error("ingest", "invalid --issuer: want a name of 1 to 200 bytes");
        return 2;
    }

    mb_error err = {0};
    mb_filelist files = {0};
    /* '-' is standard input, read first; the other arguments are walked */
    int use_stdin = 0, npaths = 0;
    for (int i = optind; i < argc; i++) {
        if (!strcmp(argv[i], "-"))
            use_stdin = 1;
        else
            argv[optind + npaths++] = argv[i];
    }
    if (watch) { /* the folders are walked by the watcher, after its watches are set */
    } else if (mb_files_collect((const char *const *)argv + optind, (size_t)npaths, db, flags, &files,
                                &err)) {
        cli_error("ingest", "%s", err.message);
        return 1;
    }
    int rc = 0;
    for (size_t i = 0; i < files.nskipped; i++)
        cli_error("ingest", "%s", files.skipped[i]);
    for (size_t i = 0; i < files.nerrors; i++) {
        cli_error("ingest", "%s", files.errors[i]);
        rc = 1;
    }
    mb_store *store = NULL;
    if (mb_store_open(db, &store, &err)) {
        cli_error("ingest", "%s", err.message);
        mb_filelist_free(&files);
        return 1;
    }
    mb_model *model = NULL;
    if (mb_store_set_ingest_options(store, &io, &err) ||
        !(model = cli_model("ingest", dict, users, nusers, lexs, nlexs, 1))) {
        if (err.message[0])
            cli_error("ingest", "%s", err.message);
        mb_store_close(store);
        mb_filelist_free(&files);
        return 1;
    }
    opt.lexicon = mb_model_lexicon(model); /* Big5 detection, page dates */
    if (watch) {
        rc = cli_ingest_watch((const char *const *)argv + optind, (size_t)npaths, store, model, &opt, db);
        mb_model_free(model);
        mb_store_close(store);
        return rc;
    }
    /* every file skipped or failed before reading counts in the summary */
    size_t count[4] = {0}, failed = files.nerrors, records = 0;
    uint64_t bytes = 0;
    progress pr = {!quiet && isatty(2), now(), 0, 0};
    size_t ndocs = (size_t)use_stdin + files.n;
    /* documents in batches: looked up one by one on this thread, read and
     * extracted by up to `jobs` threads at once, stored one by one in input
     * order (what is printed is what --jobs 1 prints) */
    size_t batch = (size_t)jobs * 4;
    ingest_item *items = calloc(batch, sizeof *items);
    if (!items) {
        cli_error("ingest", "out of memory");
        mb_model_free(model);
        mb_store_close(store);
        mb_filelist_free(&files);
        return 1;
    }
    for (size_t k0 = 0; k0 < ndocs && !cli_out_failed(); k0 += batch) {
        size_t nb = ndocs - k0 < batch ? ndocs - k0 : batch;
        for (size_t b = 0; b < nb; b++) {
            size_t k = k0 + b;
            ingest_item *it = &items[b];
            memset(it, 0, sizeof *it);
            int in = k < (size_t)use_stdin;
            it->path = in ? "-" : files.paths[k - (size_t)use_stdin];
            it->st = in ? mb_store_ingest_begin_fd(store, "-", 0, &opt, &it->job, &it->res, &it->err)
                        : mb_store_ingest_begin(store, it->path, &opt, &it->job, &it->res, &it->err);
            it->bytes = in ? it->res.bytes : files.sizes[k - (size_t)use_stdin];
        }
        run_jobs(items, nb, jobs, model);
        for (size_t b = 0; b < nb; b++) {
            ingest_item *it = &items[b];
            mb_status st = it->st;
            if (!st && it->job)
                st = mb_store_ingest_end(store, it->job, &it->res, &it->err);
            it->job = NULL;
            const char *path = it->path;
            bytes += it->bytes;
            if (it->res.nwarnings || st)
                progress_clear(&pr);
            for (size_t j = 0; j < it->res.nwarnings; j++)
                fprintf(stderr, "mubiao ingest: warning: %s\n", it->res.warnings[j]);
            if (st) {
                cli_error("ingest", "%s", it->err.message[0] ? it->err.message : mb_strerror(st));
                failed++;
                rc = 1;
                if (verbose)
                    cli_printf("failed\t%s\n", path);
            } else {
                count[it->res.status]++;
                records += it->res.records;
                if (verbose && it->res.status == MB_INGEST_DUPLICATE)
                    cli_printf("duplicate\t%s\tsame as %s\n", path, it->res.same_as);
                else if (verbose && it->res.status == MB_INGEST_UNCHANGED)
                    cli_printf("unchanged\t%s\n", path);
                else if (verbose)
                    cli_printf("%s\t%s\t%zu records\n", mb_ingest_status_name(it->res.status), path,
                               it->res.records);
            }
            mb_ingest_result_clear(&it->res);
            progress_show(&pr, k0 + b + 1, ndocs, bytes, files.total, 0);
        }
    }
    free(items);
    progress_show(&pr, ndocs, ndocs, bytes, files.total, 1);
    if (!quiet) {
        /* every file looked at: new + updated + unchanged + duplicate + skipped + failed */
        size_t all = ndocs + files.nskipped + files.nerrors;
        double secs = now() - pr.t0;
        cli_printf("ingest: %zu files, %.1f MB in %.1f s (%.1f MB/s): %zu new, %zu updated, %zu unchanged, "
                   "%zu duplicate, %zu skipped, %zu failed; %zu records stored in %s\n",
                   all, (double)bytes / 1e6, secs, secs > 0 ? (double)bytes / 1e6 / secs : 0.0,
                   count[MB_INGEST_NEW], count[MB_INGEST_UPDATED], count[MB_INGEST_UNCHANGED],
                   count[MB_INGEST_DUPLICATE], files.nskipped, failed, records, db);
    }
    mb_model_free(model);
    mb_store_close(store);
    mb_filelist_free(&files);
    return rc;
}
