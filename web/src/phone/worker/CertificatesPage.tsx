import { useQuery } from '@tanstack/react-query';
import { Empty, List, Tag } from 'antd-mobile';
import { api, data } from '../../api/client.ts';
import { useSession } from '../../auth/auth.tsx';
import { chineseDate, chineseMonth } from '../../lib/dates.ts';
import { label, policyVersionName } from '../../lib/labels.ts';
import { formatFen } from '../../lib/money.ts';
import { QueryView } from '../QueryView.tsx';

/** 证书: my social-work certificates; only the highest level earns the allowance. */
export default function CertificatesPage() {
  const session = useSession();
  const id = session?.workerId ?? '';
  const certificates = useQuery({
    queryKey: ['me', 'certificates'],
    queryFn: () => data(api.GET('/v1/workers/{id}/certificates', { params: { path: { id } } })),
  });
  return (
    <QueryView query={certificates}>
      {(c) =>
        c.items.length === 0 ? (
          <Empty description="暂无登记的职业资格证书" />
        ) : (
          <>
            <List header="职业资格证书">
              {c.items.map((item) => (
                <List.Item
                  key={item.number}
                  description={`证书编号 ${item.number} · ${chineseDate(item.issuedOn)}取得 · ${chineseDate(item.registeredOn)}登记`}
                  extra={c.highest?.number === item.number ? <Tag color="success">计发津贴</Tag> : null}
                >
                  {label('certificateLevel', item.level)}
                </List.Item>
              ))}
            </List>
            <List header="津贴">
              <List.Item extra={<span className="amount">{formatFen(c.monthlyAllowanceFen)}</span>}>
                本月职业资格津贴
              </List.Item>
              {c.allowanceFromMonth ? (
                <List.Item extra={chineseMonth(c.allowanceFromMonth)}>起发月份</List.Item>
              ) : null}
              <List.Item extra={policyVersionName(c.policyVersion)}>薪酬政策版本</List.Item>
            </List>
          </>
        )
      }
    </QueryView>
  );
}
