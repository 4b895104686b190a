/**
 * Year-end copies of the stock figures (`STATS#<org>` / `CURRENT`, see entities/stats.ts), written
 * once per org unit and year by the `stats-snapshot` job at 00:05 on 1 January (Asia/Shanghai):
 * `SNAPSHOT#<year>` holds the stock as the year closed. Year-on-year stock figures (the certified-
 * on-duty rate of last year) are one GetItem of it, in the same BatchGet as the report.
 */
export const snapshotKeys = {
  key: (orgId: string, year: number | string) => ({ pk: `STATS#${orgId}`, sk: `SNAPSHOT#${year}` }),
};
