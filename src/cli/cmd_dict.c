/* cmd_dict.c — `mubiao dict` (not yet implemented). */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("dict", "not implemented yet");
    return 2;
}

const mb_cli_cmd cmd_dict = {
    "dict",
    "(not yet implemented)",
    "usage: mubiao dict\n",
    run,
};
