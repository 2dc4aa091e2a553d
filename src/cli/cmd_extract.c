/* cmd_extract.c — `mubiao extract`: commitment records as JSON. */
#include "cli.h"
#include "jobs.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_extract = {
    "extract",
    "extract commitment records (targets and reported figures) as JSON",
    "usage: mubiao extract [--date YYYY-MM-DD] [--format jsonl|json] [--pretty] [--explain] [--kind KIND]\n"
    "                      [--dict F] [--user-dict F]... [--user-lexicon F]... [--encoding NAME]\n"
    "                      [--lenient] [--name NAME] [--jobs N] [FILE|FOLDER|-]...\n"
    "\n"
    "Read each document and print its commitment records (spec v1): JSON Lines\n"
    "by default, one record a line; --format json prints one JSON object per\n"
    "input with its paragraphs and records. Every field is present, null where\n"
    "it does not apply (see the README's field table and\n"
    "schema/commitment.schema.json).\n"
    "\n"
    "Options:\n"
    "  -d, --date YYYY-MM-DD  the document date (else FILE.meta.json {\"date\": ...},\n"
    "                         else a dateline in the text, else inferred, else none)\n"
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
    "\n"
    "A file that fails is reported on stderr with its name; the others are still\n"
    "processed and the exit status is 1. The same input gives the same output,\n"
    "byte for byte (record ids are stable).\n",
    run,
};

/* One input (jobs.h): what the threads share, read only. */
typedef struct extract_job {
    const mb_model *model;
    const mb_doc_options *opt;
    const char *date, *format, *kind;
    int pretty;
    char **in;
} extract_job;

static int extract_one(void *ctx, size_t i)
{
    const extract_job *j = ctx;
    const char *date = j->date, *format = j->format, *kind = j->kind;
    int pretty = j->pretty, rc = 0;
    mb_doc *doc = cli_load("extract", j->in[i], j->opt);
    if (!doc)
        return 1;
    mb_records recs;
    mb_error err = {0};
    if (mb_extract(j->model, doc, date, &recs, &err)) {
        cli_error("extract", "%s", err.message);
        mb_doc_free(doc);
        return 1;
    }
    if (kind) { /* keep only the records of that kind */
        mb_kind want = strcmp(kind, "target") ? MB_KIND_ACHIEVEMENT : MB_KIND_TARGET;
        mb_records_filter_kind(&recs, want);
    }
    char *js = NULL;
    if (!strcmp(format, "json")) {
        if (mb_emit_document(doc, &recs, pretty, &js, &err)) {
            cli_error("extract", "%s", err.message);
            rc = 1;
        } else {
            cli_puts(js);
            free(js);
        }
    } else {
        for (size_t k = 0; k < recs.n; k++) {
            if (mb_emit_record(doc, &recs, k, pretty, &js, &err)) {
                cli_error("extract", "%s", err.message);
                rc = 1;
                break;
            }
            cli_puts(js);
            free(js);
        }
    }
    mb_records_free(&recs);
    mb_doc_free(doc);
    return rc;
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    const char *date = NULL, *format = "jsonl", *kind = NULL, *dict = NULL;
    const char *users[64];
    size_t nusers = 0;
    const char *lexs[64];
    size_t nlexs = 0;
    int pretty = 0, jobs = 0;
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, CLI_OPT_JOBS},
        {"date", required_argument, NULL, 'd'},
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
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:pxk:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': date = optarg; break;
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
    if (date) {
        mb_date d;
        if (mb_date_parse(date, &d)) {
            cli_error("extract", "invalid --date '%s': want YYYY-MM-DD", date);
            return 2;
        }
    }
    mb_model *model = cli_model("extract", dict, users, nusers, lexs, nlexs);
    if (!model)
        return 1;
    opt.lexicon = mb_model_lexicon(model); /* Big5 detection, page dates */
    int rc = 0;
    size_t nin = 0;
    char **in = cli_inputs("extract", argc, argv, optind, &nin, &rc);
    extract_job job = {model, &opt, date, format, kind, pretty, in};
    rc |= cli_jobs_run(jobs, nin, extract_one, &job);
    cli_inputs_free(in, nin);
    mb_model_free(model);
    return rc;
}
