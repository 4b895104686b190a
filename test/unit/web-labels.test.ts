import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as vocabulary from '#shared/domain/vocabulary.ts';
import { POLICY_FIELDS, policyValueName } from '../../web/src/desktop/screens/policies/policyLabels.ts';
import {
  DEPARTMENT_LABELS,
  EDUCATION_LABELS,
  STAGE_LABELS,
} from '../../web/src/desktop/screens/recruitments/labels.ts';
import { committeeRoleTitle, LABELS, label } from '../../web/src/lib/labels.ts';

describe('the web app says what the API says', () => {
  it('takes its label tables from the domain vocabulary, not copies of it', () => {
    expect(LABELS.post).toBe(vocabulary.postNames);
    expect(LABELS.orgLevel).toBe(vocabulary.orgLevelNames);
    expect(LABELS.certificateLevel).toBe(vocabulary.certificateLevelNames);
    expect(LABELS.trainingLevel).toBe(vocabulary.trainingLevelNames);
    expect(LABELS.sessionMode).toBe(vocabulary.sessionModeNames);
    expect(LABELS.evaluationGrade).toBe(vocabulary.evaluationGradeNames);
    expect(LABELS.workerStatus).toBe(vocabulary.workerStatusNames);
    expect(DEPARTMENT_LABELS).toBe(vocabulary.departmentNames);
    expect(EDUCATION_LABELS).toBe(vocabulary.educationLevelNames);
    expect(STAGE_LABELS).toBe(vocabulary.recruitmentStageNames);
  });

  it('shows the same words as the API labels', () => {
    expect(label('post', 'staff')).toBe('社区工作者');
    expect(DEPARTMENT_LABELS.organisation).toBe('组织部');
    expect(DEPARTMENT_LABELS['civil-affairs']).toBe('民政局');
    expect(label('batchKind', 'training-attendance')).toBe('培训签到');
    expect(committeeRoleTitle('party', 'head')).toBe('社区党组织书记');
    expect(committeeRoleTitle('residents', 'deputy')).toBe('社区居民委员会副主任');
    // An unknown code shows itself rather than breaking the page.
    expect(label('post', 'new-post')).toBe('new-post');
  });

  it('reads a code in a policy document by its field (city is 市 for quotas, 市级培训 for training)', () => {
    expect(policyValueName('quotaLevels', 'city')).toBe(vocabulary.orgLevelNames.city);
    expect(policyValueName('levels', 'city')).toBe(vocabulary.trainingLevelNames.city);
    expect(policyValueName('jointReviewDepartments', 'civil-affairs')).toBe('民政局');
    expect(policyValueName('head', 'principal')).toBe('正职');
    expect(POLICY_FIELDS.staff).toBe('社区工作者');
    expect(POLICY_FIELDS.assistant).toBe('助理社会工作师');
  });
});

/** The files a module loads at run time (type-only imports are erased and load nothing). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    if (!m[1]) specifiers.push(m[2]!);
  }
  return specifiers;
}

describe('the vocabulary the web app imports stays out of zod, AWS and Hono', () => {
  it('reaches no package and nothing outside shared/domain at run time', () => {
    const root = resolve(import.meta.dirname, '../../shared/domain');
    const seen = new Set<string>();
    const queue = [resolve(root, 'vocabulary.ts')];
    const packages: string[] = [];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of valueImports(file)) {
        if (!spec.startsWith('.')) packages.push(`${file}: ${spec}`);
        else queue.push(resolve(dirname(file), spec));
      }
    }
    expect(packages).toEqual([]);
    expect([...seen].every((f) => f.startsWith(root))).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe('org units are shown by name', () => {
  it('renders every table column of an org unit id (dataIndex org, …Org) through OrgName', () => {
    const root = resolve(import.meta.dirname, '../../web/src');
    const columns: string[] = [];
    const raw: string[] = [];
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.tsx')) continue;
      for (const line of readFileSync(resolve(root, file), 'utf8').split('\n')) {
        if (!/dataIndex: '(org|[a-z]+Org)'/.test(line)) continue;
        columns.push(line);
        if (!line.includes('<OrgName')) raw.push(`${file}: ${line.trim()}`);
      }
    }
    expect(raw).toEqual([]);
    expect(columns.length).toBeGreaterThan(10);
  });
});
