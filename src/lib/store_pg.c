/* store_pg.c — the PostgreSQL backend of the store (not built yet: every
 * open fails with a clear error). */
#include "store_backend.h"

#include "error.h"

mb_status mb_store_pg_open(const char *uri, const mb_store_backend **be, void **db, mb_error *err)
{
    (void)uri;
    *be = NULL;
    *db = NULL;
    return mb_error_set(err, MB_ESTORE, "PostgreSQL store: not built into this mubiao");
}
