import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Steps, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError, describeError, ERROR_MESSAGES } from '../../api/errors.ts';
import { OrgName } from '../components/OrgName.tsx';
import { downloadTemplate } from './files.ts';
import { type BulkPreview, columnProblems, type PreviewRow, sendSpreadsheet } from './upload.ts';

export type { BulkPreview, PreviewRow };

export interface SpreadsheetUploadProps<T> {
  /** The bulk endpoint, e.g. `/v1/transfers`. */
  path: string;
  /** Extra query parameters sent with both the preview and the commit. */
  query?: Record<string, string>;
  title: React.ReactNode;
  /** Which columns the sheet needs (shown under the drop zone). */
  hint?: React.ReactNode;
  /** Columns showing what a row would record (`row.result`), after the sheet's own columns. */
  resultColumns?: ColumnsType<PreviewRow>;
  /** How a cell of a field is shown (default: as read). */
  cellRender?: Record<string, (value: unknown, row: PreviewRow) => React.ReactNode>;
  commitLabel?: string;
  /** What the committed upload answered, shown under the success message. */
  renderCommitted?: (body: T) => React.ReactNode;
  onCommitted?: (body: T) => void;
  /** Shown instead of the drop zone (e.g. the stage does not take uploads). */
  disabledReason?: string | null;
  /** The upload kind whose template (`GET /v1/templates/{kind}`) 下载模板 fetches. */
  template?: string;
}

type RowError = PreviewRow['errors'][number];

/**
 * A refusal (400/409/422) whose details name rows (`[{ row, path?, code?, message? }]`, e.g. 409
 * ALREADY_ACTIVE_WORKER when someone was hired between the preview and the commit), as each row's
 * share of it in Chinese: the row's own code when the console knows it, else the refusal's.
 */
export function rowErrorsOf(error: unknown): Map<number, RowError[]> {
  const byRow = new Map<number, RowError[]>();
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return byRow;
  for (const entry of error.details as Record<string, unknown>[]) {
    const row = Number(entry?.row);
    if (!Number.isInteger(row) || row < 1) continue;
    const code = typeof entry.code === 'string' ? entry.code : error.code;
    const message =
      ERROR_MESSAGES[code] ??
      (typeof entry.message === 'string' ? entry.message : describeError(error).title);
    const path = typeof entry.path === 'string' ? entry.path : '';
    byRow.set(row, [...(byRow.get(row) ?? []), { path, code, message }]);
  }
  return byRow;
}

const text = (value: unknown) =>
  value === undefined || value === null || value === '' ? '—' : String(value);

/**
 * 所在单位 (拟安排单位) may be written as a name (东风社区第一网格) or an id: once the server has found the unit
 * (the row's result), the unit's own name is shown (its id on hover).
 */
const unitCell = (value: unknown, row: PreviewRow) =>
  typeof row.result?.org === 'string' ? <OrgName id={row.result.org} /> : text(value);
const defaultCellRender: Record<string, (value: unknown, row: PreviewRow) => React.ReactNode> = {
  org: unitCell,
  /** 拟安排单位 of a registration sheet. */
  gridId: unitCell,
};

/**
 * Spreadsheet upload with preview: pick an .xlsx or .csv (Chinese headers), the API checks it in
 * dry-run mode and every row is shown with its values, what it would record and its errors in
 * Chinese; only a clean sheet can be committed, once (Idempotency-Key per file).
 */
export function SpreadsheetUpload<T>({
  path,
  query,
  title,
  hint,
  resultColumns = [],
  cellRender = {},
  commitLabel = '确认提交',
  renderCommitted,
  onCommitted,
  disabledReason,
  template,
}: SpreadsheetUploadProps<T>) {
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState('');
  const preview = useMutation({
    mutationFn: (f: File) =>
      sendSpreadsheet<BulkPreview>(path, f, { dryRun: true, ...(query ? { query } : {}) }),
  });
  const commit = useMutation({
    mutationFn: () =>
      sendSpreadsheet<T>(path, file!, { dryRun: false, idempotencyKey: key, ...(query ? { query } : {}) }),
    onSuccess: (body) => onCommitted?.(body),
  });

  const choose = (f: File) => {
    setFile(f);
    setKey(crypto.randomUUID());
    commit.reset();
    preview.mutate(f);
  };

  // A commit refused with rows named: each row's error goes in its row of the preview table.
  const commitRowErrors = rowErrorsOf(commit.error);
  const commitRefusal = commitRowErrors.size > 0 && commit.error instanceof ApiError ? commit.error : null;
  const result = preview.data && {
    ...preview.data,
    ok: preview.data.ok && !commitRefusal,
    error: commitRefusal
      ? { code: commitRefusal.code, message: commitRefusal.message, details: null }
      : preview.data.error,
    rows: preview.data.rows.map((r) =>
      commitRowErrors.has(r.row) ? { ...r, errors: [...r.errors, ...commitRowErrors.get(r.row)!] } : r,
    ),
  };
  const shownFields = result
    ? result.columns.filter((c) => result.rows.some((r) => r.cells[c.field] !== undefined))
    : [];
  const labelOf = new Map(result?.columns.map((c) => [c.field, c.label]));
  const columns: ColumnsType<PreviewRow> = [
    { title: '行号', key: 'line', width: 70, render: (_, r) => r.line ?? r.row },
    {
      title: '校验结果',
      key: 'errors',
      // Beside the line number, so a phone shows why a row failed without scrolling sideways.
      render: (_, r) =>
        r.errors.length === 0 ? (
          <Typography.Text type="success">✓ {result?.ok ? '通过' : '本行无误'}</Typography.Text>
        ) : (
          <Space direction="vertical" size={0} className="upload-verdict">
            {r.errors.map((e) => (
              <Typography.Text type="danger" key={`${e.path}:${e.code}:${e.message}`}>
                {e.path && labelOf.get(e.path.split('.')[0]!)
                  ? `${labelOf.get(e.path.split('.')[0]!)}：`
                  : ''}
                {e.message}
              </Typography.Text>
            ))}
          </Space>
        ),
    },
    ...shownFields.map((c) => ({
      title: c.label,
      key: c.field,
      onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
      render: (_: unknown, r: PreviewRow) =>
        (cellRender[c.field] ?? defaultCellRender[c.field] ?? text)(r.cells[c.field], r),
    })),
    ...resultColumns,
  ];
  const badRows = result?.rows.filter((r) => r.errors.length > 0).length ?? 0;
  const step = commit.isSuccess ? 2 : result ? 1 : 0;

  return (
    <Card title={title} extra={template ? <TemplateButton kind={template} /> : undefined}>
      <Steps
        size="small"
        current={step}
        items={[{ title: '选择文件' }, { title: '预览与校验' }, { title: '提交' }]}
        style={{ marginBottom: 16 }}
      />
      {disabledReason ? (
        <Alert type="info" showIcon message={disabledReason} />
      ) : (
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            choose(f);
            return false;
          }}
        >
          <p className="ant-upload-text">点击或拖入 Excel（.xlsx）或 CSV 文件</p>
          {hint ? <p className="ant-upload-hint">{hint}</p> : null}
        </Upload.Dragger>
      )}
      {file ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          已选择文件：<Typography.Text strong>{file.name}</Typography.Text>
          {preview.isPending ? '，正在校验…' : null}
        </Typography.Paragraph>
      ) : null}
      {preview.isError ? <UploadError error={preview.error} /> : null}
      {result ? (
        <>
          {result.ok ? (
            <Alert
              type="success"
              showIcon
              message={`共 ${result.rows.length} 行，全部校验通过，尚未保存；确认无误后请提交`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              message={result.error?.message ?? '校验未通过'}
              description={`共 ${result.rows.length} 行，其中 ${badRows} 行有误（见下表“校验结果”），未保存任何数据。请修改文件后重新选择。`}
            />
          )}
          {/* Wide sheets (onboarding has 16 columns) scroll inside this region, not the page, on
              phones; focusable so the keyboard can scroll it too (axe: scrollable-region-focusable). */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard */}
          <section className="upload-preview" aria-label="逐行校验结果" tabIndex={0}>
            <Table<PreviewRow>
              size="small"
              rowKey="row"
              columns={columns}
              dataSource={result.rows}
              pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              rowClassName={(r) => (r.errors.length > 0 ? 'upload-row-error' : '')}
            />
          </section>
          <Flex gap={12} style={{ marginTop: 12 }} align="center">
            <Button
              type="primary"
              disabled={!result.ok || commit.isSuccess}
              loading={commit.isPending}
              onClick={() => commit.mutate()}
            >
              {commitLabel}
            </Button>
            {commit.isSuccess ? <Typography.Text type="success">已提交并保存</Typography.Text> : null}
          </Flex>
          {commit.isError ? (
            <div style={{ marginTop: 12 }}>
              <UploadError error={commit.error} />
            </div>
          ) : null}
          {commit.isSuccess && renderCommitted ? (
            <div style={{ marginTop: 16 }}>{renderCommitted(commit.data as T)}</div>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

/** 下载模板: the kind's template with Chinese headers, notes, drop-downs and an example row. */
export function TemplateButton({ kind }: { kind: string }) {
  const download = useMutation({ mutationFn: () => downloadTemplate(kind) });
  return (
    <Space>
      {download.isError ? (
        <Typography.Text type="danger">{describeError(download.error).title}</Typography.Text>
      ) : null}
      <Button loading={download.isPending} onClick={() => download.mutate()}>
        下载模板
      </Button>
    </Space>
  );
}

/** A refusal of the whole file (unreadable, unknown or missing columns) or of the commit. */
function UploadError({ error }: { error: unknown }) {
  const d = describeError(error);
  const columns =
    error instanceof ApiError && error.code === 'INVALID_COLUMNS' ? columnProblems(error.details) : [];
  const serverMessage = error instanceof ApiError ? error.message : null;
  return (
    <Alert
      type="error"
      showIcon
      message={columns.length ? '表头无法识别，未检查任何数据行' : (serverMessage ?? d.title)}
      description={
        <>
          {columns.map((line) => (
            <div key={line}>{line}</div>
          ))}
          {d.requestId ? <div>请求编号：{d.requestId}</div> : null}
        </>
      }
    />
  );
}
