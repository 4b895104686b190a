import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError } from '../../../api/errors.ts';
import { DateText } from '../../components/cells.tsx';
import { fetchOrgUnit } from '../../components/orgUnits.ts';
import { errorText, type Ranking, type RankingItem, type Recruitment } from './model.ts';

/** 公示与录用: the notice dates and the hire, with QUOTA_EXCEEDED naming the full unit. */
export function NoticeTab({
  recruitment,
  ranking,
  onChanged,
}: {
  recruitment: Recruitment;
  ranking: Ranking | undefined;
  onChanged: () => void;
}) {
  const [refusal, setRefusal] = useState<{ name: string; error: unknown; unit?: string } | null>(null);
  const hire = useMutation({
    mutationFn: (item: RankingItem) =>
      data(
        api.POST('/v1/recruitments/{id}/candidates/{candidateId}/hire', {
          params: { path: { id: recruitment.id, candidateId: item.candidateId } },
          body: {},
        }),
      ),
    onSuccess: () => {
      setRefusal(null);
      onChanged();
    },
    onError: async (error, item) => {
      let unit: string | undefined;
      if (error instanceof ApiError && error.code === 'QUOTA_EXCEEDED') {
        const org = (error.details as { org?: string } | null)?.org;
        if (org)
          unit = await fetchOrgUnit(org).then(
            (u) =>
              `${u.name}（${u.id}）核定编制 ${u.quota ?? '—'} 人，已用 ${u.used} 人，空余 ${u.available ?? 0} 人`,
            () => org,
          );
      }
      setRefusal({ name: item.name, error, ...(unit ? { unit } : {}) });
    },
  });
  if (!recruitment.noticeStartsOn)
    return <Empty description="联审结束、开始公示后，可在公示期满后办理录用" />;
  const selected = (ranking?.items ?? []).filter((i) => i.selected);
  return (
    <>
      <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="公示开始">
          <DateText value={recruitment.noticeStartsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="公示结束">
          <DateText value={recruitment.noticeEndsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="已录用">{recruitment.hiredCount} 人</Descriptions.Item>
      </Descriptions>
      {refusal ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          message={`${refusal.name} 未能录用：${errorText(refusal.error)}`}
          description={
            refusal.unit
              ? `编制已满的单位：${refusal.unit}。录用需在该单位及其上级每一级都有空余编制，请先调整编制或办理减员。`
              : undefined
          }
        />
      ) : null}
      <Table<RankingItem>
        size="small"
        rowKey="candidateId"
        dataSource={selected}
        pagination={false}
        locale={{ emptyText: '没有拟录用人员' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '总成绩', dataIndex: 'total' },
          {
            title: '录用',
            key: 'hire',
            render: (_, item) =>
              item.hiredWorkerId ? (
                <Typography.Text type="success">已录用</Typography.Text>
              ) : (
                <Popconfirm
                  title={`确定录用 ${item.name}？`}
                  description="录用后即建立人员档案、占用编制并开始试用期"
                  okText="录用"
                  cancelText="取消"
                  onConfirm={() => hire.mutate(item)}
                >
                  <Button
                    type="primary"
                    size="small"
                    loading={hire.isPending && hire.variables?.candidateId === item.candidateId}
                  >
                    录用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
