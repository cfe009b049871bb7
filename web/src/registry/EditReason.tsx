// What both registry edit dialogs share: saving with a reason kept in the history, and telling the outcome.
import { Button, Group, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TRegistryEditResponse } from '../../../src/registry/registry-edit-contracts.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { registryKeys } from './registry-api.ts';

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

/**
 * Saves an edit with its reason: the family's data is read again, a change is announced with the checks' notes and
 * the dialog closes; an edit that changed nothing says so and stays open.
 */
export function useRegistryEdit(
  send: (reason: string) => Promise<TRegistryEditResponse>,
  onClose: () => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [nothingChanged, setNothingChanged] = useState(false);
  const save = useMutation({
    mutationFn: () => send(reason.trim()),
    onSuccess: (outcome) => {
      void queryClient.invalidateQueries({ queryKey: registryKeys.all });
      if (outcome.changedFields.length === 0) {
        setNothingChanged(true);
        return;
      }
      notifications.show({
        color: outcome.warnings.length > 0 ? 'yellow' : 'teal',
        message: [t('registryEdit.saved', { count: outcome.changedFields.length }), ...outcome.warnings].join(
          ' ',
        ),
        withBorder: true,
      });
      onClose();
    },
  });
  return { reason, setReason, nothingChanged, save };
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
