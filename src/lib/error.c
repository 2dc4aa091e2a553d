/* error.c — status text and error detail. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *mb_strerror(mb_status code)
{
    switch (code) {
    case MB_OK: return "no error";
    case MB_ENOMEM: return "out of memory";
    case MB_EIO: return "input/output error";
    case MB_EDECODE: return "invalid byte sequence for the encoding";
    case MB_EBINARY: return "binary input (NUL bytes)";
    case MB_EENCODING: return "unknown encoding";
    case MB_ETOOBIG: return "input too large";
    case MB_EARG: return "invalid argument";
    case MB_EDICT: return "dictionary unusable";
    case MB_EDICT_VERSION: return "dictionary of another format version";
    case MB_EDICT_CORRUPT: return "dictionary truncated or corrupted";
    case MB_EPATTERN: return "internal pattern failed to compile";
    case MB_EJSON: return "invalid JSON";
    case MB_ESTORE: return "store error";
    case MB_EHTML: return "HTML input unusable";
    }
    return "unknown error";
}

mb_status mb_error_set(mb_error *err, mb_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
