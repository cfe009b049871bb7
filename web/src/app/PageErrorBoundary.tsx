import { Alert, Button, Stack } from '@mantine/core';
import { Component, type ReactNode } from 'react';
import { i18n } from '../i18n/i18n.ts';

/** Keeps the menu usable when one page fails to render; the page can be reloaded from here. */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Stack align="flex-start" data-testid="page-crashed">
        <Alert color="red" title={i18n.t('error.title')}>
          {i18n.t('error.unexpected')}
        </Alert>
        <Button onClick={() => window.location.reload()}>{i18n.t('error.reload')}</Button>
      </Stack>
    );
  }
}
