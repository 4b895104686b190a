/**
 * Local mode's business clock: the one instant every rule and job reads (`deps.clock`). It starts
 * where `--clock` says (default: the real time) and runs on at the real pace from there; `moveTo`
 * jumps it forward (never back: a business day can't be undone). Lambda has no such thing: there
 * `deps.clock` is the real time.
 */
import { conflict } from '#shared/errors.ts';

export type ClockListener = (from: Date, to: Date) => Promise<unknown> | unknown;

export interface BusinessClock {
  now(): Date;
  /** Moves the clock forward to `to` (409 CLOCK_MOVED_BACK for an earlier instant). */
  moveTo(to: Date): Date;
  /** Tests only: sets the clock anywhere, backwards included. */
  reset(to: Date): void;
  /** Called after every moveTo/reset (the local scheduler re-arms its timers). */
  onMove(listener: ClockListener): void;
  listeners(): readonly ClockListener[];
}

export function businessClock(start?: Date): BusinessClock {
  let base = (start ?? new Date()).getTime();
  // The wall clock only measures how much time has passed since the business clock was set.
  let setAt = Date.now();
  const listeners: ClockListener[] = [];
  const now = () => new Date(base + (Date.now() - setAt));
  const set = (to: Date) => {
    base = to.getTime();
    setAt = Date.now();
  };
  return {
    now,
    moveTo(to) {
      const current = now();
      if (to.getTime() < current.getTime()) {
        throw conflict('CLOCK_MOVED_BACK', 'The business clock only moves forward', {
          now: current.toISOString(),
          requested: to.toISOString(),
        });
      }
      set(to);
      return current;
    },
    reset: set,
    onMove(listener) {
      listeners.push(listener);
    },
    listeners: () => listeners,
  };
}

/** `--clock 2026-07-01T09:00:00+08:00`: an ISO instant with a UTC offset (or Z); anything else is refused. */
export function parseClockArgument(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new Error(
      `--clock needs an ISO instant with an offset, e.g. 2026-07-01T09:00:00+08:00 (got "${value}")`,
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`--clock: not a valid instant: ${value}`);
  return date;
}
