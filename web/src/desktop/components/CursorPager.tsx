import { Button, Space } from 'antd';
import { useCallback, useState } from 'react';

/**
 * Paging through a list by the API's opaque cursor: the API only goes forward, so the cursors of
 * the pages seen are kept as a stack for 上一页. `reset()` when the filters change.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    /** The cursor of the page shown (undefined: the first page). */
    cursor: stack.at(-1),
    /** 1 for the first page. */
    pageNumber: stack.length + 1,
    back: useCallback(() => setStack((s) => s.slice(0, -1)), []),
    next: useCallback((cursor: string) => setStack((s) => [...s, cursor]), []),
    reset: useCallback(() => setStack([]), []),
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** 上一页 · 第 n 页 · 下一页 under a list paged with `useCursorPages`. */
export function CursorPager({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | undefined }) {
  return (
    <Space>
      <Button disabled={pages.pageNumber === 1} onClick={pages.back}>
        上一页
      </Button>
      <span>第 {pages.pageNumber} 页</span>
      <Button disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        下一页
      </Button>
    </Space>
  );
}
