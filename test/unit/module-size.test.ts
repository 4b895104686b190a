import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 15: modules are split by sub-flow, none over 500 lines, so a file stays readable as one
 * concern. Generated code is exempt.
 */
const MAX_LINES = 500;
const ROOTS = ['shared', 'functions'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('module size', () => {
  const files = ROOTS.flatMap((root) => sourceFiles(root));

  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join('shared', 'db', 'workers.ts'));
  });

  it(`keeps every module of ${ROOTS.join(' and ')} at ${MAX_LINES} lines or fewer`, () => {
    const over = files
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(over).toEqual([]);
  });
});
