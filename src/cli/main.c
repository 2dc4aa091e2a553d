/* main.c — mubiao's entry point: dispatch to subcommands. */
#include "cli.h"
#include "jobs.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const mb_cli_cmd *const commands[] = {
    &cmd_paragraphs, &cmd_segment, &cmd_dict,   &cmd_numbers, &cmd_extract, &cmd_audit,
    &cmd_show,       &cmd_report,  &cmd_ingest, &cmd_query,   &cmd_history, &cmd_track,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* Standard error, or the buffer of the input a job works on (jobs.h). */
static void err_vprintf(const char *fmt, va_list ap)
{
    if (!cli_jobs_capturing()) {
        vfprintf(stderr, fmt, ap);
        return;
    }
    char small[512], *s = small;
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(small, sizeof small, fmt, aq);
    va_end(aq);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        s = malloc((size_t)n + 1);
        if (!s)
            return;
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    }
    cli_jobs_append(2, s, (size_t)n);
    if (s != small)
        free(s);
}

void cli_errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vprintf(fmt, ap);
    va_end(ap);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    cli_errf("mubiao %s: ", cmd);
    va_start(ap, fmt);
    err_vprintf(fmt, ap);
    va_end(ap);
    cli_errf("\n");
}

/* ---- standard output, every write checked ---- */

static int out_errno; /* the error of the first failed write, 0 while none failed */

static int out_fail(void)
{
    if (!out_errno)
        out_errno = errno ? errno : EIO;
    return -1;
}

int cli_out_failed(void)
{
    if (cli_jobs_capturing()) /* the calling thread writes to a buffer */
        return 0;
    if (!out_errno && ferror(stdout))
        out_errno = EIO;
    return out_errno != 0;
}

int cli_out(const char *s, size_t n)
{
    if (cli_jobs_capturing())
        return cli_jobs_append(1, s, n);
    if (cli_out_failed())
        return -1;
    errno = 0;
    if (n && fwrite(s, 1, n, stdout) != n)
        return out_fail();
    return 0;
}

int cli_puts(const char *s)
{
    if (cli_out(s, strlen(s)))
        return -1;
    return cli_out("\n", 1);
}

int cli_fputs(const char *s)
{
    return cli_out(s, strlen(s));
}

int cli_printf(const char *fmt, ...)
{
    va_list ap;
    if (cli_jobs_capturing()) {
        char small[512], *s = small;
        va_start(ap, fmt);
        int n = vsnprintf(small, sizeof small, fmt, ap);
        va_end(ap);
        if (n < 0)
            return -1;
        if ((size_t)n >= sizeof small) {
            if (!(s = malloc((size_t)n + 1)))
                return -1;
            va_start(ap, fmt);
            vsnprintf(s, (size_t)n + 1, fmt, ap);
            va_end(ap);
        }
        int r = cli_jobs_append(1, s, (size_t)n);
        if (s != small)
            free(s);
        return r;
    }
    if (cli_out_failed())
        return -1;
    va_start(ap, fmt);
    errno = 0;
    int r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r < 0 ? out_fail() : 0;
}

/* Flush and close standard output; on any failed write, say so once and
 * turn a success into exit status 1. */
static int out_close(const char *cmd, int rc)
{
    errno = 0;
    if (fflush(stdout) != 0)
        out_fail();
    cli_out_failed();
    errno = 0;
    if (fclose(stdout) != 0)
        out_fail();
    if (!out_errno)
        return rc;
    fprintf(stderr, "mubiao%s%s: cannot write output: %s\n", cmd ? " " : "", cmd ? cmd : "",
            strerror(out_errno));
    return rc ? rc : 1;
}

const mb_cli_cmd *cli_find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i]->name, name))
            return commands[i];
    return NULL;
}

int cli_usage(const mb_cli_cmd *cmd)
{
    const char *h = cmd->help;
    const char *nl = strchr(h, '\n');
    fprintf(stderr, "%.*s\nTry 'mubiao help %s'.\n", nl ? (int)(nl - h) : (int)strlen(h), h, cmd->name);
    return 2;
}

/* The lexicon documents are read with when the command gives none: the
 * default dictionary's, opened on first use, freed when main returns. */
static mb_lexicon *default_lexicon;
static int default_tried;
static pthread_mutex_t default_mu = PTHREAD_MUTEX_INITIALIZER; /* jobs load documents at once */

const mb_lexicon *cli_default_lexicon(const char *cmd)
{
    pthread_mutex_lock(&default_mu);
    if (!default_tried) {
        default_tried = 1;
        default_lexicon = cli_lexicon(cmd, NULL, NULL, 0);
        if (!default_lexicon)
            fprintf(stderr,
                    "mubiao %s: warning: without the dictionary's lexicon Big5 is not detected, "
                    "an HTML page's written date is not read and values have no magnitude words\n",
                    cmd);
    }
    pthread_mutex_unlock(&default_mu);
    return default_lexicon;
}

mb_doc *cli_load(const char *cmd, const char *path, const mb_doc_options *given)
{
    mb_doc *doc = NULL;
    mb_error err = {0};
    mb_status st;
    mb_doc_options o = *given;
    if (!o.lexicon)
        o.lexicon = cli_default_lexicon(cmd);
    const mb_doc_options *opt = &o;
    if (!strcmp(path, "-")) {
        o.name_only = 1; /* --name labels standard input: NAME.meta.json is not read */
        st = mb_doc_load_fd(cli_stdin_name, 0, opt, &doc, &err); /* the same limits, read in chunks */
    } else
        st = mb_doc_load_file(path, opt, &doc, &err);
    if (st) {
        cli_errf("mubiao %s: %s\n", cmd, err.message[0] ? err.message : mb_strerror(st));
        return NULL;
    }
    for (size_t i = 0; mb_doc_warning(doc, i); i++)
        cli_errf("mubiao %s: warning: %s\n", cmd, mb_doc_warning(doc, i));
    return doc;
}

/* The piece size of $MUBIAO_PIECE_SIZE (0: unset or not a number). */
static size_t piece_size(void)
{
    const char *e = getenv("MUBIAO_PIECE_SIZE");
    if (!e || !*e)
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(e, &end, 10);
    return errno || *end || v > SIZE_MAX ? 0 : (size_t)v;
}

int cli_pieces(const char *cmd, const char *path, const mb_doc_options *given, cli_piece_fn fn, void *ctx)
{
    mb_doc_options o = *given;
    if (!o.lexicon)
        o.lexicon = cli_default_lexicon(cmd);
    if (!o.piece_size)
        o.piece_size = piece_size();
    if (!strcmp(path, "-")) {
        mb_doc *doc = cli_load(cmd, path, &o);
        if (!doc)
            return 1;
        int rc = fn(ctx, doc);
        mb_doc_free(doc);
        return rc;
    }
    mb_error err = {0};
    mb_reader *r = NULL;
    mb_status st = mb_reader_open(path, &o, &r, &err);
    int rc = 0;
    while (!st && !rc) {
        mb_doc *piece = NULL;
        if ((st = mb_reader_next(r, &piece, &err)) != MB_OK || !piece)
            break;
        for (size_t i = 0; mb_doc_warning(piece, i); i++)
            cli_errf("mubiao %s: warning: %s\n", cmd, mb_doc_warning(piece, i));
        rc = fn(ctx, piece);
        mb_doc_free(piece);
    }
    mb_reader_close(r);
    if (st) {
        cli_errf("mubiao %s: %s\n", cmd, err.message[0] ? err.message : mb_strerror(st));
        return 1;
    }
    return rc;
}

static void main_help(FILE *f)
{
    fprintf(f, "usage: mubiao COMMAND [OPTIONS] FILE...\n\n"
               "mubiao reads Chinese policy documents and turns quantified targets and\n"
               "reported figures into JSON records linked to their source bytes.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-12s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "  %-12s %s\n", "help", "show the help of a command: mubiao help COMMAND");
    fprintf(f, "\nOptions:\n  -h, --help     this text\n  -V, --version  print the version\n"
               "\nExit status: 0 success, 1 an input failed, 2 usage error.\n");
}

/* s as roff no-fill text: backslashes and minus signs escaped, a line
 * starting with . or ' guarded. */
static void man_text(FILE *f, const char *s)
{
    int bol = 1;
    for (; *s; s++) {
        if (bol && (*s == '.' || *s == '\''))
            fputs("\\&", f);
        bol = *s == '\n';
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

/* The COMMANDS section of the man page (mubiao help --man; the Makefile
 * puts it into doc/mubiao.1.in): the text of `mubiao --help` and of `mubiao
 * help CMD` for every command, so that the two never differ. */
static void man_commands(FILE *f)
{
    fputs(".SH COMMANDS\n.nf\n", f);
    char *top = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&top, &len);
    if (m) {
        main_help(m);
        fclose(m);
        man_text(f, top);
        free(top);
    }
    fputs(".fi\n", f);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        fprintf(f, ".SS %s\n", commands[i]->name);
        man_text(f, commands[i]->summary);
        fputs(".\n.PP\n.nf\n", f);
        man_text(f, commands[i]->help);
        fputs(".fi\n", f);
    }
}

int main(int argc, char **argv)
{
    /* Documents are loaded one after another with buffers of the same
     * sizes: keep freed memory in the heap for the next one instead of
     * returning it to the system and faulting it in again. */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    if (argc < 2) {
        main_help(stderr);
        return 2;
    }
    const char *c = argv[1];
    if (!strcmp(c, "-h") || !strcmp(c, "--help")) {
        main_help(stdout);
        return out_close(NULL, 0);
    }
    if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
        cli_printf("mubiao %s\n", MB_VERSION);
        return out_close(NULL, 0);
    }
    if (!strcmp(c, "help")) {
        if (argc < 3) {
            main_help(stdout);
            return out_close(NULL, 0);
        }
        if (!strcmp(argv[2], "--man")) { /* for the build: the man page's commands */
            man_commands(stdout);
            return fflush(stdout) ? 1 : 0;
        }
        const mb_cli_cmd *cmd = cli_find(argv[2]);
        if (!cmd) {
            fprintf(stderr, "mubiao: unknown command '%s'\n", argv[2]);
            return 2;
        }
        cli_out(cmd->help, strlen(cmd->help));
        return out_close(NULL, 0);
    }
    const mb_cli_cmd *cmd = cli_find(c);
    if (!cmd) {
        fprintf(stderr, "mubiao: unknown command '%s'; try 'mubiao --help'\n", c);
        return 2;
    }
    int rc = cmd->run(argc - 1, argv + 1);
    mb_lexicon_free(default_lexicon);
    return out_close(cmd->name, rc);
}
