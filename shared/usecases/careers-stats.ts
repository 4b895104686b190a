import { countersOf } from '#shared/db/entities/stats.ts';
import { snapshotKeys } from '#shared/db/entities/stats-snapshot.ts';
import { GRADE_COUNT, POSTS, type Post } from '#shared/domain/pay.ts';
import { COMMITTEE_ROLES, COMMITTEES, type Committee, type CommitteeRole } from '#shared/domain/promotion.ts';
import { type HonourType, honourTypes } from '#shared/domain/honours.ts';
import {
  awardsCounter,
  nominationsCounter,
  postGradeCounter,
  promotionsCounter,
} from '#shared/domain/stats-counters.ts';
import { type Counters, registerStatsSection } from '#shared/usecases/stats.ts';

/**
 * The careers part of GET /v1/stats:
 * - `workersByPostAndGrade`: stock (`post_<post>_grade_<n>` on `STATS#<org>`/`CURRENT`, moved by
 *   hires, exits, grade changes, steps and promotions); for a past year the year-end snapshot when
 *   there is one.
 * - `promotions`: promotions into the two committees in the year, by committee and role.
 * - `honours`: nominations and awards in the year's cycles, by honour type.
 * - `gradeSteps`: regular and early steps applied on 1 January of the year.
 */
export function careersSection(counters: Counters, stock: Counters) {
  const byPost = {} as Record<Post, { total: number; byGrade: Record<string, number> }>;
  for (const post of POSTS) {
    const byGrade: Record<string, number> = {};
    let total = 0;
    for (let grade = 1; grade <= GRADE_COUNT; grade++) {
      const n = stock[postGradeCounter(post, grade)] ?? 0;
      if (n !== 0) byGrade[String(grade)] = n;
      total += n;
    }
    byPost[post] = { total, byGrade };
  }
  const promotions = {} as Record<Committee, Record<CommitteeRole | 'total', number>>;
  for (const committee of COMMITTEES) {
    const byRole = {} as Record<CommitteeRole, number>;
    let total = 0;
    for (const role of COMMITTEE_ROLES) {
      const n = counters[promotionsCounter(committee, role)] ?? 0;
      byRole[role] = n;
      total += n;
    }
    promotions[committee] = { ...byRole, total };
  }
  const honours = {} as Record<HonourType, { nominations: number; awards: number }>;
  for (const type of honourTypes) {
    honours[type] = {
      nominations: counters[nominationsCounter(type)] ?? 0,
      awards: counters[awardsCounter(type)] ?? 0,
    };
  }
  return {
    careers: {
      workersByPostAndGrade: byPost,
      promotions: { ...promotions, total: counters.promotions_total ?? 0 },
      honours: {
        byType: honours,
        nominations: counters.nominations_total ?? 0,
        awards: counters.awards_total ?? 0,
      },
      gradeSteps: {
        regular: counters.grade_steps_regular ?? 0,
        early: counters.grade_steps_early ?? 0,
      },
    },
  };
}

registerStatsSection(
  (counters, _previous, current, context) => {
    const snapshot =
      context.year < context.currentYear
        ? context.item(snapshotKeys.key(context.org, context.year))
        : undefined;
    return careersSection(counters, snapshot ? countersOf(snapshot) : current);
  },
  {
    extraKeys: (org, year, currentYear) => (year < currentYear ? [snapshotKeys.key(org, year)] : []),
  },
);
