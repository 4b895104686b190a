import { orgUnits } from '#shared/db/org-units.ts';
import type { OrgUnitRecord } from '#shared/db/entities/org-unit.ts';
import type { Store } from '#shared/db/store.ts';
import { unitReferenceResolver } from '#shared/domain/org-unit-references.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';

/** Why a row's 所在单位 names no unit: nothing answers to it, or more than one unit does. */
export type OrgCellProblem =
  | { code: 'UNKNOWN_ORG_UNIT'; org: string }
  | { code: 'AMBIGUOUS_ORG_UNIT'; org: string; candidates: string[] };

/**
 * Cells naming units (ids, or names as shared/domain/org-unit-references.ts reads them) as unit
 * ids; empty cells stay undefined. Names are looked up in `scope`'s subtree only (the caller's own
 * units), which is read only when some cell is not an id: one BatchGetItem for the cells as ids,
 * then the subtree level by level (grids have no children and are not asked). `problems` holds, by
 * index, the cells that name no unit or more than one; those keep the text as typed. `units` holds
 * every unit a cell names, as read here, so that checks of existence and level need not read them
 * again (names' units come from the index: read counters from the table).
 */
export async function resolveUnitCells(
  store: Store,
  scope: string,
  cells: readonly (string | undefined)[],
): Promise<{
  ids: (string | undefined)[];
  problems: Map<number, OrgCellProblem>;
  units: Map<string, OrgUnitRecord>;
}> {
  const problems = new Map<number, OrgCellProblem>();
  const texts = cells.map((cell) => cell?.trim() || undefined);
  const units = await orgUnits.getMany(
    store,
    texts.filter((text): text is string => text !== undefined),
  );
  if (texts.every((text) => text === undefined || units.has(text))) return { ids: texts, problems, units };
  const naming = await namingUnits(store, scope);
  const resolve = unitReferenceResolver(naming.units, naming.targets);
  const byId = new Map(naming.units.map((unit) => [unit.id, unit]));
  const ids = texts.map((text, i) => {
    if (text === undefined || units.has(text)) return text;
    const reference = resolve(text);
    if (reference.kind === 'unit') {
      units.set(reference.id, byId.get(reference.id)!);
      return reference.id;
    }
    problems.set(
      i,
      reference.kind === 'ambiguous'
        ? { code: 'AMBIGUOUS_ORG_UNIT', org: text, candidates: reference.candidates }
        : { code: 'UNKNOWN_ORG_UNIT', org: text },
    );
    return text;
  });
  return { ids, problems, units };
}

/** Rows with their `org` cell resolved (`resolveUnitCells`); rows with a problem keep the text. */
export async function resolveOrgCells<R extends { org: string }>(
  store: Store,
  scope: string,
  rows: readonly R[],
): Promise<{ rows: R[]; problems: Map<number, OrgCellProblem>; units: Map<string, OrgUnitRecord> }> {
  const { ids, problems, units } = await resolveUnitCells(
    store,
    scope,
    rows.map((r) => r.org),
  );
  return { rows: rows.map((r, i) => ({ ...r, org: ids[i] ?? r.org })), problems, units };
}

/**
 * What names a unit of `scope`'s subtree: the subtree (the `targets`) and the scope's ancestors,
 * whose names may lead a full name (七台河市/新兴区/…, as exports write 所在单位) but which are
 * never found themselves. One GetItem and the children queries, plus one BatchGetItem.
 */
export async function namingUnits(store: Store, scope: string) {
  const [subtree, ancestors] = await Promise.all([
    subtreeUnits(store, scope),
    orgUnits.getMany(store, ancestorsOf(scope).slice(0, -1)),
  ]);
  return { units: [...ancestors.values(), ...subtree], targets: new Set(subtree.map((unit) => unit.id)) };
}

/** A unit and everything under it (ByCollection children, level by level). */
export async function subtreeUnits(store: Store, rootId: string): Promise<OrgUnitRecord[]> {
  const root = await orgUnits.get(store, rootId);
  if (!root) return [];
  // Grids have no children: not asked.
  return orgUnits.walk(store, [root], { fields: 'records', stopAt: (unit) => unit.level === 'grid' });
}

/** A row's error for its unit cell (the shape upload refusals use: row, path, code, message). */
export function orgCellError(row: number, problem: OrgCellProblem, path = 'org') {
  return problem.code === 'AMBIGUOUS_ORG_UNIT'
    ? {
        row,
        path,
        code: problem.code,
        message: `more than one unit is called ${problem.org}: ${problem.candidates.join('; ')}`,
        org: problem.org,
        candidates: problem.candidates,
      }
    : { row, path, code: problem.code, message: `no org unit ${problem.org}`, org: problem.org };
}
