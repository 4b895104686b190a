import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { Store } from '#shared/db/store.ts';
import { unitFullName, unitShortNames } from '#shared/domain/org-unit-references.ts';
import { orgLevelNames } from '#shared/domain/vocabulary.ts';
import { type UnitChoice, uploadTemplate } from '#shared/spreadsheets/template.ts';
import { type UploadKind, uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { namingUnits } from '#shared/usecases/org-unit-references.ts';

/** Units a worker is placed in (the upload use-cases refuse any other level). */
const PLACEMENT_LEVELS = new Set(['community', 'grid']);

/**
 * GET /v1/templates/{kind}: the blank .xlsx template of an upload (any HR officer: only the
 * columns of `uploadSpecs`, and for a kind with a 所在单位 column the officer's own communities
 * and grids, by the names the upload accepts).
 */
export async function uploadTemplateOf(store: Store, ctx: RequestContext, kind: UploadKind) {
  authorize(ctx.actor, 'template:read', { org: ctx.actor.org });
  const spec = uploadSpecs[kind];
  const units = spec.columns.some((column) => column.field === 'org')
    ? await unitChoices(store, ctx.actor.org)
    : [];
  return uploadTemplate(spec, units);
}

/** The communities and grids of `scope`'s subtree, in tree order (ids are paths). */
async function unitChoices(store: Store, scope: string): Promise<UnitChoice[]> {
  const { units, targets } = await namingUnits(store, scope);
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const shortNames = unitShortNames(units, targets);
  return units
    .filter((unit) => targets.has(unit.id) && PLACEMENT_LEVELS.has(unit.level))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((unit) => ({
      name: shortNames.get(unit.id)!,
      fullName: unitFullName(unit.id, byId),
      level: orgLevelNames[unit.level],
      id: unit.id,
    }));
}
