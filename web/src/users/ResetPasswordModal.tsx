// An administrator gives a user who forgot their password a new one: asked first, then shown once to pass on.
import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose(): void }) {
  const { t } = useTranslation();
  const reset = useMutation({
    mutationFn: (target: User) => api.post<{ password: string }>(`/api/users/${target.id}/password-reset`),
  });
  const close = () => {
    reset.reset();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={close} title={t('users.resetPassword')} centered>
      {reset.data ? (
        <Stack>
          <Text>{t('users.resetPasswordDone', { name: user?.fullName ?? '' })}</Text>
          <Code block fz="lg" data-testid="user-reset-password-value">
            {reset.data.password}
          </Code>
          <Alert color="yellow" variant="light">
            {t('users.resetPasswordOnce')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="user-reset-password-close">
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text>{t('users.resetPasswordConfirm', { name: user?.fullName ?? '' })}</Text>
          {reset.error ? <ErrorAlert error={reset.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={reset.isPending}
              onClick={() => user && reset.mutate(user)}
              data-testid="user-reset-password-confirm"
            >
              {t('users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
