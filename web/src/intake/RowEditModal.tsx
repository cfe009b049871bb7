// Correcting a rejected row: the operator edits the values as submitted, the server checks the row again.
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CORRECTED_CELL_LIMIT } from '../../../src/intake/intake-form-limits.ts';
import type { SubmissionRow } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { ValidationBadge } from './badges.tsx';
import { correctRow, intakeKeys } from './intake-api.ts';
import { HEADER_HINT_KEYS, headerOfField, INTAKE_HEADERS, type IntakeHeader } from './intake-columns.ts';
import { RowProblems } from './RowProblems.tsx';

export function RowEditModal({
  submissionId,
  row: initialRow,
  onClose,
}: {
  submissionId: number;
  row: SubmissionRow;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [row, setRow] = useState(initialRow);
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initialRow.values }));
  const [saved, setSaved] = useState(false);
  const headers: IntakeHeader[] = [...INTAKE_HEADERS];

  const save = useMutation({
    // Only the changed cells are sent; the server keeps the others as submitted.
    mutationFn: () => {
      const changed: Record<string, string> = {};
      for (const header of headers) {
        const value = values[header] ?? '';
        if (value !== (row.values[header] ?? '')) changed[header] = value;
      }
      return correctRow(submissionId, row.rowNumber, changed);
    },
    onSuccess: (updated) => {
      setRow(updated);
      setValues({ ...updated.values });
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: intakeKeys.all });
    },
  });

  const errorsByHeader = new Map<string, string[]>();
  for (const problem of row.problems) {
    const header = headerOfField(problem.field);
    errorsByHeader.set(header, [...(errorsByHeader.get(header) ?? []), problem.message]);
  }
  const rowLevelProblems = row.problems.filter(
    (problem) => !headers.includes(headerOfField(problem.field) as IntakeHeader),
  );

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('edit.title', { rowNumber: row.rowNumber })}
      size="xl"
      fullScreen={window.innerWidth < 576}
      data-testid="edit-modal"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('edit.explanation')}
          </Text>
          {saved ? (
            <Alert
              color={row.validation === 'accepted' ? 'green' : 'red'}
              title={row.validation === 'accepted' ? t('edit.nowAccepted') : t('edit.stillRejected')}
              data-testid="edit-result"
              data-validation={row.validation}
            >
              <Stack gap="xs">
                <ValidationBadge row={row} />
                {row.problems.length > 0 ? <RowProblems row={row} /> : null}
              </Stack>
            </Alert>
          ) : null}
          {!saved && rowLevelProblems.length > 0 ? (
            <Alert color="red" variant="light">
              <RowProblems row={{ ...row, problems: rowLevelProblems }} />
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {headers.map((header) => {
              const messages = errorsByHeader.get(header);
              const hintKey = HEADER_HINT_KEYS[header];
              return (
                <TextInput
                  key={header}
                  label={t(`field.${header}`)}
                  description={hintKey ? t(hintKey) : undefined}
                  value={values[header] ?? ''}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setValues((current) => ({ ...current, [header]: value }));
                  }}
                  maxLength={CORRECTED_CELL_LIMIT}
                  error={messages ? messages.join('; ') : undefined}
                  data-testid={`edit-field-${header}`}
                />
              );
            })}
          </SimpleGrid>
          {save.error ? <ErrorAlert error={save.error} testId="edit-error" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-testid="edit-close">
              {t('common.close')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="edit-save">
              {t('edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
