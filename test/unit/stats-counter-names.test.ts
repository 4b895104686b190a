import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  awardsCounter,
  coachingModeCounter,
  exitsCounter,
  hiresCounter,
  negated,
  nominationsCounter,
  promotionsCounter,
  tally,
} from '#shared/domain/stats-counters.ts';

// Counter names are typed (`StatsCounter`): writers and readers take `StatsCounters`, so a literal
// name misspelt fails the typecheck. A name assembled in a template literal would escape that (an
// object literal with a computed key widens to any string), so only stats-counters.ts may build one.

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
const PREFIXES =
  'hires|exits|exits_situation|training_events|coaching_sessions|certificates|promotions|nominations|honour_results|awards|post|grade_steps|mentors|mentees';

describe('stats counter names', () => {
  it('are assembled only in shared/domain/stats-counters.ts', () => {
    const assembled = new RegExp(`\`(?:${PREFIXES})_[a-z_]*\\$\\{`);
    const offenders = [...sources('shared'), ...sources('functions')]
      .filter((file) => !file.endsWith(join('domain', 'stats-counters.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
          .filter(({ line }) => assembled.test(line)),
      );
    expect(offenders).toEqual([]);
  });

  it('are built from the domain enums, hyphens as underscores', () => {
    expect(hiresCounter('open-recruitment')).toBe('hires_open_recruitment');
    expect(exitsCounter(5)).toBe('exits_situation_5');
    expect(coachingModeCounter('practical-coaching')).toBe('coaching_sessions_practical_coaching');
    expect(promotionsCounter('party', 'member')).toBe('promotions_party_member');
    expect(nominationsCounter('outstanding-party-member')).toBe('nominations_outstanding_party_member');
    expect(awardsCounter('outstanding-party-member')).toBe('awards_outstanding_party_member');
  });

  it('tally sums pairs by name and negated reverses them', () => {
    const c = tally(['hires_total', 1], [hiresCounter('transfer'), 1], ['hires_total', 2]);
    expect(c).toEqual({ hires_total: 3, hires_transfer: 1 });
    expect(negated(c)).toEqual({ hires_total: -3, hires_transfer: -1 });
  });
});
