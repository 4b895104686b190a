import { Descriptions } from 'antd';
import type { components } from '../../api/schema.ts';
import { label } from '../../lib/labels.ts';
import { DateTimeText } from './cells.tsx';
import { OrgName } from './OrgName.tsx';
import { StatusTag } from './StatusTag.tsx';

export type Account = components['schemas']['Account'];

const CHANGE: Record<string, string> = { create: '开通', disable: '停用', enable: '启用', move: '调整单位' };

/** A sign-in account's state: who, where, enabled or disabled, and changes the provider has yet to take. */
export function AccountDetails({ account }: { account: Account }) {
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="account-details">
      <Descriptions.Item label="用户名">{account.username}</Descriptions.Item>
      <Descriptions.Item label="角色">{account.roleLabel ?? label('role', account.role)}</Descriptions.Item>
      <Descriptions.Item label="姓名">{account.name}</Descriptions.Item>
      <Descriptions.Item label="单位">
        <OrgName id={account.org} />
      </Descriptions.Item>
      <Descriptions.Item label="登录邮箱">{account.email}</Descriptions.Item>
      <Descriptions.Item label="手机号">{account.phone ?? '—'}</Descriptions.Item>
      {account.department ? (
        <Descriptions.Item label="联审部门">
          {account.departmentLabel ?? account.department}
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label="状态">
        <StatusTag tone={account.status === 'enabled' ? 'success' : 'default'}>
          {account.status === 'enabled' ? '已启用' : '已停用'}
        </StatusTag>
        {account.disabledReason ? `（${account.disabledReason}）` : null}
      </Descriptions.Item>
      <Descriptions.Item label="账号来源">
        {account.directory === 'cognito' ? '统一用户池' : '本地账号'}
      </Descriptions.Item>
      <Descriptions.Item label="待同步">
        {account.pending
          ? `${account.pending.changes.map((c) => CHANGE[c] ?? c).join('、')}（已尝试 ${account.pending.attempts} 次，系统将自动重试）`
          : '无（已同步）'}
      </Descriptions.Item>
      <Descriptions.Item label="开通时间">
        <DateTimeText value={account.createdAt} />
      </Descriptions.Item>
    </Descriptions>
  );
}
