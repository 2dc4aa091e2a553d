/* strlist.c — a growable list of owned strings. */
#include "strlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

mb_status mb_strlist_addf(mb_strlist *l, const char *fmt, ...)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **items = realloc(l->items, cap * sizeof *items);
        if (!items)
            return MB_ENOMEM;
        l->items = items;
        l->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return MB_EARG;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return MB_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    l->items[l->n++] = s;
    return MB_OK;
}

void mb_strlist_free(mb_strlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}
