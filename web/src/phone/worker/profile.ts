import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';

const loadProfile = () => data(api.GET('/v1/me'));
export type Profile = Awaited<ReturnType<typeof loadProfile>>;

/** The signed-in worker's own record (`GET /v1/me`), shared by 我的 and 工资条. */
export const useProfile = () => useQuery({ queryKey: ['me'], queryFn: loadProfile });
