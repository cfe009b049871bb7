import { SegmentedControl } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n/i18n.ts';

/** Bahasa Indonesia / English, remembered on this device. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const choose = (language: Language) => {
    changeLanguage(language);
    // The server words row problems and refusals in the request's language: everything shown is asked again.
    void queryClient.invalidateQueries();
  };
  return (
    <SegmentedControl
      data-testid="language-switch"
      aria-label={t('language.label')}
      size="sm"
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={(value) => choose(value as Language)}
      data={[
        { value: 'id', label: <span data-testid="language-id">ID</span> },
        { value: 'en', label: <span data-testid="language-en">EN</span> },
      ]}
    />
  );
}
