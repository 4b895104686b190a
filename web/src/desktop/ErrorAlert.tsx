import { Alert, Button } from 'antd';
import { describeError } from '../api/errors.ts';

/** An API error on a desktop screen: the Chinese message, the request id, a retry when useful. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const d = describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      message={d.title}
      description={
        <>
          {d.detail ? <div>{d.detail}</div> : null}
          {d.requestId ? <div>请求编号：{d.requestId}</div> : null}
        </>
      }
      action={
        onRetry && d.retryable ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
