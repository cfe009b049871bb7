// Choosing a region step by step: province, kota/kabupaten, kecamatan, kelurahan. The value is the deepest code.
import { Select, SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Region } from '../api/types.ts';

const LEVEL_KEYS = ['region.province', 'region.city', 'region.district', 'region.village'] as const;

function prefixes(code: string): string[] {
  const parts = code.split('.').filter(Boolean);
  return parts.map((_, index) => parts.slice(0, index + 1).join('.'));
}

function RegionLevelSelect({
  level,
  parentCode,
  value,
  onChange,
  testId,
}: {
  level: number;
  parentCode: string | null;
  value: string | null;
  onChange(code: string | null): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const regions = useQuery({
    queryKey: ['regions', parentCode ?? ''],
    queryFn: () => api.get<{ regions: Region[] }>('/api/regions', { parent: parentCode ?? undefined }),
    staleTime: 60 * 60 * 1000,
  });
  return (
    <Select
      label={t(LEVEL_KEYS[level])}
      placeholder={t('region.choose')}
      data={(regions.data?.regions ?? []).map((region) => ({
        value: region.code,
        label: `${region.name} (${region.code})`,
      }))}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={t('region.nothingFound')}
      disabled={regions.isPending}
      error={regions.error ? t('region.loadFailed') : undefined}
      data-testid={`${testId}-level-${level}`}
    />
  );
}

export function RegionPicker({
  value,
  onChange,
  depth = 4,
  testId = 'region-picker',
}: {
  value: string;
  onChange(code: string): void;
  /** How many levels may be chosen (4 = down to kelurahan). */
  depth?: number;
  testId?: string;
}) {
  const chosen = prefixes(value);
  const levels = Math.min(depth, chosen.length + 1);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {Array.from({ length: levels }, (_, level) => (
        <RegionLevelSelect
          // biome-ignore lint/suspicious/noArrayIndexKey: one select per level
          key={level}
          level={level}
          parentCode={level === 0 ? null : chosen[level - 1]}
          value={chosen[level] ?? null}
          onChange={(code) => onChange(code ?? (level === 0 ? '' : chosen[level - 1]))}
          testId={testId}
        />
      ))}
    </SimpleGrid>
  );
}
