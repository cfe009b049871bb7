import { Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useSession } from './session.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={from} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      await login(username.trim(), password);
      navigate(from, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Center mih="100vh" p="sm" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" w="100%" maw={420}>
        <form onSubmit={onSubmit} data-testid="login-form">
          <Stack>
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Title order={1} c="teal.8">
                  Tepat
                </Title>
                <Text size="sm" c="dimmed">
                  {t('app.tagline')}
                </Text>
              </Stack>
              <LanguageSwitch />
            </Group>
            <Title order={2} size="h3">
              {t('login.title')}
            </Title>
            {error ? <LoginError error={error} /> : null}
            <TextInput
              label={t('login.username')}
              value={username}
              onChange={(event) => setUsername(event.currentTarget.value)}
              autoComplete="username"
              autoCapitalize="none"
              required
              data-testid="login-username"
            />
            <PasswordInput
              label={t('login.password')}
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              autoComplete="current-password"
              required
              data-testid="login-password"
            />
            <Button type="submit" size="lg" loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function LoginError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.code === 'invalid_credentials') {
    return (
      <Text c="red.8" fw={500} role="alert" data-testid="login-error">
        {t('login.invalidCredentials')}
      </Text>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Text c="red.8" fw={500} role="alert" data-testid="login-error">
        {t('login.tooManyAttempts')}
      </Text>
    );
  }
  return <ErrorAlert error={error} testId="login-error" />;
}
