import { Alert, Anchor, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { SubmissionStatus } from '../api/types.ts';
import { useIsPhone } from '../app/responsive.ts';
import { useSession, useUser } from '../auth/session.tsx';
import { SubmissionsTable } from './SubmissionsTable.tsx';

const STATUSES = ['all', 'in_review', 'reviewed', 'file_rejected'] as const;

export default function SubmissionsPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { can } = useSession();
  const isPhone = useIsPhone();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParameter = searchParams.get('status');
  const status: SubmissionStatus | 'all' = (STATUSES as readonly string[]).includes(statusParameter ?? '')
    ? (statusParameter as SubmissionStatus | 'all')
    : 'all';
  const returnedOnly = searchParams.get('returned') === '1';
  const chooseStatus = (value: string) =>
    setSearchParams({
      ...(value === 'all' ? {} : { status: value }),
      ...(returnedOnly ? { returned: '1' } : {}),
    });

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{user.role === 'rt_rw_head' ? t('nav.mySubmissions') : t('nav.submissions')}</Title>
        <Group gap="xs">
          {can('intake.submit') || can('intake.import') ? (
            <Button component={Link} to="/intake/upload" variant="light">
              {t('nav.upload')}
            </Button>
          ) : null}
          {can('intake.submit') ? (
            <Button component={Link} to="/intake/form" variant="light">
              {t('nav.form')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <SegmentedControl
        value={status}
        onChange={chooseStatus}
        data={STATUSES.map((value) => ({ value, label: t(`submissionStatus.${value}`) }))}
        fullWidth
        orientation={isPhone ? 'vertical' : 'horizontal'}
        data-testid="submissions-status-filter"
      />
      {returnedOnly ? (
        <Alert color="orange" data-testid="submissions-returned-only">
          {t('submissions.returnedOnly')}{' '}
          <Anchor
            component={Link}
            to={status === 'all' ? '/intake/submissions' : `/intake/submissions?status=${status}`}
          >
            {t('submissions.showAll')}
          </Anchor>
        </Alert>
      ) : null}
      <SubmissionsTable key={`${status}-${returnedOnly}`} status={status} returnedOnly={returnedOnly} />
    </Stack>
  );
}
