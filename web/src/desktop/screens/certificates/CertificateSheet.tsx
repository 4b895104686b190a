import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { label } from '../../../lib/labels.ts';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';

interface CertificatesRecorded {
  recorded: number;
}

const levelCell = (v: unknown) =>
  typeof v === 'string' && v ? label('certificateLevel', v) : String(v ?? '—');

/** 证书登记表: many certificates at once, each row naming the worker it matched before anything is saved. */
export function CertificateSheet() {
  const client = useQueryClient();
  return (
    <SpreadsheetUpload<CertificatesRecorded>
      path="/v1/certificates"
      template="certificates"
      title="批量登记证书（证书登记表）"
      hint="表头：身份证号（或人员编号）、姓名、证书等级、证书编号、发证日期、登记日期"
      commitLabel="确认登记证书"
      cellRender={{ level: levelCell }}
      resultColumns={[
        {
          title: '对应人员',
          key: 'worker',
          render: (_, row) => (row.result ? String(row.result.name ?? row.result.workerId) : '—'),
        },
      ]}
      onCommitted={() => {
        void client.invalidateQueries({ queryKey: ['workers'] });
        void client.invalidateQueries({ queryKey: ['stats'] });
        void client.invalidateQueries({ queryKey: ['worker'] });
      }}
      renderCommitted={(body) => (
        <Alert
          type="success"
          showIcon
          message={`已登记 ${body.recorded} 张证书，自登记当月起发放职业资格津贴`}
        />
      )}
    />
  );
}
