/* error.h — status text and error detail (owns: mb_strerror, mb_error_set).
 * The library never prints: failures are described in an mb_error. */
#ifndef MB_ERROR_H
#define MB_ERROR_H

#include "mubiao.h"

#if defined(__GNUC__)
#define MB_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MB_PRINTF(a, b)
#endif

/* Record code and a formatted message in err (which may be NULL); returns code. */
mb_status mb_error_set(mb_error *err, mb_status code, const char *fmt, ...) MB_PRINTF(3, 4);

#endif
