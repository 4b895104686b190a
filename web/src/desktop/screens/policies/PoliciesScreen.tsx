import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Grid, List, Row, Table } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { isLabelOf, policyVersionName } from '../../../lib/labels.ts';
import { fenToYuan } from '../../../lib/money.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { POLICY_FIELDS, POLICY_KINDS, policyValueName } from './policyLabels.ts';
import { type Policy, policyVersionColumns, VersionState } from './policyVersions.tsx';

const fieldName = (k: string) => POLICY_FIELDS[k] ?? k;

/** A policy value in Chinese: money fields in 元, enums by name, nested objects as nested lists. */
function Value({ value, field }: { value: unknown; field: string }): React.ReactNode {
  const money = field.endsWith('Fen');
  if (typeof value === 'number') return money ? `¥${fenToYuan(value)}` : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return policyValueName(field, value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object'))
      return value
        .map((v, i) =>
          money && typeof v === 'number' ? `${i + 1}级 ¥${fenToYuan(v)}` : policyValueName(field, String(v)),
        )
        .join('，');
    return (
      <>
        {value.map((v, i) => (
          <div key={String(i)}>
            <Value value={v} field={field} />
          </div>
        ))}
      </>
    );
  }
  if (value && typeof value === 'object') return objectText(value as Record<string, unknown>, money);
  return '—';
}

/**
 * A document's rules, without the labels the API adds beside each code (`minGradeLabel` beside
 * `minGrade`): the page names the codes itself, so those would show twice, under an English name.
 */
const rules = (value: Record<string, unknown>) => Object.entries(value).filter(([k]) => !isLabelOf(k, value));

/** `名称：值；…`, nested objects in brackets (rolePosts: 社区党组织（委员：社区工作者；…）). */
function objectText(value: Record<string, unknown>, money: boolean): string {
  return rules(value)
    .map(([k, v]) => {
      const text =
        typeof v === 'object' && v !== null
          ? `（${objectText(v as Record<string, unknown>, money || k.endsWith('Fen'))}）`
          : `：${money && typeof v === 'number' ? `¥${fenToYuan(v)}` : policyValueName(k, String(v))}`;
      return `${fieldName(k)}${text}`;
    })
    .join('；');
}

function PolicyDocument({ doc }: { doc: Record<string, unknown> }) {
  // On a phone each rule's name goes above its value: side by side, the value had a few pixels.
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Descriptions
      bordered
      column={1}
      size="small"
      layout={wide ? 'horizontal' : 'vertical'}
      labelStyle={wide ? { width: 260 } : undefined}
    >
      {rules(doc).map(([k, v]) => (
        <Descriptions.Item key={k} label={fieldName(k)}>
          <Value value={v} field={k} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 政策: every policy kind in Chinese, the version in force and every stored version. */
export default function PoliciesScreen() {
  const [kind, setKind] = useState(POLICY_KINDS[0]!.kind);
  const [version, setVersion] = useState<string | null>(null);
  const current = useQuery({
    queryKey: ['policy', kind, 'current'],
    queryFn: () => data(api.GET('/v1/policies/{kind}', { params: { path: { kind } } })) as Promise<Policy>,
  });
  const versions = useQuery({
    queryKey: ['policy', kind, 'versions'],
    queryFn: () => data(api.GET('/v1/policies/{kind}/versions', { params: { path: { kind } } })),
  });
  const items = (versions.data?.items ?? []) as Policy[];
  const shown = (version ? items.find((v) => v.version === version) : undefined) ?? current.data;
  const meta = POLICY_KINDS.find((k) => k.kind === kind)!;
  return (
    <>
      <PageHeader title="政策" crumbs={[{ title: '政策' }]} subtitle="各项规则的现行标准和历史版本" />
      {/* The kinds beside the document on a wide screen, above it on a phone. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          <Card size="small" title="政策类型">
            <List
              dataSource={POLICY_KINDS}
              renderItem={(k) => (
                <List.Item
                  className={k.kind === kind ? 'policy-kind policy-kind-selected' : 'policy-kind'}
                  onClick={() => {
                    setKind(k.kind);
                    setVersion(null);
                  }}
                >
                  <List.Item.Meta
                    title={
                      <button type="button" className="link-button">
                        {k.name}
                      </button>
                    }
                    description={k.summary}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          {current.isError ? (
            <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
          ) : null}
          {shown ? (
            <Card
              title={`${meta.name}：${policyVersionName(shown.version)}`}
              extra={<VersionState version={shown} current={current.data?.version} />}
              style={{ marginBottom: 16 }}
              data-testid="policy-document"
            >
              <PolicyDocument doc={shown.document} />
            </Card>
          ) : null}
          <Card size="small" title="版本">
            <Table<Policy>
              size="small"
              rowKey="version"
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description="尚未保存过版本，执行规则手册的默认标准" /> }}
              dataSource={items}
              columns={policyVersionColumns(current.data?.version, setVersion)}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
