import {
  Alert,
  Anchor,
  Breadcrumbs,
  Center,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { RowFilter } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime } from '../app/format.ts';
import { useSession } from '../auth/session.tsx';
import { SubmissionStatusBadge } from './badges.tsx';
import { getSubmission, intakeKeys } from './intake-api.ts';
import { SubmissionReport } from './SubmissionReport.tsx';
import { submissionArea, submissionTitle, submitterName } from './SubmissionsTable.tsx';

export default function SubmissionDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const submissionId = Number(useParams().submissionId);
  // ?filter=returned opens the report on those rows (the head's list of submissions with returned rows).
  const filterParameter = useSearchParams()[0].get('filter');
  const defaultFilter: RowFilter | undefined = filterParameter === 'returned' ? 'returned' : undefined;
  const query = useQuery({
    queryKey: intakeKeys.submission(submissionId),
    queryFn: () => getSubmission(submissionId),
    enabled: Number.isInteger(submissionId) && submissionId > 0,
  });

  const breadcrumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/intake/submissions">
        {t('nav.submissions')}
      </Anchor>
      <Text>#{Number.isInteger(submissionId) ? submissionId : '?'}</Text>
    </Breadcrumbs>
  );

  if (
    !Number.isInteger(submissionId) ||
    submissionId <= 0 ||
    (query.error instanceof ApiError && query.error.status === 404)
  ) {
    return (
      <Stack>
        {breadcrumbs}
        <Alert color="orange" title={t('submission.notFoundTitle')} data-testid="submission-not-found">
          {t('submission.notFound')}
        </Alert>
      </Stack>
    );
  }
  if (query.error) {
    return (
      <Stack>
        {breadcrumbs}
        <ErrorAlert error={query.error} />
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
  const submission = query.data;
  return (
    <Stack maw={1200} data-testid="submission-detail" data-submission-id={submission.id}>
      {breadcrumbs}
      <Group justify="space-between">
        <Title order={2}>{submissionTitle(submission, t)}</Title>
        <SubmissionStatusBadge status={submission.status} />
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Detail label={t('submissions.area')} value={submissionArea(submission, t)} />
          <Detail label={t('submissions.submittedBy')} value={submitterName(submission, t)} />
          <Detail label={t('submissions.submittedAt')} value={formatDateTime(submission.submittedAt)} />
        </SimpleGrid>
      </Paper>
      {submission.fileProblems.length > 0 ? (
        <Alert color="red" variant="filled" title={t('upload.fileRejected')} data-testid="file-problems">
          <List>
            {submission.fileProblems.map((problem) => (
              <List.Item key={problem.message}>{problem.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {submission.status !== 'file_rejected' ? (
        <SubmissionReport
          submission={submission}
          reviewable={can('intake.review')}
          defaultFilter={defaultFilter}
        />
      ) : null}
    </Stack>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}
