/**
 * How an HR office names a unit in a spreadsheet's 所在单位 column: by its name (东风社区), by its
 * name under a parent's when names repeat (every community has a 第一网格: 东风社区第一网格,
 * 东风社区/第一网格, 红旗街道 东风社区 第一网格), or by its 单位编号 (the id, `qth/xinxing/hongqi/c1`).
 * A reference matches a unit when, separators and spaces aside, it spells the names of the unit and
 * of some of its nearest ancestors, top down. Pure: the caller gives the units it may place into.
 */
export interface NamedUnit {
  id: string;
  name: string;
  parentId: string | null;
}

export type UnitReference =
  | { kind: 'unit'; id: string }
  | { kind: 'unknown' }
  /** More than one unit answers to the text: `candidates` are their full names (for the row's error). */
  | { kind: 'ambiguous'; candidates: string[] };

/** Names in the order a Chinese office lists them (by pinyin). */
const byPinyin = new Intl.Collator('zh-CN');

/** Slashes, dots, dashes, arrows and spaces (half- or full-width) between names are ignored. */
const SEPARATORS = /[\s/／\\、，,·・\-—－>＞|｜]+/g;

export function normaliseUnitReference(text: string): string {
  return text.normalize('NFKC').replace(SEPARATORS, '');
}

/** A unit's names from the top of `units` down to it (`units` must hold its ancestors up to there). */
export function unitNamePath(id: string, byId: ReadonlyMap<string, NamedUnit>): string[] {
  const names: string[] = [];
  for (let unit = byId.get(id); unit; unit = unit.parentId ? byId.get(unit.parentId) : undefined)
    names.unshift(unit.name);
  return names;
}

/** The names of a unit and its ancestors joined for display: 新兴区/红旗街道/东风社区/第一网格. */
export function unitFullName(id: string, byId: ReadonlyMap<string, NamedUnit>): string {
  return unitNamePath(id, byId).join('/');
}

/**
 * Every spelling of every target (its name, then with each further ancestor in front, up to the
 * top of `units`), normalised. `units` may hold ancestors of the targets' root, whose names may
 * lead a spelling (七台河市/新兴区/… as exports write it) but which are never a target.
 */
function spellingsOf(units: readonly NamedUnit[], targets?: ReadonlySet<string>) {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const bySpelling = new Map<string, Set<string>>();
  const spellings = new Map<string, string[]>();
  for (const unit of units) {
    if (targets && !targets.has(unit.id)) continue;
    const names = unitNamePath(unit.id, byId);
    const own: string[] = [];
    for (let first = names.length - 1; first >= 0; first--) {
      const spelling = names.slice(first).join('');
      own.push(spelling);
      const key = normaliseUnitReference(spelling);
      if (!bySpelling.has(key)) bySpelling.set(key, new Set());
      bySpelling.get(key)!.add(unit.id);
    }
    spellings.set(unit.id, own);
  }
  return { byId, bySpelling, spellings };
}

/**
 * Each unit's shortest spelling that names it alone among `units` (东风社区 where it is the only
 * one, 红旗街道东风社区 where another street has one too): what a template's pick list offers.
 */
export function unitShortNames(
  units: readonly NamedUnit[],
  targets?: ReadonlySet<string>,
): Map<string, string> {
  const { bySpelling, spellings } = spellingsOf(units, targets);
  return new Map(
    units
      .filter((unit) => !targets || targets.has(unit.id))
      .map((unit) => [
        unit.id,
        spellings.get(unit.id)!.find((s) => bySpelling.get(normaliseUnitReference(s))!.size === 1) ?? unit.id,
      ]),
  );
}

/**
 * A resolver over `units` (a subtree: a root and everything under it, and perhaps the root's
 * ancestors), finding only `targets` (default: every unit). Every spelling of every target (its
 * name alone, then with each further ancestor in front) is indexed once, so a sheet of 2,000 rows
 * costs one map lookup a row.
 */
export function unitReferenceResolver(
  units: readonly NamedUnit[],
  targets?: ReadonlySet<string>,
): (text: string) => UnitReference {
  const { byId, bySpelling } = spellingsOf(units, targets);
  return (text) => {
    const trimmed = text.trim();
    if (byId.has(trimmed) && (!targets || targets.has(trimmed))) return { kind: 'unit', id: trimmed };
    const ids = [...(bySpelling.get(normaliseUnitReference(trimmed)) ?? [])];
    if (ids.length === 1) return { kind: 'unit', id: ids[0]! };
    if (ids.length === 0) return { kind: 'unknown' };
    return { kind: 'ambiguous', candidates: ids.map((id) => unitFullName(id, byId)).sort(byPinyin.compare) };
  };
}
