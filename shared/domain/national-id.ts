import { badRequest } from '../errors.ts';
import { isValidIsoDate } from './dates.ts';

/**
 * Resident identity numbers (公民身份号码), GB 11643-1999: 6-digit region code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence (odd = male, even = female), and an ISO 7064 MOD 11-2 check character.
 */

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type NationalIdRejection = 'length' | 'format' | 'birth-date' | 'check-digit';

export type ParsedNationalId =
  | {
      ok: true;
      /** Normalised: a lower-case check character `x` becomes `X`. */
      id: string;
      birthDate: string;
      sex: 'male' | 'female';
      regionCode: string;
    }
  | { ok: false; reason: NationalIdRejection; message: string };

export function parseNationalId(raw: string): ParsedNationalId {
  const id = raw.toUpperCase();
  if (id.length !== 18) return reject('length', `must be 18 characters, got ${id.length}`);
  if (!/^\d{17}[\dX]$/.test(id)) return reject('format', 'must be 17 digits followed by a digit or X');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidIsoDate(birthDate)) return reject('birth-date', `${birthDate} is not a calendar date`);
  if (checkCharacterFor(id.slice(0, 17)) !== id[17]) return reject('check-digit', 'check character mismatch');
  return {
    ok: true,
    id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

export function isValidNationalId(id: string): boolean {
  return parseNationalId(id).ok;
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkCharacterFor(first17: string): string {
  if (!/^\d{17}$/.test(first17))
    throw badRequest('expected exactly 17 digits', { first17 }, 'INVALID_NATIONAL_ID');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * CHECK_WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** Completes 17 digits into a valid 18-character id (fixtures, test data). */
export function withCheckDigit(first17: string): string {
  return first17 + checkCharacterFor(first17);
}

/** Region code and last 4 stay readable for matching by a human; the birth date is hidden. */
export function maskNationalId(id: string): string {
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

function reject(reason: NationalIdRejection, message: string): ParsedNationalId {
  return { ok: false, reason, message };
}
