import {
  Anchor,
  Badge,
  Center,
  Group,
  Loader,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { FamilySearchForm } from './FamilySearchForm.tsx';
import { type HouseholdSearch, registryKeys, searchHouseholds } from './registry-api.ts';

const PAGE_SIZE = 20;

export default function FamilySearchPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [searchParams, setSearchParams] = useSearchParams();
  const search: HouseholdSearch = {
    q: searchParams.get('q') ?? '',
    kelurahanCode: searchParams.get('kelurahanCode') ?? '',
    rw: searchParams.get('rw') ?? '',
    page: Math.max(1, Number(searchParams.get('page')) || 1),
  };
  const query = useQuery({
    queryKey: registryKeys.search(search, PAGE_SIZE),
    queryFn: () => searchHouseholds(search, PAGE_SIZE),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Partial<HouseholdSearch>) => {
    const next = { ...search, page: 1, ...changes };
    const params: Record<string, string> = {};
    if (next.q) params.q = next.q;
    if (next.kelurahanCode) params.kelurahanCode = next.kelurahanCode;
    if (next.rw) params.rw = next.rw;
    if (next.page > 1) params.page = String(next.page);
    setSearchParams(params);
  };

  const totalPages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('search.title')}</Title>
      <FamilySearchForm key={search.q} initialQuery={search.q} onSearch={(q) => update({ q })} />
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : query.data && query.data.households.length === 0 ? (
        <Text c="dimmed" data-testid="household-search-empty">
          {search.q ? t('search.noResults', { q: search.q }) : t('search.noFamilies')}
        </Text>
      ) : query.data ? (
        <>
          <Text size="sm" c="dimmed" data-testid="household-search-total">
            {t('search.total', { count: query.data.total, formatted: formatNumber(query.data.total) })}
          </Text>
          {isPhone ? (
            <Stack gap="sm" data-testid="household-results">
              {query.data.households.map((household) => (
                <Paper
                  key={household.id}
                  withBorder
                  p="sm"
                  data-testid="household-row"
                  data-household-id={household.id}
                >
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Anchor
                        component={Link}
                        to={`/households/${household.id}`}
                        fw={600}
                        size="lg"
                        data-testid={`household-link-${household.id}`}
                      >
                        {household.headName ?? t('household.noHead')}
                      </Anchor>
                      <Badge variant="light">
                        {t(`householdStatus.${household.status}`, { defaultValue: household.status })}
                      </Badge>
                    </Group>
                    <Text size="sm" ff="monospace">
                      {t('field.no_kk')}: {household.kkNumberMasked}
                    </Text>
                    <Text size="sm">{household.address ?? '–'}</Text>
                    <Text size="sm" c="dimmed">
                      {household.kelurahanName ?? household.kelurahanCode} · RW {household.rw} · RT{' '}
                      {household.rt} · {t('household.memberCount')}: {household.memberCount}
                    </Text>
                  </Stack>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table striped highlightOnHover verticalSpacing="sm" data-testid="household-results">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('household.head')}</Table.Th>
                    <Table.Th>{t('field.no_kk')}</Table.Th>
                    <Table.Th>{t('field.alamat')}</Table.Th>
                    <Table.Th>{t('household.area')}</Table.Th>
                    <Table.Th ta="right">{t('household.memberCount')}</Table.Th>
                    <Table.Th>{t('report.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.households.map((household) => (
                    <Table.Tr key={household.id} data-testid="household-row" data-household-id={household.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/households/${household.id}`}
                          fw={600}
                          data-testid={`household-link-${household.id}`}
                        >
                          {household.headName ?? t('household.noHead')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ff="monospace">{household.kkNumberMasked}</Table.Td>
                      <Table.Td>{household.address ?? '–'}</Table.Td>
                      <Table.Td>
                        {household.kelurahanName ?? household.kelurahanCode} · RW {household.rw} · RT{' '}
                        {household.rt}
                      </Table.Td>
                      <Table.Td ta="right">{household.memberCount}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">
                          {t(`householdStatus.${household.status}`, { defaultValue: household.status })}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {totalPages > 1 ? (
            <Pagination
              total={totalPages}
              value={search.page}
              onChange={(page) => update({ page })}
              size="lg"
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
