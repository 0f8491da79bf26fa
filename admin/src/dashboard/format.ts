import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { intlLocale } from '../providers/i18nProvider';

export interface Formatters {
  locale: string;
  number: (n: number) => string;
  percent: (ratio: number | null) => string;
}

/** Numbers and percentages in the console's language ("1.234", "87,5 %" in Indonesian). */
export const useFormatters = (): Formatters => {
  const [raLocale] = useLocaleState();
  return useMemo(() => {
    const locale = intlLocale(raLocale);
    const number = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      locale,
      number: (n: number) => number.format(n),
      percent: (ratio: number | null) => (ratio == null ? '—' : percent.format(ratio)),
    };
  }, [raLocale]);
};
