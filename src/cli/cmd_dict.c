/* cmd_dict.c — `mubiao dict`: compile, inspect and query dictionaries. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static int run(int argc, char **argv);

#define DEFAULT_JIEBA "/usr/lib/python3/dist-packages/jieba/dict.txt"

const mb_cli_cmd cmd_dict = {
    "dict",
    "compile the word dictionary (jieba's + dict/*.txt) and the lexicon, show its header, look words up",
    "usage: mubiao dict compile [-o OUT] [--base FILE | --no-base] [--lexicon FILE]... [SOURCE...]\n"
    "       mubiao dict info FILE\n"
    "       mubiao dict lookup FILE WORD...\n"
    "       mubiao dict lexicon FILE [CLASS]\n"
    "\n"
    "compile  build the binary dictionary OUT (default mubiao.dict) from the base\n"
    "         lexicon and the SOURCE files, later ones overriding earlier ones.\n"
    "         Every source has one entry a line, \"word [freq] [tag]\" (jieba's\n"
    "         format, so jieba user dictionaries work unchanged); a missing freq is\n"
    "         chosen so that the word beats its own split, freq 0 removes a word,\n"
    "         lines starting with \"# \" are comments.\n"
    "           --base FILE  the base lexicon (default: $JIEBA_DICT, else\n"
    "                        " DEFAULT_JIEBA ",\n"
    "                        from the Debian package python3-jieba)\n"
    "           --no-base    compile the sources alone\n"
    "           --lexicon F  a lexicon file (dict/lexicon/*.tsv: word<TAB>class[<TAB>items]\n"
    "                        rows, README \"Lexicon\"); repeatable. A duplicate word and\n"
    "                        class, an unknown class or a malformed line is an error\n"
    "                        \"FILE:LINE: message\" (exit 1)\n"
    "info     print the header of a compiled dictionary (version, size,\n"
    "         checksum, words) after validating it and checking the checksum\n"
    "         of the whole file\n"
    "lookup   print each WORD's log-probability and tag, or \"-\" if absent\n"
    "lexicon  print the rows of the compiled lexicon (of CLASS only), in the\n"
    "         lexicon file format: word<TAB>class[<TAB>items]\n"
    "\n"
    "A compiled dictionary of another format version, truncated or corrupted\n"
    "is refused with an error naming the file and byte offset (exit 1). Every\n"
    "command checks the dictionary's header, bounds and all but its trie\n"
    "against a checksum when it opens it; 'dict info' checks the whole file.\n",
    run,
};

static int do_compile(int argc, char **argv)
{
    const char *out = "mubiao.dict";
    const char *base = getenv("JIEBA_DICT");
    if (!base || !*base)
        base = DEFAULT_JIEBA;
    int no_base = 0;
    const char **lexs = calloc((size_t)argc + 1, sizeof *lexs);
    size_t nlexs = 0;
    if (!lexs) {
        cli_error("dict", "out of memory");
        return 1;
    }
    static const struct option longopts[] = {
        {"lexicon", required_argument, NULL, 'l'},
        {"output", required_argument, NULL, 'o'},
        {"base", required_argument, NULL, 'b'},
        {"no-base", no_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'b': base = optarg; break;
        case 'n': no_base = 1; break;
        case 'l': lexs[nlexs++] = optarg; break;
        default: free(lexs); return cli_usage(&cmd_dict);
        }
    }
    if (no_base && optind >= argc && !nlexs) {
        cli_error("dict", "compile: --no-base needs at least one SOURCE or --lexicon");
        free(lexs);
        return 2;
    }
    mb_error err = {0};
    mb_status st = mb_dict_compile_lexicon(out, no_base ? NULL : base, (const char *const *)argv + optind,
                                           (size_t)(argc - optind), lexs, nlexs, &err);
    free(lexs);
    if (st) {
        cli_error("dict", "%s", err.message);
        if (st == MB_EIO && !no_base && strstr(err.message, base) == err.message)
            fprintf(stderr,
                    "mubiao dict: the base lexicon is jieba's dict.txt: install the Debian package "
                    "python3-jieba (scripts/install-deps.sh), or pass --base FILE or set JIEBA_DICT\n");
        return 1;
    }
    return 0;
}

static int do_info(int argc, char **argv)
{
    if (argc != 2)
        return cli_usage(&cmd_dict);
    mb_dict *d = NULL;
    mb_error err = {0};
    if (mb_dict_open(argv[1], &d, &err)) {
        cli_error("dict", "%s", err.message);
        return 1;
    }
    if (mb_dict_verify(d, &err)) {
        cli_error("dict", "%s", err.message);
        mb_dict_close(d);
        return 1;
    }
    mb_dict_info in;
    mb_dict_get_info(d, &in);
    cli_printf("file: %s\nformat version: %u\nsize: %llu bytes\nchecksum: %016llx (ok)\nwords: %u\n"
               "characters: %u\ntrie units: %u\ntags: %u\nlexicon rows: %u\ntotal frequency: %llu\n",
               argv[1], in.version, (unsigned long long)in.file_size, (unsigned long long)in.checksum,
               in.words, in.chars, in.units, in.tags, in.lexicon_rows, (unsigned long long)in.total_freq);
    mb_dict_close(d);
    return 0;
}

static int do_lookup(int argc, char **argv)
{
    if (argc < 3)
        return cli_usage(&cmd_dict);
    mb_dict *d = NULL;
    mb_error err = {0};
    if (mb_dict_open(argv[1], &d, &err)) {
        cli_error("dict", "%s", err.message);
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        double lp;
        const char *tag;
        if (mb_dict_lookup(d, argv[i], strlen(argv[i]), &lp, &tag))
            cli_printf("%s\t%.4f\t%s\n", argv[i], lp, tag);
        else
            cli_printf("%s\t-\n", argv[i]);
    }
    mb_dict_close(d);
    return 0;
}

static int do_lexicon(int argc, char **argv)
{
    if (argc < 2 || argc > 3)
        return cli_usage(&cmd_dict);
    mb_dict *d = NULL;
    mb_lexicon *lex = NULL;
    mb_error err = {0};
    if (mb_dict_open(argv[1], &d, &err) || mb_lexicon_open(d, NULL, 0, &lex, &err)) {
        cli_error("dict", "%s", err.message);
        mb_dict_close(d);
        return 1;
    }
    const char *cls, *word, *items;
    for (size_t i = 0; mb_lexicon_row(lex, i, &cls, &word, &items); i++)
        if (argc < 3 || !strcmp(cls, argv[2]))
            cli_printf("%s\t%s%s%s\n", word, cls, *items ? "\t" : "", items);
    mb_lexicon_free(lex);
    mb_dict_close(d);
    return 0;
}

static int run(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage(&cmd_dict);
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
        cli_fputs(cmd_dict.help);
        return 0;
    }
    if (!strcmp(sub, "compile"))
        return do_compile(argc - 1, argv + 1);
    if (!strcmp(sub, "info"))
        return do_info(argc - 1, argv + 1);
    if (!strcmp(sub, "lookup"))
        return do_lookup(argc - 1, argv + 1);
    if (!strcmp(sub, "lexicon"))
        return do_lexicon(argc - 1, argv + 1);
    cli_error("dict", "unknown subcommand '%s'", sub);
    return cli_usage(&cmd_dict);
}
