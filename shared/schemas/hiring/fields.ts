import { z } from '@hono/zod-openapi';
import { certificateLevelNames, certificateLevels } from '#shared/domain/certificates.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { POSTS } from '#shared/domain/pay.ts';
import { educationLevelNames, educationLevels } from '#shared/domain/recruitment.ts';
import { postNames } from '#shared/domain/vocabulary.ts';
import { t } from '#shared/messages/catalogue.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';

/** Fields shared by the hiring schemas: 身份证号, CSV booleans, exam scores, vocabulary codes, look-up text. */

/** 18 characters with a valid GB 11643 check character; the message says what is wrong. */
export const nationalIdInput = z
  .string()
  .trim()
  .max(32)
  .superRefine((value, ctx) => {
    const parsed = parseNationalId(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: t('NATIONAL_ID_CHECK', parsed) });
  })
  .openapi({ description: '公民身份号码 (GB 11643, 18 characters)', example: '230902199506150010' });

/** Booleans that also arrive as CSV text: true/false, 1/0, yes/no, 是/否. */
export const flexibleBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'y', '是'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否'].includes(v)) return false;
  return value;
}, z.boolean());

/** 0–100 with at most two decimals (a JSON number; CSV cells are converted by `readBulkRows`). */
export const examScore = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { error: () => t('AT_MOST_TWO_DECIMALS') })
  .openapi({ example: 85.5 });

export const educationLevel = vocabularyCode(educationLevels, educationLevelNames);
export const certificateLevel = vocabularyCode(certificateLevels, certificateLevelNames);
export const post = vocabularyCode(POSTS, postNames);

/** Look-up text: a full 身份证号 (exact) or the beginning of a name. */
export const lookupText = z.string().trim().min(1).max(50).openapi({
  description: 'A full 18-character 身份证号 (exact match) or the beginning of a name (prefix match)',
  example: '张',
});
