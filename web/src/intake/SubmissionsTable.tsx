import { Anchor, Center, Group, Loader, Pagination, Paper, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Submission, SubmissionStatus } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { SubmissionStatusBadge } from './badges.tsx';
import { intakeKeys, listSubmissions } from './intake-api.ts';

export function submissionTitle(submission: Submission, t: (key: string) => string): string {
  if (submission.channel === 'form') return t('channel.form');
  return submission.fileName ?? t(`channel.${submission.channel}`);
}

/** The submission's kelurahan, RW and RT; a file sent from a wider area (Dinas Sosial) names each row's own. */
export function submissionArea(submission: Submission, t: (key: string) => string): string {
  const parts = [submission.kelurahanName ?? submission.kelurahanCode ?? ''];
  if (submission.rw) parts.push(`RW ${submission.rw}`);
  if (submission.rt) parts.push(`RT ${submission.rt}`);
  return parts.filter(Boolean).join(' · ') || t('submissions.manyAreas');
}

/** Who sent it; an import run from the command line without --as has no person behind it. */
export function submitterName(submission: Submission, t: (key: string) => string): string {
  return (
    submission.submittedBy?.fullName ?? submission.submittedBy?.username ?? t(`channel.${submission.channel}`)
  );
}

/**
 * Submissions in the user's area, newest first, with a page switcher; returnedOnly: those with rows returned,
 * each opened on its returned rows.
 */
export function SubmissionsTable({
  status,
  pageSize = 20,
  returnedOnly = false,
}: {
  status: SubmissionStatus | 'all';
  pageSize?: number;
  returnedOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const isPhone = useIsPhone();
  const query = useQuery({
    queryKey: intakeKeys.submissions(status, page, pageSize, returnedOnly),
    queryFn: () => listSubmissions(status, page, pageSize, returnedOnly),
    placeholderData: keepPreviousData,
  });
  if (query.error) return <ErrorAlert error={query.error} />;
  if (query.isPending) {
    return (
      <Center py="lg">
        <Loader />
      </Center>
    );
  }
  const { submissions, total } = query.data;
  if (submissions.length === 0) {
    return (
      <Text c="dimmed" data-testid="submissions-empty">
        {t('submissions.empty')}
      </Text>
    );
  }
  const submissionPath = (id: number) => `/intake/submissions/${id}${returnedOnly ? '?filter=returned' : ''}`;
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const pagination =
    totalPages > 1 ? <Pagination total={totalPages} value={page} onChange={setPage} size="lg" /> : null;
  if (isPhone) {
    return (
      <Stack gap="sm" data-testid="submissions-table">
        {submissions.map((submission) => (
          <Paper
            key={submission.id}
            withBorder
            p="sm"
            data-testid="submission-row"
            data-submission-id={submission.id}
          >
            <Stack gap={4}>
              {/* The status goes under a long file name rather than squeezing it to a word per line. */}
              <Group justify="space-between" gap="xs" align="flex-start">
                <Anchor
                  component={Link}
                  to={submissionPath(submission.id)}
                  fw={600}
                  size="lg"
                  data-testid={`submission-link-${submission.id}`}
                >
                  {submissionTitle(submission, t)}
                </Anchor>
                <SubmissionStatusBadge status={submission.status} />
              </Group>
              <Text size="sm">{submissionArea(submission, t)}</Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(submission.submittedAt)} · {submitterName(submission, t)}
              </Text>
              <Text size="sm">
                {t('counts.rows')}: {formatNumber(submission.rowCount)} · {t('counts.rejected')}:{' '}
                <Text span inherit c={submission.rejectedCount > 0 ? 'red.8' : undefined} fw={600}>
                  {formatNumber(submission.rejectedCount)}
                </Text>{' '}
                · {t('counts.pending')}: {formatNumber(submission.pendingCount)}
                {submission.returnedCount > 0 ? (
                  <>
                    {' '}
                    · {t('counts.returned')}:{' '}
                    <Text span inherit c="orange.8" fw={600} data-testid="submission-returned">
                      {formatNumber(submission.returnedCount)}
                    </Text>
                  </>
                ) : null}
              </Text>
            </Stack>
          </Paper>
        ))}
        {pagination}
      </Stack>
    );
  }
  return (
    <Stack>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="submissions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('submissions.what')}</Table.Th>
              <Table.Th>{t('submissions.area')}</Table.Th>
              <Table.Th>{t('submissions.submittedBy')}</Table.Th>
              <Table.Th>{t('submissions.submittedAt')}</Table.Th>
              <Table.Th>{t('report.status')}</Table.Th>
              <Table.Th ta="right">{t('counts.rows')}</Table.Th>
              <Table.Th ta="right">{t('counts.rejected')}</Table.Th>
              <Table.Th ta="right">{t('counts.pending')}</Table.Th>
              <Table.Th ta="right">{t('counts.returned')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {submissions.map((submission) => (
              <Table.Tr key={submission.id} data-testid="submission-row" data-submission-id={submission.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={submissionPath(submission.id)}
                    fw={600}
                    data-testid={`submission-link-${submission.id}`}
                  >
                    {submissionTitle(submission, t)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{submissionArea(submission, t)}</Table.Td>
                <Table.Td>{submitterName(submission, t)}</Table.Td>
                <Table.Td>{formatDateTime(submission.submittedAt)}</Table.Td>
                <Table.Td>
                  <SubmissionStatusBadge status={submission.status} />
                </Table.Td>
                <Table.Td ta="right">{formatNumber(submission.rowCount)}</Table.Td>
                <Table.Td ta="right" c={submission.rejectedCount > 0 ? 'red.8' : undefined}>
                  {formatNumber(submission.rejectedCount)}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(submission.pendingCount)}</Table.Td>
                <Table.Td
                  ta="right"
                  c={submission.returnedCount > 0 ? 'orange.8' : undefined}
                  data-testid="submission-returned"
                >
                  {formatNumber(submission.returnedCount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination}
    </Stack>
  );
}
