// The match and review thresholds: what they are, what they mean as probabilities, and (for an administrator) setting them.
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Center,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useSession } from '../auth/session.tsx';
import { VerificationError } from './VerificationError.tsx';
import {
  formatProbability,
  formatWeight,
  getThresholds,
  probabilityAt,
  setThresholds,
  type ThresholdsView,
  verificationKeys,
} from './verification-api.ts';

const BANDS = ['match', 'review', 'nik_conflict'] as const;

export default function ThresholdsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const query = useQuery({ queryKey: verificationKeys.thresholds, queryFn: getThresholds });
  const view = query.data;

  return (
    <Stack maw={900} data-testid="thresholds-page">
      <Breadcrumbs>
        <Anchor component={Link} to="/verification">
          {t('verification.title')}
        </Anchor>
        <Text>{t('verification.thresholds.title')}</Text>
      </Breadcrumbs>
      <Title order={2}>{t('verification.thresholds.title')}</Title>
      <Text c="dimmed">{t('verification.thresholds.intro')}</Text>
      <VerificationError error={query.error} />
      {query.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : null}
      {view ? (
        <>
          <Paper
            withBorder
            p="md"
            data-testid="thresholds-current"
            data-source={view.current?.source ?? 'none'}
          >
            {view.current ? (
              <Stack gap="xs">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Threshold
                    label={t('verification.thresholds.match')}
                    help={t('verification.thresholds.matchHelp')}
                    weight={view.current.match}
                    probability={view.probabilities.match}
                    testId="threshold-match"
                  />
                  <Threshold
                    label={t('verification.thresholds.review')}
                    help={t('verification.thresholds.reviewHelp')}
                    weight={view.current.review}
                    probability={view.probabilities.review}
                    testId="threshold-review"
                  />
                </SimpleGrid>
                <Text size="sm" c="dimmed">
                  {view.current.source === 'setting' && view.setting
                    ? t('verification.thresholds.fromSetting', {
                        name: view.setting.updatedBy.fullName ?? view.setting.updatedBy.username ?? '–',
                        at: formatDateTime(view.setting.updatedAt),
                      })
                    : t('verification.thresholds.fromRun', { id: view.latestRun?.id ?? '' })}
                </Text>
              </Stack>
            ) : (
              <Text data-testid="thresholds-none">{t('verification.thresholds.noneYet')}</Text>
            )}
          </Paper>
          <LatestRun view={view} />
          {can('verification.settings') ? (
            <ThresholdsForm view={view} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('verification.thresholds.readOnly')}
            </Text>
          )}
        </>
      ) : null}
    </Stack>
  );
}

function Threshold({
  label,
  help,
  weight,
  probability,
  testId,
}: {
  label: string;
  help: string;
  weight: number;
  probability: number | null;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} data-testid={testId} data-weight={weight}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} ff="monospace">
        {formatWeight(weight)} {t('verification.thresholds.bits')}
      </Text>
      <Text size="sm">
        {t('verification.thresholds.probabilityAt', { probability: formatProbability(probability) })}
      </Text>
      <Text size="xs" c="dimmed">
        {help}
      </Text>
    </Stack>
  );
}

function LatestRun({ view }: { view: ThresholdsView }) {
  const { t } = useTranslation();
  const run = view.latestRun;
  if (!run) return null;
  return (
    <Paper withBorder p="md" data-testid="thresholds-latest-run">
      <Stack gap="xs">
        <Text fw={700}>
          {t('verification.thresholds.latestRun', {
            id: run.id,
            area: run.areaCode || t('area.whole'),
            at: formatDateTime(run.finishedAt),
          })}
        </Text>
        {run.thresholds ? (
          <Text size="sm">
            {t('verification.thresholds.runUsed', {
              match: formatWeight(run.thresholds.match),
              review: formatWeight(run.thresholds.review),
            })}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {BANDS.map((band) => (
            <Stack gap={0} key={band} data-testid={`band-${band}`} data-value={run.bands[band] ?? 0}>
              <Text size="xs" c="dimmed">
                {t(`verification.band.${band}`)}
              </Text>
              <Text fw={700}>{formatNumber(run.bands[band] ?? 0)}</Text>
            </Stack>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ThresholdsForm({ view }: { view: ThresholdsView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [match, setMatch] = useState<number | string>(view.current?.match ?? '');
  const [review, setReview] = useState<number | string>(view.current?.review ?? '');
  const save = useMutation({
    mutationFn: () => setThresholds({ match: Number(match), review: Number(review) }),
    onSuccess: (saved) => {
      queryClient.setQueryData(verificationKeys.thresholds, saved);
      notifications.show({ color: 'teal', message: t('verification.thresholds.saved'), withBorder: true });
    },
  });
  const bothGiven = typeof match === 'number' && typeof review === 'number';
  const matchProportion = view.latestRun?.matchProportion;
  const preview = (value: number | string) =>
    typeof value === 'number' && matchProportion
      ? t('verification.thresholds.probabilityAt', {
          probability: formatProbability(probabilityAt(value, matchProportion)),
        })
      : undefined;
  const outOfOrder = bothGiven && review > match;
  return (
    <Paper withBorder p="md" data-testid="thresholds-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (bothGiven && !outOfOrder) save.mutate();
        }}
      >
        <Stack>
          <Title order={3} size="h4">
            {t('verification.thresholds.set')}
          </Title>
          <Alert color="blue" variant="light" data-testid="thresholds-next-run">
            {t('verification.thresholds.nextRunNote')}
          </Alert>
          <Group grow wrap="wrap" align="flex-start">
            <NumberInput
              label={t('verification.thresholds.match')}
              value={match}
              onChange={setMatch}
              decimalScale={2}
              step={0.5}
              min={-100}
              max={100}
              miw={180}
              description={preview(match)}
              data-testid="thresholds-match-input"
            />
            <NumberInput
              label={t('verification.thresholds.review')}
              value={review}
              onChange={setReview}
              decimalScale={2}
              step={0.5}
              min={-100}
              max={100}
              miw={180}
              description={preview(review)}
              error={outOfOrder ? t('verification.error.thresholds_order') : undefined}
              data-testid="thresholds-review-input"
            />
          </Group>
          <VerificationError error={save.error} testId="thresholds-error" />
          <Group>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={!bothGiven || outOfOrder}
              data-testid="thresholds-save"
            >
              {t('verification.thresholds.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
