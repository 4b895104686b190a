import type { RequestContext } from '#shared/context.ts';
import { orgCellError, resolveUnitCells } from '#shared/usecases/org-unit-references.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import {
  claimRegistrationNumbers,
  loadCandidates,
  registerCandidate,
  unregisterCandidate,
} from '#shared/db/recruitments.ts';
import { newId } from '#shared/db/ids.ts';
import type { Store } from '#shared/db/store.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { CandidateRegistration } from '#shared/domain/recruitment.ts';
import { type CandidateRecord, newCandidateRecord } from '#shared/domain/recruitment-records.ts';
import { wrongStage } from '#shared/domain/recruitment-stages.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { manageable } from './access.ts';

export const CANDIDATES_BATCH = 'recruitment-candidates';

export interface CandidateRowFailure {
  row: number;
  path: string;
  code: string;
  message: string;
  firstRow?: number;
  /** A 拟安排单位 that names no unit or several: the text, and the candidates' full names. */
  org?: string;
  candidates?: string[];
}

export interface CandidatesRegistered {
  recruitmentId: string;
  registered: number;
  eligible: number;
  candidates: {
    row: number;
    candidateId: string;
    registrationNo: number;
    name: string;
    /** The community or grid the candidate would work in (拟安排单位, else the recruitment's unit). */
    org: string;
    eligible: boolean;
    failed: string[];
  }[];
}

/**
 * POST /v1/recruitments/{id}/registrations: a registration sheet (报名表), every row checked as a
 * single registration is (stage open, valid 身份证号, not registered yet, not an active worker,
 * a community or grid inside the recruitment's unit) and the eligibility verdict computed for each.
 * All or nothing: any refused row → 422 CANDIDATES_REJECTED listing every refused row. Registration
 * numbers follow the recruitment's count in sheet order; the count is claimed in the last
 * transaction (conditioned on it), so a registration made meanwhile undoes the upload rather than
 * doubling a number. Bigger than one transaction, it is a durable batch.
 */
export async function registerCandidates(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  sheetRows: readonly CandidateRegistration[],
  options: { dryRun?: boolean } = {},
): Promise<CandidatesRegistered> {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const resumed = options.dryRun ? null : await resumeRequestBatch(store, ctx, CANDIDATES_BATCH);
  if (resumed?.result !== undefined) return resumed.result as CandidatesRegistered;
  if (recruitment.stage !== 'open') throw wrongStage(recruitment, 'register candidates', ['open']);

  // 拟安排单位 as an id or by name (第一网格), looked up inside the recruitment's unit.
  const grids = await resolveUnitCells(
    store,
    recruitment.org,
    sheetRows.map((r) => r.gridId),
  );
  const rows: readonly CandidateRegistration[] = sheetRows.map((r, i) =>
    r.gridId === undefined ? r : { ...r, gridId: grids.ids[i] ?? r.gridId },
  );

  const parsed = rows.map((row) => parseNationalId(row.nationalId));
  const ids = parsed.map((p, i) => (p.ok ? p.id : rows[i]!.nationalId));
  const existing = new Map((await loadCandidates(store, recruitmentId)).map((c) => [c.nationalId, c]));
  const activeGuards = await store.batchGet([...new Set(ids)].map((id) => workerKeys.activeNationalId(id)));
  const active = new Set(activeGuards.map((g) => String(g.pk).slice('NATID#'.length)));
  const placements = new Map(
    await Promise.all(
      [...new Set(rows.map((r) => r.gridId ?? recruitment.org))]
        .filter((org) => isWithinSubtree(org, recruitment.org))
        .map(async (org) => [org, await loadOrgUnit(store, org).catch(() => null)] as const),
    ),
  );

  const failures: CandidateRowFailure[] = [];
  const firstRowOf = new Map<string, number>();
  const planned: {
    row: number;
    input: CandidateRegistration;
    nationalId: string;
    birthDate: string;
    sex: 'male' | 'female';
  }[] = [];
  for (const [i, input] of rows.entries()) {
    const row = i + 1;
    const fail = (path: string, code: string, message: string, extra: Partial<CandidateRowFailure> = {}) =>
      failures.push({ row, path, code, message, ...extra });
    const p = parsed[i]!;
    if (!p.ok) {
      fail('nationalId', 'VALIDATION_FAILED', p.message);
      continue;
    }
    const first = firstRowOf.get(p.id);
    if (first !== undefined) {
      fail('nationalId', 'ROW_REPEATS_ROW', `repeats row ${first}`, { firstRow: first });
      continue;
    }
    firstRowOf.set(p.id, row);
    if (existing.has(p.id)) {
      fail('nationalId', 'DUPLICATE_CANDIDATE', 'This person is already registered in this recruitment');
      continue;
    }
    if (active.has(p.id)) {
      fail('nationalId', 'ALREADY_ACTIVE_WORKER', 'This person is already an active worker');
      continue;
    }
    const gridProblem = grids.problems.get(i);
    if (gridProblem) {
      const { row: _, ...failure } = orgCellError(row, gridProblem, 'gridId');
      fail(failure.path, failure.code, failure.message, failure);
      continue;
    }
    const org = input.gridId ?? recruitment.org;
    if (!isWithinSubtree(org, recruitment.org)) {
      fail('gridId', 'GRID_OUTSIDE_RECRUITMENT', `${org} is not inside ${recruitment.org}`);
      continue;
    }
    const unit = placements.get(org);
    if (!unit) {
      fail('gridId', 'UNKNOWN_ORG_UNIT', `Unknown org unit ${org}`);
      continue;
    }
    if (unit.level !== 'community' && unit.level !== 'grid') {
      fail('gridId', 'PLACEMENT_REQUIRED', `${org} is a ${unit.level}: name a community or grid`);
      continue;
    }
    planned.push({ row, input, nationalId: p.id, birthDate: p.birthDate, sex: p.sex });
  }
  if (failures.length > 0)
    throw unprocessable(
      'CANDIDATES_REJECTED',
      `${new Set(failures.map((f) => f.row)).size} row(s) can't be registered; nothing was saved`,
      failures,
    );

  const now = ctx.now.toISOString();
  const candidates: CandidateRecord[] = planned.map(({ input, nationalId, birthDate, sex }, i) =>
    newCandidateRecord(
      recruitment,
      input,
      { nationalId, birthDate, sex },
      {
        id: newId('c'),
        registrationNo: recruitment.candidateCount + i + 1,
        now,
      },
    ),
  );
  const eligible = candidates.filter((c) => c.eligibility.eligible).length;
  const result: CandidatesRegistered = {
    recruitmentId,
    registered: candidates.length,
    eligible,
    candidates: candidates.map((c, i) => ({
      row: planned[i]!.row,
      candidateId: c.id,
      registrationNo: c.registrationNo,
      name: c.name,
      org: c.gridId ?? recruitment.org,
      eligible: c.eligibility.eligible,
      failed: c.eligibility.failed,
    })),
  };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return result;

  const entity = `recruitment:${recruitmentId}`;
  const groups: StepGroup[] = candidates.map((candidate) => {
    return {
      ops: registerCandidate(candidate),
      audit: [
        {
          entity,
          org: recruitment.org,
          action: 'recruitment.candidate-registered',
          after: { candidateId: candidate.id, name: candidate.name, eligibility: candidate.eligibility },
        },
      ],
      undo: {
        ops: unregisterCandidate(candidate),
        audit: [
          {
            entity,
            org: recruitment.org,
            action: 'recruitment.candidate-registration-undone',
            before: { candidateId: candidate.id },
          },
        ],
      },
    };
  });
  await transactAllOrNothing(
    store,
    ctx,
    groups,
    {
      ops: [
        claimRegistrationNumbers(recruitment, { registered: candidates.length, eligible, now }, () =>
          conflict(
            'RECRUITMENT_CHANGED',
            'The recruitment changed while the sheet was being registered (a registration or a stage change); nothing was saved, upload it again',
          ),
        ),
      ],
      audit: [
        {
          entity,
          org: recruitment.org,
          action: 'recruitment.candidates-uploaded',
          after: { registered: candidates.length, eligible },
        },
      ],
    },
    { kind: CANDIDATES_BATCH, org: recruitment.org, subject: entity, result },
  );
  return result;
}
