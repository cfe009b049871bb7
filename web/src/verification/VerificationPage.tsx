// Verification runs of the user's area: start one, follow its progress, and reach the review queue.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { useSession, useUser } from '../auth/session.tsx';
import { VerificationError } from './VerificationError.tsx';
import {
  listRuns,
  type RunStatus,
  startRun,
  type VerificationRun,
  verificationKeys,
} from './verification-api.ts';

const STATUS_COLOR: Record<RunStatus, string> = {
  queued: 'gray',
  running: 'blue',
  completed: 'teal',
  failed: 'red',
};

const WRAPPING_LABEL = { label: { whiteSpace: 'normal', textAlign: 'center' } } as const;

export default function VerificationPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const isPhone = useIsPhone();
  const runs = useQuery({
    queryKey: verificationKeys.runs,
    queryFn: listRuns,
    enabled: can('registry.read'),
    // While a run is queued or running, ask again every two seconds.
    refetchInterval: (query) =>
      query.state.data?.some((run) => run.status === 'queued' || run.status === 'running') ? 2000 : false,
  });
  const start = useMutation({
    mutationFn: () => startRun(user.areaCode || undefined),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('verification.runs.started'), withBorder: true });
      void queryClient.invalidateQueries({ queryKey: verificationKeys.runs });
    },
  });
  const active = runs.data?.some((run) => run.status === 'queued' || run.status === 'running') ?? false;
  const areaLabel = user.areaCode ? user.areaCode : t('area.whole');

  return (
    <Stack maw={1200} data-testid="verification-page">
      <Title order={2}>{t('verification.title')}</Title>
      <Text c="dimmed">{t('verification.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {can('verification.review') ? (
          <Button
            component={Link}
            to="/verification/review"
            size="lg"
            h="auto"
            py="sm"
            styles={WRAPPING_LABEL}
            data-testid="verification-open-queue"
          >
            {t('verification.links.queue')}
          </Button>
        ) : null}
        {can('verification.review') ? (
          <Button
            component={Link}
            to="/verification/review?tab=merges"
            size="lg"
            h="auto"
            py="sm"
            styles={WRAPPING_LABEL}
            variant="light"
            data-testid="verification-open-merges"
          >
            {t('verification.links.merges')}
          </Button>
        ) : null}
        {can('verification.review') || can('verification.settings') ? (
          <Button
            component={Link}
            to="/verification/thresholds"
            size="lg"
            h="auto"
            py="sm"
            styles={WRAPPING_LABEL}
            variant="light"
            data-testid="verification-open-thresholds"
          >
            {t('verification.links.thresholds')}
          </Button>
        ) : null}
      </SimpleGrid>

      {can('registry.read') ? (
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h4">
              {t('verification.runs.title')}
            </Title>
            {can('verification.run') ? (
              <Button
                onClick={() => start.mutate()}
                loading={start.isPending}
                disabled={active}
                data-testid="verification-start-run"
              >
                {t('verification.runs.start', { area: areaLabel })}
              </Button>
            ) : null}
          </Group>
          {active ? (
            <Text size="sm" c="dimmed">
              {t('verification.runs.oneAtATime')}
            </Text>
          ) : null}
          <VerificationError error={start.error} testId="verification-start-error" />
          <VerificationError error={runs.error} />
          {runs.isPending ? <Loader size="sm" /> : null}
          {runs.data && runs.data.length === 0 ? (
            <Text c="dimmed" data-testid="verification-runs-empty">
              {t('verification.runs.empty')}
            </Text>
          ) : null}
          {runs.data && runs.data.length > 0 ? (
            isPhone ? (
              <Stack gap="sm" data-testid="verification-runs">
                {runs.data.map((run) => (
                  <Paper
                    key={run.id}
                    withBorder
                    p="sm"
                    data-testid="verification-run"
                    data-status={run.status}
                  >
                    <Stack gap={6}>
                      <Group justify="space-between">
                        <Text fw={700}>#{run.id}</Text>
                        <RunStatusBadge run={run} />
                      </Group>
                      <Text size="sm">
                        {t('verification.runs.area')}: {run.areaCode || t('area.whole')}
                      </Text>
                      <RunProgress run={run} />
                      <RunFigures run={run} />
                    </Stack>
                  </Paper>
                ))}
              </Stack>
            ) : (
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm" data-testid="verification-runs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>#</Table.Th>
                      <Table.Th>{t('verification.runs.area')}</Table.Th>
                      <Table.Th>{t('verification.runs.status')}</Table.Th>
                      <Table.Th>{t('verification.runs.progress')}</Table.Th>
                      <Table.Th>{t('verification.runs.figures')}</Table.Th>
                      <Table.Th>{t('verification.runs.requestedAt')}</Table.Th>
                      <Table.Th>{t('verification.runs.finishedAt')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {runs.data.map((run) => (
                      <Table.Tr key={run.id} data-testid="verification-run" data-status={run.status}>
                        <Table.Td>{run.id}</Table.Td>
                        <Table.Td>{run.areaCode || t('area.whole')}</Table.Td>
                        <Table.Td>
                          <RunStatusBadge run={run} />
                        </Table.Td>
                        <Table.Td miw={220}>
                          <RunProgress run={run} />
                        </Table.Td>
                        <Table.Td>
                          <RunFigures run={run} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(run.requestedAt)}</Table.Td>
                        <Table.Td>{formatDateTime(run.finishedAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

function RunStatusBadge({ run }: { run: VerificationRun }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[run.status] ?? 'gray'} variant="light" data-testid="verification-run-status">
      {t(`verification.runs.statusValue.${run.status}`, { defaultValue: run.status })}
    </Badge>
  );
}

function RunProgress({ run }: { run: VerificationRun }) {
  const { t } = useTranslation();
  if (run.status === 'failed') {
    return (
      <Alert color="red" variant="light" p="xs" data-testid="verification-run-error">
        {run.error ?? t('verification.runs.failed')}
      </Alert>
    );
  }
  const { stage, done, total } = run.progress ?? {};
  const fraction = total && done !== undefined ? Math.min(1, done / total) : null;
  return (
    <Stack gap={4}>
      {run.status === 'running' || run.status === 'queued' ? (
        <>
          <Text size="sm">
            {stage
              ? t(`verification.stage.${stage}`, { defaultValue: stage })
              : t('verification.runs.waiting')}
            {total ? ` · ${formatNumber(done ?? 0)} / ${formatNumber(total)}` : ''}
          </Text>
          <Progress value={fraction === null ? 100 : fraction * 100} animated={fraction === null} />
        </>
      ) : null}
      {run.stagesDone.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t('verification.runs.stagesDone')}: {run.stagesDone.map((done) => stageLabel(done, t)).join(', ')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The figures a reader wants first: persons checked, pairs per band, persons per status; the rest on demand. */
function RunFigures({ run }: { run: VerificationRun }) {
  const { t } = useTranslation();
  const figures = run.figures ?? {};
  const bands = new Map<string, number>();
  const statuses: [string, number][] = [];
  const technical: [string, number][] = [];
  for (const [name, value] of Object.entries(figures)) {
    const pair = /^pairs:[^:]+:(.+)$/.exec(name);
    const person = /^persons:(.+)$/.exec(name);
    if (pair) bands.set(pair[1], (bands.get(pair[1]) ?? 0) + value);
    else if (person) statuses.push([person[1], value]);
    else if (name !== 'persons') technical.push([name, value]);
  }
  if (Object.keys(figures).length === 0) return <Text size="sm">–</Text>;
  return (
    <Stack gap={2} data-testid="verification-run-figures">
      {figures.persons !== undefined ? (
        <Text size="sm">
          {t('verification.figure.persons')}: <b>{formatNumber(figures.persons)}</b>
        </Text>
      ) : null}
      {[...bands].map(([band, value]) => (
        <Text size="sm" key={band} data-testid={`figure-band-${band}`} data-value={value}>
          {t(`verification.band.${band}`, { defaultValue: band })}: <b>{formatNumber(value)}</b>
        </Text>
      ))}
      {statuses.length > 0 ? (
        <Group gap={4} mt={2}>
          {statuses.map(([status, value]) => (
            <Badge key={status} size="sm" variant="outline" color={status === 'clear' ? 'teal' : 'orange'}>
              {t(`verification.personStatus.${status}`, { defaultValue: status })}: {formatNumber(value)}
            </Badge>
          ))}
        </Group>
      ) : null}
      {technical.length > 0 ? (
        <details>
          <summary>
            <Text span size="xs" c="dimmed">
              {t('verification.figure.technical')}
            </Text>
          </summary>
          {technical.map(([name, value]) => (
            <Text size="xs" c="dimmed" key={name} ff="monospace">
              {name}: {Number.isInteger(value) ? formatNumber(value) : value.toPrecision(4)}
            </Text>
          ))}
        </details>
      ) : null}
    </Stack>
  );
}

function stageLabel(stage: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const ministry = /^ministry:(\d+)$/.exec(stage);
  if (ministry) return t('verification.stage.ministry', { id: ministry[1] });
  return t(`verification.stage.${stage}`, { defaultValue: stage });
}
