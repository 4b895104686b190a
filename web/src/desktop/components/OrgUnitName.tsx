import { useQuery } from '@tanstack/react-query';
import { orgUnitQuery } from './orgUnits.ts';

/** An org unit by its Chinese name (one cached request per unit); the id until it loads or if it can't. */
export function OrgUnitName({ id }: { id: string }) {
  const unit = useQuery({ ...orgUnitQuery(id), staleTime: 5 * 60_000, retry: false });
  return <span title={id}>{unit.data?.name ?? id}</span>;
}
