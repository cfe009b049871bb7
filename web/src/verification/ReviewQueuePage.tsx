// The review queue: undecided pairs of the current run in the user's area, and merges awaiting a second review.
import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Pagination,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { useSession, useUser } from '../auth/session.tsx';
import { VerificationError } from './VerificationError.tsx';
import {
  type AwaitingMerge,
  formatProbability,
  formatWeight,
  getQueue,
  listMerges,
  listRuns,
  type PairKind,
  pairPath,
  QUEUE_PAGE_SIZE,
  type QueueItem,
  type QueueOrder,
  type QueueSearch,
  queuePath,
  verificationKeys,
} from './verification-api.ts';

export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'merges' ? 'merges' : 'queue';
  const merges = useQuery({ queryKey: verificationKeys.merges, queryFn: listMerges });
  const awaitingOthers = merges.data?.filter((merge) => !merge.mine).length ?? 0;

  return (
    <Stack maw={1200} data-testid="review-queue-page">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('verification.queue.title')}</Title>
        <Button component={Link} to="/verification" variant="subtle">
          {t('verification.title')}
        </Button>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => setSearchParams(value === 'merges' ? { tab: 'merges' } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="queue" data-testid="tab-queue">
            {t('verification.queue.tab')}
          </Tabs.Tab>
          <Tabs.Tab
            value="merges"
            data-testid="tab-merges"
            rightSection={
              awaitingOthers > 0 ? (
                <Badge size="sm" color="orange" data-testid="merges-count">
                  {awaitingOthers}
                </Badge>
              ) : null
            }
          >
            {t('verification.merges.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <QueuePanel />
        </Tabs.Panel>
        <Tabs.Panel value="merges" pt="md">
          <MergesPanel merges={merges.data} loading={merges.isPending} error={merges.error} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function useQueueSearch(): [QueueSearch, (change: Partial<QueueSearch>) => void] {
  const [searchParams] = useSearchParams();
  const kind = searchParams.get('kind');
  const search: QueueSearch = {
    areaCode: searchParams.get('area') ?? '',
    kelurahanCode: searchParams.get('kelurahan') ?? '',
    kind: kind === 'registry' || kind === 'ministry' ? kind : '',
    order: searchParams.get('order') === 'uncertainty' ? 'uncertainty' : 'weight',
    page: Math.max(1, Number(searchParams.get('page')) || 1),
  };
  const navigate = useNavigate();
  const update = (change: Partial<QueueSearch>) => {
    void navigate(queuePath({ ...search, page: 1, ...change }));
  };
  return [search, update];
}

/** Areas inside the user's own with a completed run of their own: a wide-scoped verifier may review those. */
function useRunAreasInside(): string[] {
  const user = useUser();
  const { can } = useSession();
  const runs = useQuery({
    queryKey: verificationKeys.runs,
    queryFn: listRuns,
    enabled: can('registry.read'),
  });
  const inside = (code: string) =>
    code !== user.areaCode && (user.areaCode === '' || code.startsWith(`${user.areaCode}.`));
  return [
    ...new Set(
      (runs.data ?? [])
        .filter((run) => run.status === 'completed' && inside(run.areaCode))
        .map((run) => run.areaCode),
    ),
  ].sort();
}

function QueuePanel() {
  const { t } = useTranslation();
  const user = useUser();
  const isPhone = useIsPhone();
  const [search, update] = useQueueSearch();
  const queue = useQuery({
    queryKey: verificationKeys.queue(search),
    queryFn: () => getQueue(search),
    placeholderData: keepPreviousData,
  });
  const data = queue.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / QUEUE_PAGE_SIZE)) : 1;
  const areas = useRunAreasInside();

  return (
    <Stack>
      <VerificationError error={queue.error} />
      {queue.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : null}
      {data && !data.run ? (
        <Paper withBorder p="md" data-testid="queue-no-run">
          <Text>{t('verification.queue.noRun')}</Text>
        </Paper>
      ) : null}
      {data?.run ? (
        <>
          <Text size="sm" c="dimmed" data-testid="queue-run" data-run-id={data.run.id}>
            {t('verification.queue.run', {
              id: data.run.id,
              area: data.run.areaCode || t('area.whole'),
              finishedAt: formatDateTime(data.run.finishedAt),
            })}
          </Text>
          <Group align="flex-end" wrap="wrap" gap="sm">
            {areas.length > 0 ? (
              <Select
                label={t('verification.queue.area')}
                data={[
                  {
                    value: '',
                    label: t('verification.queue.ownArea', { area: user.areaCode || t('area.whole') }),
                  },
                  ...areas.map((code) => ({ value: code, label: code })),
                ]}
                value={search.areaCode}
                onChange={(value) => update({ areaCode: value ?? '', kelurahanCode: '' })}
                allowDeselect={false}
                w={isPhone ? '100%' : 220}
                data-testid="queue-area"
              />
            ) : null}
            <Select
              label={t('verification.queue.kelurahan')}
              placeholder={t('verification.queue.allKelurahan')}
              data={data.kelurahan.map((entry) => ({
                value: entry.code,
                label: `${entry.name ?? entry.code} (${formatNumber(entry.count)})`,
              }))}
              value={search.kelurahanCode || null}
              onChange={(value) => update({ kelurahanCode: value ?? '' })}
              clearable
              searchable
              w={isPhone ? '100%' : 280}
              data-testid="queue-kelurahan"
            />
            <SegmentedControl
              value={search.kind || 'all'}
              onChange={(value) => update({ kind: value === 'all' ? '' : (value as PairKind) })}
              data={[
                { value: 'all', label: t('verification.queue.kind.all') },
                { value: 'registry', label: t('verification.queue.kind.registry') },
                { value: 'ministry', label: t('verification.queue.kind.ministry') },
              ]}
              fullWidth={isPhone}
              data-testid="queue-kind"
            />
            <SegmentedControl
              value={search.order}
              onChange={(value) => update({ order: value as QueueOrder })}
              data={[
                { value: 'weight', label: t('verification.queue.order.weight') },
                { value: 'uncertainty', label: t('verification.queue.order.uncertainty') },
              ]}
              fullWidth={isPhone}
              data-testid="queue-order"
            />
          </Group>
          <Text fw={600} data-testid="queue-total" data-value={data.total}>
            {t('verification.queue.total', { count: data.total })}
          </Text>
          {data.pairs.length === 0 ? (
            <Paper withBorder p="md" data-testid="queue-empty">
              <Text>{t('verification.queue.empty')}</Text>
            </Paper>
          ) : isPhone ? (
            <Stack gap="sm" data-testid="queue-list">
              {data.pairs.map((pair) => (
                <Paper
                  key={pair.pairKey}
                  withBorder
                  p="sm"
                  data-testid="queue-pair"
                  data-pair-key={pair.pairKey}
                >
                  <Stack gap={6}>
                    <Anchor
                      component={Link}
                      to={pairPath(pair.pairKey, pair.runId)}
                      state={{ queue: search }}
                      fw={700}
                    >
                      {pair.leftName ?? '–'} ↔ {pair.rightName ?? '–'}
                    </Anchor>
                    <PairBadges pair={pair} />
                    <Text size="sm" c="dimmed">
                      {pair.kelurahanName ?? pair.kelurahanCode} · {t('verification.queue.probability')}{' '}
                      {formatProbability(pair.probability)}
                    </Text>
                    <DifferingFields fields={pair.differingFields} />
                    <Button
                      component={Link}
                      to={pairPath(pair.pairKey, pair.runId)}
                      state={{ queue: search }}
                      fullWidth
                      data-testid="queue-open-pair"
                    >
                      {t('verification.queue.open')}
                    </Button>
                  </Stack>
                </Paper>
              ))}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="sm" data-testid="queue-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('verification.queue.left')}</Table.Th>
                    <Table.Th>{t('verification.queue.right')}</Table.Th>
                    <Table.Th>{t('verification.queue.kelurahan')}</Table.Th>
                    <Table.Th>{t('verification.queue.differs')}</Table.Th>
                    <Table.Th ta="right">{t('verification.queue.probability')}</Table.Th>
                    <Table.Th ta="right">{t('verification.queue.weight')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pairs.map((pair) => (
                    <Table.Tr key={pair.pairKey} data-testid="queue-pair" data-pair-key={pair.pairKey}>
                      <Table.Td fw={600}>{pair.leftName ?? '–'}</Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <Text fw={600} size="sm">
                            {pair.rightName ?? '–'}
                          </Text>
                          <PairBadges pair={pair} />
                        </Stack>
                      </Table.Td>
                      <Table.Td>{pair.kelurahanName ?? pair.kelurahanCode}</Table.Td>
                      <Table.Td>
                        <DifferingFields fields={pair.differingFields} />
                      </Table.Td>
                      <Table.Td ta="right">{formatProbability(pair.probability)}</Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {formatWeight(pair.weight)}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          component={Link}
                          to={pairPath(pair.pairKey, pair.runId)}
                          state={{ queue: search }}
                          size="xs"
                          data-testid="queue-open-pair"
                        >
                          {t('verification.queue.open')}
                        </Button>
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
              size={isPhone ? 'md' : 'lg'}
            />
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}

function PairBadges({ pair }: { pair: QueueItem }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {pair.kind === 'ministry' ? (
        <Badge color="grape" variant="light">
          {pair.programme} {pair.period}
        </Badge>
      ) : (
        <Badge color="blue" variant="light">
          {t('verification.queue.kind.registry')}
        </Badge>
      )}
      {pair.crossFamily ? (
        <Badge color="orange" variant="light">
          {t('verification.queue.crossFamily')}
        </Badge>
      ) : null}
      {pair.rejectedMergeReason ? (
        <Badge color="red" variant="light" title={pair.rejectedMergeReason}>
          {t('verification.queue.rejectedMerge')}
        </Badge>
      ) : null}
    </Group>
  );
}

function DifferingFields({ fields }: { fields: string[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return <Text size="sm">–</Text>;
  return (
    <Group gap={4}>
      {fields.map((field) => (
        <Badge key={field} size="sm" color="yellow" variant="outline">
          {t(`verification.field.${field}`, { defaultValue: field })}
        </Badge>
      ))}
    </Group>
  );
}

function MergesPanel({
  merges,
  loading,
  error,
}: {
  merges: AwaitingMerge[] | undefined;
  loading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="merges-list">
      <Text c="dimmed">{t('verification.merges.intro')}</Text>
      <VerificationError error={error} />
      {loading ? <Loader size="sm" /> : null}
      {merges && merges.length === 0 ? (
        <Paper withBorder p="md" data-testid="merges-empty">
          <Text>{t('verification.merges.empty')}</Text>
        </Paper>
      ) : null}
      {merges?.map((merge) => (
        <Paper key={merge.pairKey} withBorder p="sm" data-testid="merge-item" data-pair-key={merge.pairKey}>
          <Group justify="space-between" wrap="wrap" align="flex-start">
            <Stack gap={4} style={{ flex: '1 1 280px' }}>
              <Text fw={700}>
                {merge.leftName ?? '–'} (#{merge.leftHouseholdId}) ↔ {merge.rightName ?? '–'} (#
                {merge.rightHouseholdId})
              </Text>
              <Text size="sm">
                {t('verification.merges.proposedBy', {
                  name: merge.decidedBy.fullName ?? merge.decidedBy.username ?? '',
                  at: formatDateTime(merge.decidedAt),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('verification.decide.reason')}: {merge.reason}
              </Text>
              {merge.mine ? (
                <Badge color="gray" variant="light" data-testid="merge-mine">
                  {t('verification.merges.mine')}
                </Badge>
              ) : null}
            </Stack>
            <Button
              component={Link}
              to={pairPath(merge.pairKey, merge.runId)}
              variant={merge.mine ? 'default' : 'filled'}
              data-testid="merge-open"
            >
              {merge.mine ? t('verification.merges.view') : t('verification.merges.review')}
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
