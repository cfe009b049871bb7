import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" data-testid="page-not-found">
      <Title order={2}>{t('error.pageNotFoundTitle')}</Title>
      <Text>{t('error.pageNotFound')}</Text>
      <Button component={Link} to="/" size="md">
        {t('nav.backHome')}
      </Button>
    </Stack>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" data-testid="page-forbidden">
      <Title order={2}>{t('error.forbiddenTitle')}</Title>
      <Text>{t('error.forbiddenPage')}</Text>
      <Button component={Link} to="/" size="md">
        {t('nav.backHome')}
      </Button>
    </Stack>
  );
}

export function PageLoader() {
  return (
    <Center py="xl" data-testid="page-loader">
      <Loader />
    </Center>
  );
}
