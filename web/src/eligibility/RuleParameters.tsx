// A rule's parameters in words for everyone, and as fields for an administrator (never raw JSON).
import { Checkbox, Chip, Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type RuleParameterValues = Record<string, unknown>;

const PROGRAMMES = ['PKH', 'BPNT', 'SEMBAKO', 'PRAKERJA', 'BST_KEMENSOS'];
// The decisions each choice parameter allows (as the server's rule schemas do).
const DECISION_CHOICES: Record<string, string[]> = {
  unknownDecision: ['pending', 'excluded'],
  decision: ['pending', 'eligible'],
};

/** "Provinsi: 31 · Program: PKH, BPNT", in the reader's language. */
export function RuleParameterSummary({ parameters }: { parameters: RuleParameterValues }) {
  const { t } = useTranslation();
  const parts = Object.entries(parameters).map(([key, value]) => {
    const label = t(`eligibility.parameter.${key}`, { defaultValue: key });
    return `${label}: ${describeValue(key, value, t)}`;
  });
  if (parts.length === 0) return null;
  return (
    <Text size="xs" c="dimmed">
      {parts.join(' · ')}
    </Text>
  );
}

function describeValue(key: string, value: unknown, t: (key: string) => string): string {
  if (typeof value === 'boolean')
    return value ? t('eligibility.parameter.yes') : t('eligibility.parameter.no');
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (key in DECISION_CHOICES) return t(`eligibility.decision.${String(value)}`);
  return String(value);
}

/** One field per parameter: choices as a select, programmes as chips, yes/no as a checkbox, text otherwise. */
export function RuleParameterFields({
  code,
  values,
  onChange,
}: {
  code: string;
  values: RuleParameterValues;
  onChange: (next: RuleParameterValues) => void;
}) {
  const { t } = useTranslation();
  const set = (key: string, value: unknown) => onChange({ ...values, [key]: value });
  return (
    <Group gap="sm" align="flex-end">
      {Object.entries(values).map(([key, value]) => {
        const label = t(`eligibility.parameter.${key}`, { defaultValue: key });
        const testId = `rule-parameter-${code}-${key}`;
        if (key in DECISION_CHOICES) {
          return (
            <Select
              key={key}
              size="xs"
              w={260}
              label={label}
              value={String(value)}
              allowDeselect={false}
              data={DECISION_CHOICES[key].map((choice) => ({
                value: choice,
                label: t(`eligibility.decision.${choice}`),
              }))}
              onChange={(choice) => choice && set(key, choice)}
              data-testid={testId}
            />
          );
        }
        if (Array.isArray(value)) {
          return (
            <Chip.Group key={key} multiple value={value.map(String)} onChange={(chosen) => set(key, chosen)}>
              <Group gap={4} data-testid={testId}>
                <Text size="xs" fw={500}>
                  {label}
                </Text>
                {PROGRAMMES.map((programme) => (
                  <Chip key={programme} value={programme} size="xs">
                    {programme}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          );
        }
        if (typeof value === 'boolean') {
          return (
            <Checkbox
              key={key}
              size="xs"
              label={label}
              checked={value}
              onChange={(event) => set(key, event.currentTarget.checked)}
              data-testid={testId}
            />
          );
        }
        return (
          <TextInput
            key={key}
            size="xs"
            w={140}
            label={label}
            value={String(value ?? '')}
            onChange={(event) => set(key, event.currentTarget.value)}
            data-testid={testId}
          />
        );
      })}
    </Group>
  );
}
