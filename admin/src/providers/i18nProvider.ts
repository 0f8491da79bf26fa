import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import id from '../i18n/id';
import dashboardId from '../i18n/dashboard.id';

export const DEFAULT_LOCALE = 'id';

export const LOCALES = [
  { locale: 'id', name: 'Bahasa Indonesia' },
  { locale: 'en', name: 'English' },
];

/** `Intl` locale for a console locale (dates, numbers). */
export const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID');

// Indonesian nouns do not inflect, but our messages still differ between one item
// ("Data dihapus") and several ("3 data dihapus"), so both languages use two forms.
const pluralRules = {
  pluralTypes: { twoForms: (n: number) => (n !== 1 ? 1 : 0) },
  pluralTypeToLanguages: { twoForms: ['id', 'en'] },
};

export const i18nProvider = polyglotI18nProvider(
  (locale): TranslationMessages | Promise<TranslationMessages> =>
    locale === 'en'
      ? Promise.all([import('../i18n/en'), import('../i18n/dashboard.en')]).then(([m, d]) => ({ ...m.default, ...d.default }))
      : { ...id, ...dashboardId },
  DEFAULT_LOCALE,
  LOCALES,
  { allowMissing: true, pluralRules },
);
