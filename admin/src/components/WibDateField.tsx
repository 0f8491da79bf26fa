import Typography from '@mui/material/Typography';
import { sanitizeFieldRestProps, useFieldValue, useLocaleState, useTranslate, type FieldProps } from 'react-admin';
import { intlLocale } from '../providers/i18nProvider';

const TIME_ZONE = 'Asia/Jakarta';
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (locale: string, showTime: boolean) => {
  const key = `${locale}:${showTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      ...(showTime ? { timeStyle: 'short', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
};

/**
 * A date (and time) as seen in Kota Magelang, whatever the browser's time zone:
 * "3 Apr 2026, 09.00 WIB". Date-only values ("2026-04-03") are shown without a time.
 */
export const formatWib = (value: string | number | Date, locale: string, showTime = false): string => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const withTime = showTime && !dateOnly;
  const text = formatter(locale, withTime).format(date);
  return withTime ? `${text} WIB` : text;
};

export interface WibDateFieldProps extends FieldProps {
  showTime?: boolean;
}

export const WibDateField = ({ showTime = false, emptyText, ...props }: WibDateFieldProps) => {
  const value = useFieldValue(props);
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const rest = sanitizeFieldRestProps(props);
  if (value == null || value === '') {
    return emptyText ? (
      <Typography component="span" variant="body2" {...rest}>
        {translate(emptyText, { _: emptyText })}
      </Typography>
    ) : null;
  }
  return (
    <Typography component="span" variant="body2" {...rest}>
      {formatWib(value, intlLocale(locale), showTime)}
    </Typography>
  );
};
