/* cues.c — the cue lexicon of extraction. */
#include "cues.h"

#include <string.h>

const mb_cue mb_kind_cues[] = {
    /* targets: goals, plans, quotas, budgets */
    {"预期目标", MB_CUE_TARGET, 0, 1},
    {"主要目标", MB_CUE_TARGET, 0, 1},
    {"力争", MB_CUE_TARGET, 0, 0},
    {"确保", MB_CUE_TARGET, 0, 0},
    {"目标", MB_CUE_TARGET, 0, 1},
    {"预期", MB_CUE_TARGET, 0, 1},
    {"计划到", MB_CUE_TARGET, 0, 0},
    {"计划在", MB_CUE_TARGET, 0, 0},
    {"计划用", MB_CUE_TARGET, 0, 0},
    {"计划新增", MB_CUE_TARGET, 0, 0},
    {"计划投资", MB_CUE_TARGET, 0, 0},
    {"计划完成", MB_CUE_TARGET, 0, 0},
    {"争取", MB_CUE_TARGET, 0, 0},
    {"力求", MB_CUE_TARGET, 0, 0},
    {"预计", MB_CUE_TARGET, 0, 0},
    {"提出", MB_CUE_TARGET, 0, 0},
    {"拟", MB_CUE_TARGET, 1, 0},
    {"将", MB_CUE_TARGET, 1, 0},
    {"还将", MB_CUE_TARGET, 1, 0},
    {"将要", MB_CUE_TARGET, 1, 0},
    {"要", MB_CUE_TARGET, 1, 0},
    {"都要", MB_CUE_TARGET, 1, 0},
    {"需要", MB_CUE_TARGET, 1, 0},
    {"以后", MB_CUE_TARGET, 1, 0},
    {"今后", MB_CUE_TARGET, 1, 0},
    {"未来", MB_CUE_TARGET, 1, 0},
    {"每年新增", MB_CUE_TARGET, 0, 0},
    /* the same in traditional characters */
    {"預期目標", MB_CUE_TARGET, 0, 1},
    {"力爭", MB_CUE_TARGET, 0, 0},
    {"確保", MB_CUE_TARGET, 0, 0},
    {"目標", MB_CUE_TARGET, 0, 1},
    {"預期", MB_CUE_TARGET, 0, 1},
    {"爭取", MB_CUE_TARGET, 0, 0},
    {"預計", MB_CUE_TARGET, 0, 0},
    {"將", MB_CUE_TARGET, 1, 0},
    {"還將", MB_CUE_TARGET, 1, 0},
    {"要", MB_CUE_TARGET, 1, 0},
    {"今後", MB_CUE_TARGET, 1, 0},
    /* achievements: reported outcomes */
    {"年初确定", MB_CUE_ACHIEVEMENT, 0, 0},
    {"实现年初", MB_CUE_ACHIEVEMENT, 0, 0},
    {"完成年初", MB_CUE_ACHIEVEMENT, 0, 0},
    {"累计", MB_CUE_ACHIEVEMENT, 0, 0},
    {"目前", MB_CUE_ACHIEVEMENT, 0, 0},
    {"现有", MB_CUE_ACHIEVEMENT, 0, 0},
    {"已经", MB_CUE_ACHIEVEMENT, 0, 0},
    {"已", MB_CUE_ACHIEVEMENT, 1, 0},
    {"已有", MB_CUE_ACHIEVEMENT, 1, 0},
    {"实现了", MB_CUE_ACHIEVEMENT, 0, 0},
    {"同比", MB_CUE_ACHIEVEMENT, 0, 0},
    {"拥有", MB_CUE_ACHIEVEMENT, 0, 0},
    {"过去", MB_CUE_ACHIEVEMENT, 0, 0},
    {"以来", MB_CUE_ACHIEVEMENT, 0, 0},
    {"刚刚", MB_CUE_ACHIEVEMENT, 0, 0},
    {"了", MB_CUE_ACHIEVEMENT, 1, 0},
    {"累計", MB_CUE_ACHIEVEMENT, 0, 0},
    {"已經", MB_CUE_ACHIEVEMENT, 0, 0},
    {"現有", MB_CUE_ACHIEVEMENT, 0, 0},
    {"實現了", MB_CUE_ACHIEVEMENT, 0, 0},
    {"過去", MB_CUE_ACHIEVEMENT, 0, 0},
    {NULL, MB_CUE_NONE, 0, 0},
};

static int in_list(const char *tok, size_t len, const char *const *list)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; list[i]; i++) /* the first byte rules out most words cheaply */
        if (list[i][0] == tok[0] && (len < 2 || list[i][1] == tok[1]) && strlen(list[i]) == len &&
            !memcmp(list[i], tok, len))
            return 1;
    return 0;
}

int mb_change_of(const char *tok, size_t len)
{
    static const char *const up[] = {"增长",
                                     "增加",
                                     "提高",
                                     "上升",
                                     "上涨",
                                     "扩大",
                                     "增",
                                     "涨",
                                     "提升",
                                     "增至",
                                     "多",
                                     "高",
                                     "同比增长",
                                     "翻",
                                     "新增了",
                                     "增产",
                                     /* traditional */ "增長",
                                     "擴大",
                                     "漲",
                                     "上漲",
                                     "同比增長",
                                     NULL};
    static const char *const down[] = {"下降",
                                       "降低",
                                       "减少",
                                       "缩小",
                                       "压减",
                                       "下调",
                                       "降",
                                       "减",
                                       "低",
                                       "少",
                                       "回落",
                                       "同比下降",
                                       "压缩",
                                       "收窄",
                                       "削减",
                                       "减轻",
                                       "裁减",
                                       "下跌",
                                       /* traditional */ "降低",
                                       "減少",
                                       "縮小",
                                       "壓減",
                                       "減",
                                       "壓縮",
                                       "削減",
                                       "減輕",
                                       NULL};
    if (in_list(tok, len, up))
        return 1;
    if (in_list(tok, len, down))
        return -1;
    return 0;
}

int mb_is_linker(const char *tok, size_t len)
{
    static const char *const w[] = {
        "达到",   "达",   "为",     "是",     "保持", "保持在", "控制",   "控制在", "稳定",
        "稳定在", "在",   "到",     "至",     "按",   "安排",   "完成",   "实现",   "突破",
        "超过",   "超",   "跃上",   "跃居",   "占",   "约",     "近",     "共",     "合计",
        "总计",   "共计", "再",     "又",     "实际", "新签约", "分别",   "等",     "增速",
        "增幅",   "定为", "确定为", "设定为", "设为", "调整为", "提高至", "达至",   NULL};
    return in_list(tok, len, w);
}

int mb_is_adverb(const char *tok, size_t len)
{
    static const char *const w[] = {"平均",   "全年", "年均", "年",   "人均", "同比", "比上年",
                                    "比去年", "今年", "去年", "上年", "从",   "由",   "年初",
                                    "预算",   "全部", "先",   "再",   NULL};
    return mb_is_modal(tok, len) || in_list(tok, len, w);
}

int mb_is_modal(const char *tok, size_t len)
{
    static const char *const w[] = {"拟",   "将",     "要",   "力争", "确保", "累计", "还",
                                    "还将", "都",     "都要", "已",   "已经", "预计", "计划",
                                    "争取", "进一步", "继续", "持续", "力求", "努力", NULL};
    return in_list(tok, len, w);
}

int mb_is_generic_head(const char *tok, size_t len)
{
    static const char *const w[] = {"规模", "总量", "总额", "增速", "比重",
                                    "数量", "总数", "金额", "水平", NULL};
    return in_list(tok, len, w);
}

int mb_is_nounish(const char *tok, size_t len, const char *tag)
{
    (void)tok;
    (void)len;
    if (!tag)
        return 0;
    switch (tag[0]) {
    case 'n': /* n, nr, ns, nt, nz, ng */
    case 'j': /* abbreviation */
    case 'b': /* distinguishing word: 规上, 高端 */
    case 'l': /* fixed expression */
    case 'i':
    case 'g': return 1;
    case 'v': return tag[1] == 'n';       /* vn: 投资, 就业 */
    case 'a': return tag[1] == 'n';       /* an */
    case 'e': return !strcmp(tag, "eng"); /* GDP, CPI */
    default: return 0;
    }
}
