import { Tabs } from 'antd';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PayPolicyTab } from './PayPolicyTab.tsx';
import { PayrollTab } from './PayrollTab.tsx';
import { StatementTab } from './StatementTab.tsx';

/** 薪酬: a worker's 工资条, a unit's payroll, the pay policy (三岗十八级) and its versions. */
export default function PayScreen() {
  return (
    <>
      <PageHeader title="薪酬" crumbs={[{ title: '薪酬' }]} />
      <Tabs
        items={[
          { key: 'statement', label: '工资条', children: <StatementTab /> },
          { key: 'payroll', label: '单位工资表', children: <PayrollTab /> },
          { key: 'policy', label: '薪酬标准', children: <PayPolicyTab /> },
        ]}
      />
    </>
  );
}
