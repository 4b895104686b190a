import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError } from '../../../api/errors.ts';
import { useSession } from '../../../auth/auth.tsx';
import type { Account } from '../../components/AccountDetails.tsx';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { accountStatusNames } from '../../../../../shared/domain/vocabulary.ts';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { type AccountAction, AccountActionDialog } from './AccountActionDialog.tsx';

const PAGE_SIZE = 20;

/**
 * 人事干部账号: the HR officers' accounts of a unit's subtree (the caller's own by default), a page
 * at a time by the API's cursor, with unit, department and state. City-level HR (`manages`) also
 * gets 停用 / 启用 and 调整单位 on each, as the API allows them alone.
 */
export function HrAccountList({ manages }: { manages: boolean }) {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const pages = useCursorPages();
  const [acting, setActing] = useState<{ account: Account; action: AccountAction } | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const list = useQuery({
    queryKey: ['accounts', 'hr', org, pages.cursor ?? ''],
    queryFn: () =>
      data(
        api.GET('/v1/accounts', {
          params: {
            query: { org, role: 'hr', limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
    retry: false,
  });
  const inProvider = list.error instanceof ApiError && list.error.code === 'ACCOUNTS_IN_IDENTITY_PROVIDER';
  return (
    <Card size="small" title="人事干部账号">
      {/* The unit picker sits in the body, not the card's header, so a phone keeps the title whole. */}
      <Space wrap style={{ marginBottom: 12 }}>
        <UnitFilter
          aria-label="账号所在单位"
          value={org}
          onChange={(unit) => {
            setOrg(unit);
            pages.reset();
          }}
          width={240}
        />
      </Space>
      {list.isError ? (
        inProvider ? (
          <Typography.Text>登录账号由统一身份认证平台管理，请在该平台查看</Typography.Text>
        ) : (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        )
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Table<Account>
            size="small"
            rowKey="username"
            data-testid="hr-accounts"
            scroll={{ x: 'max-content' }}
            loading={list.isPending}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '该单位没有人事干部账号' }}
            columns={[
              { title: '姓名', dataIndex: 'name' },
              { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              {
                title: '联审部门',
                dataIndex: 'department',
                render: (d: string | undefined, a) => (d ? (a.departmentLabel ?? d) : '—'),
              },
              {
                title: '状态',
                dataIndex: 'status',
                render: (status: Account['status'], a) => (
                  <Space size={4} wrap>
                    <StatusTag tone={status === 'enabled' ? 'success' : 'default'}>
                      {accountStatusNames[status]}
                    </StatusTag>
                    {a.disabledReason ? (
                      <Typography.Text type="secondary">{a.disabledReason}</Typography.Text>
                    ) : null}
                    {a.pending ? <Typography.Text type="warning">待同步</Typography.Text> : null}
                  </Space>
                ),
              },
              { title: '登录邮箱', dataIndex: 'email' },
              { title: '用户名', dataIndex: 'username' },
              ...(manages
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, a: Account) => (
                        <Space size={0}>
                          {a.status === 'enabled' ? (
                            <>
                              <Button
                                type="link"
                                size="small"
                                aria-label={`停用 ${a.name}`}
                                onClick={() => setActing({ account: a, action: 'disable' })}
                              >
                                停用
                              </Button>
                              <Button
                                type="link"
                                size="small"
                                aria-label={`调整单位 ${a.name}`}
                                onClick={() => setActing({ account: a, action: 'move' })}
                              >
                                调整单位
                              </Button>
                            </>
                          ) : (
                            <Button
                              type="link"
                              size="small"
                              aria-label={`启用 ${a.name}`}
                              onClick={() => setActing({ account: a, action: 'enable' })}
                            >
                              启用
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <CursorPager pages={pages} nextCursor={list.data?.cursor} />
        </Space>
      )}
      {acting ? (
        <AccountActionDialog
          account={acting.account}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={(done, text) => {
            setActing(null);
            message.success(`${done.name} ${text}`);
            void client.invalidateQueries({ queryKey: ['accounts'] });
            void client.invalidateQueries({ queryKey: ['account'] });
          }}
        />
      ) : null}
    </Card>
  );
}
