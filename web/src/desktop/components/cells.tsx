import { Typography } from 'antd';
import { beijingTime, chineseDate } from '../../lib/dates.ts';
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

export function DateTimeText({ value }: { value: string | null | undefined }) {
  return <span>{beijingTime(value)}</span>;
}

/** An org unit id (qth/xinxing/hongqi) shown with its last segment muted, for tables. */
export function OrgPath({ id }: { id: string }) {
  return <Typography.Text title={id}>{id}</Typography.Text>;
}
