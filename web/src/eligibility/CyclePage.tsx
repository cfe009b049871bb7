import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../app/format.ts';
import { useSession } from '../auth/session.tsx';
import { eligibilityKeys, getCycle, prepareList } from './eligibility-api.ts';

/** One cycle: each kota of the programme with its list (prepared or signed) and the prepare action. */
export default function CyclePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const cycleId = Number(useParams().cycleId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: eligibilityKeys.cycle(cycleId), queryFn: () => getCycle(cycleId) });
  const prepare = useMutation({
    mutationFn: (kotaCode: string) => prepareList(cycleId, kotaCode),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.all });
      navigate(`/determinations/${result.determinationId}`);
    },
  });
  if (query.isPending) return <Loader />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const { cycle, determinations, kotas } = query.data;
  return (
    <Stack maw={1100}>
      <Title order={2}>
        {cycle.programmeName} · {cycle.periods.join(' + ')}
      </Title>
      <Text c="dimmed">
        Rp{formatNumber(cycle.amount)} {t('eligibility.perFamily')}
        {cycle.periods.length > 1 ? ` · ${t('eligibility.combinedCycle')}` : ''}
      </Text>
      <ErrorAlert error={prepare.error} testId="prepare-error" />
      <Table striped data-testid="cycle-kotas">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eligibility.kota')}</Table.Th>
            <Table.Th>{t('eligibility.listStatus')}</Table.Th>
            <Table.Th ta="right">{t('eligibility.families')}</Table.Th>
            <Table.Th ta="right">{t('eligibility.decision.eligible')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kotas.map((kota) => {
            const list = determinations.find((determination) => determination.kotaCode === kota.code);
            return (
              <Table.Tr key={kota.code} data-testid={`kota-${kota.code}`}>
                <Table.Td>
                  {kota.name} ({kota.code})
                </Table.Td>
                <Table.Td>
                  {list ? (
                    <Group gap="xs">
                      <Badge color={list.status === 'signed' ? 'green' : 'yellow'}>
                        {t(`eligibility.status.${list.status}`)}
                      </Badge>
                      <Anchor
                        component={Link}
                        to={`/determinations/${list.id}`}
                        data-testid={`list-link-${kota.code}`}
                      >
                        {formatDateTime(list.signedAt ?? list.preparedAt)}
                      </Anchor>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('eligibility.notPrepared')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">{list ? formatNumber(list.familyCount) : '–'}</Table.Td>
                <Table.Td ta="right">{list ? formatNumber(list.eligibleCount) : '–'}</Table.Td>
                <Table.Td>
                  {can('eligibility.prepare') && list?.status !== 'signed' ? (
                    <Button
                      size="xs"
                      variant="light"
                      loading={prepare.isPending && prepare.variables === kota.code}
                      onClick={() => prepare.mutate(kota.code)}
                      data-testid={`prepare-${kota.code}`}
                    >
                      {list ? t('eligibility.prepareAgain') : t('eligibility.prepare')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
