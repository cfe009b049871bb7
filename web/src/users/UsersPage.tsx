// Administrator: the users of Tepat, creating new ones and deactivating those who left.
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../src/auth/roles.ts';
import { api } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { ErrorAlert } from '../app/ErrorAlert.tsx';
import { RegionPicker } from '../app/RegionPicker.tsx';
import { useUser } from '../auth/session.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';

const USERS_KEY = ['users'] as const;

interface NewUser {
  username: string;
  fullName: string;
  password: string;
  role: Role | '';
  areaCode: string;
  areaRw: string;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const currentUser = useUser();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useQuery({
    queryKey: USERS_KEY,
    queryFn: async () =>
      (await api.get<{ users: (User & { areaName: string | null })[] }>('/api/users')).users,
  });
  const deactivate = useMutation({
    mutationFn: (user: User) => api.post(`/api/users/${user.id}/deactivate`),
    onSuccess: () => {
      setDeactivating(null);
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifications.show({ color: 'teal', message: t('users.deactivated'), withBorder: true });
    },
  });

  const activate = useMutation({
    mutationFn: (user: User) => api.post(`/api/users/${user.id}/activate`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifications.show({ color: 'teal', message: t('users.activated'), withBorder: true });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: error instanceof Error ? error.message : String(error),
        withBorder: true,
      }),
  });

  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button onClick={() => setCreating(true)} data-testid="users-create-open">
          {t('users.create')}
        </Button>
      </Group>
      {users.error ? <ErrorAlert error={users.error} /> : null}
      {users.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : null}
      {users.data ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.username')}</Table.Th>
                <Table.Th>{t('users.fullName')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.area')}</Table.Th>
                <Table.Th>{t('report.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id} data-testid="user-row" data-username={user.username}>
                  <Table.Td ff="monospace">{user.username}</Table.Td>
                  <Table.Td>{user.fullName}</Table.Td>
                  <Table.Td>{t(`role.${user.role}`)}</Table.Td>
                  <Table.Td data-testid="user-area">
                    {user.areaCode ? (
                      <>
                        {user.areaName ?? user.areaCode}
                        {user.areaName ? (
                          <Text span c="dimmed" size="sm">
                            {' '}
                            ({user.areaCode})
                          </Text>
                        ) : null}
                      </>
                    ) : (
                      t('area.whole')
                    )}
                    {user.areaRw ? ` · RW ${user.areaRw}` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.active === false ? 'gray' : 'green'} variant="light">
                      {user.active === false ? t('users.inactive') : t('users.active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {user.active !== false && user.id !== currentUser.id ? (
                      <Group gap={0} wrap="nowrap">
                        <Button
                          size="sm"
                          variant="subtle"
                          onClick={() => setResetting(user)}
                          data-testid={`user-reset-password-${user.username}`}
                        >
                          {t('users.resetPassword')}
                        </Button>
                        <Button
                          size="sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeactivating(user)}
                          data-testid={`user-deactivate-${user.username}`}
                        >
                          {t('users.deactivate')}
                        </Button>
                      </Group>
                    ) : null}
                    {user.active === false ? (
                      <Button
                        size="sm"
                        variant="subtle"
                        loading={activate.isPending && activate.variables?.id === user.id}
                        onClick={() => activate.mutate(user)}
                        data-testid={`user-activate-${user.username}`}
                      >
                        {t('users.activate')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />

      <Modal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={t('users.deactivate')}
        centered
      >
        <Stack>
          <Text>{t('users.deactivateConfirm', { name: deactivating?.fullName ?? '' })}</Text>
          {deactivate.error ? <ErrorAlert error={deactivate.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeactivating(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={deactivate.isPending}
              onClick={() => deactivating && deactivate.mutate(deactivating)}
              data-testid="user-deactivate-confirm"
            >
              {t('users.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function CreateUserModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [user, setUser] = useState<NewUser>({
    username: '',
    fullName: '',
    password: '',
    role: '',
    areaCode: '',
    areaRw: '',
  });
  const set = <Key extends keyof NewUser>(key: Key, value: NewUser[Key]) =>
    setUser((current) => ({ ...current, [key]: value }));
  const create = useMutation({
    mutationFn: () =>
      api.post<{ user: User }>('/api/users', {
        username: user.username.trim(),
        fullName: user.fullName.trim(),
        password: user.password,
        role: user.role,
        areaCode: user.areaCode,
        ...(user.role === 'rt_rw_head' ? { areaRw: user.areaRw.trim() } : {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: USERS_KEY });
      notifications.show({ color: 'teal', message: t('users.created'), withBorder: true });
      onClose();
    },
  });
  const needsKelurahan = user.role === 'rt_rw_head' || user.role === 'kelurahan_operator';
  const kelurahanChosen = user.areaCode.split('.').length === 4;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('users.create')} size="lg" fullScreen={window.innerWidth < 576}>
      <form onSubmit={submit} data-testid="users-create-form">
        <Stack>
          <TextInput
            label={t('users.username')}
            value={user.username}
            onChange={(event) => set('username', event.currentTarget.value)}
            autoCapitalize="none"
            required
            data-testid="users-username"
          />
          <TextInput
            label={t('users.fullName')}
            value={user.fullName}
            onChange={(event) => set('fullName', event.currentTarget.value)}
            required
            data-testid="users-full-name"
          />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            value={user.password}
            onChange={(event) => set('password', event.currentTarget.value)}
            autoComplete="new-password"
            required
            data-testid="users-password"
          />
          <Select
            label={t('users.role')}
            data={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            value={user.role || null}
            onChange={(value) => set('role', (value ?? '') as Role | '')}
            required
            allowDeselect={false}
            data-testid="users-role"
          />
          <Text size="sm" fw={500}>
            {t('users.area')}
          </Text>
          <Text size="sm" c="dimmed">
            {needsKelurahan ? t('users.areaKelurahanHint') : t('users.areaHint')}
          </Text>
          <RegionPicker
            value={user.areaCode}
            onChange={(code) => set('areaCode', code)}
            testId="users-area"
          />
          {user.role === 'rt_rw_head' ? (
            <TextInput
              label={t('field.rw')}
              value={user.areaRw}
              onChange={(event) => set('areaRw', event.currentTarget.value)}
              inputMode="numeric"
              required
              data-testid="users-area-rw"
            />
          ) : null}
          {needsKelurahan && user.areaCode && !kelurahanChosen ? (
            <Alert color="orange" variant="light">
              {t('users.areaKelurahanHint')}
            </Alert>
          ) : null}
          {create.error ? <ErrorAlert error={create.error} testId="users-create-error" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={user.role === '' || (needsKelurahan && !kelurahanChosen)}
              data-testid="users-create-submit"
            >
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
