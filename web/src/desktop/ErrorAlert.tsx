import { Alert, Button } from 'antd';
import { describeError, type ErrorDescription } from '../api/errors.ts';

/** An API error on a desktop screen: the Chinese message, the request id, a retry when useful. */
export function ErrorAlert({
  error,
  onRetry,
  style,
}: {
  /** The error itself, or what is left of it once its field errors are shown beside the fields. */
  error: unknown;
  onRetry?: () => void;
  style?: React.CSSProperties;
}) {
  const d = isDescription(error) ? error : describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      style={style}
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

function isDescription(error: unknown): error is ErrorDescription {
  return typeof error === 'object' && error !== null && 'title' in error && 'retryable' in error;
}
