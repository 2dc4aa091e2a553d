/* cmd_segment.c — `mubiao segment` (not yet implemented). */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("segment", "not implemented yet");
    return 2;
}

const mb_cli_cmd cmd_segment = {
    "segment",
    "(not yet implemented)",
    "usage: mubiao segment\n",
    run,
};
