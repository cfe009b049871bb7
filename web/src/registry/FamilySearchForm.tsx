import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** One box for a name, NIK or KK number; used on the search page and on home pages. */
export function FamilySearchForm({
  initialQuery = '',
  onSearch,
}: {
  initialQuery?: string;
  onSearch(q: string): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initialQuery);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(query.trim());
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label={t('search.label')}
          description={t('search.hint')}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          data-testid="household-search-input"
        />
        <Button type="submit" data-testid="household-search-submit">
          {t('search.submit')}
        </Button>
      </Group>
    </form>
  );
}
