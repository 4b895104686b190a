/**
 * Header mapping for uploads: each upload kind lists its columns with the English field name (the
 * JSON key, also accepted as a header) and the Chinese header HR offices write. Headers are
 * compared after Unicode NFKC (full-width letters and brackets become ASCII), without spaces or a
 * trailing "*" (templates mark required columns with it), and case-insensitively.
 */
/** Hard cap on rows in one bulk request (keeps requests inside Lambda's payload and time limits). */
export const MAX_BULK_ROWS = 5000;

export interface ColumnSpec {
  /** The JSON field name, also accepted as a header. */
  field: string;
  /** The Chinese header (templates and exports use it). */
  label: string;
  /** Other headers accepted for this column. */
  aliases?: readonly string[];
  /** A column the upload can't do without (alternatives are listed in the kind's `oneOf`). */
  required?: boolean;
  /** The template's example cell. */
  example: string;
  /** A short Chinese note for the template's explanation sheet. */
  note: string;
  /** A number field: a cell of decimal text is read as a number (JSON bodies must send numbers). */
  numeric?: boolean;
  /** Accepted values (code → Chinese label) when the column is an enumeration. */
  values?: Readonly<Record<string, string>>;
}

export interface UploadSpec {
  kind: string;
  /** Chinese title (template sheet name and file name). */
  title: string;
  columns: readonly ColumnSpec[];
  /** Groups of which at least one column must be present (e.g. 身份证号 or 候选人编号). */
  oneOf?: readonly (readonly string[])[];
}

export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/g, '').replace(/\*+$/, '').toLowerCase();
}

export interface HeaderMapping {
  /** For each header cell, the field it maps to (null for a blank header cell). */
  fields: (string | null)[];
  unknown: string[];
  missing: { field: string; label: string }[];
  /** Each group of which none is present, as the columns' Chinese headers. */
  missingOneOf: { field: string; label: string }[][];
  duplicate: string[];
}

export function mapHeader(header: readonly string[], spec: UploadSpec): HeaderMapping {
  const byName = new Map<string, ColumnSpec>();
  for (const column of spec.columns)
    for (const name of [column.field, column.label, ...(column.aliases ?? [])])
      byName.set(normaliseHeader(name), column);
  const fields: (string | null)[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    if (normaliseHeader(cell) === '') {
      fields.push(null);
      continue;
    }
    const column = byName.get(normaliseHeader(cell));
    if (!column) {
      unknown.push(cell);
      fields.push(null);
      continue;
    }
    if (seen.has(column.field)) duplicate.push(cell);
    seen.add(column.field);
    fields.push(column.field);
  }
  const columnNamed = (field: string) => {
    const column = spec.columns.find((c) => c.field === field);
    return { field, label: column?.label ?? field };
  };
  const missing = spec.columns
    .filter((c) => c.required && !seen.has(c.field))
    .map((c) => columnNamed(c.field));
  const missingOneOf = (spec.oneOf ?? [])
    .filter((group) => !group.some((field) => seen.has(field)))
    .map((group) => group.map(columnNamed));
  return { fields, unknown, missing, missingOneOf, duplicate };
}

/** A record's cells as an object keyed by field; empty cells are absent. */
export function recordObject(fields: readonly (string | null)[], cells: readonly string[]) {
  const value: Record<string, string> = {};
  fields.forEach((field, i) => {
    const cell = cells[i] ?? '';
    if (field && cell !== '') value[field] = cell;
  });
  return value;
}
