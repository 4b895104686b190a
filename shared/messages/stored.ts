import { AppError } from '#shared/errors.ts';
import { isMessageCode, localiseOutcomes, type MessageCode, renderMessage } from './catalogue.ts';
import { currentLanguage, type Language } from './language.ts';

/**
 * A failure kept in the database (a unit's last error, a batch's failure, a failed job and its
 * audit entry): a catalogue code and the params its text reads, never the text itself, so it reads
 * right in either language and no internal (English) message is stored. The raw error goes to the
 * logs only.
 */
export interface StoredMessage {
  code: string;
  params: Record<string, unknown>;
}

/**
 * Params worth keeping: the details' ids, dates and counts as plain JSON, without any text the
 * details carry (`message` keys: internal sentences), and only while small.
 */
const MAX_PARAMS_CHARS = 2000;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

function withoutText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutText);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => key !== 'message' && v !== undefined)
      .map(([key, v]) => [key, withoutText(v)]),
  );
}

function keptParams(details: unknown): Record<string, unknown> {
  if (!isPlainObject(details)) return {};
  const kept = withoutText(details) as Record<string, unknown>;
  return JSON.stringify(kept).length <= MAX_PARAMS_CHARS ? kept : {};
}

/**
 * What to store of an error: its code and details when it is one of ours with a catalogue text,
 * otherwise `fallback` (a generic "internal error, logged" entry) with no params.
 */
export function storedMessageOf(error: unknown, fallback: MessageCode): StoredMessage {
  if (error instanceof AppError && isMessageCode(error.code))
    return { code: error.code, params: keptParams(error.details) };
  return { code: fallback, params: {} };
}

/** Whether a stored value is a `StoredMessage` (code + params, no text). */
export function isStoredMessage(value: unknown): value is StoredMessage {
  return (
    isPlainObject(value) &&
    typeof value.code === 'string' &&
    isPlainObject(value.params) &&
    !('message' in value)
  );
}

/** A stored message's text in a language (the current request's by default). */
export function renderStored(stored: StoredMessage, language: Language = currentLanguage()): string {
  return isMessageCode(stored.code)
    ? renderMessage(stored.code, language, stored.params)
    : renderMessage('INTERNAL', language);
}

/** A failure as readers get it: its code, its text in their language, and its params if any. */
export interface RenderedMessage {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/**
 * A stored failure in the caller's language: code + params (rendered from the catalogue), or an
 * older item's code + English sentence (Chinese from the catalogue, English the sentence).
 */
export function renderedFailure(failure: {
  code: string;
  params?: Record<string, unknown>;
  message?: string;
}): RenderedMessage {
  const out = localiseOutcomes({ ...failure });
  return typeof out.message === 'string'
    ? (out as RenderedMessage)
    : { code: failure.code, message: renderStored({ code: failure.code, params: {} }) };
}
