import { describe, expect, it } from 'vitest';
import { catalogue } from '#shared/messages/catalogue.ts';
import { ApiError, describeError, ERROR_MESSAGES, NetworkError } from '../../web/src/api/errors.ts';

describe('the web app’s error messages', () => {
  it('has a Chinese message for every code in the server’s catalogue (add new codes to web/src/api/errors.ts)', () => {
    const missing = Object.keys(catalogue).filter((code) => !ERROR_MESSAGES[code]);
    expect(missing).toEqual([]);
    for (const text of Object.values(ERROR_MESSAGES)) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows the request id, falls back to the server’s message for an unknown code, and offers a retry only when it can help', () => {
    const known = describeError(
      new ApiError(422, 'MENTORSHIP_NOT_ACTIVE', '带教结对已结束。', null, 'req-1'),
    );
    expect(known).toEqual({ title: '带教结对已结束', detail: null, requestId: 'req-1', retryable: false });
    const unknown = describeError(new ApiError(409, 'SOMETHING_NEW', '服务器的说明', null, 'req-2'));
    expect(unknown).toEqual({
      title: '操作未成功',
      detail: '服务器的说明',
      requestId: 'req-2',
      retryable: false,
    });
    expect(describeError(new ApiError(503, 'SERVICE_UNAVAILABLE', 'x', null, 'req-3')).retryable).toBe(true);
    expect(describeError(new NetworkError(new TypeError('Failed to fetch')))).toMatchObject({
      title: '网络连接失败，请检查网络后重试',
      retryable: true,
    });
  });

  it('shows which unit is full under the QUOTA_EXCEEDED line (the server names it)', () => {
    const full = describeError(
      new ApiError(409, 'QUOTA_EXCEEDED', '红旗社区编制已满（核定 20，在编 20）', { org: 'x' }, 'req-4'),
    );
    expect(full).toMatchObject({
      title: ERROR_MESSAGES.QUOTA_EXCEEDED,
      detail: '红旗社区编制已满（核定 20，在编 20）',
    });
  });
});
