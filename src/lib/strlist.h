/* strlist.h — a growable list of owned strings (owns: mb_strlist_*).
 * Used for warnings and small name lists. */
#ifndef MB_STRLIST_H
#define MB_STRLIST_H

#include "error.h"

typedef struct mb_strlist {
    char **items;
    size_t n, cap;
} mb_strlist;

/* Append a formatted copy. */
mb_status mb_strlist_addf(mb_strlist *l, const char *fmt, ...) MB_PRINTF(2, 3);
void mb_strlist_free(mb_strlist *l);

#endif
