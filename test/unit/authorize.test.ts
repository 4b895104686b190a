import { describe, expect, it } from 'vitest';
import type { Actor } from '#shared/auth/actor.ts';
import {
  authorize,
  can,
  grants,
  type Permission,
  type Resource,
  requireRole,
} from '#shared/auth/authorize.ts';
import { AppError, notFound } from '#shared/errors.ts';

/**
 * The grants table as a matrix: every permission against every role × scope case. The expected
 * table below is written out by hand on purpose: adding or changing a grant must change it too.
 */
const cases = {
  'hr-in-subtree': {
    actor: { sub: 'hr-1', role: 'hr', org: 'qth/xinxing' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1', mentorIds: ['w_m'] },
  },
  'hr-own-unit': {
    actor: { sub: 'hr-2', role: 'hr', org: 'qth/xinxing/hongqi/c1' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' },
  },
  'hr-department-holder': {
    actor: { sub: 'hr-7', role: 'hr', org: 'qth/xinxing', department: 'civil-affairs' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1', department: 'civil-affairs' },
  },
  'hr-other-district': {
    actor: { sub: 'hr-3', role: 'hr', org: 'qth/taoshan' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' },
  },
  'hr-below-resource': {
    actor: { sub: 'hr-4', role: 'hr', org: 'qth/xinxing/hongqi' },
    resource: { org: 'qth/xinxing', workerId: 'w_1' },
  },
  'hr-other-city': {
    actor: { sub: 'hr-6', role: 'hr', org: 'sha' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' },
  },
  'hr-sibling-prefix': {
    actor: { sub: 'hr-5', role: 'hr', org: 'qth/xin' },
    resource: { org: 'qth/xinxing', workerId: 'w_1' },
  },
  'worker-self': {
    actor: { sub: 'u-1', role: 'worker', org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1', mentorIds: ['w_m'] },
  },
  'worker-other': {
    actor: { sub: 'u-2', role: 'worker', org: 'qth/xinxing/hongqi/c1', workerId: 'w_2' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1', mentorIds: ['w_m'] },
  },
  'mentor-self': {
    actor: { sub: 'u-m', role: 'mentor', org: 'qth/xinxing/hongqi/c1', workerId: 'w_m' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_m', mentorIds: [] },
  },
  'mentor-mentee': {
    actor: { sub: 'u-m', role: 'mentor', org: 'qth/xinxing/hongqi/c1', workerId: 'w_m' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1', mentorIds: ['w_m'] },
  },
  'mentor-other': {
    actor: { sub: 'u-m', role: 'mentor', org: 'qth/xinxing/hongqi/c1', workerId: 'w_m' },
    resource: { org: 'qth/xinxing/hongqi/c1', workerId: 'w_2', mentorIds: ['w_x'] },
  },
} satisfies Record<string, { actor: Actor; resource: Resource }>;
type Case = keyof typeof cases;

const HR: Case[] = ['hr-in-subtree', 'hr-own-unit', 'hr-department-holder'];
const HR_SELF: Case[] = [...HR, 'worker-self', 'mentor-self'];
const HR_SELF_MENTOR: Case[] = [...HR_SELF, 'mentor-mentee'];

/** Which cases each permission allows (everything else must be refused). */
const expected: Record<string, Case[]> = {
  'org-unit:read': HR,
  'org-unit:write': HR,
  // A city's policies apply to all of it: every HR officer of the city reads them, no one else.
  'policy:read': [...HR, 'hr-other-district', 'hr-below-resource', 'hr-sibling-prefix'],
  'policy:write': HR,
  'audit:read': HR,
  'batch:manage': HR,
  // Used with the caller's own unit as the resource (a blank template holds no data).
  'template:read': HR,
  'stats:read': HR,
  'recruitment:manage': HR,
  // Only the holder of the department decided for (in the subtree), not any HR officer of it.
  'recruitment:review': ['hr-department-holder'],
  'worker:list': HR,
  'worker:read': HR_SELF_MENTOR,
  'worker:write': HR,
  'worker:onboard': HR,
  'training:manage': HR,
  'training:read': HR_SELF_MENTOR,
  'mentorship:manage': HR,
  'mentees:read': [...HR, 'mentor-self'],
  'coaching:write': ['mentor-mentee'],
  'coaching:read': HR_SELF_MENTOR,
  'certificate:write': HR,
  'pay:read': HR_SELF,
  'pay:write': HR,
  'honour:manage': HR,
  'evaluation:manage': HR,
  'evaluation:read': HR_SELF_MENTOR,
  'job:run': HR,
  'account:manage': HR,
  'account:manage-hr': HR,
  'account:read': HR_SELF,
  // The accounts of a subtree: its HR officers only (a worker's own account is read by user name).
  'account:list': HR,
};

describe('grants matrix', () => {
  it('has an expectation for every permission in the grants table', () => {
    expect(Object.keys(grants).filter((p) => !(p in expected))).toEqual([]);
  });

  const permissions = Object.keys(grants).filter((p) => p in expected) as Permission[];
  for (const permission of permissions) {
    it(`${permission}`, () => {
      const allowed = Object.fromEntries(
        (Object.keys(cases) as Case[]).map((c) => [c, can(cases[c].actor, permission, cases[c].resource)]),
      );
      const want = Object.fromEntries(
        (Object.keys(cases) as Case[]).map((c) => [c, expected[permission]!.includes(c)]),
      );
      expect(allowed).toEqual(want);
    });
  }
});

describe('authorize and requireRole', () => {
  it('tells an HR officer in scope who lacks the department decided for: 403 DEPARTMENT_NOT_HELD', () => {
    const resource = { org: 'qth/xinxing/hongqi/c1', department: 'public-security' };
    const refusal = (actor: Actor) => {
      try {
        authorize(actor, 'recruitment:review', resource);
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(refusal({ sub: 'hr-city', role: 'hr', org: 'qth' })).toMatchObject({
      status: 403,
      code: 'DEPARTMENT_NOT_HELD',
      details: { permission: 'recruitment:review', department: 'public-security' },
    });
    expect(refusal({ sub: 'hr-ca', role: 'hr', org: 'qth', department: 'civil-affairs' })).toMatchObject({
      code: 'DEPARTMENT_NOT_HELD',
    });
    // Outside the subtree, holding the department changes nothing: the usual refusal.
    expect(
      refusal({ sub: 'hr-ts', role: 'hr', org: 'qth/taoshan', department: 'public-security' }),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refusal({ sub: 'hr-ps', role: 'hr', org: 'qth', department: 'public-security' })).toBeNull();
  });

  it('throws a 403 AppError naming the permission, not the resource', () => {
    const { actor, resource } = cases['hr-other-district'];
    try {
      authorize(actor, 'worker:read', resource);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
        details: { permission: 'worker:read' },
      });
    }
    expect(() =>
      authorize(cases['hr-in-subtree'].actor, 'worker:read', cases['hr-in-subtree'].resource),
    ).not.toThrow();
  });

  it('refuses a record looked up by id as if it were missing, unless the caller may see it', () => {
    const missing = notFound('worker', 'w_1');
    const refusal = (actor: Actor, resource: Resource, seenWith?: Permission) => {
      try {
        authorize(actor, 'pay:write', resource, { what: 'worker', id: 'w_1', seenWith });
        return null;
      } catch (error) {
        return error as AppError;
      }
    };
    const outsider = refusal(
      cases['hr-other-district'].actor,
      cases['hr-other-district'].resource,
      'worker:read',
    );
    expect(outsider).toMatchObject({ status: 404, code: 'NOT_FOUND', message: missing.message });
    expect(outsider?.details).toEqual(missing.details);
    // The worker sees their own record, so being refused a write on it is a plain 403.
    const self = { sub: 'w', role: 'worker', org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' } as const;
    expect(refusal(self, { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' }, 'worker:read')).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(refusal(self, { org: 'qth/xinxing/hongqi/c1', workerId: 'w_1' })).toMatchObject({ status: 404 });
    expect(refusal(cases['hr-in-subtree'].actor, cases['hr-in-subtree'].resource, 'worker:read')).toBeNull();
  });

  it('never matches a subtree without an org, nor self/mentee without worker ids', () => {
    expect(can(cases['hr-in-subtree'].actor, 'worker:read', { workerId: 'w_1' })).toBe(false);
    expect(
      can({ sub: 'u', role: 'worker', org: 'qth' }, 'worker:read', { org: 'qth', workerId: undefined }),
    ).toBe(false);
    expect(
      can({ sub: 'u', role: 'mentor', org: 'qth' }, 'coaching:write', {
        org: 'qth',
        workerId: 'w_1',
        mentorIds: [],
      }),
    ).toBe(false);
  });

  it('requireRole admits only the listed roles', () => {
    expect(() => requireRole(cases['worker-self'].actor, 'worker', 'mentor')).not.toThrow();
    expect(() => requireRole(cases['hr-in-subtree'].actor, 'worker', 'mentor')).toThrow(AppError);
  });
});
