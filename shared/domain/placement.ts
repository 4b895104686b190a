/**
 * Where a worker served when something happened. A worker's counters (hires, certificates, grade
 * steps) are added to the unit they are in at that moment and stay there when they move (调动):
 * a recount must attribute each past event to the unit of its time, not to the current one.
 */
export interface Move {
  /** The instant the move was recorded (ISO). */
  at: string;
  from: string;
  to: string;
}

/**
 * The unit a worker was in at `instant` (ISO), given their current unit and their moves: the
 * `from` of the first move recorded after it, else the current unit. Without an instant, the unit
 * they were first placed in (hired, transferred or onboarded into).
 */
export function orgAt(currentOrg: string, moves: readonly Move[], instant?: string): string {
  const later = [...moves]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .find((m) => instant === undefined || m.at > instant);
  return later?.from ?? currentOrg;
}
