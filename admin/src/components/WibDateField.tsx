import Typography from '@mui/material/Typography';
import { sanitizeFieldRestProps, useFieldValue, useLocaleState, useTranslate, type FieldProps } from 'react-admin';
import { intlLocale } from '../providers/i18nProvider';
import { formatWib } from '../wib';

/** A date (and time) as seen in Kota Magelang, whatever the browser's time zone (see formatWib). */
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
