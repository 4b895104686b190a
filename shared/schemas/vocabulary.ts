import { z } from '@hono/zod-openapi';
import { exitSituations } from '#shared/domain/exits.ts';
import { codeOf, exitSituationAliases, exitSituationNames } from '#shared/domain/vocabulary.ts';
import { t } from '#shared/messages/catalogue.ts';

/**
 * Enumerated values on input: the code or its Chinese label (and any everyday alias) is accepted,
 * the code is what the use-case gets. An unknown value is refused with the accepted ones listed in
 * the request's language (`UNKNOWN_VALUE`). Responses carry the label beside the code as
 * `<field>Label` (functions/api/middleware/labels.ts).
 */
export function vocabularyCode<const T extends readonly [string, ...string[]]>(
  codes: T,
  names: Readonly<Record<T[number], string>>,
  aliases: Readonly<Record<string, string>> = {},
) {
  const accepted = codes.map((code) => `${names[code as T[number]]}（${code}）`);
  const acceptedEn = codes.map((code) => `${code} (${names[code as T[number]]})`);
  return z
    .preprocess(
      (value) => (typeof value === 'string' ? (codeOf(names, value, aliases) ?? value) : value),
      z.enum(codes, {
        error: (issue) => t('UNKNOWN_VALUE', { value: printable(issue.input), accepted, acceptedEn }),
      }),
    )
    .openapi({
      description: `A code or its Chinese label: ${codes.map((code) => `${code} = ${names[code as T[number]]}`).join('; ')}`,
    });
}

/**
 * Exit situations: the number (1–6), the code, the label (辞职或不再续聘…) or an everyday word
 * (辞职, 退休, …); the use-case gets the number.
 */
export const exitSituationInput = z
  .preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const text = value.trim();
      if (/^[1-6]$/.test(text)) return Number(text);
      const code = codeOf(exitSituationNames, text, exitSituationAliases);
      return code ? exitSituations.find((s) => s.code === code)!.situation : value;
    },
    z
      .number({
        error: (issue) =>
          t('UNKNOWN_VALUE', {
            value: printable(issue.input),
            accepted: exitSituations.map((s) => `${s.situation} ${s.zh}（${s.code}）`),
            acceptedEn: exitSituations.map((s) => `${s.situation} ${s.code} (${s.zh})`),
          }),
      })
      .int()
      .min(1)
      .max(6),
  )
  .openapi({
    description: `The situation's number, code or Chinese label (辞职, 退休 … also accepted): ${exitSituations.map((s) => `${s.situation} = ${s.code} (${s.zh})`).join('; ')}`,
    example: 5,
  });

function printable(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  return text === undefined ? '' : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
