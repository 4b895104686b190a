import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, isMessageCode, renderMessage } from '#shared/messages/catalogue.ts';
import { languageOf } from '#shared/messages/language.ts';

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });

/** Every error code the code can raise: `conflict('X'`, `unprocessable('X'`, codes as badRequest's third argument, `code: 'X'` in details. */
function codesInSource(): Set<string> {
  const codes = new Set<string>();
  for (const file of [...sources('shared'), ...sources('functions')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:conflict|unprocessable)\(\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/new AppError\(\s*\d+,\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/badRequest\([^;]*?'([A-Z][A-Z_]{3,})',?\s*\)/gs)) codes.add(m[1]!);
    for (const m of text.matchAll(/\bcode: '([A-Z][A-Z_]{3,})'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/errorBody\(\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
  }
  for (const generic of ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'])
    codes.add(generic);
  return codes;
}

const CJK = /[\u4e00-\u9fff]/;

describe('the message catalogue', () => {
  it('has every error code the code raises', () => {
    const codes = [...codesInSource()];
    expect(codes.length).toBeGreaterThan(80);
    expect(codes.filter((code) => !isMessageCode(code))).toEqual([]);
  });

  it('has every code written anywhere in the source: row failures, refusals, batch and job outcomes', () => {
    // Any quoted SCREAMING_SNAKE literal is a code (`fail('DUPLICATE_ROW', …)`, `code: cond ? 'A' : 'B'`),
    // except AWS parameter values (after a PascalCase key) and environment variable names.
    const found = new Map<string, string>();
    for (const file of [...sources('shared'), ...sources('functions')]) {
      if (file.endsWith('catalogue.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) {
        const before = text.slice(Math.max(0, m.index - 40), m.index);
        if (/\b[A-Z]\w*:\s*$/.test(before) || /(?:requiredEnv|env)\(\s*$/.test(before)) continue;
        found.set(m[1]!, file);
      }
    }
    expect(found.get('DUPLICATE_ROW')).toMatch(/recruitment/);
    expect(found.get('NO_PROBATION')).toMatch(/probation/);
    expect([...found].filter(([code]) => !isMessageCode(code))).toEqual([]);
  });

  it('gives every code a Chinese and an English text, with or without details', () => {
    for (const code of Object.keys(catalogue)) {
      if (!isMessageCode(code)) throw new Error(code);
      for (const details of [null, {}, [], [{ row: 1 }]]) {
        const zh = renderMessage(code, 'zh', details);
        const en = renderMessage(code, 'en', details);
        expect(zh, code).toMatch(CJK);
        expect(en, code).toMatch(/[A-Za-z]/);
        expect(en, code).not.toMatch(/undefined|\[object/);
        expect(zh, code).not.toMatch(/undefined|\[object/);
      }
    }
  });

  it('reads details where the text needs them', () => {
    expect(renderMessage('NOT_FOUND', 'zh', { worker: 'w_1' })).toBe('社区工作者 w_1 不存在');
    expect(renderMessage('VALIDATION_FAILED', 'zh', [{ row: 2 }, { row: 2 }, { row: 5 }])).toBe(
      '2 行数据有误，未保存任何数据',
    );
    expect(renderMessage('UNKNOWN_VALUE', 'zh', { value: 'x', accepted: ['大专', 'college'] })).toContain(
      '大专、college',
    );
  });

  it('writes the days it names the Chinese way', () => {
    expect(renderMessage('PROBATION_DECIDED', 'zh', { status: 'confirmed', decidedOn: '2026-03-02' })).toBe(
      '该人员的试用期已转正（2026年3月2日）',
    );
    expect(renderMessage('NOTICE_PERIOD_NOT_OVER', 'zh', { noticeEndsOn: '2026-11-05' })).toContain(
      '（至2026年11月5日）',
    );
  });

  it('names the full unit and its figures in QUOTA_EXCEEDED', () => {
    const full = { org: 'qth/x/y/c1', name: '红旗社区', quota: 20, used: 20, available: 0, requested: 1 };
    expect(renderMessage('QUOTA_EXCEEDED', 'zh', full)).toBe('红旗社区编制已满（核定 20，在编 20）');
    expect(renderMessage('QUOTA_EXCEEDED', 'en', full)).toBe('红旗社区 has no room (quota 20, 20 in post)');
    // Figures read before a concurrent hire took the seat are left out: only the quota is told.
    expect(renderMessage('QUOTA_EXCEEDED', 'zh', { name: '红旗社区', quota: 20, requested: 1 })).toBe(
      '红旗社区编制已满（核定 20）',
    );
    expect(
      renderMessage('QUOTA_EXCEEDED', 'zh', [
        { name: '红旗社区', quota: 20, used: 19, requested: 3 },
        { name: '红旗街道', quota: 50, used: 50, requested: 3 },
      ]),
    ).toBe(
      '红旗社区编制不足（核定 20，在编 19，本次需 3 个）；红旗街道编制不足（核定 50，在编 50，本次需 3 个）',
    );
    expect(renderMessage('QUOTA_EXCEEDED', 'zh', null)).toBe('超出员额：单位已无空余名额');
  });
});

describe('Accept-Language', () => {
  it('is Chinese unless English is preferred', () => {
    expect(languageOf(undefined)).toBe('zh');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(languageOf('zh;q=0.5, en-GB;q=0.8')).toBe('en');
    expect(languageOf('fr')).toBe('zh');
  });
});
