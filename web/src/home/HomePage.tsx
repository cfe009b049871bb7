// The first page after login, different for each role.
import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { User } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { useSession, useUser } from '../auth/session.tsx';
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
      <SubmissionsPanel
        title={t('home.recentSubmissions')}
        status="all"
        pageSize={5}
        testId="home-recent-submissions"
      />
    </Stack>
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
