import { Typography } from 'antd';
import { chineseDate } from '../../lib/dates.ts';
import { fenToYuan } from '../../lib/money.ts';

/** Integer fen shown as 元 with two decimals, right-aligned digits (tables, descriptions). */
export function Money({ fen, testId }: { fen: number | null | undefined; testId?: string }) {
  if (fen == null) return <span>—</span>;
  return (
    <span className="money" data-testid={testId}>
      ¥{fenToYuan(fen)}
    </span>
  );
}

/** A `YYYY-MM-DD` (or ISO timestamp's date) as 2026年3月5日. */
export function DateText({ value }: { value: string | null | undefined }) {
  return <span>{chineseDate(value)}</span>;
}

const beijingDateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO timestamp in Beijing time: 2026/03/05 14:07. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : beijingDateTime.format(d);
}

export function DateTimeText({ value }: { value: string | null | undefined }) {
  return <span>{beijingTime(value)}</span>;
}

/** An org unit id (qth/xinxing/hongqi) shown with its last segment muted, for tables. */
export function OrgPath({ id }: { id: string }) {
  return <Typography.Text title={id}>{id}</Typography.Text>;
}
