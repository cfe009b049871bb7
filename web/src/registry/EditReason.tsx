// What both registry edit dialogs end with: the reason kept in the history, the save button and the outcome.
import { Alert, Button, Group, List, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../app/ErrorAlert.tsx';

export const MINIMUM_REASON_LENGTH = 5;

export function EditReason({
  reason,
  onReasonChange,
  saving,
  error,
  nothingChanged,
  onCancel,
}: {
  reason: string;
  onReasonChange(reason: string): void;
  saving: boolean;
  error: unknown;
  nothingChanged: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Textarea
        label={t('registryEdit.reason')}
        description={t('registryEdit.reasonHint')}
        value={reason}
        onChange={(event) => onReasonChange(event.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
        required
        data-testid="edit-reason"
      />
      {nothingChanged ? (
        <Text size="sm" c="dimmed" data-testid="edit-nothing-changed">
          {t('registryEdit.nothingChanged')}
        </Text>
      ) : null}
      {error ? <ErrorAlert error={error} testId="edit-error" /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button
          type="submit"
          loading={saving}
          disabled={reason.trim().length < MINIMUM_REASON_LENGTH}
          data-testid="edit-save"
        >
          {t('registryEdit.save')}
        </Button>
      </Group>
    </>
  );
}

/** The checks' notes on a saved edit (an NIK of a region since split, say). */
export function EditWarnings({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" title={t('registryEdit.warnings')} data-testid="edit-warnings">
      <List size="sm">
        {warnings.map((warning) => (
          <List.Item key={warning}>{warning}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** '04/03/2021' (as typed) → '2021-03-04'; undefined when it is not a day of the calendar. */
export function isoFromTyped(typed: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed.trim());
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** '2021-03-04' → '04/03/2021', the order of the KK. */
export function typedFromIso(iso: string | null): string {
  if (!iso) return '';
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
