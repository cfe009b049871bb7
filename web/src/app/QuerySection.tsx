// A titled part of a page showing one query: its error, a loader while it loads, a line when there is nothing.
import { Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

export function QuerySection<Data>({
  title,
  testId,
  query,
  isEmpty,
  emptyText,
  children,
}: {
  title: string;
  /** The section's test id; its "nothing" line gets `${testId}-none`. */
  testId: string;
  query: UseQueryResult<Data>;
  isEmpty: (data: Data) => boolean;
  emptyText: string;
  children: (data: Data) => ReactNode;
}) {
  const data = query.data;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {query.isPending ? <Loader size="sm" /> : null}
      {data !== undefined && isEmpty(data) ? (
        <Text c="dimmed" data-testid={`${testId}-none`}>
          {emptyText}
        </Text>
      ) : null}
      {data !== undefined && !isEmpty(data) ? children(data) : null}
    </Stack>
  );
}
