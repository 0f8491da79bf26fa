import InputAdornment from '@mui/material/InputAdornment';
import { TextInput, useTranslate, type TextInputProps } from 'react-admin';
import { endOfWibDay, fromDayText, startOfWibDay, toDayText, wibDay } from '../wib';

/** An instant as the WIB day "DD/MM/YYYY"; text being typed is shown as it is. */
const show = (value: unknown): string => {
  if (value == null || value === '') return '';
  const date = new Date(String(value));
  return /T/.test(String(value)) && !Number.isNaN(date.getTime()) ? toDayText(wibDay(date)) : String(value);
};

// A filter is only applied once the form is valid: unfinished text does not reach the server.
const isInstant = (value: unknown): string | undefined =>
  value == null || value === '' || (/T/.test(String(value)) && !Number.isNaN(Date.parse(String(value)))) ? undefined : 'validation.date';

/**
 * A list filter on a WIB calendar day, typed as "DD/MM/YYYY" whatever the browser's language
 * (like DayInput); the filter value is the first (`edge="start"`) or last (`edge="end"`)
 * instant of that day in WIB.
 */
export const DayFilterInput = ({ edge, ...props }: TextInputProps & { edge: 'start' | 'end' }) => {
  const translate = useTranslate();
  const parse = (text: string) => {
    const day = fromDayText(text);
    if (day == null) return '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
    return edge === 'start' ? startOfWibDay(day) : endOfWibDay(day);
  };
  return (
    <TextInput
      {...props}
      format={show}
      parse={parse}
      validate={isInstant}
      placeholder={translate('app.datePlaceholder')}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { inputMode: 'numeric', autoComplete: 'off' },
        input: { endAdornment: <InputAdornment position="end">{translate('app.wib')}</InputAdornment> },
      }}
    />
  );
};
