// The family page's verification part: each member's status and reasons in the current run of the family's area.
import { Badge, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime } from '../app/format.ts';
import { getHouseholdVerification, verificationKeys } from './verification-api.ts';

const STATUS_COLOURS: Record<string, string> = {
  clear: 'green',
  no_nik: 'orange',
  needs_review: 'orange',
  moved: 'orange',
  deceased: 'dark',
};

export function FamilyVerificationSection({
  householdId,
  memberNames,
}: {
  householdId: number;
  memberNames: Map<number, string>;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: verificationKeys.household(householdId),
    queryFn: () => getHouseholdVerification(householdId),
  });
  const reasonText = (reason: string) => {
    const [code, source] = reason.split(':');
    return t(`verification.reason.${code}`, { defaultValue: reason, source });
  };
  return (
    <Stack gap="xs" data-testid="household-verification">
      <Title order={3} size="h4">
        {t('verification.family.title')}
      </Title>
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.isPending ? <Loader size="sm" /> : null}
      {query.data && query.data.runId === null ? (
        <Text c="dimmed" data-testid="household-verification-none">
          {t('verification.family.none')}
        </Text>
      ) : null}
      {query.data && query.data.runId !== null ? (
        <>
          <Text size="sm" c="dimmed">
            {t('verification.family.run', {
              id: query.data.runId,
              at: query.data.finishedAt ? formatDateTime(query.data.finishedAt) : '',
            })}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('verification.family.member')}</Table.Th>
                  <Table.Th>{t('verification.family.status')}</Table.Th>
                  <Table.Th>{t('verification.family.reasons')}</Table.Th>
                  <Table.Th>{t('verification.family.matched')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.members.map((member) => (
                  <Table.Tr key={member.memberId} data-testid="household-verification-member">
                    <Table.Td>{memberNames.get(member.memberId) ?? `#${member.memberId}`}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOURS[member.status] ?? 'red'} variant="light">
                        {t(`verification.personStatus.${member.status}`, { defaultValue: member.status })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{member.reasons.map(reasonText).join('; ') || '–'}</Table.Td>
                    <Table.Td>
                      {member.matchedSource
                        ? `${member.matchedSource === 'registry' ? t('verification.family.registry') : member.matchedSource}${member.matchedRef ? ` · ${member.matchedRef}` : ''}`
                        : '–'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}
