import { z } from '@hono/zod-openapi';
import { certificateLevels } from '#shared/domain/certificates.ts';
import { sessionModeNames, sessionModes } from '#shared/domain/mentoring.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { workerIdString } from './params.ts';

/** Mentoring (导师带徒): mentors, mentorships, coaching sessions. */

export const designateMentorBody = z.object({ workerId: workerIdString }).openapi('DesignateMentor');

export const mentorSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    activeMentees: z.number().int(),
    totalMentees: z.number().int(),
    cap: z.number().int().openapi({ description: 'Per-mentor cap from the mentoring policy' }),
    freePlaces: z.number().int(),
    designatedOn: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Mentor');

export const createMentorshipBody = z
  .object({
    mentorId: workerIdString,
    menteeId: workerIdString,
    startDate: isoDate
      .optional()
      .openapi({ description: "Default today; give the mentee's hire date to pair from hire" }),
    months: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .openapi({ description: 'Default: the policy’s pairingMonths' }),
  })
  .openapi('CreateMentorship');

export const endMentorshipBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .openapi('EndMentorship');

export const mentorshipSchema = z
  .object({
    id: z.string(),
    mentorId: z.string(),
    menteeId: z.string(),
    mentorOrg: z.string(),
    menteeOrg: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    months: z.number().int(),
    status: z.enum(['active', 'ended', 'completed']),
    current: z.boolean().openapi({ description: 'Active and today inside the period' }),
    endedOn: z.string().nullable(),
    endReason: z.string().nullable(),
    sessions: z.number().int(),
    sessionMinutes: z.number().int(),
    policyVersion: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Mentorship');

const sessionMode = vocabularyCode(sessionModes, sessionModeNames).openapi({
  description: 'case-analysis 案例解析 / interactive-exchange 互动交流 / practical-coaching 实操辅导',
});

export const coachingSessionSchema = z
  .object({
    id: z.string(),
    menteeId: z.string(),
    mentorId: z.string(),
    mentorshipId: z.string(),
    date: z.string(),
    minutes: z.number().int(),
    mode: sessionMode,
    notes: z.string(),
    recordedAt: z.string(),
  })
  .openapi('CoachingSession');

const sessionsSummary = {
  count: z.number().int(),
  minutes: z.number().int(),
  byMode: z.record(z.string(), z.number().int()),
};

export const menteesSchema = z
  .object({
    mentor: mentorSchema,
    policyVersion: z.string(),
    items: z.array(
      z.object({
        mentorship: mentorshipSchema,
        mentee: z.object({
          id: z.string(),
          name: z.string().nullable(),
          org: z.string(),
          status: z.string(),
          hiredOn: z.string().nullable(),
        }),
        sessions: z.object({ ...sessionsSummary, latest: z.array(coachingSessionSchema) }),
        training: z
          .object({
            year: z.number().int(),
            totalHours: z.number(),
            attendances: z.number().int(),
            compliantWeeks: z.number().int(),
            annualRequiredHours: z.number(),
            progressPercent: z.number(),
            requirementMet: z.boolean(),
          })
          .nullable(),
        certificate: z
          .object({ level: z.enum(certificateLevels), number: z.string(), registeredOn: z.string() })
          .nullable(),
      }),
    ),
  })
  .openapi('Mentees');

export const menteesQuery = z.object({
  include: z
    .enum(['active', 'all'])
    .default('active')
    .openapi({ description: 'active (default) or all pairings' }),
});

export const logSessionBody = z
  .object({
    date: isoDate,
    minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    mode: sessionMode,
    notes: z.string().trim().max(4000).default(''),
  })
  .openapi('LogCoachingSession');

export const sessionsSchema = z
  .object({
    workerId: z.string(),
    year: z.number().int().nullable(),
    ...sessionsSummary,
    items: z.array(coachingSessionSchema),
  })
  .openapi('CoachingSessions');

export const mySessionsSchema = sessionsSchema
  .extend({
    mentorships: z.array(mentorshipSchema),
    given: z.object({ ...sessionsSummary, items: z.array(coachingSessionSchema) }),
  })
  .openapi('MyCoachingSessions');
