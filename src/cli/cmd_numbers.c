/* cmd_numbers.c — `mubiao numbers` (not yet implemented). */
#include "cli.h"

static int run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("numbers", "not implemented yet");
    return 2;
}

const mb_cli_cmd cmd_numbers = {
    "numbers",
    "(not yet implemented)",
    "usage: mubiao numbers\n",
    run,
};
