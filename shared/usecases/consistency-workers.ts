import { certificateNumbers } from '#shared/db/certificate-numbers.ts';
import { normaliseCertificateNumber } from '#shared/db/entities/certificate.ts';
import type { Item, Store } from '#shared/db/store.ts';
import { workers as workerRecords } from '#shared/db/workers.ts';
import { type Move, orgAt } from '#shared/domain/placement.ts';
import type { ExitSituationNumber } from '#shared/domain/exits.ts';
import type { Committee, CommitteeRole } from '#shared/domain/promotion.ts';
import {
  certificatesCounter,
  exitsCounter,
  hiresCounter,
  promotionsCounter,
  tally,
} from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { mapLimit } from '#shared/jobs/concurrency.ts';
import type { Flow } from '#shared/usecases/consistency-report.ts';

// The consistency checker's recounts of what each worker's own records count: hires, exits,
// certificates registered, promotions and grade steps. A counter was added on the unit the worker
// served in at the time, and a move (调动) leaves it there, so each is attributed by the worker's
// moves (history entries `moved`), not to the unit the worker is in now.

/** Per-worker partitions read in parallel. */
const WORKER_READS = 8;

interface WorkerTimeline {
  worker: WorkerRecord;
  moves: Move[];
  /** Grade changes and promotions (only for workers whose record shows a step run or a seat). */
  career: Item[];
}

export async function workerFlows(store: Store, workers: WorkerRecord[]): Promise<Flow[]> {
  const timelines = await mapLimit(workers, WORKER_READS, (w) => timelineOf(store, w));
  return [
    ...timelines.flatMap(hireAndExitFlows),
    ...(await certificateFlows(store, timelines)),
    ...timelines.flatMap(careerFlows),
  ];
}

/**
 * One Query of the worker's partition: the history's moves, and for a worker whose record shows a
 * committee seat or a step run (no one else can have either) the range from `GRADE#` to
 * `PROMOTION#` (grade changes, history, promotions).
 */
async function timelineOf(store: Store, worker: WorkerRecord): Promise<WorkerTimeline> {
  const withCareer = (worker.committeeRoles?.length ?? 0) > 0 || worker.step?.lastStepYear !== undefined;
  const items = await workerRecords.movesAndCareer(store, worker.id, { career: withCareer });
  const moves = items
    .filter((i) => i.type === 'worker-history')
    .map((i) => {
      const details = i.details as { from: string; to: string };
      return { at: i.at as string, from: details.from, to: details.to };
    });
  return { worker, moves, career: items.filter((i) => i.type !== 'worker-history') };
}

/** A hire counts on the unit first served in; an exit on the last (an exited worker never moves). */
function hireAndExitFlows({ worker: w, moves }: WorkerTimeline): Flow[] {
  const flows: Flow[] = [
    {
      org: orgAt(w.org, moves),
      year: w.hiredOn.slice(0, 4),
      record: `worker:${w.id}`,
      counters: tally(['hires_total', 1], [hiresCounter(w.channel), 1]),
    },
  ];
  if (w.status === 'exited' && w.exit)
    flows.push({
      org: w.org,
      year: w.exit.effectiveOn.slice(0, 4),
      record: `worker:${w.id}`,
      counters: tally(['exits_total', 1], [exitsCounter(w.exit.situation as ExitSituationNumber), 1]),
    });
  return flows;
}

/**
 * Certificates registered through the API (a hire or transfer brings certificates in without
 * counting them): those whose number guard names the worker (BatchGets of the numbers), on the
 * unit served in when the guard was recorded.
 */
async function certificateFlows(store: Store, timelines: WorkerTimeline[]): Promise<Flow[]> {
  const held = timelines.flatMap((t) =>
    (t.worker.certificates ?? []).map((certificate) => ({ ...t, certificate })),
  );
  if (held.length === 0) return [];
  const guards = await certificateNumbers.guards(
    store,
    held.map((h) => h.certificate.number),
  );
  return held.flatMap(({ worker, moves, certificate }) => {
    const guard = guards.get(normaliseCertificateNumber(certificate.number));
    if (guard?.workerId !== worker.id) return [];
    return [
      {
        org: orgAt(worker.org, moves, guard.recordedAt),
        year: certificate.registeredOn.slice(0, 4),
        record: `worker:${worker.id}`,
        counters: tally(['certificates_registered', 1], [certificatesCounter(certificate.level), 1]),
      },
    ];
  });
}

/** Promotions (on the unit each records) and grade steps (on the unit served in when the run stepped). */
function careerFlows({ worker: w, moves, career }: WorkerTimeline): Flow[] {
  const flows: Flow[] = [];
  for (const item of career) {
    if (item.type === 'promotion')
      flows.push({
        org: item.org as string,
        year: (item.effectiveOn as string).slice(0, 4),
        record: `promotion:${item.id as string}`,
        counters: tally(
          [promotionsCounter(item.committee as Committee, item.role as CommitteeRole), 1],
          ['promotions_total', 1],
        ),
      });
    else if (item.reason === 'step' && typeof item.ref === 'string' && item.ref.startsWith('step:'))
      flows.push({
        org: orgAt(w.org, moves, item.recordedAt as string),
        year: item.ref.slice('step:'.length),
        record: `worker:${w.id}`,
        counters: { [item.note === 'early-step' ? 'grade_steps_early' : 'grade_steps_regular']: 1 },
      });
  }
  return flows;
}
