import {
  Anchor,
  AppShell,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useUser } from '../auth/session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { navigationFor } from './navigation.ts';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { useRegionName } from './region-name.ts';
import { PageLoader } from './StatusPages.tsx';

function isActive(itemPath: string, currentPath: string): boolean {
  if (itemPath === '/') return currentPath === '/';
  return currentPath === itemPath || currentPath.startsWith(`${itemPath}/`);
}

/** The frame of every signed-in page: header with menu button, side navigation (a drawer on phones). */
export function Layout() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const areaName = useRegionName(user.areaCode);

  const onLogout = async () => {
    close();
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="md"
              aria-label={t('nav.menu')}
              data-testid="nav-burger"
            />
            <Title order={3} c="teal.8">
              <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }} onClick={close}>
                Tepat
              </Link>
            </Title>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" data-testid="navbar">
        <AppShell.Section>
          <Stack gap={0} mb="sm">
            <Text fw={600} data-testid="current-user">
              {user.fullName}
            </Text>
            <Text size="sm" c="dimmed" data-testid="current-user-area">
              {t(`role.${user.role}`)} ·{' '}
              {user.areaCode
                ? areaName
                  ? `${areaName} (${user.areaCode})`
                  : user.areaCode
                : t('area.whole')}
              {user.areaRw ? ` · RW ${user.areaRw}` : ''}
            </Text>
            <Anchor
              component={Link}
              to="/account/password"
              size="sm"
              onClick={close}
              data-testid="nav-change-password"
            >
              {t('password.title')}
            </Anchor>
          </Stack>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {navigationFor(user).map((item) => (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={t(item.labelKey)}
              active={isActive(item.path, location.pathname)}
              onClick={close}
              data-testid={item.testId}
              py="md"
              styles={{ label: { fontSize: 'var(--mantine-font-size-md)' } }}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Button
            variant="light"
            color="gray"
            fullWidth
            size="md"
            onClick={onLogout}
            data-testid="logout-button"
          >
            {t('nav.logout')}
          </Button>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <PageErrorBoundary key={location.pathname}>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
