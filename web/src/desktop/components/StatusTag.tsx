import { Tag } from 'antd';

const TONES = {
  success: '#237804',
  processing: '#0958d9',
  warning: '#ad4e00',
  error: '#cf1322',
  default: '#595959',
} as const;
export type Tone = keyof typeof TONES;

/** A status as a solid tag: white text on a dark tone (antd's light preset tags fail AA contrast). */
export function StatusTag({
  tone = 'default',
  children,
}: {
  tone?: Tone | undefined;
  children: React.ReactNode;
}) {
  return <Tag color={TONES[tone]}>{children}</Tag>;
}
