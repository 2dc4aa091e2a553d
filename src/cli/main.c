/* main.c — mubiao's entry point: dispatch to subcommands. */
#include "cli.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const mb_cli_cmd *const commands[] = {
    &cmd_paragraphs, &cmd_segment, &cmd_dict,   &cmd_numbers, &cmd_extract, &cmd_audit,
    &cmd_show,       &cmd_report,  &cmd_ingest, &cmd_query,   &cmd_history,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mubiao %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
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

const mb_lexicon *cli_default_lexicon(const char *cmd)
{
    if (!default_tried) {
        default_tried = 1;
        default_lexicon = cli_lexicon(cmd, NULL, NULL, 0);
        if (!default_lexicon)
            fprintf(stderr,
                    "mubiao %s: warning: without the dictionary's lexicon Big5 is not detected, "
                    "an HTML page's written date is not read and values have no magnitude words\n",
                    cmd);
    }
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
        size_t cap = 1 << 16, n = 0;
        char *buf = malloc(cap);
        if (!buf) {
            cli_error(cmd, "-: out of memory");
            return NULL;
        }
        size_t r;
        while ((r = fread(buf + n, 1, cap - n, stdin)) > 0) {
            n += r;
            if (n == cap) {
                char *nb = realloc(buf, cap * 2);
                if (!nb) {
                    free(buf);
                    cli_error(cmd, "-: out of memory");
                    return NULL;
                }
                buf = nb;
                cap *= 2;
            }
        }
        st = mb_doc_load_mem(cli_stdin_name, buf, n, opt, &doc, &err);
        free(buf);
    } else {
        st = mb_doc_load_file(path, opt, &doc, &err);
    }
    if (st) {
        fprintf(stderr, "mubiao %s: %s\n", cmd, err.message[0] ? err.message : mb_strerror(st));
        return NULL;
    }
    for (size_t i = 0; mb_doc_warning(doc, i); i++)
        fprintf(stderr, "mubiao %s: warning: %s\n", cmd, mb_doc_warning(doc, i));
    return doc;
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
        return 0;
    }
    if (!strcmp(c, "-V") || !strcmp(c, "--version")) {
        printf("mubiao %s\n", MB_VERSION);
        return 0;
    }
    if (!strcmp(c, "help")) {
        if (argc < 3) {
            main_help(stdout);
            return 0;
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
        fputs(cmd->help, stdout);
        return 0;
    }
    const mb_cli_cmd *cmd = cli_find(c);
    if (!cmd) {
        fprintf(stderr, "mubiao: unknown command '%s'; try 'mubiao --help'\n", c);
        return 2;
    }
    int rc = cmd->run(argc - 1, argv + 1);
    mb_lexicon_free(default_lexicon);
    return rc;
}
