import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useSession } from '../auth/session.tsx';
import {
  annexUrl,
  type DeterminationDetail,
  eligibilityKeys,
  type FamilyDecision,
  type FamilyFilter,
  getDetermination,
  getFamilies,
  signList,
} from './eligibility-api.ts';

const PAGE_SIZE = 25;
const DECISION_COLORS: Record<string, string> = { eligible: 'green', excluded: 'red', pending: 'yellow' };

/** A kota's recipient list: counts by decision and reason, kelurahan drill-down, each family's "why", signing. */
export default function DeterminationPage() {
  const { t } = useTranslation();
  const determinationId = Number(useParams().determinationId);
  const query = useQuery({
    queryKey: eligibilityKeys.determination(determinationId),
    queryFn: () => getDetermination(determinationId),
  });
  if (query.isPending) return <Loader />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const { determination, cycle } = query.data;
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>
          {t('eligibility.listTitle', {
            kota: determination.kotaName ?? determination.kotaCode,
            periods: cycle?.periods.join(' + ') ?? '',
          })}
        </Title>
        {cycle ? (
          <Anchor component={Link} to={`/cycles/${cycle.id}`}>
            {t('eligibility.backToCycle')}
          </Anchor>
        ) : null}
      </Group>
      <StatusCard detail={query.data} />
      <Counts detail={query.data} />
      <Families detail={query.data} />
      <Changes detail={query.data} />
    </Stack>
  );
}

function StatusCard({ detail }: { detail: DeterminationDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const { determination } = detail;
  const sign = useMutation({
    mutationFn: () => signList(determination.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eligibilityKeys.all }),
  });
  const signed = determination.status === 'signed';
  return (
    <Card withBorder data-testid="list-status">
      <Stack gap="xs">
        <Group>
          <Badge size="lg" color={signed ? 'green' : 'yellow'} data-testid="list-status-badge">
            {t(`eligibility.status.${determination.status}`)}
          </Badge>
          <Text size="sm">
            {t('eligibility.preparedBy', {
              name: determination.preparedByName ?? '–',
              at: formatDateTime(determination.preparedAt),
            })}
          </Text>
          {signed ? (
            <Text size="sm" data-testid="signed-by">
              {t('eligibility.signedBy', {
                name: determination.signedByName ?? '–',
                at: formatDateTime(determination.signedAt),
              })}
            </Text>
          ) : null}
        </Group>
        {signed ? (
          <Alert color="green" variant="light">
            {t('eligibility.frozen')}
          </Alert>
        ) : null}
        <Group>
          {!signed && (can('eligibility.sign') || can('eligibility.prepare')) ? (
            <Button onClick={() => sign.mutate()} loading={sign.isPending} data-testid="sign-list">
              {t('eligibility.sign')}
            </Button>
          ) : null}
          <Button
            component="a"
            variant="light"
            href={annexUrl(determination.id, 'pdf')}
            data-testid="annex-pdf"
          >
            {t('eligibility.annexPdf')}
          </Button>
          <Button
            component="a"
            variant="light"
            href={annexUrl(determination.id, 'xlsx')}
            data-testid="annex-xlsx"
          >
            {t('eligibility.annexXlsx')}
          </Button>
        </Group>
        <ErrorAlert error={sign.error} testId="sign-error" />
      </Stack>
    </Card>
  );
}

function Counts({ detail }: { detail: DeterminationDetail }) {
  const { t } = useTranslation();
  const { determination } = detail;
  const byDecision = determination.summary.byDecision ?? {};
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Card withBorder>
        <Stack gap={4} data-testid="decision-counts">
          <Text fw={600}>
            {t('eligibility.familiesTotal', {
              count: determination.familyCount,
              formatted: formatNumber(determination.familyCount),
            })}
          </Text>
          {(['eligible', 'pending', 'excluded'] as const).map((decision) => (
            <Group key={decision} justify="space-between">
              <Badge color={DECISION_COLORS[decision]} variant="light">
                {t(`eligibility.decision.${decision}`)}
              </Badge>
              <Text data-testid={`count-${decision}`}>{formatNumber(byDecision[decision] ?? 0)}</Text>
            </Group>
          ))}
          <Group justify="space-between">
            <Text>{t('eligibility.totalAmount')}</Text>
            <Text fw={600} data-testid="total-amount">
              Rp{formatNumber(determination.totalAmount)}
            </Text>
          </Group>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap={4} data-testid="reason-counts">
          <Text fw={600}>{t('eligibility.byReason')}</Text>
          {(determination.summary.byReason ?? []).map((reason) => (
            <Group key={`${reason.decision}-${reason.code}`} justify="space-between" wrap="nowrap">
              <Text size="sm">
                <Badge size="xs" color={DECISION_COLORS[reason.decision]} variant="dot">
                  {t(`eligibility.decision.${reason.decision}`)}
                </Badge>{' '}
                {t(`eligibility.reason.${reason.code}`, { defaultValue: reason.code })}
              </Text>
              <Text size="sm">{formatNumber(reason.count)}</Text>
            </Group>
          ))}
          {Object.entries(determination.summary.byFlag ?? {}).map(([flag, count]) => (
            <Group key={flag} justify="space-between">
              <Text size="sm" c="dimmed">
                {t(`eligibility.flag.${flag}`, { defaultValue: flag })}
              </Text>
              <Text size="sm">{formatNumber(count)}</Text>
            </Group>
          ))}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function Families({ detail }: { detail: DeterminationDetail }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter: FamilyFilter = {
    kelurahanCode: searchParams.get('kelurahan') ?? '',
    decision: searchParams.get('decision') ?? '',
    reason: '',
    page: Math.max(1, Number(searchParams.get('page')) || 1),
  };
  const id = detail.determination.id;
  const families = useQuery({
    queryKey: eligibilityKeys.families(id, filter),
    queryFn: () => getFamilies(id, filter, PAGE_SIZE),
    enabled: filter.kelurahanCode !== '',
    placeholderData: keepPreviousData,
  });
  const update = (changes: Partial<FamilyFilter>) => {
    const next = { ...filter, page: 1, ...changes };
    const params: Record<string, string> = {};
    if (next.kelurahanCode) params.kelurahan = next.kelurahanCode;
    if (next.decision) params.decision = next.decision;
    if (next.page > 1) params.page = String(next.page);
    setSearchParams(params);
  };
  return (
    <Card withBorder>
      <Stack>
        <Text fw={600}>{t('eligibility.byKelurahan')}</Text>
        <Table striped highlightOnHover data-testid="kelurahan-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('eligibility.kelurahan')}</Table.Th>
              <Table.Th ta="right">{t('eligibility.decision.eligible')}</Table.Th>
              <Table.Th ta="right">{t('eligibility.decision.pending')}</Table.Th>
              <Table.Th ta="right">{t('eligibility.decision.excluded')}</Table.Th>
              <Table.Th ta="right">{t('eligibility.amount')}</Table.Th>
              <Table.Th>{t('eligibility.annex')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.kelurahan.map((row) => (
              <Table.Tr key={row.kelurahanCode} data-testid={`kelurahan-${row.kelurahanCode}`}>
                <Table.Td>
                  <Anchor
                    component="button"
                    onClick={() => update({ kelurahanCode: row.kelurahanCode })}
                    data-testid={`open-kelurahan-${row.kelurahanCode}`}
                    fw={row.kelurahanCode === filter.kelurahanCode ? 700 : 400}
                  >
                    {row.kelurahanName ?? row.kelurahanCode}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.kecamatanName} · {row.kelurahanCode}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.eligible)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.pending)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.excluded)}</Table.Td>
                <Table.Td ta="right">Rp{formatNumber(row.amount)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Anchor size="sm" href={annexUrl(id, 'pdf', row.kelurahanCode)}>
                      PDF
                    </Anchor>
                    <Anchor size="sm" href={annexUrl(id, 'xlsx', row.kelurahanCode)}>
                      XLSX
                    </Anchor>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {filter.kelurahanCode ? (
          <Stack data-testid="family-list">
            <Group>
              <Select
                label={t('eligibility.decisionFilter')}
                value={filter.decision}
                onChange={(value) => update({ decision: value ?? '' })}
                data={[
                  { value: '', label: t('eligibility.allDecisions') },
                  { value: 'eligible', label: t('eligibility.decision.eligible') },
                  { value: 'pending', label: t('eligibility.decision.pending') },
                  { value: 'excluded', label: t('eligibility.decision.excluded') },
                ]}
                allowDeselect={false}
                data-testid="decision-filter"
              />
            </Group>
            <ErrorAlert error={families.error} />
            {(families.data?.families ?? []).map((family) => (
              <FamilyCard key={family.householdId} family={family} />
            ))}
            {families.data && families.data.total > PAGE_SIZE ? (
              <Pagination
                total={Math.ceil(families.data.total / PAGE_SIZE)}
                value={filter.page}
                onChange={(page) => update({ page })}
              />
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('eligibility.chooseKelurahan')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function FamilyCard({ family }: { family: FamilyDecision }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" data-testid="family-decision" data-household-id={family.householdId}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <Badge color={DECISION_COLORS[family.decision]} data-testid="family-decision-badge">
              {t(`eligibility.decision.${family.decision}`)}
            </Badge>
            <Anchor
              component={Link}
              to={`/households/${family.householdId}`}
              fw={600}
              data-testid="family-head"
            >
              {family.headName ?? '–'}
            </Anchor>
            <Text size="sm" ff="monospace">
              {family.kkNumberMasked}
            </Text>
          </Group>
          <Text fw={600} data-testid="family-amount">
            Rp{formatNumber(family.amount)}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {family.address ?? '–'} · RW {family.rw} · RT {family.rt} · {t('eligibility.collector')}:{' '}
          {family.collectorName ?? '–'}
        </Text>
        <Text size="sm" fw={600}>
          {t('eligibility.why')}
        </Text>
        <ul style={{ margin: 0 }} data-testid="family-reasons">
          {family.reasons.map((reason) => (
            <li key={`${reason.code}-${reason.text}`}>
              <Text
                size="sm"
                c={reason.effect === 'excluded' ? 'red' : reason.effect === 'pending' ? 'orange' : undefined}
              >
                {reason.text}
              </Text>
            </li>
          ))}
        </ul>
        {family.flags.length > 0 ? (
          <Group gap="xs">
            {family.flags.map((flag) => (
              <Badge key={flag} variant="outline" size="sm">
                {t(`eligibility.flag.${flag}`, { defaultValue: flag })}
              </Badge>
            ))}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Changes({ detail }: { detail: DeterminationDetail }) {
  const { t } = useTranslation();
  const changes = detail.changesSincePrevious;
  if (!changes) return null;
  return (
    <Card withBorder data-testid="changes-since-last">
      <Stack gap="xs">
        <Text fw={600}>{t('eligibility.changesSinceLast')}</Text>
        <Group>
          {(['added', 'removed', 'changed'] as const).map((change) => (
            <Badge key={change} variant="light">
              {t(`eligibility.change.${change}`)}: {formatNumber(changes.counts[change] ?? 0)}
            </Badge>
          ))}
        </Group>
        <Table>
          <Table.Tbody>
            {changes.families.map((family) => (
              <Table.Tr key={`${family.householdId}-${family.change}`}>
                <Table.Td>{family.headName ?? '–'}</Table.Td>
                <Table.Td ff="monospace">{family.kkNumberMasked}</Table.Td>
                <Table.Td>{t(`eligibility.change.${family.change}`)}</Table.Td>
                <Table.Td>
                  {family.previousDecision ? t(`eligibility.decision.${family.previousDecision}`) : '–'} →{' '}
                  {family.currentDecision ? t(`eligibility.decision.${family.currentDecision}`) : '–'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
