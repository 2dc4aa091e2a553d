/* cmd_numbers.c — `mubiao numbers`: every quantity and time expression as JSON. */
#include "cli.h"
#include "jobs.h"
#include "mapper.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_numbers = {
    "numbers",
    "print every quantity and time expression as JSON (for debugging and tests)",
    "usage: mubiao numbers [--date YYYY-MM-DD] [--encoding NAME] [--lenient] [--dict F]\n"
    "                      [--user-lexicon F]... [--name NAME] [--jobs N] [FILE|FOLDER|-]...\n"
    "       mubiao numbers --input jsonl [OPTIONS] [FILE.jsonl|-]...\n"
    "\n"
    "Run the recognizer on every sentence of each input and print one JSON\n"
    "object per quantity and per time expression, in text order:\n"
    "  doc, paragraph, sentence   where it was found (indexes from 0)\n"
    "  type                       \"quantity\" or \"time\"\n"
    "  start, end                 byte offsets in the source file\n"
    "  text                       the normalized text of that span\n"
    "Quantities also have:\n"
    "  number                     the number itself (with its magnitude word)\n"
    "  value | min, max           magnitude folded in: 3万亿元 -> 3000000000000\n"
    "  unit                       %, ‰, 个百分点, 倍, ratio, 元, 美元, 家, 个, 人, 吨 ... or null\n"
    "  comparator                 eq gt ge lt le approx range\n"
    "  qkind                      number percent permille ppoint multiple fraction ratio\n"
    "  skip, reason               true for numbers that are not quantities: name, slogan,\n"
    "                             ordinal, rhetorical, phone, docnum, date, age\n"
    "Time expressions also have:\n"
    "  kind                       year year_range date part relative span duration plan\n"
    "                             century annual\n"
    "  year_from, year_to         resolved years (null when unknown)\n"
    "  month_from, month_to, day  within the year, when written\n"
    "  count                      years (or months) of a span or duration\n"
    "  marker                     to (到 2025年), by (2025年前), as_of (截至), since, base (比)\n"
    "  relative                   resolution needs the document date (今年, 近5年, 一季度)\n"
    "  resolved                   false when it does and no --date was given\n"
    "\n"
    "Options:\n"
    "  -d, --date YYYY-MM-DD  the document date: resolves 今年, 去年, 三年内 ...\n"
    "  -e, --encoding NAME    utf-8, gb18030 (gbk, gb2312), big5, utf-16, utf-16le, utf-16be\n"
    "  --lenient              replace undecodable bytes with U+FFFD and warn\n" CLI_NAME_HELP CLI_JOBS_HELP
        CLI_INPUT_HELP "                         (a document's \"date\" resolves its relative times;\n"
    "                         numbers' doc is a string: each line gets \"doc_id\")\n"
    "  --dict F               the compiled dictionary whose lexicon is used (as for extract)\n"
    "  --user-lexicon F       extra lexicon rows (README \"Lexicon\"); repeatable\n"
    "\n"
    "Exit status: 0 success, 1 an input failed (the others are still read),\n"
    "2 usage error (such as a --date that is not a real YYYY-MM-DD date).\n",
    run,
};

/* Strict YYYY-MM-DD, a real calendar date; returns the year or 0. */
static int parse_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return 0;
    return y;
}

static int print_doc(const mb_recognizer *rec, const mb_doc *doc, int year)
{
    mb_error err = {0};
    if (mb_numbers_write(rec, doc, year, cli_write_stdout, NULL, &err)) {
        cli_error("numbers", "%s", err.message);
        return 1;
    }
    return 0;
}

/* Mapper mode: the document's own date, else --date, gives the year. */
static int mapper_doc(void *ctx, const cli_jdoc *jd, const mb_doc *doc, mb_write_fn w, void *wctx,
                      mb_error *err)
{
    return mb_numbers_write(ctx, doc, jd->date ? parse_date(jd->date) : 0, w, wctx, err) != MB_OK;
}

/* One input (jobs.h): what the threads share, read only. */
typedef struct num_job {
    const mb_doc_options *opt;
    const mb_recognizer *rec;
    int year;
    char **in;
} num_job;

/* One piece of an input (cli_pieces): its paragraphs are numbered in the
 * file. */
static int numbers_piece(void *ctx, const mb_doc *doc)
{
    const num_job *j = ctx;
    return print_doc(j->rec, doc, j->year);
}

static int numbers_one(void *ctx, size_t i)
{
    const num_job *j = ctx;
    return cli_pieces("numbers", j->in[i], j->opt, numbers_piece, (void *)j);
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    int year = 0, jsonl_in = 0, jobs = 0;
    const char *date = NULL;
    const char *dict = NULL, *lexs[64];
    size_t nlexs = 0;
    static const struct option longopts[] = {
        {"dict", required_argument, NULL, 'D'},
        {"user-lexicon", required_argument, NULL, 'L'},
        {"date", required_argument, NULL, 'd'},
        {"encoding", required_argument, NULL, 'e'},
        {"lenient", no_argument, NULL, 'l'},
        {"name", required_argument, NULL, CLI_OPT_NAME},
        {"input", required_argument, NULL, CLI_OPT_INPUT},
        {"jobs", required_argument, NULL, CLI_OPT_JOBS},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            year = parse_date(optarg);
            if (!year) {
                cli_error("numbers", "--date '%s': expected a real calendar date YYYY-MM-DD", optarg);
                return cli_usage(&cmd_numbers);
            }
            date = optarg;
            break;
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case 'D': dict = optarg; break;
        case 'L':
            if (nlexs == sizeof lexs / sizeof lexs[0]) {
                cli_error("numbers", "too many --user-lexicon options");
                return 2;
            }
            lexs[nlexs++] = optarg;
            break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case CLI_OPT_JOBS:
            if (cli_jobs_parse("numbers", optarg, &jobs))
                return 2;
            break;
        case CLI_OPT_INPUT:
            if ((jsonl_in = cli_mapper_input("numbers", optarg)) < 0)
                return 2;
            break;
        case 'h': cli_fputs(cmd_numbers.help); return 0;
        default: return cli_usage(&cmd_numbers);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) /* else standard input */
        return cli_usage(&cmd_numbers);
    int rc = 0;
    size_t nin = 0;
    char **in = jsonl_in ? NULL : cli_inputs("numbers", argc, argv, optind, &nin, &rc);
    mb_lexicon *lex = cli_lexicon("numbers", dict, lexs, nlexs);
    if (!lex) {
        cli_inputs_free(in, nin);
        return 1;
    }
    opt.lexicon = lex;
    mb_recognizer *rec = NULL;
    mb_error err = {0};
    /* a short text is read sooner without JIT (cli_jit) */
    if (mb_recognizer_open(lex, jsonl_in || cli_jit(in, nin), &rec, &err)) {
        cli_error("numbers", "%s", err.message);
        cli_inputs_free(in, nin);
        mb_lexicon_free(lex);
        return 1;
    }
    if (jsonl_in) { /* mapper mode (mapper.c) */
        rc = cli_mapper_run("numbers", argc, argv, optind, &opt, date, mapper_doc, rec);
        mb_recognizer_free(rec);
        mb_lexicon_free(lex);
        return rc;
    }
    num_job job = {&opt, rec, year, in};
    rc |= cli_jobs_run(jobs, nin, numbers_one, &job);
    cli_inputs_free(in, nin);
    mb_recognizer_free(rec);
    mb_lexicon_free(lex);
    return rc;
}
