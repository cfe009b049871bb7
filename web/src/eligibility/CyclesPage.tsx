import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { formatNumber } from '../app/format.ts';
import { useSession } from '../auth/session.tsx';
import {
  createCycle,
  eligibilityKeys,
  getCycles,
  getProgrammes,
  type Programme,
  type Rule,
  updateRule,
} from './eligibility-api.ts';

/** Payment cycles of the programmes, opening a new cycle, and the programme rules (administrators change them). */
export default function CyclesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const cycles = useQuery({ queryKey: eligibilityKeys.cycles, queryFn: getCycles });
  const programmes = useQuery({ queryKey: eligibilityKeys.programmes, queryFn: getProgrammes });
  return (
    <Stack maw={1100}>
      <Title order={2}>{t('eligibility.cyclesTitle')}</Title>
      {can('eligibility.prepare') || can('eligibility.manage') ? <NewCycleForm /> : null}
      <ErrorAlert error={cycles.error} />
      <Table striped data-testid="cycle-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('eligibility.programme')}</Table.Th>
            <Table.Th>{t('eligibility.period')}</Table.Th>
            <Table.Th ta="right">{t('eligibility.amountPerFamily')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(cycles.data ?? []).map((cycle) => (
            <Table.Tr key={cycle.id}>
              <Table.Td>{cycle.programmeName}</Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/cycles/${cycle.id}`}
                  data-testid={`cycle-link-${cycle.period}`}
                >
                  {cycle.periods.join(' + ')}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">Rp{formatNumber(cycle.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {cycles.data?.length === 0 ? <Text c="dimmed">{t('eligibility.noCycles')}</Text> : null}
      <ErrorAlert error={programmes.error} />
      {(programmes.data ?? []).map((programme) => (
        <ProgrammeRules key={programme.id} programme={programme} editable={can('eligibility.manage')} />
      ))}
    </Stack>
  );
}

function NewCycleForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState('');
  const [months, setMonths] = useState('1');
  const mutation = useMutation({
    mutationFn: () => createCycle({ programmeCode: 'BST-PROV', period, months: Number(months) }),
    onSuccess: async (cycle) => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.cycles });
      navigate(`/cycles/${cycle.id}`);
    },
  });
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}>{t('eligibility.newCycle')}</Text>
        <Group align="flex-end">
          <TextInput
            label={t('eligibility.period')}
            placeholder="2021-07"
            value={period}
            onChange={(event) => setPeriod(event.currentTarget.value)}
            data-testid="cycle-period"
          />
          <SegmentedControl
            value={months}
            onChange={setMonths}
            data={[
              { value: '1', label: t('eligibility.oneMonth') },
              { value: '2', label: t('eligibility.twoMonths') },
            ]}
          />
          <Button onClick={() => mutation.mutate()} loading={mutation.isPending} data-testid="cycle-create">
            {t('eligibility.openCycle')}
          </Button>
        </Group>
        <ErrorAlert error={mutation.error} />
      </Stack>
    </Card>
  );
}

function ProgrammeRules({ programme, editable }: { programme: Programme; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="programme-rules">
      <Stack gap="xs">
        <Text fw={600}>
          {programme.name} · Rp{formatNumber(programme.amountPerCycle)} {t('eligibility.perFamilyPerCycle')}
        </Text>
        {programme.rules.map((rule, index) => (
          <RuleRow
            key={rule.code}
            number={index + 1}
            programmeId={programme.id}
            rule={rule}
            editable={editable}
          />
        ))}
      </Stack>
    </Card>
  );
}

function RuleRow({
  number,
  programmeId,
  rule,
  editable,
}: {
  number: number;
  programmeId: number;
  rule: Rule;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [parameters, setParameters] = useState(JSON.stringify(rule.parameters));
  const mutation = useMutation({
    mutationFn: (next: Rule) => updateRule(programmeId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eligibilityKeys.programmes }),
  });
  const save = (enabled: boolean) => {
    let parsed: Record<string, unknown> = rule.parameters;
    try {
      parsed = JSON.parse(parameters) as Record<string, unknown>;
    } catch {
      // Kept as before; the server names what is wrong with the parameters.
    }
    mutation.mutate({ code: rule.code, enabled, parameters: parsed });
  };
  return (
    <Stack gap={4} data-testid={`rule-${rule.code}`}>
      <Group justify="space-between" wrap="nowrap">
        <Switch
          checked={rule.enabled}
          disabled={!editable || mutation.isPending}
          onChange={(event) => save(event.currentTarget.checked)}
          label={`${number}. ${t(`eligibility.rule.${rule.code}`)}`}
          data-testid={`rule-switch-${rule.code}`}
        />
        {editable && Object.keys(rule.parameters).length > 0 ? (
          <Group gap="xs" wrap="nowrap">
            <TextInput
              size="xs"
              w={360}
              value={parameters}
              onChange={(event) => setParameters(event.currentTarget.value)}
              aria-label={t('eligibility.parameters')}
            />
            <Button size="xs" variant="light" onClick={() => save(rule.enabled)} loading={mutation.isPending}>
              {t('eligibility.saveParameters')}
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed" ff="monospace">
            {JSON.stringify(rule.parameters)}
          </Text>
        )}
      </Group>
      <ErrorAlert error={mutation.error} />
    </Stack>
  );
}
