import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { Household, HouseholdChange, HouseholdMember } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../app/format.ts';
import { useIsPhone } from '../app/responsive.ts';
import { useSession } from '../auth/session.tsx';
import { FamilyDecisionsSection } from '../eligibility/FamilyDecisionsSection.tsx';
import { FamilyVerificationSection } from '../verification/FamilyVerificationSection.tsx';
import { FamilyEditModal } from './FamilyEditModal.tsx';
import { MemberEditModal } from './MemberEditModal.tsx';
import { getHousehold, getHouseholdHistory, registryKeys } from './registry-api.ts';

export default function FamilyDetailPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const householdId = Number(useParams().householdId);
  const validId = Number.isInteger(householdId) && householdId > 0;
  const isPhone = useIsPhone();
  const [reveal, setReveal] = useState(false);
  const [editingFamily, setEditingFamily] = useState(false);
  const [editingMember, setEditingMember] = useState<HouseholdMember | null>(null);
  const query = useQuery({
    queryKey: registryKeys.household(householdId, false),
    queryFn: () => getHousehold(householdId, false),
    enabled: validId,
  });
  // Every reveal is a fresh, logged request; revealed numbers are not kept once hidden again.
  const revealQuery = useQuery({
    queryKey: registryKeys.household(householdId, true),
    queryFn: () => getHousehold(householdId, true),
    enabled: validId && reveal,
    gcTime: 0,
    staleTime: 0,
  });

  const breadcrumbs = (
    <Breadcrumbs>
      <Anchor component={Link} to="/households">
        {t('nav.households')}
      </Anchor>
      <Text>#{validId ? householdId : '?'}</Text>
    </Breadcrumbs>
  );

  const refusedByArea =
    !validId ||
    (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403));
  if (refusedByArea) {
    return (
      <Stack>
        {breadcrumbs}
        <Alert
          color="orange"
          title={t('household.notFoundTitle')}
          data-testid="household-not-found"
          role="alert"
        >
          {t('household.notFound')}
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
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  const revealed = reveal && revealQuery.data !== undefined && revealQuery.data.revealed !== false;
  const household = revealed && revealQuery.data ? revealQuery.data : query.data;
  const revealError = reveal ? revealQuery.error : null;
  const canEdit = can('registry.edit') && household.status !== 'merged';
  const editButton = (member: HouseholdMember) =>
    canEdit ? (
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => setEditingMember(member)}
        data-testid="member-edit"
      >
        {t('registryEdit.editMember')}
      </Button>
    ) : null;

  return (
    <Stack
      maw={1200}
      data-testid="household-detail"
      data-household-id={household.id}
      data-revealed={revealed}
    >
      {breadcrumbs}
      <Group justify="space-between">
        <Title order={2}>{t('household.title', { name: headName(household) ?? '' })}</Title>
        <Group gap="sm">
          <Badge size="lg" variant="light" data-testid="household-status">
            {t(`householdStatus.${household.status}`, { defaultValue: household.status })}
          </Badge>
          {canEdit ? (
            <Button variant="light" onClick={() => setEditingFamily(true)} data-testid="family-edit">
              {t('registryEdit.editFamily')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {editingFamily ? (
        <FamilyEditModal household={household} onClose={() => setEditingFamily(false)} />
      ) : null}
      {editingMember ? (
        <MemberEditModal
          householdId={household.id}
          member={household.members.find((member) => member.id === editingMember.id) ?? editingMember}
          onClose={() => setEditingMember(null)}
        />
      ) : null}
      {household.mergedIntoHouseholdId !== null ? (
        <Alert color="gray" data-testid="household-merged-into">
          {t('household.mergedInto')}{' '}
          <Anchor component={Link} to={`/households/${household.mergedIntoHouseholdId}`}>
            {t('household.mergedIntoLink', { id: household.mergedIntoHouseholdId })}
          </Anchor>
        </Alert>
      ) : null}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <Detail label={t('field.no_kk')} value={household.kkNumber} mono testId="household-kk" />
          <Detail label={t('field.alamat')} value={household.address ?? '–'} />
          <Detail
            label={t('household.area')}
            value={`${household.kelurahanName ?? household.kelurahanCode} · RW ${household.rw} · RT ${household.rt}`}
          />
          <Detail label={t('field.no_hp')} value={household.phone ?? '–'} mono testId="household-phone" />
          <Detail
            label={t('field.penghasilan_tetap')}
            value={yesNoText(t, household.fixedIncome)}
            testId="household-fixed-income"
          />
          <Detail
            label={t('field.terdampak_covid')}
            value={yesNoText(t, household.covidAffected)}
            testId="household-covid-affected"
          />
          {household.latitude !== null && household.longitude !== null ? (
            <Detail
              label={t('registryEdit.coordinates')}
              value={`${household.latitude}, ${household.longitude}`}
              testId="household-coordinates"
            />
          ) : null}
          <Detail label={t('field.ref')} value={household.ref ?? '–'} />
          {household.origin ? (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('household.origin')}
              </Text>
              <Text data-testid="household-origin">
                <Anchor component={Link} to={`/intake/submissions/${household.origin.submissionId}`}>
                  {t('household.originSubmission', { id: household.origin.submissionId })}
                </Anchor>{' '}
                · {household.origin.submittedBy ?? t('household.originSystem')} ·{' '}
                {formatDateTime(household.origin.submittedAt)}
              </Text>
            </Stack>
          ) : null}
          <Detail label={t('household.updatedAt')} value={formatDateTime(household.updatedAt)} />
        </SimpleGrid>
      </Paper>

      {can('registry.read_personal') ? (
        <Paper withBorder p="sm" bg="yellow.0">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" data-testid="reveal-notice" style={{ flex: '1 1 240px' }}>
              {t('household.revealNotice')}
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
              data-testid="reveal-button"
            >
              {revealed ? t('household.hideNik') : t('household.revealNik')}
            </Button>
          </Group>
          {revealError ? <ErrorAlert error={revealError} testId="reveal-error" /> : null}
        </Paper>
      ) : null}

      <Title order={3} size="h4">
        {t('household.members', { count: household.members.length })}
      </Title>
      {isPhone ? (
        <Stack gap="sm" data-testid="members-table">
          {household.members.map((member) => (
            <Paper key={member.id} withBorder p="sm" data-testid="member-row" data-member-id={member.id}>
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={700}>{member.fullName}</Text>
                  <MemberStatus member={member} />
                </Group>
                <Text size="sm" ff="monospace" data-testid="member-nik">
                  {t('field.nik')}: {member.nik ?? noNikText(t, member.nikAbsenceReason)}
                </Text>
                <Text size="sm">
                  {member.relationship
                    ? t(`relationship.${member.relationship}`, { defaultValue: member.relationship })
                    : '–'}{' '}
                  · {member.sex ? t(`sex.${member.sex}`, { defaultValue: member.sex }) : '–'} ·{' '}
                  {member.maritalStatus
                    ? t(`maritalStatus.${member.maritalStatus}`, { defaultValue: member.maritalStatus })
                    : '–'}
                </Text>
                <Text size="sm" c="dimmed">
                  {[member.birthPlace, formatDate(member.birthDate)]
                    .filter((part) => part && part !== '–')
                    .join(', ') || '–'}
                  {member.occupation ? ` · ${member.occupation}` : ''}
                </Text>
                {canEdit ? <Group justify="flex-end">{editButton(member)}</Group> : null}
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped verticalSpacing="sm" data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.nama')}</Table.Th>
                <Table.Th>{t('field.nik')}</Table.Th>
                <Table.Th>{t('field.hubungan_keluarga')}</Table.Th>
                <Table.Th>{t('field.jenis_kelamin')}</Table.Th>
                <Table.Th>{t('household.birth')}</Table.Th>
                <Table.Th>{t('field.status_perkawinan')}</Table.Th>
                <Table.Th>{t('field.pekerjaan')}</Table.Th>
                <Table.Th>{t('household.lifeStatus')}</Table.Th>
                {canEdit ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {household.members.map((member) => (
                <Table.Tr key={member.id} data-testid="member-row" data-member-id={member.id}>
                  <Table.Td fw={600}>{member.fullName}</Table.Td>
                  <Table.Td ff="monospace" data-testid="member-nik">
                    {member.nik ?? (
                      <Text span size="sm" c="orange.8">
                        {noNikText(t, member.nikAbsenceReason)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {member.relationship
                      ? t(`relationship.${member.relationship}`, { defaultValue: member.relationship })
                      : '–'}
                  </Table.Td>
                  <Table.Td>
                    {member.sex ? t(`sex.${member.sex}`, { defaultValue: member.sex }) : '–'}
                  </Table.Td>
                  <Table.Td>
                    {[member.birthPlace, formatDate(member.birthDate)]
                      .filter((part) => part && part !== '–')
                      .join(', ') || '–'}
                  </Table.Td>
                  <Table.Td>
                    {member.maritalStatus
                      ? t(`maritalStatus.${member.maritalStatus}`, { defaultValue: member.maritalStatus })
                      : '–'}
                  </Table.Td>
                  <Table.Td>{member.occupation ?? '–'}</Table.Td>
                  <Table.Td>
                    <MemberStatus member={member} />
                  </Table.Td>
                  {canEdit ? <Table.Td>{editButton(member)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <FamilyVerificationSection
        householdId={household.id}
        memberNames={new Map(household.members.map((member) => [member.id, member.fullName]))}
      />
      <FamilyDecisionsSection householdId={household.id} />
      <HouseholdHistory householdId={household.id} reveal={revealed} />
    </Stack>
  );
}

function MemberStatus({ member }: { member: HouseholdMember }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge
        color={member.lifeStatus === 'deceased' ? 'dark' : 'green'}
        variant="light"
        data-testid="member-life-status"
      >
        {t(`lifeStatus.${member.lifeStatus}`, { defaultValue: member.lifeStatus })}
        {member.deathDate ? ` ${formatDate(member.deathDate)}` : ''}
      </Badge>
      {member.moved ? (
        <Badge color="orange" variant="light" data-testid="member-moved">
          {t('household.moved')}
          {member.movedNote ? `: ${member.movedNote}` : ''}
        </Badge>
      ) : null}
      {member.deathSource ? (
        <Text size="xs" c="dimmed" w="100%" data-testid="member-death-source">
          {t('registryEdit.deathSource')}: {member.deathSource}
        </Text>
      ) : null}
    </Group>
  );
}

function headName(household: Household): string | null {
  return (
    household.members.find((member) => member.relationship === 'head')?.fullName ??
    household.members[0]?.fullName ??
    null
  );
}

function changedByName(change: HouseholdChange): string {
  if (!change.changedBy) return 'system';
  if (typeof change.changedBy === 'string') return change.changedBy;
  return change.changedBy.fullName ?? change.changedBy.username;
}

function HouseholdHistory({ householdId, reveal }: { householdId: number; reveal: boolean }) {
  const { t } = useTranslation();
  // Like the family's numbers, the history's are shown in full only while revealed (each time logged).
  const history = useQuery({
    queryKey: registryKeys.history(householdId, reveal),
    queryFn: () => getHouseholdHistory(householdId, reveal),
    gcTime: reveal ? 0 : undefined,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack data-testid="household-history">
      <Title order={3} size="h4">
        {t('history.title')}
      </Title>
      {history.error ? <ErrorAlert error={history.error} /> : null}
      {history.isPending ? <Loader size="sm" /> : null}
      {history.data && history.data.length === 0 ? (
        <Text c="dimmed" data-testid="history-empty">
          {t('history.empty')}
        </Text>
      ) : null}
      {history.data && history.data.length > 0 ? (
        <Timeline bulletSize={18} lineWidth={2} active={history.data.length}>
          {history.data.map((change, index) => (
            <Timeline.Item
              // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id in the API
              key={index}
              title={`${t(`historyField.${change.field}`, { defaultValue: change.field })}${change.memberName ? ` · ${change.memberName}` : ''}`}
              data-testid="history-item"
            >
              <Text size="sm">
                {change.oldValue === null || change.oldValue === '' ? (
                  <Text span c="dimmed" inherit>
                    {t('history.empty_value')}
                  </Text>
                ) : (
                  historyValue(t, change.field, change.oldValue)
                )}{' '}
                →{' '}
                <Text span fw={600} inherit>
                  {change.newValue === null
                    ? t('history.empty_value')
                    : historyValue(t, change.field, change.newValue)}
                </Text>
              </Text>
              <Text size="sm" data-testid="history-reason">
                {t(`historyReason.${change.reason}`, { defaultValue: change.reason })}
                {change.sourceSubmissionId !== null ? (
                  <>
                    {' '}
                    <Anchor component={Link} to={`/intake/submissions/${change.sourceSubmissionId}`} inherit>
                      #{change.sourceSubmissionId}
                    </Anchor>
                  </>
                ) : null}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(change.changedAt)} · {changedByName(change)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
    </Stack>
  );
}

function Detail({
  label,
  value,
  mono,
  testId,
}: {
  label: string;
  value: string;
  mono?: boolean;
  testId?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text ff={mono ? 'monospace' : undefined} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** "No NIK", with the documented reason when there is one. */
function noNikText(t: TFunction, reason: string | null): string {
  return reason ? t('household.noNikBecause', { reason }) : t('household.noNik');
}

function yesNoText(t: TFunction, value: boolean | null): string {
  return value === null ? t('household.notStated') : value ? t('common.yes') : t('common.no');
}

// Yes/no facts are kept in the history as PostgreSQL writes booleans as text; coded values have words.
const YES_NO_FIELDS = new Set(['fixed_income', 'covid_affected', 'moved']);
const CODED_FIELDS: Record<string, string> = {
  life_status: 'lifeStatus',
  status: 'householdStatus',
  relationship: 'relationship',
  marital_status: 'maritalStatus',
  sex: 'sex',
};

const DATE_FIELDS = new Set(['birth_date', 'death_date']);

function historyValue(t: TFunction, field: string, value: string): string {
  if (DATE_FIELDS.has(field)) return formatDate(value);
  if (YES_NO_FIELDS.has(field))
    return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
  const codes = CODED_FIELDS[field];
  return codes ? t(`${codes}.${value}`, { defaultValue: value }) : value;
}
