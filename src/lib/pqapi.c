/* pqapi.c — libpq loaded with dlopen on first use. */
#include "pqapi.h"

#include "error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#define LIBPQ_SONAME "libpq.so.5"

static mb_pq_api api;
static int loaded;
static char failure[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym returns an object pointer; its conversion to a function pointer is
 * what POSIX specifies for dlsym. */
#define LOAD(name)                                                                                           \
    do {                                                                                                     \
        void *p_ = dlsym(h, #name);                                                                          \
        if (!p_) {                                                                                           \
            snprintf(failure, sizeof failure, "%s: no symbol %s", LIBPQ_SONAME, #name);                      \
            return;                                                                                          \
        }                                                                                                    \
        *(void **)&api.name = p_;                                                                            \
    } while (0)

static void load(void)
{
    void *h = dlopen(LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(failure, sizeof failure, "%s", e ? e : LIBPQ_SONAME ": cannot be loaded");
        return;
    }
    LOAD(PQclear);
    LOAD(PQconnectdbParams);
    LOAD(PQenterPipelineMode);
    LOAD(PQerrorMessage);
    LOAD(PQexec);
    LOAD(PQexecParams);
    LOAD(PQexecPrepared);
    LOAD(PQexitPipelineMode);
    LOAD(PQfinish);
    LOAD(PQgetResult);
    LOAD(PQgetisnull);
    LOAD(PQgetvalue);
    LOAD(PQntuples);
    LOAD(PQpipelineSync);
    LOAD(PQprepare);
    LOAD(PQresultErrorMessage);
    LOAD(PQresultStatus);
    LOAD(PQsendQueryParams);
    LOAD(PQsendQueryPrepared);
    LOAD(PQsetNoticeProcessor);
    LOAD(PQsetSingleRowMode);
    LOAD(PQstatus);
    loaded = 1; /* the handle stays open for the life of the process */
}

const mb_pq_api *mb_pq_api_get(mb_error *err)
{
    pthread_once(&once, load);
    if (!loaded) {
        mb_error_set(err, MB_EIO, "a PostgreSQL store needs libpq (Debian package libpq5): %s", failure);
        return NULL;
    }
    return &api;
}
