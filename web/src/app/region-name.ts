import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';

/** The name of a region by its code (regions do not change while the app runs); undefined until known. */
export function useRegionName(code: string): string | undefined {
  const region = useQuery({
    queryKey: ['region', code],
    queryFn: () => api.get<{ region: Region }>(`/api/regions/${code}`),
    enabled: code !== '',
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  return region.data?.region.name;
}
