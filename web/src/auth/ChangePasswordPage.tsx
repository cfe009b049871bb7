// Every signed-in user replaces their own password: the one an administrator gave them, or one that leaked.
import { Alert, Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MINIMUM_PASSWORD_LENGTH } from '../../../src/auth/password-policy.ts';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);
  const mismatch = repeated !== '' && repeated !== newPassword;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setChanged(false);
    setSubmitting(true);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      setChanged(true);
      setCurrentPassword('');
      setNewPassword('');
      setRepeated('');
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack maw={520}>
      <Title order={2}>{t('password.title')}</Title>
      <Text>{t('password.intro')}</Text>
      {changed ? (
        <Alert color="teal" title={t('password.changed')} data-testid="password-changed">
          {t('password.changedHelp')}
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} testId="password-error" /> : null}
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} data-testid="password-form">
          <Stack>
            <PasswordInput
              label={t('password.current')}
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.currentTarget.value)}
              autoComplete="current-password"
              required
              data-testid="password-current"
            />
            <PasswordInput
              label={t('password.new')}
              description={t('password.newHint', { count: MINIMUM_PASSWORD_LENGTH })}
              value={newPassword}
              onChange={(event) => setNewPassword(event.currentTarget.value)}
              autoComplete="new-password"
              minLength={MINIMUM_PASSWORD_LENGTH}
              required
              data-testid="password-new"
            />
            <PasswordInput
              label={t('password.repeat')}
              value={repeated}
              onChange={(event) => setRepeated(event.currentTarget.value)}
              autoComplete="new-password"
              error={mismatch ? t('password.mismatch') : undefined}
              required
              data-testid="password-repeat"
            />
            <Button
              type="submit"
              loading={submitting}
              disabled={mismatch || repeated === ''}
              data-testid="password-submit"
            >
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
