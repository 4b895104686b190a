/**
 * Policies belong to a city: `POLICY#<city>#<kind>` / `<effectiveFrom>`. The version in force on a
 * date is one Query (`sk <= date`, newest first, limit 1); a city with no stored version gets the
 * rule book's defaults (registry.ts).
 */
export const policyKeys = {
  pk: (city: string, kind: string) => `POLICY#${city}#${kind}`,
  key: (city: string, kind: string, effectiveFrom: string) => ({
    pk: `POLICY#${city}#${kind}`,
    sk: effectiveFrom,
  }),
};

/** `pay/2026-07-01/r2`: names the exact rules a result was computed under (within its city). */
export const policyVersionOf = (kind: string, effectiveFrom: string, revision: number) =>
  `${kind}/${effectiveFrom}/r${revision}`;
