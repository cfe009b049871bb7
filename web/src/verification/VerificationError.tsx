import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorAlert, errorTitleKey } from '../app/ErrorAlert.tsx';

const KNOWN_CODES = [
  'same_reviewer',
  'already_decided',
  'reason_required',
  'no_merge_awaiting',
  'family_already_merged',
  'thresholds_order',
  'thresholds_invalid',
  'verification_busy',
];

/** A refusal of the verification API in the reader's language when its code is known; otherwise as usual. */
export function VerificationError({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && KNOWN_CODES.includes(error.code)) {
    return (
      <Alert
        color="red"
        variant="light"
        title={t(errorTitleKey(error))}
        data-testid={testId}
        data-error-code={error.code}
        role="alert"
      >
        {t(`verification.error.${error.code}`, { defaultValue: error.message })}
      </Alert>
    );
  }
  return <ErrorAlert error={error} testId={testId} />;
}
