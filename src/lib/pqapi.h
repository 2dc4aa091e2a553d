/* pqapi.h — the part of libpq that the PostgreSQL store uses, loaded with
 * dlopen on first use (owns: keeping libpq, and the TLS, Kerberos and LDAP
 * libraries it pulls in, out of the start-up of every command: linked, they
 * cost each run about 3.5 ms of its 14). The types come from libpq's own
 * header. */
#ifndef MB_PQAPI_H
#define MB_PQAPI_H

#include "mubiao.h"

#include <libpq-fe.h>

/* Each field is the libpq function of its name, with its own type. */
typedef struct mb_pq_api {
    __typeof__(PQclear) *PQclear;
    __typeof__(PQconnectdbParams) *PQconnectdbParams;
    __typeof__(PQenterPipelineMode) *PQenterPipelineMode;
    __typeof__(PQerrorMessage) *PQerrorMessage;
    __typeof__(PQexec) *PQexec;
    __typeof__(PQexecParams) *PQexecParams;
    __typeof__(PQexecPrepared) *PQexecPrepared;
    __typeof__(PQexitPipelineMode) *PQexitPipelineMode;
    __typeof__(PQfinish) *PQfinish;
    __typeof__(PQgetResult) *PQgetResult;
    __typeof__(PQgetisnull) *PQgetisnull;
    __typeof__(PQgetvalue) *PQgetvalue;
    __typeof__(PQntuples) *PQntuples;
    __typeof__(PQpipelineSync) *PQpipelineSync;
    __typeof__(PQprepare) *PQprepare;
    __typeof__(PQresultErrorMessage) *PQresultErrorMessage;
    __typeof__(PQresultStatus) *PQresultStatus;
    __typeof__(PQsendQueryParams) *PQsendQueryParams;
    __typeof__(PQsendQueryPrepared) *PQsendQueryPrepared;
    __typeof__(PQsetNoticeProcessor) *PQsetNoticeProcessor;
    __typeof__(PQsetSingleRowMode) *PQsetSingleRowMode;
    __typeof__(PQstatus) *PQstatus;
} mb_pq_api;

/* libpq's functions, loaded once (thread-safe); NULL with a message in err
 * (naming the library) when it cannot be loaded. */
const mb_pq_api *mb_pq_api_get(mb_error *err);

#endif
