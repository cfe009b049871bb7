// The family page's verification part: each member's status and reasons in the current run of the family's area.
import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../app/format.ts';
import { QuerySection } from '../app/QuerySection.tsx';
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
    <QuerySection
      title={t('verification.family.title')}
      testId="household-verification"
      query={query}
      isEmpty={(view) => view.runId === null}
      emptyText={t('verification.family.none')}
    >
      {(view) => (
        <>
          <Text size="sm" c="dimmed">
            {t('verification.family.run', {
              id: view.runId,
              at: view.finishedAt ? formatDateTime(view.finishedAt) : '',
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
                {inMemberOrder(view.members, memberNames).map((member) => (
                  <Table.Tr
                    key={member.memberId}
                    data-testid="household-verification-member"
                    data-member-id={member.memberId}
                  >
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
      )}
    </QuerySection>
  );
}

/** The members in the order of the family's member table above (the map's order), unknown ones last. */
function inMemberOrder<Member extends { memberId: number }>(
  members: Member[],
  memberNames: Map<number, string>,
): Member[] {
  const position = new Map([...memberNames.keys()].map((memberId, index) => [memberId, index]));
  const rank = (member: Member) => position.get(member.memberId) ?? Number.MAX_SAFE_INTEGER;
  return [...members].sort((left, right) => rank(left) - rank(right));
}
