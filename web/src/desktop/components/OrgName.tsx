import { useQuery } from '@tanstack/react-query';
import { orgUnitQuery } from './orgUnits.ts';

/** An org unit's name (its id while loading or if unreadable). */
export function OrgName({ id }: { id: string }) {
  const unit = useQuery({ ...orgUnitQuery(id), staleTime: 5 * 60_000, retry: false });
  return <span title={id}>{unit.data?.name ?? id}</span>;
}
