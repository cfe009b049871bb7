// The audit log for auditors and administrators: who did what, when, to which record, inside their area.
import {
  Button,
  Center,
  Code,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TAuditEntry } from '../../../src/audit/audit-contracts.ts';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../app/format.ts';

const PAGE_SIZE = 50;

/** The kinds of record the product writes entries about (entity types of src/**): the filter's choices. */
const ENTITY_TYPES = [
  'user',
  'household',
  'intake_submission',
  'intake_row',
  'ministry_list',
  'verification_run',
  'verification_pair',
  'match_decision',
  'verification_setting',
  'programme',
  'programme_rule',
  'payment_cycle',
  'determination',
  'settings',
  'region',
] as const;

interface AuditFilter {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

export default function AuditLogPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: AuditFilter = {
    actor: searchParams.get('actor') ?? '',
    action: searchParams.get('action') ?? '',
    entityType: searchParams.get('entityType') ?? '',
    entityId: searchParams.get('entityId') ?? '',
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
  };
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const query = useQuery({
    queryKey: ['audit', filter, page],
    queryFn: () =>
      api.get<{ entries: TAuditEntry[]; total: number }>('/api/audit', {
        actor: filter.actor || undefined,
        action: filter.action || undefined,
        entityType: filter.entityType || undefined,
        entityId: filter.entityId || undefined,
        from: filter.from ? startOfLocalDay(filter.from, 0) : undefined,
        // The server's end is exclusive; the officer means the whole day they picked.
        to: filter.to ? startOfLocalDay(filter.to, 1) : undefined,
        page: String(page),
        pageSize: String(PAGE_SIZE),
      }),
    placeholderData: keepPreviousData,
  });
  const show = (next: AuditFilter, nextPage = 1) =>
    setSearchParams(
      Object.fromEntries(
        Object.entries({ ...next, page: nextPage > 1 ? String(nextPage) : '' }).filter(([, value]) => value),
      ),
    );

  return (
    <Stack maw={1400} data-testid="audit-page">
      <Title order={2}>{t('audit.title')}</Title>
      <Text c="dimmed">{t('audit.intro')}</Text>
      <AuditFilterForm initial={filter} onSearch={(next) => show(next)} />
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : null}
      {query.data ? (
        <>
          <Text size="sm" c="dimmed" data-testid="audit-total">
            {t('audit.total', { formatted: formatNumber(query.data.total) })}
          </Text>
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.when')}</Table.Th>
                  <Table.Th>{t('audit.who')}</Table.Th>
                  <Table.Th>{t('audit.what')}</Table.Th>
                  <Table.Th>{t('audit.record')}</Table.Th>
                  <Table.Th>{t('audit.area')}</Table.Th>
                  <Table.Th>{t('audit.change')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.entries.map((entry) => (
                  <Table.Tr key={entry.id} data-testid="audit-entry" data-action={entry.action}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.occurredAt)}</Table.Td>
                    <Table.Td ff="monospace">{entry.actorUsername ?? t('audit.system')}</Table.Td>
                    <Table.Td>{t(`audit.action.${entry.action}`, { defaultValue: entry.action })}</Table.Td>
                    <Table.Td>
                      {t(`audit.entity.${entry.entityType}`, { defaultValue: entry.entityType })}
                      {entry.entityId ? ` #${entry.entityId}` : ''}
                    </Table.Td>
                    <Table.Td>{entry.areaCode ?? '–'}</Table.Td>
                    <Table.Td>
                      <EntryChange entry={entry} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.data.entries.length === 0 ? <Text c="dimmed">{t('audit.empty')}</Text> : null}
          {query.data.total > PAGE_SIZE ? (
            <Pagination
              total={Math.ceil(query.data.total / PAGE_SIZE)}
              value={page}
              onChange={(next) => show(filter, next)}
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

function AuditFilterForm({
  initial,
  onSearch,
}: {
  initial: AuditFilter;
  onSearch(filter: AuditFilter): void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState(initial);
  // The actions the product writes are the ones it has words for.
  const actions = Object.entries(t('audit.action', { returnObjects: true }) as Record<string, string>);
  const set = (key: keyof AuditFilter, value: string) =>
    setFilter((current) => ({ ...current, [key]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ ...filter, actor: filter.actor.trim(), entityId: filter.entityId.trim() });
  };
  return (
    <form onSubmit={onSubmit} data-testid="audit-filter">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 6 }}>
        <TextInput
          label={t('audit.who')}
          placeholder={t('audit.actorPlaceholder')}
          value={filter.actor}
          onChange={(event) => set('actor', event.currentTarget.value)}
          data-testid="audit-filter-actor"
        />
        <Select
          label={t('audit.what')}
          data={actions.map(([value, label]) => ({ value, label }))}
          value={filter.action || null}
          onChange={(value) => set('action', value ?? '')}
          clearable
          searchable
          placeholder={t('audit.allActions')}
          data-testid="audit-filter-action"
        />
        <Select
          label={t('audit.recordType')}
          data={ENTITY_TYPES.map((value) => ({ value, label: t(`audit.entity.${value}`) }))}
          value={filter.entityType || null}
          onChange={(value) => set('entityType', value ?? '')}
          clearable
          placeholder={t('audit.allTypes')}
          data-testid="audit-filter-type"
        />
        <TextInput
          label={t('audit.recordId')}
          value={filter.entityId}
          onChange={(event) => set('entityId', event.currentTarget.value)}
          data-testid="audit-filter-id"
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={filter.from}
          onChange={(event) => set('from', event.currentTarget.value)}
          data-testid="audit-filter-from"
        />
        <TextInput
          type="date"
          label={t('audit.until')}
          value={filter.to}
          onChange={(event) => set('to', event.currentTarget.value)}
          data-testid="audit-filter-to"
        />
      </SimpleGrid>
      <Group mt="sm">
        <Button type="submit" data-testid="audit-filter-submit">
          {t('audit.search')}
        </Button>
      </Group>
    </form>
  );
}

/** What an entry changed or noted, one line per field: "field: before → after", or the detail's fields. */
function EntryChange({ entry }: { entry: TAuditEntry }) {
  const lines = [...changeLines(entry.before, entry.after), ...changeLines(undefined, entry.detail)];
  if (lines.length === 0) return <Text c="dimmed">–</Text>;
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {lines.join('\n')}
    </Code>
  );
}

function changeLines(before: unknown, after: unknown): string[] {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  const text = (value: unknown) =>
    value === undefined || value === null
      ? '∅'
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (!isRecord(before) && !isRecord(after)) {
    if ((before === undefined || before === null) && (after === undefined || after === null)) return [];
    return [before === undefined || before === null ? text(after) : `${text(before)} → ${text(after)}`];
  }
  const old = isRecord(before) ? before : {};
  const next = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return fields.map((field) =>
    field in old ? `${field}: ${text(old[field])} → ${text(next[field])}` : `${field}: ${text(next[field])}`,
  );
}

/** The start of a calendar day (YYYY-MM-DD) in the browser's time zone, plus some days, as an ISO instant. */
function startOfLocalDay(isoDate: string, plusDays: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(year, month - 1, day + plusDays).toISOString();
}
