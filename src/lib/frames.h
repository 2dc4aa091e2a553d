/* frames.h — the structure of a document as extraction sees it (owns:
 * heading levels, list lead-ins and items, time frames — a plan period, a
 * review, a year heading — and the title's reference year of a
 * statistical communiqué). Fed the paragraphs in document order, it tells
 * each paragraph the frame its records fall back on when their own clause
 * and sentence state no kind or year.
 *
 * Scopes: a heading's frame holds until the next heading of the same or a
 * higher level; a lead-in (a paragraph ending with ：, 以下工作：,
 * 主要预期目标是：) holds until the next heading of its section's level or
 * higher; the items right after a target lead-in (——…, ◆…, 一是…, (1)…)
 * form a target list. Internal to the library. */
#ifndef MB_FRAMES_H
#define MB_FRAMES_H

#include "cues.h"
#include "extract.h"

#include <stddef.h>

#define MB_FRAME_DEPTH 8

/* One frame: what a heading, lead-in or title says about the records
 * under it. */
typedef struct mb_frame {
    mb_cue_kind kind; /* MB_CUE_NONE: the frame does not decide the kind */
    int year;         /* 0: none */
    int year0;        /* the first year of a period of several (a plan, a review of years); 0: none */
    int annual;       /* yearly quantities (年均, 每年) take the year: a plan or a review */
    int list;         /* a target list: qualitative items are records */
    const char *rule; /* "heading", "lead-in", "list item", "title"; NULL: no frame */
    const char *what; /* "plan period", "review", "year", "review words", "words" */
    size_t para;      /* the paragraph that set it, and the text there */
    size_t a, b;
} mb_frame;

typedef struct mb_frames {
    int doc_year;
    const mb_lexicon *lex;          /* the words (lexicon.h) */
    mb_frame stack[MB_FRAME_DEPTH]; /* by level: 0 title, 1 一、, 2 （一）, 3 1. (1), 4 ① */
    int set[MB_FRAME_DEPTH];
    mb_frame leadin; /* the lead-in in force, with the level of its section */
    int leadin_level, leadin_set;
    mb_frame item; /* the time the last item of a list run stated */
    int item_set;
    int in_list;    /* the paragraphs after a target lead-in are its items; 2: the next is the first */
    int paragraphs; /* paragraphs seen */
    int communique; /* the title names a statistical communiqué: 本年 is the year reported on */
} mb_frames;

void mb_frames_init(mb_frames *f, int doc_year, const mb_lexicon *lex);

/* Feed paragraph index (text s[0..len), its times x, the end of its first
 * sentence); *out is the frame in force for its records (rule NULL: none).
 * *heading is set to 1 when the paragraph opens with a heading. */
void mb_frames_paragraph(mb_frames *f, size_t index, const char *s, size_t len, const mb_xrec *x,
                         size_t first_end, mb_frame *out, int *heading);

/* The frame a stretch of text states (a time, review or task words), used
 * for headings, lead-ins and sentence frames: 1 if it states one. */
int mb_frame_of_text(const mb_frames *f, const char *s, size_t a, size_t b, const mb_xrec *x, mb_frame *out);

/* The heading level of a paragraph opening with a heading marker (一、 （一）
 * 1. (1) ①, 第一章), and the end of its marker; 0 if none. */
int mb_heading_level(const mb_lexicon *lex, const char *s, size_t len, size_t *marker_end);

/* 1 if the paragraph opens with a list item marker (—— ◆ ● ■ · 一是 ① (1)). */
int mb_list_item(const mb_lexicon *lex, const char *s, size_t len);

#endif
