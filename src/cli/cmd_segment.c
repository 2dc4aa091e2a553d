/* cmd_segment.c — `mubiao segment`: words of each line, plain or JSON. */
#include "cli.h"
#include "jobs.h"

#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);

const mb_cli_cmd cmd_segment = {
    "segment",
    "split each line into words (dictionary, maximum probability) with tags and offsets",
    "usage: mubiao segment [--dict FILE] [--user-dict FILE]... [--user-lexicon FILE]... [--json]\n"
    "                      [--name NAME] [--jobs N] [FILE|FOLDER|-]...\n"
    "\n"
    "Decode and normalize each input, then split every line into words: the\n"
    "most probable sequence of dictionary words; numbers, percentages, 万/亿\n"
    "amounts, dates (2025年, 3月) and Latin runs stay single tokens.\n"
    "\n"
    "Output, one input line per output line: the words separated by single\n"
    "spaces (the format of `python3 -m jieba -d ' '`).  With --json, one object\n"
    "per non-empty line:\n"
    "  {\"path\", \"line\", \"tokens\": [{\"text\", \"start\", \"end\", \"tag\"}...]}\n"
    "with start/end the token's byte offsets in the source file and tag its\n"
    "part of speech (jieba's tags; m number, t date, eng Latin, x other).\n"
    "\n"
    "Options:\n"
    "  -d, --dict FILE       the compiled dictionary; default: $MUBIAO_DICT, else\n"
    "                        mubiao.dict next to this program, else\n"
    "                        " MB_DATADIR "/mubiao.dict\n"
    "  -u, --user-dict FILE  extra words, \"word [freq] [tag]\" a line (a jieba\n"
    "                        user dictionary); freq 0 removes a word; repeatable\n"
    "      --user-lexicon FILE  extra lexicon rows (README \"Lexicon\"; its common\n"
    "                        characters detect Big5); repeatable\n"
    "  -j, --json            JSON lines with source offsets and tags\n"
    "  -e, --encoding NAME   input encoding (default: detect)\n"
    "  --lenient             replace undecodable bytes with U+FFFD and warn\n" CLI_NAME_HELP CLI_JOBS_HELP
    "\n"
    "Exit status 1 if the dictionary is unusable or an input failed.\n",
    run,
};

/* The words of one line (the text's bytes [a, a + len)), space-separated,
 * written with one fwrite. */
static int print_plain(const mb_text *t, size_t a, size_t len, const mb_tokens *tk, char **buf, size_t *cap)
{
    /* each word at least a byte, one space after it; 16: room for the last
     * short word's whole copy */
    size_t need = 2 * len + 1 + 16;
    if (need > *cap) {
        char *nb = realloc(*buf, need);
        if (!nb) {
            cli_error("segment", "out of memory");
            return 1;
        }
        *buf = nb;
        *cap = need;
    }
    char *p = *buf;
    for (size_t i = 0; i < tk->n; i++) {
        size_t at = a + tk->v[i].start, n = tk->v[i].end - tk->v[i].start;
        /* a word of up to 16 bytes, most of them: a copy of 16 bytes, one
         * fixed move instead of a call that branches on the length */
        if (n <= 16 && at + 16 <= t->len)
            memcpy(p, t->s + at, 16);
        else
            memcpy(p, t->s + at, n);
        p += n;
        *p++ = ' ';
    }
    if (tk->n)
        p--; /* the last word's space */
    *p++ = '\n';
    if (cli_out(*buf, (size_t)(p - *buf)))
        return 1;
    return 0;
}

static int segment_doc(const mb_doc *doc, const mb_dict *dict, const mb_dict *user, int json, mb_tokens *tk)
{
    mb_error err = {0};
    if (json) { /* the library writes the JSON (the Python package's segment too) */
        if (mb_segment_write(dict, user, doc, cli_write_stdout, NULL, &err)) {
            cli_error("segment", "%s", err.message);
            return 1;
        }
        return 0;
    }
    const mb_text *t = mb_doc_text(doc);
    unsigned line = mb_doc_line_base(doc);
    char *buf = NULL;
    size_t cap = 0;
    int rc = 0;
    for (size_t a = 0; a < t->len;) {
        const char *nl = memchr(t->s + a, '\n', t->len - a);
        size_t b = nl ? (size_t)(nl - t->s) : t->len;
        line++;
        if (mb_segment(dict, user, t->s + a, b - a, tk, &err)) {
            cli_error("segment", "%s: line %u: %s", mb_doc_path(doc), line, err.message);
            rc = 1;
            break;
        }
        if (print_plain(t, a, b - a, tk, &buf, &cap)) {
            rc = 1;
            break;
        }
        a = b + 1;
    }
    free(buf);
    return rc;
}

/* One input (jobs.h): what the threads share, read only. */
typedef struct seg_job {
    const mb_doc_options *opt;
    const mb_dict *dict, *user;
    int json;
    char **in;
} seg_job;

/* One piece of an input (cli_pieces). */
typedef struct seg_piece {
    const seg_job *j;
    mb_tokens tk;
} seg_piece;

static int segment_piece(void *ctx, const mb_doc *doc)
{
    seg_piece *sp = ctx;
    return segment_doc(doc, sp->j->dict, sp->j->user, sp->j->json, &sp->tk);
}

static int segment_one(void *ctx, size_t i)
{
    seg_piece sp = {ctx, {0}};
    int rc = cli_pieces("segment", sp.j->in[i], sp.j->opt, segment_piece, &sp);
    mb_tokens_free(&sp.tk);
    return rc;
}

static int run(int argc, char **argv)
{
    mb_doc_options opt = {0};
    opt.lines_only = 1; /* lines, not paragraphs */
    const char *dict_path = NULL;
    const char **users = calloc((size_t)argc, sizeof *users);
    size_t nusers = 0;
    const char **lexs = calloc((size_t)argc, sizeof *lexs);
    size_t nlexs = 0;
    int json = 0, jobs = 0;
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, CLI_OPT_JOBS},
        {"dict", required_argument, NULL, 'd'},
        {"user-dict", required_argument, NULL, 'u'},
        {"user-lexicon", required_argument, NULL, 'L'},
        {"json", no_argument, NULL, 'j'},
        {"encoding", required_argument, NULL, 'e'},
        {"lenient", no_argument, NULL, 'l'},
        {"name", required_argument, NULL, CLI_OPT_NAME},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    if (!users || !lexs) {
        cli_error("segment", "out of memory");
        free(users);
        free(lexs);
        return 1;
    }
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:u:je:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dict_path = optarg; break;
        case 'u': users[nusers++] = optarg; break;
        case 'L': lexs[nlexs++] = optarg; break;
        case 'j': json = 1; break;
        case 'e': opt.encoding = optarg; break;
        case 'l': opt.lenient = 1; break;
        case CLI_OPT_NAME: cli_stdin_name = optarg; break;
        case CLI_OPT_JOBS:
            if (cli_jobs_parse("segment", optarg, &jobs)) {
                free(users);
                free(lexs);
                return 2;
            }
            break;
        case 'h':
            cli_fputs(cmd_segment.help);
            free(users);
            free(lexs);
            return 0;
        default:
            free(users);
            free(lexs);
            return cli_usage(&cmd_segment);
        }
    }
    if (optind >= argc && isatty(STDIN_FILENO)) {
        free(users);
        free(lexs);
        return cli_usage(&cmd_segment);
    }
    char buf[PATH_MAX];
    if (!dict_path)
        dict_path = cli_dict_path(NULL, buf, sizeof buf);
    mb_dict *dict = NULL, *user = NULL;
    mb_error err = {0};
    if (mb_dict_open(dict_path, &dict, &err)) {
        cli_error("segment", "%s", err.message);
        if (err.code == MB_EIO)
            fprintf(stderr, "mubiao segment: build the dictionary with 'make' (or 'mubiao dict compile'), "
                            "then pass --dict FILE or set MUBIAO_DICT\n");
        free(users);
        free(lexs);
        return 1;
    }
    if (nusers && mb_dict_load_user(dict, users, nusers, &user, &err)) {
        cli_error("segment", "%s", err.message);
        mb_dict_close(dict);
        free(users);
        free(lexs);
        return 1;
    }
    free(users);
    /* what reading a document asks of the lexicon: its common characters
     * (they tell Big5 from GB18030) and the words of an HTML page's date */
    static const char *const doc_classes[] = {"common_char", "dateline_word"};
    mb_lexicon *lex = NULL;
    mb_status lst = mb_lexicon_open_classes(dict, lexs, nlexs, doc_classes, 2, &lex, &err);
    free(lexs);
    if (lst) {
        cli_error("segment", "%s", err.message);
        mb_dict_close(user);
        mb_dict_close(dict);
        return 1;
    }
    opt.lexicon = lex;
    int rc = 0;
    size_t nin = 0;
    char **in = cli_inputs("segment", argc, argv, optind, &nin, &rc);
    seg_job job = {&opt, dict, user, json, in};
    rc |= cli_jobs_run(jobs, nin, segment_one, &job);
    cli_inputs_free(in, nin);
    mb_lexicon_free(lex);
    mb_dict_close(user);
    mb_dict_close(dict);
    return rc;
}
