import { currentLanguage, type Language } from './language.ts';
import { requestMessages } from './catalogue/requests.ts';
import { orgUnitMessages } from './catalogue/org-units.ts';
import { hiringMessages } from './catalogue/hiring.ts';
import { developmentMessages } from './catalogue/development.ts';
import { payAndHonourMessages } from './catalogue/pay-and-honours.ts';
import { evaluationMessages } from './catalogue/evaluation.ts';
import { validationMessages } from './catalogue/validation.ts';
import { onboardingMessages } from './catalogue/onboarding.ts';
import type { CatalogueEntry, Text } from './catalogue/texts.ts';

export type { CatalogueEntry } from './catalogue/texts.ts';

/**
 * The one message catalogue: every error code (and every message key used inside `details` and
 * validation) with its Simplified Chinese and English text. Codes are stable English identifiers;
 * texts may read the error's `details` (d). English responses keep the more specific sentence the
 * code path gave when there is one; Chinese always comes from here. The entries live in one module
 * per context in `catalogue/`, merged here.
 */
export const catalogue = {
  ...requestMessages,
  ...orgUnitMessages,
  ...hiringMessages,
  ...developmentMessages,
  ...payAndHonourMessages,
  ...evaluationMessages,
  ...validationMessages,
  ...onboardingMessages,
} satisfies Record<string, CatalogueEntry>;

export type MessageCode = keyof typeof catalogue;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(catalogue, code);
}

/** A catalogue text in a language, read with the error's details. */
export function renderMessage(code: MessageCode, language: Language, details: unknown = null): string {
  const text: Text = catalogue[code][language];
  return typeof text === 'function' ? text(details) : text;
}

/** A catalogue text in the current request's language (for zod refinements and details). */
export function t(code: MessageCode, details: unknown = null): string {
  return renderMessage(code, currentLanguage(), details);
}

/**
 * Outcomes stored with their code in the current request's language, wherever they sit in plain
 * JSON (a batch's failure, a job's failed cities, an audit entry's error). Stored as code + params
 * (`shared/messages/stored.ts`): the text is rendered here, `params` kept when there are any. Older
 * items stored code + English sentence: Chinese from the catalogue, English the sentence stored.
 */
export function localiseOutcomes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(localiseOutcomes) as T;
  if (!isPlainJsonObject(value)) return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, localiseOutcomes(v)]),
  );
  if (typeof out.code !== 'string' || !isMessageCode(out.code)) return out as T;
  if (isPlainJsonObject(out.params) && !('message' in out)) {
    const { params, ...rest } = out;
    return {
      ...rest,
      message: renderMessage(out.code, currentLanguage(), params),
      ...(Object.keys(params).length > 0 ? { params } : {}),
    } as T;
  }
  if (currentLanguage() === 'zh' && typeof out.message === 'string')
    out.message = renderMessage(out.code, 'zh', out);
  return out as T;
}

function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
