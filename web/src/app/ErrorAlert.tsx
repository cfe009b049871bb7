import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

// A server's message may hold long unbroken words (field paths, file names): wrapped, not overflowing a phone.
const WRAPPED = {
  title: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
  message: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
} as const;

/** The error of a request in plain words: the server's message when it gave one, otherwise a generic sentence. */
export function ErrorAlert({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={t(errorTitleKey(error))}
      data-testid={testId}
      role="alert"
      styles={WRAPPED}
    >
      {errorMessage(error, t)}
    </Alert>
  );
}

export function errorTitleKey(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return 'error.networkTitle';
    if (error.status === 401) return 'error.sessionTitle';
    if (error.status === 403) return 'error.forbiddenTitle';
    if (error.status === 404) return 'error.notFoundTitle';
    if (error.status === 413) return 'error.tooLargeTitle';
    if (error.status === 429) return 'error.rateLimitedTitle';
  }
  return 'error.title';
}

export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.message) return error.message;
  }
  return t('error.unexpected');
}
