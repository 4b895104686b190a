import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, List, Result, Selector, TextArea } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, data } from '../../api/client.ts';
import { ApiError, describeError } from '../../api/errors.ts';
import { beijingToday, chineseDate, pickerLabel } from '../../lib/dates.ts';
import { LABELS, label } from '../../lib/labels.ts';
import { ErrorText } from '../ErrorView.tsx';
import { QueryView } from '../QueryView.tsx';
import { useMentees } from './MenteesPage.tsx';
import { ActionRow } from '../ActionRow.tsx';

type Mode = keyof typeof LABELS.sessionMode;
const modeOptions = (Object.keys(LABELS.sessionMode) as Mode[]).map((value) => ({
  value,
  label: label('sessionMode', value),
}));

/**
 * The mentee was picked from the mentor's own list, so a refusal (403, or 404 once the pairing has
 * ended: a former mentee's records answer as missing) means the pairing is no longer current.
 */
const notMyMentee = (error: unknown) =>
  error instanceof ApiError && (error.status === 403 || error.status === 404);

/** Which field a refusal belongs beside: the pairing (403/404/409) or the date (422). */
function fieldOf(error: unknown): 'mentee' | 'date' | 'form' {
  if (!(error instanceof ApiError)) return 'form';
  if (notMyMentee(error) || error.code === 'MENTORSHIP_NOT_ACTIVE' || error.code === 'MENTEE_NOT_ACTIVE')
    return 'mentee';
  if (error.code === 'OUTSIDE_PAIRING_PERIOD' || error.code === 'DATE_IN_FUTURE') return 'date';
  return 'form';
}

/** A refusal in Chinese, worded for this form. */
function refusal(error: unknown): string {
  if (notMyMentee(error)) return '该学员已不是您当前带教的学员（结对已结束或未开始），不能记录带教';
  return describeError(error).title;
}

/** A refusal beside the field it concerns. */
function Refusal({ error, testId }: { error: unknown; testId: string }) {
  return (
    <div className="error-text" role="alert" data-testid={testId}>
      {refusal(error)}
    </div>
  );
}

/** A Beijing day as the picker's Date (noon, so no time zone can move it to another day). */
const atNoon = (day: string) => new Date(`${day}T12:00:00+08:00`);

/** The days a session with this pairing may be logged for: its period, up to today. */
function loggableDays(pairing: { startDate: string; endDate: string } | undefined, today: string) {
  return { first: pairing?.startDate, last: pairing && pairing.endDate < today ? pairing.endDate : today };
}

/** `day` moved into [first, last] (ISO days compare as strings). */
function clampDay(day: string, { first, last }: { first: string | undefined; last: string }): string {
  if (day > last) return last;
  return first && day < first ? first : day;
}

/** 记录带教: mentee, date, mode (the rule book's three), minutes, notes. */
export default function LogSessionPage() {
  const [params] = useSearchParams();
  const mentees = useMentees('all');
  const queryClient = useQueryClient();
  const [menteeId, setMenteeId] = useState<string | undefined>(params.get('mentee') ?? undefined);
  const [date, setDate] = useState(beijingToday());
  const [picking, setPicking] = useState(false);
  const [mode, setMode] = useState<Mode>('case-analysis');
  const [minutes, setMinutes] = useState(60);
  const [notes, setNotes] = useState('');
  // One key per attempt: a retry of the same submission takes effect once.
  const idempotencyKey = useRef(crypto.randomUUID());

  const log = useMutation({
    mutationFn: (day: string) =>
      data(
        api.POST('/v1/workers/{id}/coaching-sessions', {
          params: { path: { id: menteeId ?? '' }, header: { 'idempotency-key': idempotencyKey.current } },
          body: { date: day, minutes, mode, notes },
        }),
      ),
    onSuccess: () => {
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: ['mentor'] });
      void queryClient.invalidateQueries({ queryKey: ['me', 'coaching'] });
    },
    onError: (error) => {
      // A refusal is final for this content: the next attempt is a new submission.
      if (error instanceof ApiError && error.status < 500) idempotencyKey.current = crypto.randomUUID();
    },
  });
  const errorField = log.isError ? fieldOf(log.error) : null;

  if (log.isSuccess) {
    return (
      <>
        <Result
          status="success"
          title="已记录"
          description={`${chineseDate(log.data.date)} ${label('sessionMode', log.data.mode)} ${log.data.minutes} 分钟`}
        />
        <div className="phone-section">
          <Button block color="primary" onClick={() => log.reset()}>
            再记一次
          </Button>
        </div>
      </>
    );
  }

  return (
    <QueryView query={mentees}>
      {(m) => {
        // The picker offers only the chosen pairing's days (the current pairing if there are several).
        const chosen = m.items.filter((i) => i.mentee.id === menteeId);
        const pairing = (chosen.find((i) => i.mentorship.status === 'active') ?? chosen[0])?.mentorship;
        const days = loggableDays(pairing, beijingToday());
        const day = clampDay(date, days);
        return (
          <Form layout="vertical" className="phone-form">
            <Form.Item label="学员" required>
              <Selector
                aria-label="学员"
                columns={2}
                options={m.items.map(({ mentee, mentorship }) => ({
                  value: mentee.id,
                  label: mentee.name ?? mentee.id,
                  description: label('mentorshipStatus', mentorship.status),
                }))}
                value={menteeId ? [menteeId] : []}
                onChange={(v) => {
                  setMenteeId(v[0]);
                  log.reset();
                }}
              />
              {errorField === 'mentee' ? <Refusal error={log.error} testId="mentee-error" /> : null}
            </Form.Item>
            <Form.Item label="日期" required>
              <List>
                <ActionRow extra={chineseDate(day)} onClick={() => setPicking(true)} opensPicker>
                  带教日期
                </ActionRow>
              </List>
              <DatePicker
                visible={picking}
                value={atNoon(day)}
                {...(days.first ? { min: atNoon(days.first) } : {})}
                max={atNoon(days.last)}
                renderLabel={pickerLabel}
                title="选择日期"
                confirmText="确定"
                cancelText="取消"
                onClose={() => setPicking(false)}
                onConfirm={(d) => {
                  setDate(beijingToday(d));
                  log.reset();
                }}
              />
              {errorField === 'date' ? <Refusal error={log.error} testId="date-error" /> : null}
            </Form.Item>
            <Form.Item label="方式" required>
              <Selector
                aria-label="方式"
                options={modeOptions}
                value={[mode]}
                onChange={(v) => v[0] && setMode(v[0])}
              />
            </Form.Item>
            <Form.Item label="时长（分钟）">
              {/* A native number field: antd-mobile's Stepper leaves its input unlabelled (axe). */}
              <input
                className="number-field"
                type="number"
                inputMode="numeric"
                aria-label="时长（分钟）"
                min={1}
                max={1440}
                step={10}
                value={minutes}
                onChange={(e) =>
                  setMinutes(Math.min(1440, Math.max(1, Math.round(Number(e.target.value) || 1))))
                }
              />
            </Form.Item>
            <Form.Item label="带教内容">
              <TextArea
                aria-label="带教内容"
                placeholder="本次带教的要点"
                value={notes}
                onChange={setNotes}
                maxLength={4000}
                rows={4}
              />
            </Form.Item>
            {errorField === 'form' ? <ErrorText error={log.error} /> : null}
            <div className="phone-section">
              <Button
                block
                color="primary"
                size="large"
                loading={log.isPending}
                disabled={!menteeId}
                onClick={() => log.mutate(day)}
              >
                提交
              </Button>
            </div>
          </Form>
        );
      }}
    </QueryView>
  );
}
