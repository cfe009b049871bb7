import {
  Anchor,
  Badge,
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
import { RuleParameterFields, RuleParameterSummary, type RuleParameterValues } from './RuleParameters.tsx';

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
  const [parameters, setParameters] = useState<RuleParameterValues>(rule.parameters);
  const mutation = useMutation({
    mutationFn: (next: Rule) => updateRule(programmeId, next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: eligibilityKeys.programmes }),
  });
  const label = `${number}. ${t(`eligibility.rule.${rule.code}`)}`;
  const changed = JSON.stringify(parameters) !== JSON.stringify(rule.parameters);
  if (!editable) {
    // A disabled switch looks switched off whatever its state: a reader gets the state in words.
    return (
      <Stack gap={2} data-testid={`rule-${rule.code}`}>
        <Group gap="xs" wrap="nowrap">
          <Badge
            color={rule.enabled ? 'teal' : 'gray'}
            variant="light"
            data-testid={`rule-state-${rule.code}`}
          >
            {rule.enabled ? t('eligibility.ruleOn') : t('eligibility.ruleOff')}
          </Badge>
          <Text size="sm">{label}</Text>
        </Group>
        <RuleParameterSummary parameters={rule.parameters} />
      </Stack>
    );
  }
  return (
    <Stack gap={4} data-testid={`rule-${rule.code}`}>
      <Switch
        checked={rule.enabled}
        disabled={mutation.isPending}
        onChange={(event) =>
          mutation.mutate({
            code: rule.code,
            enabled: event.currentTarget.checked,
            parameters: rule.parameters,
          })
        }
        label={label}
        data-testid={`rule-switch-${rule.code}`}
      />
      {Object.keys(rule.parameters).length > 0 ? (
        <Group gap="xs" align="flex-end" pl={54}>
          <RuleParameterFields code={rule.code} values={parameters} onChange={setParameters} />
          <Button
            size="xs"
            variant="light"
            disabled={!changed}
            onClick={() => mutation.mutate({ code: rule.code, enabled: rule.enabled, parameters })}
            loading={mutation.isPending}
            data-testid={`rule-save-${rule.code}`}
          >
            {t('eligibility.saveParameters')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={mutation.error} />
    </Stack>
  );
}
