const grouping = new Intl.NumberFormat('zh-CN', { useGrouping: true, maximumFractionDigits: 0 });

/** Integer fen as 元 with two decimals, without floating-point rounding: 123456 → "1,234.56". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${grouping.format(yuan)}.${cents}`;
}

/** 123456 → "¥1,234.56". */
export const formatFen = (fen: number) => `¥${fenToYuan(fen)}`;
