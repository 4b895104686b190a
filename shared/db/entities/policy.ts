export const policyKeys = {
  pk: (kind: string) => `POLICY#${kind}`,
  key: (kind: string, effectiveFrom: string) => ({ pk: `POLICY#${kind}`, sk: effectiveFrom }),
};

/** `pay/2026-07-01/r2`: names the exact rules a result was computed under. */
export const policyVersionOf = (kind: string, effectiveFrom: string, revision: number) =>
  `${kind}/${effectiveFrom}/r${revision}`;
