import type { UseQueryResult } from '@tanstack/react-query';
import { DotLoading } from 'antd-mobile';
import { ErrorView } from './ErrorView.tsx';

/** Loading, error (Chinese, request id, retry) or the page: the three states every phone page has. */
export function QueryView<T>({
  query,
  children,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => React.ReactNode;
}) {
  if (query.isPending) {
    return (
      <div className="loading" role="status">
        加载中 <DotLoading />
      </div>
    );
  }
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
