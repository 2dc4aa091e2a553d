/* cmd_paragraphs.c — `mubiao paragraphs`: one JSON object per paragraph. */
#include "cli.h"
#include "jobs.h"
#include "mapper.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_paragraphs = {
    "paragraphs",
    "print each paragraph (reflowed, normalized) as JSON with source offsets",
    "usage: mubiao paragraphs [--encoding NAME] [--lenient] [--name NAME] [--jobs N] [FILE|FOLDER|-]...\n"
    "       mubiao paragraphs --input jsonl [--encoding NAME] [--lenient] [FILE.jsonl|-]...\n"
    "\n"
    "Decode each input (detecting its encoding), normalize it, rebuild the\n"
    "paragraphs of PDF-extracted text, and print one JSON object per paragraph.\n"
    "Wrapped lines are joined (no space between Chinese characters, one between\n"
    "Latin words); headings, indented lines, titles, page numbers and short\n"
    "lines after a sentence end start new paragraphs. Text that is already one\n"
    "paragraph per line (long lines ending in 。) keeps every non-blank line as\n"
    "a paragraph. Fields:\n"
    "  doc        {path, sha256, encoding}\n"
    "  index      0-based paragraph number\n"
    "  start,end  byte offsets of the paragraph in the source file\n"
    "  line       1-based line of its first character\n"
    "  text       the normalized, reflowed text (no line breaks)\n"
    "  sentences  [{start, end, text}] with source byte offsets\n"
    "\n"
    "Options:\n"
    "  -e, --encoding NAME  decode as NAME instead of detecting: utf-8, gb18030 (also\n"
    "                       gbk, gb2312, cp936), big5 (cp950), utf-16le, utf-16be, or\n"
    "                       utf-16 (byte order of the BOM, else big-endian)\n"
    "                       Detection: BOM, else UTF-8, else GB18030 or Big5.\n"
    "  --lenient            replace undecodable bytes with U+FFFD, warn, go on\n"
    "                       (a NUL byte still means a binary file: an error)\n" CLI_NAME_HELP CLI_JOBS_HELP
        CLI_INPUT_HELP "\n"
    "An input that fails is reported on stderr with its name and byte offset;\n"
    "the others are still processed, and the exit status is 1.\n",
    run,
};

/* Each paragraph of doc as a JSON line through w. */
static int write_doc(const mb_doc *doc, mb_write_fn w, void *wctx, mb_error *err)
{
    for (size_t k = 0; k < mb_doc_paragraph_count(doc); k++) {
        char *js = NULL;
        if (mb_emit_paragraph(doc, k, &js, err))
            return 1;
        int bad = w(wctx, js, strlen(js)) || w(wctx, "\n", 1);
        free(js);
        if (bad) {
            err->code = MB_EIO;
            snprintf(err->message, sizeof err->message, "cannot write output");
            return 1;
        }
    }
    return 0;
}

static int mapper_doc(void *ctx, const cli_jdoc *jd, const mb_doc *doc, mb_write_fn w, void *wctx,
                      mb_error *err)
{
    (void)ctx, (void)jd;
    return write_doc(doc, w, wctx, err);
}

/* One input (jobs.h): what the threads share, read only. */
typedef struct para_job {
    const mb_doc_options *opt;
    char **in;
} para_job;

/* One piece of an input (cli_pieces): its paragraphs are numbered in the
 * file. */
static int paragraphs_piece(void *ctx, const mb_doc *doc)
{
    (void)ctx;
    mb_error err = {0};
    int rc = write_doc(doc, cli_write_stdout, NULL, &err);
    if (rc && !cli_out_failed())
        cli_error("paragraphs", "%s", err.message);
    return rc;
}

static int paragraphs_one(void *ctx, size_t i)
{
    const para_job *j = ctx;
    return cli_pieces("paragraphs", j->in[i], j->opt, paragraphs_piece, NULL);
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    int jsonl_in = 0, jobs = 0;
    static const struct option longopts[] = {
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
    while ((c = getopt_long(argc, argv, "e:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case CLI_OPT_JOBS:
            if (cli_jobs_parse("paragraphs", optarg, &jobs))
                return 2;
            break;
        case CLI_OPT_INPUT:
            if ((jsonl_in = cli_mapper_input("paragraphs", optarg)) < 0)
                return 2;
            break;
        case 'h': cli_fputs(cmd_paragraphs.help); return 0;
        default: return cli_usage(&cmd_paragraphs);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) /* else standard input */
        return cli_usage(&cmd_paragraphs);
    if (jsonl_in) /* mapper mode (mapper.c) */
        return cli_mapper_run("paragraphs", argc, argv, optind, &opt, NULL, mapper_doc, NULL);
    int rc = 0;
    size_t nin = 0;
    char **in = cli_inputs("paragraphs", argc, argv, optind, &nin, &rc);
    if (nin > 1) /* the lexicon documents are read with: opened once, before the jobs */
        cli_default_lexicon("paragraphs");
    para_job job = {&opt, in};
    rc |= cli_jobs_run(jobs, nin, paragraphs_one, &job);
    cli_inputs_free(in, nin);
    return rc;
}
