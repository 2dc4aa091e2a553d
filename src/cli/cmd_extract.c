/* cmd_extract.c — `mubiao extract`: commitment records as JSON. */
#include "cli.h"
#include "jobs.h"
#include "mapper.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_extract = {
    "extract",
    "extract commitment records (targets and reported figures) as JSON",
    "usage: mubiao extract [--date DATE] [--issuer NAME] [--format jsonl|json] [--pretty] [--explain]\n"
    "                      [--kind KIND]\n"
    "                      [--dict F] [--user-dict F]... [--user-lexicon F]... [--encoding NAME]\n"
    "                      [--lenient] [--name NAME] [--jobs N] [FILE|FOLDER|-]...\n"
    "       mubiao extract --input jsonl [OPTIONS] [FILE.jsonl|-]...\n"
    "\n"
    "Read each document and print its commitment records (spec v1): JSON Lines\n"
    "by default, one record a line; --format json prints one JSON object per\n"
    "input with its paragraphs and records. Every field is present, null where\n"
    "it does not apply (see the README's field table and\n"
    "schema/commitment.schema.json).\n"
    "\n"
    "Options:\n"
    "  -d, --date DATE        the document date, YYYY-MM-DD or a year YYYY (else\n"
    "                         FILE.meta.json {\"date\": ...}, else a dateline in the\n"
    "                         text, else inferred, else none)\n"
    "      --issuer NAME      the document's issuer, e.g. 江苏省人民政府 (else\n"
    "                         FILE.meta.json {\"issuer\": ...}, else the title or\n"
    "                         speaker line, else none): doc.issuer, doc.region\n"
    "  -f, --format FMT       jsonl (default) or json\n"
    "  -p, --pretty           indent the JSON (with jsonl: one record per block)\n"
    "  -x, --explain          add to each record an `evidence` object: the rule that\n"
    "                         set its kind, year and change, and the text it read\n"
    "                         (a cue, a time, a heading or lead-in frame), with\n"
    "                         source byte offsets\n"
    "  -k, --kind KIND        only records of this kind: target or achievement\n"
    "      --dict F           the compiled dictionary (default: $MUBIAO_DICT, then\n"
    "                         mubiao.dict beside the program, then the installed one)\n"
    "      --user-dict F      a user dictionary (word [freq] [tag] lines); repeatable\n"
    "      --user-lexicon F   extra lexicon rows (word<TAB>class[<TAB>items], README\n"
    "                         \"Lexicon\") merged over the compiled ones; repeatable\n"
    "  -e, --encoding NAME    force the input encoding\n"
    "      --lenient          replace undecodable bytes with U+FFFD and warn\n" CLI_NAME_HELP CLI_JOBS_HELP
        CLI_INPUT_HELP "                         (--pretty is refused: one line a record or document)\n"
    "\n"
    "A file that fails is reported on stderr with its name; the others are still\n"
    "processed and the exit status is 1. The same input gives the same output,\n"
    "byte for byte (record ids are stable).\n",
    run,
};

/* What is printed of each document. */
typedef struct out_opts {
    const mb_model *model;
    const char *format, *kind;
    int flags;          /* MB_EMIT_PRETTY, MB_EMIT_EXPLAIN */
    const char *issuer; /* --issuer */
} out_opts;

/* recs of doc, of the kind asked for, written through w: one line a record,
 * or with --format json the document's one object. */
static int write_records(const out_opts *x, const mb_doc *doc, mb_records *recs, mb_write_fn w, void *wctx,
                         mb_error *err)
{
    if (x->kind) /* keep only the records of that kind */
        mb_records_filter_kind(recs, strcmp(x->kind, "target") ? MB_KIND_ACHIEVEMENT : MB_KIND_TARGET);
    if (strcmp(x->format, "json")) /* JSON Lines: the records in blocks, the document's object once */
        return mb_emit_records(doc, recs, x->flags, w, wctx, err) != MB_OK;
    int rc = 0;
    char *js = NULL;
    if (mb_emit_document(doc, recs, x->flags, &js, err))
        rc = 1;
    else if (w(wctx, js, strlen(js)) || w(wctx, "\n", 1))
        rc = 1, err->code = MB_EIO, snprintf(err->message, sizeof err->message, "cannot write output");
    free(js);
    return rc;
}

/* The records of doc (with date and issuer, each may be NULL) written
 * through w. */
static int write_doc(void *ctx, const char *date, const char *issuer, const mb_doc *doc, mb_write_fn w,
                     void *wctx, mb_error *err)
{
    const out_opts *x = ctx;
    mb_records recs;
    mb_extract_options eo = {.date = date, .issuer = issuer};
    if (mb_extract_with(x->model, doc, &eo, &recs, err))
        return 1;
    int rc = write_records(x, doc, &recs, w, wctx, err);
    mb_records_free(&recs);
    return rc;
}

static int mapper_doc(void *ctx, const cli_jdoc *jd, const mb_doc *doc, mb_write_fn w, void *wctx,
                      mb_error *err)
{
    /* a document's date and issuer, else the command's (--date, --issuer) */
    const out_opts *x = ctx;
    return write_doc(ctx, jd->date, jd->issuer ? jd->issuer : x->issuer, doc, w, wctx, err);
}

/* One input (jobs.h): what the threads share, read only. */
typedef struct extract_job {
    const out_opts *x;
    const mb_doc_options *opt;
    const char *date, *issuer;
    char **in;
} extract_job;

/* One input read in pieces: the extraction goes on from piece to piece. */
typedef struct piece_job {
    const out_opts *x;
    mb_extractor *ex;
} piece_job;

/* The records of one piece (mb_extractor_feed), one line each, written as
 * soon as the piece is read. */
static int write_piece(void *ctx, const mb_doc *doc)
{
    const piece_job *pj = ctx;
    mb_error err = {0};
    mb_records recs;
    int rc = mb_extractor_feed(pj->ex, doc, &recs, &err) != MB_OK;
    if (!rc) {
        rc = write_records(pj->x, doc, &recs, cli_write_stdout, NULL, &err);
        mb_records_free(&recs);
    }
    if (rc && !cli_out_failed())
        cli_error("extract", "%s", err.message);
    return rc;
}

static int extract_one(void *ctx, size_t i)
{
    const extract_job *j = ctx;
    mb_error err = {0};
    if (!strcmp(j->x->format, "json")) { /* one object of the whole document */
        mb_doc *doc = cli_load("extract", j->in[i], j->opt);
        if (!doc)
            return 1;
        int rc = write_doc((void *)j->x, j->date, j->issuer, doc, cli_write_stdout, NULL, &err);
        if (rc && !cli_out_failed())
            cli_error("extract", "%s", err.message);
        mb_doc_free(doc);
        return rc;
    }
    /* JSON Lines: a large file piece by piece (cli_pieces) */
    mb_extract_options eo = {.date = j->date, .issuer = j->issuer};
    piece_job pj = {j->x, NULL};
    if (mb_extractor_new(j->x->model, &eo, &pj.ex, &err)) {
        cli_error("extract", "%s", err.message);
        return 1;
    }
    int rc = cli_pieces("extract", j->in[i], j->opt, write_piece, &pj);
    mb_extractor_free(pj.ex);
    return rc;
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    const char *date = NULL, *issuer = NULL, *format = "jsonl", *kind = NULL, *dict = NULL;
    const char *users[64];
    size_t nusers = 0;
    const char *lexs[64];
    size_t nlexs = 0;
    int pretty = 0, jsonl_in = 0, jobs = 0;
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, CLI_OPT_JOBS},
        {"date", required_argument, NULL, 'd'},
        {"issuer", required_argument, NULL, 'I'},
        {"format", required_argument, NULL, 'f'},
        {"pretty", no_argument, NULL, 'p'},
        {"kind", required_argument, NULL, 'k'},
        {"explain", no_argument, NULL, 'x'},
        {"dict", required_argument, NULL, 'D'},
        {"user-dict", required_argument, NULL, 'U'},
        {"user-lexicon", required_argument, NULL, 'L'},
        {"encoding", required_argument, NULL, 'e'},
        {"lenient", no_argument, NULL, 'l'},
        {"name", required_argument, NULL, CLI_OPT_NAME},
        {"input", required_argument, NULL, CLI_OPT_INPUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:pxk:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': date = optarg; break;
        case 'I': issuer = optarg; break;
        case 'f': format = optarg; break;
        case 'p': pretty |= MB_EMIT_PRETTY; break;
        case 'x': pretty |= MB_EMIT_EXPLAIN; break;
        case 'k': kind = optarg; break;
        case 'D': dict = optarg; break;
        case 'L':
            if (nlexs == sizeof lexs / sizeof lexs[0]) {
                cli_error("extract", "too many --user-lexicon options");
                return 2;
            }
            lexs[nlexs++] = optarg;
            break;
        case 'U':
            if (nusers == sizeof users / sizeof users[0]) {
                cli_error("extract", "too many --user-dict options");
                return 2;
            }
            users[nusers++] = optarg;
            break;
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case CLI_OPT_JOBS:
            if (cli_jobs_parse("extract", optarg, &jobs))
                return 2;
            break;
        case CLI_OPT_INPUT:
            if ((jsonl_in = cli_mapper_input("extract", optarg)) < 0)
                return 2;
            break;
        case 'h': cli_fputs(cmd_extract.help); return 0;
        default: return cli_usage(&cmd_extract);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) /* else standard input */
        return cli_usage(&cmd_extract);
    if (strcmp(format, "jsonl") && strcmp(format, "json")) {
        cli_error("extract", "unknown --format '%s' (jsonl or json)", format);
        return 2;
    }
    if (kind && strcmp(kind, "target") && strcmp(kind, "achievement")) {
        cli_error("extract", "unknown --kind '%s' (target or achievement)", kind);
        return 2;
    }
    if (jsonl_in && (pretty & MB_EMIT_PRETTY)) {
        cli_error("extract", "--pretty cannot be used with --input jsonl: the output is one line a record");
        return 2;
    }
    if (date) {
        mb_date d;
        if (mb_date_parse(date, &d)) {
            cli_error("extract", "invalid --date '%s': want YYYY-MM-DD or YYYY", date);
            return 2;
        }
    }
    int rc = 0;
    size_t nin = 0;
    char **in = jsonl_in ? NULL : cli_inputs("extract", argc, argv, optind, &nin, &rc);
    /* a short text is read sooner without JIT (cli_jit); JSON Lines may be long */
    mb_model *model = cli_model("extract", dict, users, nusers, lexs, nlexs, jsonl_in || cli_jit(in, nin));
    if (!model) {
        cli_inputs_free(in, nin);
        return 1;
    }
    opt.lexicon = mb_model_lexicon(model); /* Big5 detection, page dates */
    out_opts x = {model, format, kind, pretty, issuer};
    if (jsonl_in) { /* mapper mode (mapper.c) */
        rc = cli_mapper_run("extract", argc, argv, optind, &opt, date, mapper_doc, &x);
        mb_model_free(model);
        return rc;
    }
    extract_job job = {&x, &opt, date, issuer, in};
    rc |= cli_jobs_run(jobs, nin, extract_one, &job);
    cli_inputs_free(in, nin);
    mb_model_free(model);
    return rc;
}
