// One pair of the review queue: both records side by side, how each field weighed, and the decision.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { useSession, useUser } from '../auth/session.tsx';
import { VerificationError } from './VerificationError.tsx';
import {
  type Agreement,
  answerMerge,
  DEFAULT_QUEUE_SEARCH,
  decidePair,
  type FieldComparison,
  formatProbability,
  formatWeight,
  getPair,
  getQueue,
  type MinistrySide,
  type PairDetail,
  pairPath,
  type QueueSearch,
  queuePath,
  type RegistrySide,
  verificationKeys,
} from './verification-api.ts';

const AGREEMENT_COLOR: Record<Agreement, string> = {
  agree: 'teal',
  partial: 'yellow',
  disagree: 'red',
  missing: 'gray',
};
const AGREEMENT_BACKGROUND: Record<Agreement, string | undefined> = {
  agree: undefined,
  partial: 'var(--mantine-color-yellow-light)',
  disagree: 'var(--mantine-color-red-light)',
  missing: 'var(--mantine-color-gray-light)',
};

/** The queue search the reviewer came from (kept in the history entry), so "next" follows the same list. */
function useQueueSearchFromHistory(): QueueSearch {
  const state = useLocation().state as { queue?: QueueSearch } | null;
  return state?.queue ?? DEFAULT_QUEUE_SEARCH;
}

export default function PairPage() {
  const [searchParams] = useSearchParams();
  const pairKey = searchParams.get('key') ?? '';
  // A fresh page per pair: nothing revealed or typed for one pair carries over to the next.
  return <PairView key={pairKey} pairKey={pairKey} runParameter={searchParams.get('run')} />;
}

function PairView({ pairKey, runParameter: runText }: { pairKey: string; runParameter: string | null }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const queue = useQueueSearchFromHistory();
  const runParameter = Number(runText);
  const runId = Number.isInteger(runParameter) && runParameter > 0 ? runParameter : null;
  const [reveal, setReveal] = useState(false);
  const query = useQuery({
    queryKey: verificationKeys.pair(pairKey, runId, false),
    queryFn: () => getPair(pairKey, runId, false),
    enabled: pairKey !== '',
  });
  // Every reveal is a fresh, logged request; revealed numbers are not kept once hidden again.
  const revealQuery = useQuery({
    queryKey: verificationKeys.pair(pairKey, runId, true),
    queryFn: () => getPair(pairKey, runId, true),
    enabled: pairKey !== '' && reveal,
    gcTime: 0,
    staleTime: 0,
  });

  const breadcrumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/verification">
        {t('verification.title')}
      </Anchor>
      <Anchor component={Link} to={queuePath(queue)}>
        {t('verification.queue.title')}
      </Anchor>
      <Text>{t('verification.pair.title')}</Text>
    </Breadcrumbs>
  );
  if (pairKey === '' || (query.error instanceof ApiError && [403, 404].includes(query.error.status))) {
    return (
      <Stack>
        {breadcrumbs}
        <Alert color="orange" title={t('verification.pair.notFoundTitle')} data-testid="pair-not-found">
          {t('verification.pair.notFound')}
        </Alert>
      </Stack>
    );
  }
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (!query.data) {
    return (
      <Stack>
        {breadcrumbs}
        <VerificationError error={query.error} />
      </Stack>
    );
  }
  const revealed = reveal && revealQuery.data?.revealed === true;
  const pair = revealed && revealQuery.data ? revealQuery.data : query.data;

  return (
    <Stack
      maw={1200}
      data-testid="pair-page"
      data-pair-key={pair.pairKey}
      data-open={pair.open}
      data-revealed={revealed}
    >
      {breadcrumbs}
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>
            {pair.kind === 'ministry'
              ? t('verification.pair.titleMinistry', {
                  programme: (pair.right as MinistrySide).programme,
                  period: (pair.right as MinistrySide).period,
                })
              : t('verification.pair.titleRegistry')}
          </Title>
          {pair.crossFamily ? (
            <Text size="sm" c="orange.8" data-testid="pair-cross-family">
              {t('verification.pair.crossFamily')}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs">
          <Badge size="lg" variant="light" color="blue" data-testid="pair-probability">
            {t('verification.pair.probability')}: {formatProbability(pair.probability)}
          </Badge>
          <Badge size="lg" variant="outline" color="gray">
            {t('verification.pair.weight')}: {formatWeight(pair.weight)}
          </Badge>
        </Group>
      </Group>

      <DecisionStatus pair={pair} />

      {can('registry.read_personal') ? (
        <Paper withBorder p="sm" bg="yellow.0">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" style={{ flex: '1 1 240px' }}>
              {t('verification.pair.revealNotice')}
            </Text>
            <Button
              variant={revealed ? 'default' : 'filled'}
              color={revealed ? 'gray' : 'yellow.8'}
              onClick={() => {
                if (revealed) setReveal(false);
                else if (reveal) void revealQuery.refetch();
                else setReveal(true);
              }}
              loading={reveal && revealQuery.isFetching}
              data-testid="pair-reveal"
            >
              {revealed ? t('household.hideNik') : t('household.revealNik')}
            </Button>
          </Group>
          {reveal ? <VerificationError error={revealQuery.error} testId="reveal-error" /> : null}
        </Paper>
      ) : null}

      <ComparisonTable pair={pair} />
      <Explanation pair={pair} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RegistryRecord side={pair.left} title={t('verification.queue.left')} testId="pair-left" />
        {pair.right.source === 'registry' ? (
          <RegistryRecord
            side={pair.right}
            title={`${t('verification.queue.right')}: ${t('verification.pair.registryRecord')}`}
            testId="pair-right"
          />
        ) : (
          <MinistryRecord side={pair.right} />
        )}
      </SimpleGrid>

      {pair.open ? <DecisionForm pair={pair} queue={queue} /> : null}
      {pair.decision?.mergeStatus === 'awaiting_second_review' ? <SecondReviewForm pair={pair} /> : null}
    </Stack>
  );
}

function reviewerName(person: { fullName: string | null; username: string | null } | null): string {
  return person?.fullName ?? person?.username ?? '–';
}

function DecisionStatus({ pair }: { pair: PairDetail }) {
  const { t } = useTranslation();
  const decision = pair.decision;
  if (!decision) return null;
  const decided = t(`verification.decide.${decision.decision}`);
  if (decision.mergeStatus === 'rejected') {
    return (
      <Alert color="orange" data-testid="pair-decision" data-merge-status="rejected">
        {t('verification.pair.mergeRejected', {
          name: reviewerName(decision.secondReviewer),
          reason: decision.secondReason ?? '',
        })}
      </Alert>
    );
  }
  return (
    <Alert
      color={decision.mergeStatus === 'awaiting_second_review' ? 'orange' : 'teal'}
      title={t('verification.pair.decided', { decision: decided })}
      data-testid="pair-decision"
      data-decision={decision.decision}
      data-merge-status={decision.mergeStatus ?? ''}
    >
      <Text size="sm">
        {t('verification.pair.decidedBy', {
          name: reviewerName(decision.decidedBy),
          at: formatDateTime(decision.decidedAt),
        })}
      </Text>
      <Text size="sm">
        {t('verification.decide.reason')}: {decision.reason}
      </Text>
      {decision.mergeStatus === 'awaiting_second_review' ? (
        <Text size="sm" fw={600}>
          {t('verification.pair.awaitingSecond')}
        </Text>
      ) : null}
      {decision.mergeStatus === 'confirmed' ? (
        <Text size="sm" fw={600}>
          {t('verification.pair.mergeConfirmed', { name: reviewerName(decision.secondReviewer) })}
        </Text>
      ) : null}
    </Alert>
  );
}

function displayValue(field: string, value: string | null, t: TFunction): string {
  if (value === null || value === '') return '–';
  if (field === 'birthDate') return formatDate(value);
  if (field === 'sex') return t(`sex.${value}`, { defaultValue: value });
  return value;
}

/**
 * One side's value with what differs from the other side marked: digit by digit for numbers and dates of the
 * same length (a swapped or mistyped digit stands out), word by word for names.
 */
function MarkedValue({ entry, side, t }: { entry: FieldComparison; side: 'left' | 'right'; t: TFunction }) {
  const own = displayValue(entry.field, side === 'left' ? entry.leftValue : entry.rightValue, t);
  const other = displayValue(entry.field, side === 'left' ? entry.rightValue : entry.leftValue, t);
  if (entry.agreement === 'agree' || own === '–' || other === '–') return <>{own}</>;
  if (entry.field === 'name') {
    const otherWords = new Set(other.toUpperCase().split(/\s+/));
    return (
      <>
        {own.split(/(\s+)/).map((word, index) =>
          word.trim() === '' || otherWords.has(word.toUpperCase()) ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: words of one fixed string
            <span key={index}>{word}</span>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: words of one fixed string
            <mark key={index} data-testid="value-difference">
              {word}
            </mark>
          ),
        )}
      </>
    );
  }
  if (own.length !== other.length || entry.field === 'sex') return <>{own}</>;
  return (
    <>
      {[...own].map((character, index) =>
        character === other[index] || character === '•' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: characters of one fixed string
          <span key={index}>{character}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: characters of one fixed string
          <mark key={index} data-testid="value-difference">
            {character}
          </mark>
        ),
      )}
    </>
  );
}

function ComparisonTable({ pair }: { pair: PairDetail }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const agreementBadge = (entry: FieldComparison) => (
    <Badge color={AGREEMENT_COLOR[entry.agreement]} variant="light" data-testid="comparison-agreement">
      {t(`verification.agreement.${entry.agreement}`)} ·{' '}
      {t(`verification.level.${entry.level}`, { defaultValue: entry.level })}
    </Badge>
  );
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('verification.pair.comparison')}
      </Title>
      {isPhone ? (
        <Stack gap="xs" data-testid="comparison">
          {pair.comparison.map((entry) => (
            <Paper
              key={entry.field}
              withBorder
              p="xs"
              style={{ background: AGREEMENT_BACKGROUND[entry.agreement] }}
              data-testid="comparison-row"
              data-field={entry.field}
              data-agreement={entry.agreement}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700} size="sm">
                  {t(`verification.field.${entry.field}`, { defaultValue: entry.field })}
                </Text>
                {agreementBadge(entry)}
              </Group>
              <Text size="sm" ff={entry.field === 'name' ? undefined : 'monospace'}>
                <MarkedValue entry={entry} side="left" t={t} />
              </Text>
              <Text size="sm" ff={entry.field === 'name' ? undefined : 'monospace'}>
                <MarkedValue entry={entry} side="right" t={t} />
              </Text>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table withTableBorder verticalSpacing="xs" data-testid="comparison">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('verification.pair.field')}</Table.Th>
              <Table.Th>{t('verification.pair.left')}</Table.Th>
              <Table.Th>{t('verification.pair.right')}</Table.Th>
              <Table.Th>{t('verification.pair.agreement')}</Table.Th>
              <Table.Th ta="right">{t('verification.pair.weight')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pair.comparison.map((entry) => (
              <Table.Tr
                key={entry.field}
                style={{ background: AGREEMENT_BACKGROUND[entry.agreement] }}
                data-testid="comparison-row"
                data-field={entry.field}
                data-agreement={entry.agreement}
              >
                <Table.Td fw={600}>
                  {t(`verification.field.${entry.field}`, { defaultValue: entry.field })}
                </Table.Td>
                <Table.Td ff={entry.field === 'name' ? undefined : 'monospace'}>
                  <MarkedValue entry={entry} side="left" t={t} />
                </Table.Td>
                <Table.Td ff={entry.field === 'name' ? undefined : 'monospace'}>
                  <MarkedValue entry={entry} side="right" t={t} />
                </Table.Td>
                <Table.Td>{agreementBadge(entry)}</Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatWeight(entry.weight)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function Explanation({ pair }: { pair: PairDetail }) {
  const { t } = useTranslation();
  const largest = Math.max(1, ...pair.comparison.map((entry) => Math.abs(entry.weight)));
  return (
    <Paper withBorder p="md" data-testid="explanation">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('verification.pair.explanation')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('verification.pair.explanationIntro')}
        </Text>
        {pair.comparison.map((entry) => {
          const width = `${(Math.abs(entry.weight) / largest) * 50}%`;
          return (
            <Group
              key={entry.field}
              gap="xs"
              wrap="nowrap"
              data-testid="explanation-bar"
              data-field={entry.field}
            >
              <Text size="sm" w={110} style={{ flexShrink: 0 }}>
                {t(`verification.field.${entry.field}`, { defaultValue: entry.field })}
              </Text>
              <Box pos="relative" h={14} style={{ flex: 1 }}>
                <Box pos="absolute" left="50%" top={0} bottom={0} w={1} bg="gray.5" />
                <Box
                  pos="absolute"
                  top={0}
                  bottom={0}
                  left={entry.weight >= 0 ? '50%' : undefined}
                  right={entry.weight < 0 ? '50%' : undefined}
                  w={width}
                  bg={entry.weight >= 0 ? 'teal.6' : 'red.6'}
                  style={{ borderRadius: 2 }}
                />
              </Box>
              <Text size="sm" ff="monospace" w={64} ta="right" style={{ flexShrink: 0 }}>
                {formatWeight(entry.weight)}
              </Text>
            </Group>
          );
        })}
        {pair.comparison
          .filter((entry) => entry.termFrequencyAdjustment !== null)
          .map((entry) => (
            <Text size="xs" c="dimmed" key={`tf-${entry.field}`}>
              {t('verification.pair.termFrequency', {
                field: t(`verification.field.${entry.field}`, { defaultValue: entry.field }),
                weight: formatWeight(entry.termFrequencyAdjustment ?? 0),
              })}
            </Text>
          ))}
        <Text size="sm" fw={600}>
          {t('verification.pair.total', {
            weight: formatWeight(pair.weight),
            probability: formatProbability(pair.probability),
          })}
        </Text>
        {pair.thresholds ? (
          <Text size="xs" c="dimmed">
            {t('verification.pair.bands', {
              review: formatWeight(pair.thresholds.review),
              match: formatWeight(pair.thresholds.match),
            })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Detail({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ff={mono ? 'monospace' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}

function RegistryRecord({ side, title, testId }: { side: RegistrySide; title: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid={testId} data-household-id={side.householdId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Text fw={700}>{title}</Text>
          <Anchor component={Link} to={`/households/${side.householdId}`} size="sm">
            {t('verification.pair.openFamily', { id: side.householdId })}
          </Anchor>
        </Group>
        <Text size="lg" fw={700}>
          {side.fullName}
        </Text>
        <SimpleGrid cols={2} spacing="xs">
          <Detail label={t('field.nik')} value={side.nik ?? '–'} mono />
          <Detail label={t('field.no_kk')} value={side.kkNumber} mono />
          <Detail label={t('field.tanggal_lahir')} value={formatDate(side.birthDate)} />
          <Detail label={t('field.jenis_kelamin')} value={side.sex ? t(`sex.${side.sex}`) : '–'} />
          <Detail
            label={t('field.hubungan_keluarga')}
            value={
              side.relationship
                ? t(`relationship.${side.relationship}`, { defaultValue: side.relationship })
                : '–'
            }
          />
          <Detail
            label={t('verification.pair.familyStatus')}
            value={t(`householdStatus.${side.householdStatus}`, { defaultValue: side.householdStatus })}
          />
          <Detail label={t('field.alamat')} value={side.address ?? '–'} />
          <Detail
            label={t('household.area')}
            value={`${side.kelurahanName ?? side.kelurahanCode} · RW ${side.rw} · RT ${side.rt}`}
          />
        </SimpleGrid>
        <Text size="sm" fw={600}>
          {t('household.members', { count: side.members.length })}
        </Text>
        <Stack gap={2}>
          {side.members.map((member) => (
            <Text
              key={member.id}
              size="sm"
              fw={member.id === side.memberId ? 700 : undefined}
              c={member.id === side.memberId ? undefined : 'dimmed'}
            >
              {member.fullName} ·{' '}
              {member.relationship
                ? t(`relationship.${member.relationship}`, { defaultValue: member.relationship })
                : '–'}{' '}
              · {formatDate(member.birthDate)}
              {member.nik ? ` · ${member.nik}` : ''}
            </Text>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

function MinistryRecord({ side }: { side: MinistrySide }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="pair-right" data-source="ministry">
      <Stack gap="xs">
        <Text fw={700}>
          {t('verification.pair.right')}:{' '}
          {t('verification.pair.ministryRecord', { programme: side.programme })}
        </Text>
        <Text size="lg" fw={700}>
          {side.fullName ?? '–'}
        </Text>
        <SimpleGrid cols={2} spacing="xs">
          <Detail label={t('verification.pair.programme')} value={side.programme} />
          <Detail label={t('verification.pair.period')} value={side.period} />
          <Detail label={t('field.nik')} value={side.nik ?? '–'} mono />
          <Detail label={t('field.no_kk')} value={side.kkNumber ?? '–'} mono />
          <Detail label={t('field.tanggal_lahir')} value={formatDate(side.birthDate)} />
          <Detail
            label={t('verification.pair.region')}
            value={side.regionName ? `${side.regionName} (${side.regionCode})` : (side.regionCode ?? '–')}
          />
          <Detail label={t('field.ref')} value={side.ref ?? '–'} />
          <Detail label={t('verification.pair.listRow')} value={`#${side.listId} · ${side.rowNumber}`} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function DecisionForm({ pair, queue }: { pair: PairDetail; queue: QueueSearch }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [decision, setDecision] = useState<'same_person' | 'different_people' | ''>('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const decide = useMutation({
    mutationFn: async ({ next }: { next: boolean }) => {
      const result = await decidePair({
        pairKey: pair.pairKey,
        runId: pair.runId,
        decision: decision as 'same_person',
        reason,
      });
      // The next pair of the same list, read after the decision so this one is no longer in it.
      const following = next ? (await getQueue({ ...queue, page: 1 })).pairs[0] : undefined;
      return { ...result, following };
    },
    onSuccess: async (result) => {
      notifications.show({
        color: 'teal',
        withBorder: true,
        message:
          result.decision.mergeStatus === 'awaiting_second_review'
            ? t('verification.decide.doneMerge')
            : t('verification.decide.done'),
      });
      await queryClient.invalidateQueries({ queryKey: verificationKeys.all });
      if (result.following) {
        void navigate(pairPath(result.following.pairKey, result.following.runId), { state: { queue } });
      } else {
        void navigate(queuePath(queue));
      }
    },
  });
  const reasonMissing = reason.trim() === '';
  const submit = (next: boolean) => {
    setTried(true);
    if (decision === '' || reasonMissing) return;
    decide.mutate({ next });
  };
  const willMerge = pair.crossFamily && decision === 'same_person';
  return (
    <Paper withBorder p="md" data-testid="decision-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(false);
        }}
      >
        <Stack>
          <Title order={3} size="h4">
            {t('verification.decide.title')}
          </Title>
          <Radio.Group
            value={decision}
            onChange={(value) => setDecision(value as 'same_person' | 'different_people')}
            error={tried && decision === '' ? t('verification.decide.choose') : undefined}
          >
            <Group gap="lg" mt={4}>
              <Radio
                value="same_person"
                label={t('verification.decide.same_person')}
                data-testid="decide-same"
              />
              <Radio
                value="different_people"
                label={t('verification.decide.different_people')}
                data-testid="decide-different"
              />
            </Group>
          </Radio.Group>
          {willMerge ? (
            <Alert color="orange" variant="light" data-testid="decide-merge-note">
              {t('verification.decide.mergeNote')}
            </Alert>
          ) : null}
          <Textarea
            label={t('verification.decide.reason')}
            placeholder={t('verification.decide.reasonPlaceholder')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={tried && reasonMissing ? t('verification.decide.reasonRequired') : undefined}
            withAsterisk
            autosize
            minRows={2}
            maxLength={1000}
            data-testid="decide-reason"
          />
          <VerificationError error={decide.error} testId="decide-error" />
          <Group>
            <Button type="submit" loading={decide.isPending} data-testid="decide-submit">
              {t('verification.decide.submit')}
            </Button>
            <Button
              variant="light"
              onClick={() => submit(true)}
              loading={decide.isPending}
              data-testid="decide-submit-next"
            >
              {t('verification.decide.submitNext')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function SecondReviewForm({ pair }: { pair: PairDetail }) {
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const answer = useMutation({
    mutationFn: (choice: 'confirm' | 'reject') =>
      answerMerge({
        pairKey: pair.pairKey,
        runId: pair.runId,
        answer: choice,
        reason: reason.trim() || undefined,
      }),
    onSuccess: async (result) => {
      notifications.show({
        color: 'teal',
        withBorder: true,
        message: result.merge
          ? t('verification.merges.confirmed', {
              merged: result.merge.mergedHouseholdId,
              into: result.merge.intoHouseholdId,
            })
          : t('verification.merges.rejected'),
      });
      await queryClient.invalidateQueries({ queryKey: verificationKeys.all });
      void navigate('/verification/review?tab=merges');
    },
  });
  if (pair.decision?.decidedBy.id === user.id) {
    return (
      <Alert color="gray" data-testid="merge-own-proposal">
        {t('verification.error.same_reviewer')}
      </Alert>
    );
  }
  return (
    <Paper withBorder p="md" data-testid="second-review-form">
      <Stack>
        <Title order={3} size="h4">
          {t('verification.merges.secondTitle')}
        </Title>
        <Text size="sm">{t('verification.merges.secondIntro')}</Text>
        <Textarea
          label={t('verification.merges.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={tried && reason.trim() === '' ? t('verification.decide.reasonRequired') : undefined}
          autosize
          minRows={2}
          maxLength={1000}
          data-testid="merge-reason"
        />
        <VerificationError error={answer.error} testId="merge-error" />
        <Group>
          <Button
            color="teal"
            onClick={() => answer.mutate('confirm')}
            loading={answer.isPending}
            data-testid="merge-confirm"
          >
            {t('verification.merges.confirm')}
          </Button>
          <Button
            color="red"
            variant="light"
            onClick={() => {
              setTried(true);
              if (reason.trim() !== '') answer.mutate('reject');
            }}
            loading={answer.isPending}
            data-testid="merge-reject"
          >
            {t('verification.merges.reject')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
