import { exitSituations } from '#shared/domain/exits.ts';
import { type Counters, registerStatsSection } from '#shared/usecases/stats.ts';
import { exitsCounter } from '#shared/domain/stats-counters.ts';

/**
 * Hiring's part of GET /v1/stats: active headcount now (stock), and the year's hires by channel
 * and exits by situation (flow counters kept by hires, transfers and exits).
 */
export const hiringSection = (counters: Counters, _previous: Counters, current: Counters) => ({
  headcount: { active: current?.headcount_active ?? 0 },
  hires: {
    openRecruitment: counters.hires_open_recruitment ?? 0,
    transfer: counters.hires_transfer ?? 0,
    helperAppointment: counters.hires_helper_appointment ?? 0,
    // Serving workers recorded when the city adopted the system, counted in their hire year.
    onboarding: counters.hires_onboarding ?? 0,
    total: counters.hires_total ?? 0,
  },
  exits: {
    bySituation: Object.fromEntries(
      exitSituations.map((s) => [String(s.situation), counters[exitsCounter(s.situation)] ?? 0]),
    ),
    total: counters.exits_total ?? 0,
  },
});

registerStatsSection(hiringSection);
