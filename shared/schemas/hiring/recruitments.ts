import { z } from '@hono/zod-openapi';
import type { OpenRecruitmentInput } from '#shared/domain/recruitment.ts';
import {
  recruitmentChannels,
  recruitmentPolicySchema,
  recruitmentStages,
} from '#shared/domain/recruitment.ts';
import { hireChannelNames } from '#shared/domain/vocabulary.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { post } from './fields.ts';

/** A recruitment: opening it, the record, moving it through its stages. */

export const openRecruitmentBody = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: '2026年红旗社区社区工作者招聘' }),
    org: orgId.openapi({ description: 'The org unit hired into (usually a community)' }),
    places: z.number().int().min(1).max(1000),
    channel: vocabularyCode(recruitmentChannels, hireChannelNames).default('open-recruitment').openapi({
      description: 'open-recruitment (公开招聘) or helper-appointment (协辅人员, same exam-based process)',
    }),
    post: post.default('staff'),
    startingGrade: z.number().int().min(1).max(18).optional().openapi({
      description: "Grade on hire; default the bottom of the post's band in the pay policy",
    }),
    ageReferenceDate: isoDate
      .optional()
      .openapi({ description: 'Ages are checked on this date (default today)' }),
  })
  .openapi('OpenRecruitment');
openRecruitmentBody satisfies z.ZodType<OpenRecruitmentInput>;

export const recruitmentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    org: z.string(),
    channel: z.enum(recruitmentChannels),
    places: z.number().int(),
    post: post,
    startingGrade: z.number().int(),
    stage: z.enum(recruitmentStages),
    ageReferenceDate: z.string(),
    policy: z.object({ version: z.string(), document: recruitmentPolicySchema }),
    payPolicyVersion: z.string(),
    openedOn: z.string(),
    candidateCount: z.number().int(),
    eligibleCount: z.number().int(),
    shortlist: z.array(z.string()).nullable(),
    selected: z.array(z.string()).nullable(),
    noticeStartsOn: z.string().nullable(),
    noticeEndsOn: z.string().nullable(),
    hiredCount: z.number().int(),
    closedReason: z.string().nullable(),
    stageChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Recruitment');

export const stageBody = z
  .object({
    to: z.enum(['written-exam', 'interview', 'review', 'notice', 'closed']).openapi({
      description: 'The next stage, or closed (from any stage; final)',
    }),
    reason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'Why (for closing)' }),
  })
  .openapi('RecruitmentStageChange');
