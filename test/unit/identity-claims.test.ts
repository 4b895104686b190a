import { describe, expect, it } from 'vitest';
import { actorFromClaims } from '#functions/identity/claims.ts';

describe('actorFromClaims: the joint-review department of HR identities', () => {
  it('reads custom:department from a Cognito ID token', () => {
    expect(
      actorFromClaims({
        sub: 'u1',
        'cognito:groups': '[hr]',
        'custom:org': 'qth/xinxing',
        'custom:department': 'civil-affairs',
      }),
    ).toEqual({ sub: 'u1', role: 'hr', org: 'qth/xinxing', department: 'civil-affairs' });
  });

  it('reads a plain department claim (local and OIDC tokens)', () => {
    expect(actorFromClaims({ sub: 'u2', role: 'hr', org: 'qth', department: 'organisation' })).toMatchObject({
      department: 'organisation',
    });
  });

  it('treats an empty (cleared) attribute as no department', () => {
    const actor = actorFromClaims({ sub: 'u3', role: 'hr', org: 'qth', 'custom:department': '' });
    expect(actor).toEqual({ sub: 'u3', role: 'hr', org: 'qth' });
  });

  it('refuses a department on a worker or mentor token', () => {
    expect(() =>
      actorFromClaims({
        sub: 'u4',
        role: 'worker',
        org: 'qth',
        workerId: 'w_1',
        department: 'civil-affairs',
      }),
    ).toThrow(expect.objectContaining({ status: 401 }));
  });
});
