import { TextInput, useTranslate, type TextInputProps, type Validator } from 'react-admin';
import { fromDayText, toDayText } from '../wib';

const isDay = (value: unknown): string | undefined => (value && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? 'validation.date' : undefined);

/**
 * A calendar day typed as "DD/MM/YYYY" whatever the browser's language (Chromium's date
 * picker shows month first in English); the form value stays "YYYY-MM-DD".
 */
export const DayInput = ({ validate, ...props }: TextInputProps) => {
  const translate = useTranslate();
  const validators: Validator[] = [isDay, ...(validate ? (Array.isArray(validate) ? validate : [validate]) : [])];
  return (
    <TextInput
      {...props}
      format={toDayText}
      parse={fromDayText}
      validate={validators}
      placeholder={translate('app.datePlaceholder')}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
    />
  );
};
