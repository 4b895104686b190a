import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyKinds } from '#shared/policies/registry.ts';

/**
 * docs/RULES.md documents every policy kind: a `### \`kind\`` section, a table row per top-level
 * field, and the default values in that row. A new kind, a new field or a changed default without
 * its documentation fails here.
 */
const rules = readFileSync('docs/RULES.md', 'utf8');

/** The section of `kind`: from its `### \`kind\`` heading to the next heading of level 2 or 3. */
function sectionOf(kind: string): string | undefined {
  const start = rules.search(new RegExp(`^### \`${kind}\``, 'm'));
  if (start < 0) return undefined;
  const rest = rules.slice(start + 4);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The table row documenting `field` (the line starting `| \`field\` |`). */
const rowOf = (section: string, field: string) =>
  section.split('\n').find((line) => line.startsWith(`| \`${field}\` |`));

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The texts a default shows as: numbers as written (fen as 元 with two decimals), strings and
 * booleans as written; a long numeric table (the pay scale) by its first and last entries.
 */
function expectedTexts(value: unknown, fen: boolean): string[] {
  if (typeof value === 'number') return [fen ? yuan(value) : String(value)];
  if (typeof value === 'string' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) {
    const shown =
      value.length > 6 && value.every((v) => typeof v === 'number') ? [value[0], value.at(-1)] : value;
    return shown.flatMap((v) => expectedTexts(v, fen));
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => expectedTexts(v, fen));
  return [];
}

describe('docs/RULES.md', () => {
  it('has a section for every policy kind', () => {
    const missing = Object.keys(policyKinds).filter((kind) => sectionOf(kind) === undefined);
    expect(missing).toEqual([]);
  });

  for (const [kind, { defaults }] of Object.entries(policyKinds)) {
    it(`documents every field of the ${kind} policy with its default`, () => {
      const section = sectionOf(kind) ?? '';
      for (const [field, value] of Object.entries(defaults)) {
        const row = rowOf(section, field);
        expect(row, `no row for ${kind}.${field}`).toBeDefined();
        for (const text of expectedTexts(value, field.endsWith('Fen')))
          expect(row, `${kind}.${field}: default ${text} not in its row`).toContain(text);
      }
    });
  }

  it('stands on its own: no reference outside the repository', () => {
    expect(rules).not.toMatch(/DOMAIN\.md|\.\.\/shared|\/work\//);
  });
});
