import { z } from '@hono/zod-openapi';
import { certificateLevelNames, certificateLevels } from '#shared/domain/certificates.ts';
import { t } from '#shared/messages/catalogue.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { nationalIdInput } from '#shared/schemas/hiring/fields.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { workerIdString } from './params.ts';

/** Social-work certificates (职业水平证书): recording them, a worker's, a unit's holders. */

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
