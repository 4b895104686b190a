/**
 * A day or a month (`YYYY-MM-DD`, `YYYY-MM`; a longer ISO text by its day) as Chinese text writes it:
 * 2026年3月2日, 2026年3月. Anything else comes back as it is. One rule for the API's messages, the
 * web app and its tests (no imports: the web app takes it without the domain's schemas).
 */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${m[3] ? `${Number(m[3])}日` : ''}`;
}
