// The family page's eligibility part: its decision in every recipient list still in force, with the reasons.
import { Anchor, Badge, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../app/format.ts';
import { QuerySection } from '../app/QuerySection.tsx';
import { useUser } from '../auth/session.tsx';
import { eligibilityKeys, getHouseholdDecisions } from './eligibility-api.ts';

const DECISION_COLOURS = { eligible: 'green', excluded: 'red', pending: 'orange' } as const;

export function FamilyDecisionsSection({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  // A user of one RW reads a family's decision but not the kelurahan's list (the server refuses it).
  const opensLists = !useUser().areaRw;
  const query = useQuery({
    queryKey: eligibilityKeys.householdDecisions(householdId),
    queryFn: () => getHouseholdDecisions(householdId),
  });
  return (
    <QuerySection
      title={t('eligibility.familyDecisions.title')}
      testId="household-decisions"
      query={query}
      isEmpty={(rows) => rows.length === 0}
      emptyText={t('eligibility.familyDecisions.none')}
    >
      {(rows) => (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('eligibility.period')}</Table.Th>
                <Table.Th>{t('eligibility.listStatus')}</Table.Th>
                <Table.Th>{t('eligibility.decisionFilter')}</Table.Th>
                <Table.Th>{t('eligibility.amount')}</Table.Th>
                <Table.Th>{t('eligibility.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.determinationId} data-testid="household-decision">
                  <Table.Td>
                    {opensLists ? (
                      <Anchor component={Link} to={`/determinations/${row.determinationId}`}>
                        {row.programmeName} · {row.periods.join(' + ')}
                      </Anchor>
                    ) : (
                      `${row.programmeName} · ${row.periods.join(' + ')}`
                    )}
                  </Table.Td>
                  <Table.Td>{t(`eligibility.status.${row.listStatus}`)}</Table.Td>
                  <Table.Td>
                    <Badge color={DECISION_COLOURS[row.decision]} variant="light">
                      {t(`eligibility.decision.${row.decision}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{row.decision === 'eligible' ? `Rp${formatNumber(row.amount)}` : '–'}</Table.Td>
                  <Table.Td>{row.reasons.join('; ') || '–'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QuerySection>
  );
}
