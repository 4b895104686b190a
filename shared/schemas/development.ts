import { z } from '@hono/zod-openapi';
import { t } from '#shared/messages/catalogue.ts';
import { certificateLevelNames, certificateLevels } from '#shared/domain/certificates.ts';
import { sessionModeNames, sessionModes } from '#shared/domain/mentoring.ts';
import { trainingLevelNames, trainingLevels } from '#shared/domain/training.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { nationalIdInput } from '#shared/schemas/hiring.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';

/** Request/response schemas of development: training, mentoring, coaching, certificates. */

const workerIdString = z.string().trim().min(1).max(64);
export const workerIdParam = z.object({
  id: workerIdString.openapi({ param: { name: 'id', in: 'path' }, example: 'w_3f2a9c1d0b7e' }),
});
export const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Default: this year' }),
});

const trainingLevel = vocabularyCode(trainingLevels, trainingLevelNames).openapi({
  description: 'city 市级 / district 县区级 / street 街道级 / community 社区微课堂 (micro-classroom)',
});
const hours = z.number().positive().max(24).openapi({ example: 4 });

export const createTrainingEventBody = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: '社区治理专题培训' }),
    level: trainingLevel,
    date: isoDate,
    hours,
    org: orgId.openapi({ description: 'The organising unit; its level must match `level`' }),
    location: z.string().trim().max(200).nullable().optional(),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .openapi('CreateTrainingEvent');

export const updateTrainingEventBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    level: trainingLevel.optional(),
    org: orgId
      .optional()
      .openapi({ description: 'A new organising unit (inside your subtree); its level must match `level`' }),
    date: isoDate.optional(),
    hours: hours.optional(),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The version you read; guards concurrent edits' }),
  })
  .openapi('UpdateTrainingEvent');

export const attendeeParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
  workerId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'workerId', in: 'path' } }),
});

export const attendanceRemovedSchema = z
  .object({
    eventId: z.string(),
    workerId: z.string(),
    removedHours: z.number(),
    attendees: z.number().int(),
  })
  .openapi('AttendanceRemoved');

export const trainingEventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    level: trainingLevel,
    date: z.string(),
    hours: z.number(),
    minutes: z.number().int(),
    org: z.string(),
    location: z.string().nullable(),
    description: z.string().nullable(),
    attendees: z.number().int().openapi({ description: 'Person-times (人次) recorded' }),
    policyVersion: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('TrainingEvent');

export const listTrainingEventsQuery = z.object({
  org: orgId,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  level: trainingLevel.optional(),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * One attendance row (JSON `{ rows: [...] }`, a bare array, or CSV with header `workerId,hours`).
 * A JSON row may be just the worker id. `hours` defaults to the event's (give fewer for a partial stay).
 */
export const attendanceRowSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { workerId: value } : value),
  z
    .object({
      workerId: workerIdString.optional(),
      nationalId: nationalIdInput.optional(),
      hours: z.coerce.number().positive().max(24).optional(),
    })
    .refine((row) => row.workerId !== undefined || row.nationalId !== undefined, {
      error: () => t('WORKER_REFERENCE_REQUIRED'),
      path: ['workerId'],
    }),
);

/**
 * The JSON body as documented. Rows are deliberately loose here: `readBulkRows` validates each one
 * with `attendanceRowSchema` and reports failures by row, for JSON and CSV alike.
 */
export const attendanceBodyDoc = z
  .union([
    z.object({
      rows: z.array(z.unknown()).openapi({
        description: '`{ workerId, hours? }` objects or bare worker ids',
        example: [{ workerId: 'w_1' }, { workerId: 'w_2', hours: 2 }, 'w_3'],
      }),
    }),
    z.array(z.unknown()),
  ])
  .openapi('AttendanceBatch', {
    description:
      '`{ rows: [...] }` or a bare array; or text/csv with header `workerId,hours`. At most 1,000 rows.',
  });

export const attendanceResultSchema = z
  .object({
    eventId: z.string(),
    recorded: z.number().int(),
    attendees: z.number().int(),
    items: z.array(z.object({ workerId: z.string(), hours: z.number() })),
  })
  .openapi('AttendanceRecorded');

export const attendanceListSchema = z
  .object({
    eventId: z.string(),
    attendees: z.number().int(),
    items: z.array(
      z.object({
        workerId: z.string(),
        workerOrg: z.string(),
        hours: z.number(),
        recordedAt: z.string(),
      }),
    ),
    cursor: z.string().optional(),
  })
  .openapi('AttendanceList');

export const workerTrainingSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    year: z.number().int(),
    policyVersion: z.string(),
    annualRequiredHours: z.number(),
    weeklyStudyMinHours: z.number(),
    totalMinutes: z.number().int(),
    totalHours: z.number(),
    attendances: z.number().int().openapi({ description: 'Person-times in the year' }),
    compliantWeeks: z
      .number()
      .int()
      .openapi({ description: 'ISO weeks with ≥ the weekly minimum (每周半日学)' }),
    weeksInYearSoFar: z.number().int(),
    requirementMet: z.boolean(),
    progressPercent: z
      .number()
      .openapi({ description: 'Of the annual requirement, one decimal, rounded down' }),
    remainingHours: z.number(),
    compliantWeekKeys: z.array(z.string()),
    byLevel: z.record(z.string(), z.object({ attendances: z.number().int(), hours: z.number() })),
    records: z.array(
      z.object({
        eventId: z.string(),
        date: z.string(),
        title: z.string(),
        level: trainingLevel,
        hours: z.number(),
      }),
    ),
  })
  .openapi('WorkerTraining');

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

export const recordCertificateBody = z
  .object({
    level: vocabularyCode(certificateLevels, certificateLevelNames).openapi({
      description: 'assistant 助理社会工作师 / intermediate 社会工作师 / senior 高级社会工作师',
    }),
    number: z.string().trim().min(1).max(64).openapi({ example: 'ZS2025230900123' }),
    issuedOn: isoDate,
    registeredOn: isoDate.openapi({
      description: 'Registration with the employer; the allowance starts that month',
    }),
  })
  .refine((c) => c.registeredOn >= c.issuedOn, {
    error: () => t('REGISTERED_BEFORE_ISSUED'),
    path: ['registeredOn'],
  })
  .openapi('RecordCertificate');

/** One row of a certificate sheet (证书登记表): the worker by 身份证号 or id, and the certificate. */
export const certificateRow = z
  .object({
    workerId: workerIdString.optional(),
    nationalId: nationalIdInput.optional(),
    level: vocabularyCode(certificateLevels, certificateLevelNames),
    number: z.string().trim().min(1).max(64),
    issuedOn: isoDate,
    registeredOn: isoDate,
  })
  .refine((row) => row.workerId !== undefined || row.nationalId !== undefined, {
    error: () => t('WORKER_REFERENCE_REQUIRED'),
    path: ['workerId'],
  })
  .refine((c) => c.registeredOn >= c.issuedOn, {
    error: () => t('REGISTERED_BEFORE_ISSUED'),
    path: ['registeredOn'],
  });

export const certificatesRecordedSchema = z
  .object({
    recorded: z.number().int(),
    certificates: z.array(
      z.object({
        row: z.number().int(),
        workerId: z.string(),
        name: z.string(),
        level: z.enum(certificateLevels),
        number: z.string(),
        registeredOn: z.string(),
      }),
    ),
  })
  .openapi('CertificatesRecorded');

const certificateSchema = z.object({
  level: z.enum(certificateLevels),
  levelName: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  registeredOn: z.string(),
});

export const certificatesSchema = z
  .object({
    workerId: z.string(),
    items: z.array(certificateSchema),
    highest: certificateSchema.nullable().openapi({ description: 'Only the highest level counts' }),
    allowanceFromMonth: z
      .string()
      .nullable()
      .openapi({ description: 'First month with a certificate allowance' }),
    currentLevelFromMonth: z.string().nullable(),
    monthlyAllowanceFen: z.number().int().openapi({ description: 'This month, in fen, per the pay policy' }),
    schedule: z.array(
      z.object({ fromMonth: z.string(), level: z.enum(certificateLevels), monthlyFen: z.number().int() }),
    ),
    policyVersion: z.string(),
  })
  .openapi('WorkerCertificates');

export const certificateHoldersQuery = z.object({
  org: orgId,
  holding: z.enum(['certified', 'uncertified']).optional().openapi({
    description: 'certified 已持证 (any level) / uncertified 未持证; omitted: every active worker',
  }),
  level: vocabularyCode(certificateLevels, certificateLevelNames).optional().openapi({
    description: 'Only holders whose highest certificate is this level',
  }),
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const certificateHoldersSchema = z
  .object({
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        org: z.string(),
        certificates: z.number().int().openapi({ description: 'Certificates recorded' }),
        highest: certificateSchema.nullable().openapi({ description: 'Only the highest level counts' }),
        monthlyAllowanceFen: z
          .number()
          .int()
          .openapi({ description: 'This month, in fen, per the pay policy' }),
      }),
    ),
    policyVersion: z.string().openapi({ description: 'The pay policy version the allowances come from' }),
    cursor: z.string().optional().openapi({ description: 'Present when more pages follow' }),
  })
  .openapi('CertificateHolders');

export const trainingHoursQuery = z.object({
  org: orgId,
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Default: this year' }),
  standing: z
    .enum(['met', 'behind', 'on-track'])
    .optional()
    .openapi({ description: 'met 已达标 / behind 进度落后 / on-track 按进度; omitted: everyone' }),
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const trainingHoursSchema = z
  .object({
    org: z.string(),
    year: z.number().int(),
    policyVersion: z.string(),
    annualRequiredHours: z.number(),
    weeklyStudyMinHours: z.number(),
    summary: z
      .object({
        workers: z.number().int(),
        met: z.number().int(),
        behind: z.number().int(),
        onTrack: z.number().int(),
      })
      .openapi({ description: "The unit's active workers by standing (every page)" }),
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        org: z.string(),
        totalMinutes: z.number().int(),
        totalHours: z.number(),
        attendances: z.number().int().openapi({ description: 'Person-times in the year' }),
        compliantWeeks: z.number().int().openapi({ description: 'ISO weeks with ≥ the weekly minimum' }),
        weeksInYearSoFar: z.number().int(),
        requirementMet: z.boolean(),
        progressPercent: z.number(),
        remainingHours: z.number(),
        standing: z.enum(['met', 'behind', 'on-track']).openapi({
          description: 'behind: the share of the requirement done is below the share of the year gone by',
        }),
      }),
    ),
    cursor: z.string().optional().openapi({ description: 'Present when more pages follow' }),
  })
  .openapi('UnitTrainingHours');
