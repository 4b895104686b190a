import { Tag } from 'antd';

const TONES = {
  success: '#237804',
  processing: '#0958d9',
  warning: '#ad4e00',
  error: '#cf1322',
  default: '#595959',
} as const;
export type Tone = keyof typeof TONES;

/**
 * A status as a tag in one of a few dark tones: antd 6 draws a custom colour as that colour's text on
 * its light tint, which passes AA contrast with these tones (antd's preset colours do not).
 */
export function StatusTag({
  tone = 'default',
  children,
}: {
  tone?: Tone | undefined;
  children: React.ReactNode;
}) {
  return <Tag color={TONES[tone]}>{children}</Tag>;
}
