/**
 * A small evaluator for EventBridge cron expressions `cron(min hour day-of-month month day-of-week
 * year)`, so local mode runs jobs on exactly the schedules the CDK app gives EventBridge Scheduler.
 * Supports numbers, `*`, `?`, lists, ranges and steps; day-of-week is 1–7 with 1 = Sunday (or SUN–SAT).
 * Times are evaluated at a fixed UTC offset (Asia/Shanghai is +8 all year).
 */
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(field: string, min: number, max: number, names?: string[]): Set<number> | null {
  if (field === '*' || field === '?') return null;
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    const toNumber = (s: string) => {
      const named = names?.indexOf(s.toUpperCase()) ?? -1;
      return named >= 0 ? named + 1 : Number(s);
    };
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      from = toNumber(a!);
      to = toNumber(b!);
    } else {
      from = toNumber(range!);
      to = stepText ? max : from;
    }
    if (![from, to, step].every(Number.isInteger) || from < min || to > max || step < 1) {
      throw new Error(`unsupported cron field "${field}"`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export interface CronSchedule {
  next(after: Date): Date;
}

export function parseCron(expression: string, utcOffsetHours = 8): CronSchedule {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) throw new Error(`not an EventBridge cron expression: ${expression}`);
  const [minF, hourF, domF, monthF, dowF, yearF] = fields as [string, string, string, string, string, string];
  const minutes = parseField(minF, 0, 59);
  const hours = parseField(hourF, 0, 23);
  const days = parseField(domF, 1, 31);
  const months = parseField(monthF, 1, 12);
  const weekdays = parseField(dowF, 1, 7, DAY_NAMES);
  const years = parseField(yearF, 1970, 2199);
  const offsetMs = utcOffsetHours * 3600_000;
  const ok = (set: Set<number> | null, v: number) => set === null || set.has(v);

  return {
    next(after) {
      // Walk local wall-clock time minute by minute, skipping whole days/hours that can't match.
      const t = new Date(Math.floor((after.getTime() + offsetMs) / 60_000) * 60_000 + 60_000);
      const limit = t.getTime() + 5 * 366 * 24 * 3600_000;
      while (t.getTime() < limit) {
        const dayMatches =
          ok(years, t.getUTCFullYear()) &&
          ok(months, t.getUTCMonth() + 1) &&
          ok(days, t.getUTCDate()) &&
          ok(weekdays, t.getUTCDay() + 1);
        if (!dayMatches) {
          t.setUTCHours(24, 0, 0, 0);
          continue;
        }
        if (!ok(hours, t.getUTCHours())) {
          t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
          continue;
        }
        if (ok(minutes, t.getUTCMinutes())) return new Date(t.getTime() - offsetMs);
        t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      }
      throw new Error(`cron ${expression} has no run in the next five years`);
    },
  };
}

/** The latest instant ≤ `at` at which `cron` fires (within the last ~13 months), if any. */
export function previousOccurrence(cron: CronSchedule, at: Date): Date | undefined {
  for (const lookBackMs of [3600_000, 86_400_000, 32 * 86_400_000, 400 * 86_400_000]) {
    let last: Date | undefined;
    let t = cron.next(new Date(at.getTime() - lookBackMs));
    while (t.getTime() <= at.getTime()) {
      last = t;
      t = cron.next(t);
    }
    if (last) return last;
  }
  return undefined;
}
