// The first page after login, different for each role.
import { Alert, Anchor, Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { User } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { useSession, useUser } from '../auth/session.tsx';
import { intakeKeys, listSubmissions } from '../intake/intake-api.ts';
import { SubmissionsTable } from '../intake/SubmissionsTable.tsx';
import { FamilySearchForm } from '../registry/FamilySearchForm.tsx';
import { getRegistrySummary, registryKeys } from '../registry/registry-api.ts';

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Stack maw={1200} data-testid="home-page" data-role={user.role}>
      <Stack gap={0}>
        <Title order={2}>{t('home.welcome', { name: user.fullName })}</Title>
        <Text c="dimmed">{t(`home.intro.${user.role}`)}</Text>
      </Stack>
      <RoleHome user={user} />
    </Stack>
  );
}

function RoleHome({ user }: { user: User }) {
  switch (user.role) {
    case 'rt_rw_head':
      return <NeighbourhoodHeadHome />;
    case 'kelurahan_operator':
      return <KelurahanOperatorHome />;
    case 'administrator':
      return <AdministratorHome />;
    default:
      return <OfficeHome />;
  }
}

function BigButton({
  to,
  label,
  description,
  testId,
}: {
  to: string;
  label: string;
  description: string;
  testId: string;
}) {
  return (
    <Button
      component={Link}
      to={to}
      size="xl"
      h="auto"
      py="lg"
      fullWidth
      data-testid={testId}
      styles={{ inner: { justifyContent: 'flex-start' }, label: { whiteSpace: 'normal', textAlign: 'left' } }}
    >
      <Stack gap={2} align="flex-start">
        <Text fw={700} size="xl" inherit>
          {label}
        </Text>
        <Text size="sm" fw={400}>
          {description}
        </Text>
      </Stack>
    </Button>
  );
}

// An RT/RW head sees at once what became of their latest lists: waiting, rejected rows, rows returned.
function NeighbourhoodHeadHome() {
  const { t } = useTranslation();
  return (
    <Stack>
      <NeighbourhoodHeadActions />
      <ReturnedRowsNotice />
      <SubmissionsPanel
        title={t('home.recentSubmissions')}
        status="all"
        pageSize={5}
        testId="home-recent-submissions"
      />
    </Stack>
  );
}

// Enough for any RT/RW head's submissions with returned rows (the server's largest page).
const RETURNED_PAGE_SIZE = 500;

/** Rows the kelurahan returned, in any of the head's submissions, not only the latest five listed below. */
function ReturnedRowsNotice() {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: intakeKeys.submissions('all', 1, RETURNED_PAGE_SIZE, true),
    queryFn: () => listSubmissions('all', 1, RETURNED_PAGE_SIZE, true),
  });
  const returned = (query.data?.submissions ?? []).reduce(
    (sum, submission) => sum + submission.returnedCount,
    0,
  );
  if (returned === 0) return null;
  return (
    <Alert color="orange" variant="light" data-testid="home-returned-rows">
      <Stack gap={4}>
        <Text fw={700}>{t('home.returnedRows', { count: returned, formatted: formatNumber(returned) })}</Text>
        <Anchor component={Link} to="/intake/submissions?returned=1" fw={600}>
          {t('home.returnedRowsLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function NeighbourhoodHeadActions() {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <BigButton
        to="/intake/upload"
        label={t('home.upload')}
        description={t('home.uploadHelp')}
        testId="home-upload"
      />
      <BigButton
        to="/intake/form"
        label={t('home.form')}
        description={t('home.formHelp')}
        testId="home-form"
      />
      <BigButton
        to="/intake/submissions"
        label={t('home.mySubmissions')}
        description={t('home.mySubmissionsHelp')}
        testId="home-my-submissions"
      />
    </SimpleGrid>
  );
}

function WaitingReview() {
  const { t } = useTranslation();
  return (
    <SubmissionsPanel
      title={t('home.waitingReview')}
      status="in_review"
      pageSize={10}
      testId="home-waiting-review"
    />
  );
}

function SubmissionsPanel({
  title,
  status,
  pageSize,
  testId,
}: {
  title: string;
  status: 'in_review' | 'all';
  pageSize: number;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack>
        <Title order={3} size="h4">
          {title}
        </Title>
        <SubmissionsTable status={status} pageSize={pageSize} />
      </Stack>
    </Paper>
  );
}

function KelurahanOperatorHome() {
  return (
    <Stack>
      <SummaryCards />
      <WaitingReview />
      <HomeSearch />
    </Stack>
  );
}

function OfficeHome() {
  const { can } = useSession();
  return (
    <Stack>
      <SummaryCards />
      <HomeSearch />
      {can('intake.review') ? <WaitingReview /> : null}
    </Stack>
  );
}

function AdministratorHome() {
  const { t } = useTranslation();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <BigButton
          to="/users"
          label={t('home.users')}
          description={t('home.usersHelp')}
          testId="home-users"
        />
        <BigButton
          to="/intake/upload"
          label={t('home.upload')}
          description={t('home.importHelp')}
          testId="home-upload"
        />
      </SimpleGrid>
      <SummaryCards />
    </Stack>
  );
}

function HomeSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">
          {t('search.title')}
        </Title>
        <FamilySearchForm
          onSearch={(q) => navigate(q ? `/households?q=${encodeURIComponent(q)}` : '/households')}
        />
      </Stack>
    </Paper>
  );
}

function SummaryCards() {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: registryKeys.summary, queryFn: getRegistrySummary });
  if (summary.error) return <ErrorAlert error={summary.error} />;
  const keys = ['households', 'members', 'submissionsInReview', 'rowsRejected', 'rowsPending'] as const;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" data-testid="summary-cards">
      {keys.map((key) => (
        <Paper key={key} withBorder p="sm" data-testid={`summary-${key}`}>
          <Text size="sm" c="dimmed">
            {t(`summary.${key}`)}
          </Text>
          <Text fw={700} size="xl">
            {summary.data ? formatNumber(summary.data[key]) : '…'}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
