import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  checkCharacterFor,
  isValidNationalId,
  maskNationalId,
  parseNationalId,
  withCheckDigit,
} from '#shared/domain/national-id.ts';

// The GB 11643-1999 standard's own example: Beijing Chaoyang, born 1949-12-31, female, check X.
// Weighted sum 167, 167 mod 11 = 2 → 'X'.
const STANDARD_EXAMPLE = '11010519491231002X';

describe('parseNationalId', () => {
  it('parses the standard example, whose check character is X', () => {
    expect(parseNationalId(STANDARD_EXAMPLE)).toEqual({
      ok: true,
      id: STANDARD_EXAMPLE,
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x and normalises it', () => {
    const parsed = parseNationalId('11010519491231002x');
    expect(parsed.ok && parsed.id).toBe(STANDARD_EXAMPLE);
  });

  it('reads sex from the 17th digit: odd is male', () => {
    const male = parseNationalId(withCheckDigit('23090219900307001'));
    const female = parseNationalId(withCheckDigit('23090219900307002'));
    expect(male.ok && male.sex).toBe('male');
    expect(female.ok && female.sex).toBe('female');
    expect(male.ok && male.regionCode).toBe('230902');
    expect(male.ok && male.birthDate).toBe('1990-03-07');
  });

  it('rejects a wrong length', () => {
    expect(parseNationalId('11010519491231002')).toMatchObject({ ok: false, reason: 'length' });
    expect(parseNationalId('')).toMatchObject({ ok: false, reason: 'length' });
  });

  it('rejects X anywhere but last, and other characters', () => {
    expect(parseNationalId('1101051949123100X2')).toMatchObject({ ok: false, reason: 'format' });
    expect(parseNationalId('11010519491231002Y')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    expect(parseNationalId(withCheckDigit('11010519490230002'))).toMatchObject({
      ok: false,
      reason: 'birth-date',
    });
    expect(parseNationalId(withCheckDigit('11010520230229002'))).toMatchObject({
      ok: false,
      reason: 'birth-date',
    });
    expect(parseNationalId(withCheckDigit('11010520240229002')).ok).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(parseNationalId('110105194912310021')).toMatchObject({ ok: false, reason: 'check-digit' });
    // A single-digit typo is always caught by MOD 11-2.
    expect(isValidNationalId('11010519491231003X')).toBe(false);
  });
});

describe('check character', () => {
  it('maps remainders through 1,0,X,9..2', () => {
    // All zeros: sum 0 → '1'. A single 1 in position 8 (weight 1): sum 1 → '0'.
    expect(checkCharacterFor('00000000000000000')).toBe('1');
    expect(checkCharacterFor('00000001000000000')).toBe('0');
    expect(withCheckDigit('11010519491231002')).toBe(STANDARD_EXAMPLE);
  });

  it('needs exactly 17 digits', () => {
    expect(() => withCheckDigit('1101051949123100')).toThrow(AppError);
    expect(() => withCheckDigit('1101051949123100A')).toThrow(AppError);
  });
});

describe('maskNationalId', () => {
  it('keeps region code and last 4, hiding the birth date', () => {
    expect(maskNationalId(STANDARD_EXAMPLE)).toBe('110105********002X');
    expect(maskNationalId(STANDARD_EXAMPLE)).toHaveLength(18);
  });

  it('never leaks a short value', () => {
    expect(maskNationalId('12345')).toBe('*****');
  });
});
