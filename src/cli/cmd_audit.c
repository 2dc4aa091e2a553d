/* cmd_audit.c — `mubiao audit`: check records against their source files. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_audit = {
    "audit",
    "check records against their source files (ok, moved, changed, missing)",
    "usage: mubiao audit [--fix] [--quiet] [--root DIR | --allow-any-path] RECORDS.jsonl...|-\n"
    "\n"
    "Check every record (JSON Lines from 'mubiao extract'; '-' reads standard\n"
    "input) against the file named by its doc.path, and print one JSON line\n"
    "per record:\n"
    "  {\"record\":\"FILE:LINE\",\"id\":...,\"status\":...,\"path\":...,\n"
    "   \"span\":{\"start\":...,\"end\":...}, \"new_span\":{\"start\",\"end\",\"text\"},\n"
    "   \"old_text\":...,\"new_text\":...,\"detail\":\"...\"}\n"
    "new_span is there for moved and changed records, old_text and new_text for\n"
    "changed ones. The status is\n"
    "  ok          the file's sha256 matches and the span's bytes give span.text\n"
    "  moved       the file changed, but quote.prefix + quote.exact + quote.suffix\n"
    "              occurs exactly once: new_span is where the exact text is now\n"
    "  changed     prefix and suffix occur once with other text between them:\n"
    "              old_text was edited to new_text (e.g. 1200万人 -> 1500万人)\n"
    "  missing     neither is there (or more than once: see detail)\n"
    "  unreadable  the file is gone or cannot be decoded\n"
    "  invalid     the line is not JSON or not a record (also reported on stderr\n"
    "              with the file and line number)\n"
    "White space is ignored when matching. A changed file is read in the\n"
    "encoding detected (a file re-encoded to GB18030 gets GB18030 offsets).\n"
    "Blank lines are skipped. A summary goes to stderr:\n"
    "  mubiao audit: N records: N ok, N moved, N changed, N missing, N unreadable, N invalid\n"
    "\n"
    "Options:\n"
    "      --fix    print the records themselves instead of verdicts: ok ones as\n"
    "               they were, moved ones corrected (doc.sha256 and doc.encoding of\n"
    "               the file now, paragraph, sentence, span and quote at the new\n"
    "               place; id and all other fields kept). Changed, missing,\n"
    "               unreadable and invalid records are left out, each with a\n"
    "               line on stderr.\n"
    "  -q, --quiet  leave out the verdicts of ok records\n"
    "      --root DIR\n"
    "               read only files inside DIR (links resolved). Without it, the\n"
    "               folder of each records file (the current folder for '-'):\n"
    "               a record is untrusted input, and a doc.path outside is not\n"
    "               opened; its record is unreadable and the detail says why\n"
    "      --allow-any-path\n"
    "               read whatever path a record names (still regular files only,\n"
    "               at most 1 GiB: no FIFO, device, socket or folder)\n"
    "\n"
    "Exit status: 0 when every record is ok or moved, 1 otherwise (or when a\n"
    "records file cannot be read), 2 usage error.\n",
    run,
};

enum { N_OK, N_MOVED, N_CHANGED, N_MISSING, N_UNREADABLE, N_INVALID, N_COUNTS };

typedef struct run_state {
    mb_auditor *auditor;
    mb_audit res;
    int fix, quiet;
    size_t count[N_COUNTS];
    int failed; /* a hard error (out of memory, unreadable records file) */
} run_state;

static void audit_line(run_state *st, const char *name, size_t lineno, const char *line, size_t len)
{
    char where[512];
    snprintf(where, sizeof where, "%s:%zu", name, lineno);
    mb_error err = {0};
    char *out = NULL;
    mb_status s = mb_audit_record(st->auditor, line, len, &st->res, &err);
    if (s && s != MB_EJSON) {
        cli_error("audit", "%s: %s", where, err.message);
        st->failed = 1;
        return;
    }
    if (s == MB_EJSON) {
        st->count[N_INVALID]++;
        cli_error("audit", "%s: line %zu: %s", name, lineno, err.message);
        if (st->fix)
            return;
    } else {
        st->count[st->res.verdict]++;
        if (st->fix) {
            if (st->res.verdict == MB_VERDICT_OK || st->res.verdict == MB_VERDICT_MOVED) {
                if (mb_audit_fixed_json(&st->res, &out, &err)) {
                    cli_error("audit", "%s: %s", where, err.message);
                    st->failed = 1;
                    return;
                }
                cli_puts(out);
                free(out);
            } else {
                cli_error("audit", "%s: line %zu: record %s is %s, left out: %s", name, lineno, st->res.id,
                          mb_verdict_name(st->res.verdict), st->res.detail);
            }
            return;
        }
        if (st->quiet && st->res.verdict == MB_VERDICT_OK)
            return;
    }
    if (mb_audit_verdict_json(&st->res, where, &out, &err)) {
        cli_error("audit", "%s: %s", where, err.message);
        st->failed = 1;
        return;
    }
    cli_puts(out);
    free(out);
}

static void audit_stream(run_state *st, const char *name, FILE *f)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    while (!cli_out_failed() && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue;
        audit_line(st, name, lineno, line, len);
    }
    if (ferror(f)) {
        cli_error("audit", "%s: read error after line %zu", name, lineno);
        st->failed = 1;
    }
    free(line);
}

/* The folder records of name may point into: --root, else none with
 * --allow-any-path, else the folder of the records file (the current one
 * for standard input). */
static int set_root(run_state *st, const char *root, int any_path, const char *name)
{
    char *dir = NULL;
    if (!root && !any_path) {
        const char *slash = strcmp(name, "-") ? strrchr(name, '/') : NULL;
        size_t n = slash ? (size_t)(slash - name) : 0;
        dir = malloc(n + 2);
        if (!dir) {
            cli_error("audit", "out of memory");
            st->failed = 1;
            return 1;
        }
        if (!slash)
            strcpy(dir, ".");
        else if (n == 0)
            strcpy(dir, "/");
        else {
            memcpy(dir, name, n);
            dir[n] = '\0';
        }
        root = dir;
    }
    mb_error err = {0};
    mb_status s = mb_auditor_set_root(st->auditor, root, &err);
    free(dir);
    if (s) {
        cli_error("audit", "%s", err.message);
        st->failed = 1;
        return 1;
    }
    return 0;
}

static int run(int argc, char **argv)
{
    run_state st = {0};
    const char *root = NULL;
    int any_path = 0;
    static const struct option longopts[] = {
        {"fix", no_argument, NULL, 'f'},        {"quiet", no_argument, NULL, 'q'},
        {"root", required_argument, NULL, 'r'}, {"allow-any-path", no_argument, NULL, 'A'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': st.fix = 1; break;
        case 'q': st.quiet = 1; break;
        case 'r': root = optarg; break;
        case 'A': any_path = 1; break;
        case 'h': cli_fputs(cmd_audit.help); return 0;
        default: return cli_usage(&cmd_audit);
        }
    }
    if (optind >= argc)
        return cli_usage(&cmd_audit);
    if (root && any_path) {
        cli_error("audit", "--root and --allow-any-path exclude each other");
        return 2;
    }
    struct stat sb;
    if (root && stat(root, &sb) != 0) {
        cli_error("audit", "--root %s: %s", root, strerror(errno));
        return 2;
    }
    if (root && !S_ISDIR(sb.st_mode)) {
        cli_error("audit", "--root %s: not a folder", root);
        return 2;
    }
    mb_error err = {0};
    if (mb_auditor_new(&st.auditor, &err)) {
        cli_error("audit", "%s", err.message);
        return 1;
    }
    mb_auditor_set_lexicon(st.auditor, cli_default_lexicon("audit"));
    for (int i = optind; i < argc && !cli_out_failed(); i++) {
        if (set_root(&st, root, any_path, argv[i]))
            break;
        if (!strcmp(argv[i], "-")) {
            audit_stream(&st, "-", stdin);
            continue;
        }
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            cli_error("audit", "%s: cannot open: %s", argv[i], strerror(errno));
            st.failed = 1;
            continue;
        }
        if (fstat(fileno(f), &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) &&
            !S_ISCHR(sb.st_mode)) {
            cli_error("audit", "%s: %s, not a file of records", argv[i],
                      S_ISDIR(sb.st_mode) ? "a folder" : "not a regular file");
            st.failed = 1;
            fclose(f);
            continue;
        }
        audit_stream(&st, argv[i], f);
        fclose(f);
    }
    mb_audit_clear(&st.res);
    mb_auditor_free(st.auditor);
    size_t total = 0;
    for (int k = 0; k < N_COUNTS; k++)
        total += st.count[k];
    fprintf(stderr,
            "mubiao audit: %zu record%s: %zu ok, %zu moved, %zu changed, %zu missing, %zu unreadable, %zu "
            "invalid\n",
            total, total == 1 ? "" : "s", st.count[N_OK], st.count[N_MOVED], st.count[N_CHANGED],
            st.count[N_MISSING], st.count[N_UNREADABLE], st.count[N_INVALID]);
    int bad = st.count[N_CHANGED] || st.count[N_MISSING] || st.count[N_UNREADABLE] || st.count[N_INVALID];
    return st.failed || bad ? 1 : 0;
}
