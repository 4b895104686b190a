import { Button, ErrorBlock } from 'antd-mobile';
import { describeError } from '../api/errors.ts';

/** An API error on a phone page: the Chinese message, the request id for support, a retry when useful. */
export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const d = describeError(error);
  return (
    <ErrorBlock
      status="default"
      title={d.title}
      description={<ErrorMeta detail={d.detail} requestId={d.requestId} />}
    >
      {onRetry && d.retryable ? (
        <Button color="primary" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </ErrorBlock>
  );
}

function ErrorMeta({ detail, requestId }: { detail: string | null; requestId: string | null }) {
  return (
    <>
      {detail ? <span className="error-detail">{detail}</span> : null}
      {requestId ? <span className="request-id">请求编号：{requestId}</span> : null}
    </>
  );
}

/** The same, inline (beside a form field or under a button). */
export function ErrorText({ error }: { error: unknown }) {
  const d = describeError(error);
  return (
    <div className="error-text" role="alert">
      {d.title}
      {d.detail ? <span className="error-detail">（{d.detail}）</span> : null}
      {d.requestId ? <span className="request-id">请求编号：{d.requestId}</span> : null}
    </div>
  );
}
