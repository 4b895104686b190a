import { Alert, Space } from 'antd';
import { useSession } from '../../../auth/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OpenBatches } from '../../upload/OpenBatches.tsx';

/**
 * 批处理: every open batch of the officer's subtree (transfers, score and roster uploads, onboarding),
 * of every kind, in one place: the 概览 to-do links here. A batch whose writer died can be finished or
 * undone at once; otherwise the recovery job does it within minutes.
 */
export default function BatchesScreen() {
  const org = useSession()?.org ?? '';
  return (
    <>
      <PageHeader
        title="批处理"
        crumbs={[{ title: '批处理' }]}
        subtitle="大批量上传（集中转任、成绩导入、存量人员导入等）分多步写入，未完成的在此查看与处理"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message="写入过程中服务中断的批次标为“已中断”"
          description="系统每 5 分钟自动接续处理已中断的批次；如需立即处理，可“继续写入”余下的步骤，或“撤销本批”回滚已写入的全部内容。每一步都记入审计日志。"
        />
        <OpenBatches org={org} title="未完成的批处理" />
      </Space>
    </>
  );
}
