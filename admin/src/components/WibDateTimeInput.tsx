import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FieldTitle, InputHelperText, useInput, useTranslate, type Validator } from 'react-admin';
import { fromWibDayTime, toWibDayTime } from '../wib';

/** What the input holds while its text is not a date and time yet; the validator below names it. */
const UNFINISHED = 'unfinished';

const finished: Validator = (value) => (value === UNFINISHED ? 'validation.dateTime' : undefined);

/**
 * A date and time on the WIB clock, typed as "DD/MM/YYYY" and "HH:mm" (24 hours) whatever
 * the browser's language: Chromium's own picker follows the browser locale (12-hour clock,
 * month first in English) and knows nothing of WIB. The form value is an ISO instant.
 */
export const WibDateTimeInput = ({
  source,
  label,
  helperText,
  validate = [],
}: {
  source: string;
  label?: string;
  helperText?: string;
  validate?: Validator | Validator[];
}) => {
  const translate = useTranslate();
  const { field, fieldState, isRequired, id } = useInput({ source, validate: [finished, ...(Array.isArray(validate) ? validate : [validate])] });
  const [text, setText] = useState(() => toWibDayTime(field.value));
  const change = (next: { date: string; time: string }) => {
    setText(next);
    field.onChange(fromWibDayTime(next.date, next.time) ?? (next.date || next.time ? UNFINISHED : null));
  };
  const error = fieldState.invalid && (fieldState.isTouched || !!fieldState.error);
  return (
    <Stack direction="row" spacing={1} sx={{ maxWidth: 420 }} data-testid={`wib-datetime-${source}`}>
      <TextField
        id={id}
        name={`${source}.date`}
        label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
        value={text.date}
        onChange={(e) => change({ ...text, date: e.target.value })}
        onBlur={field.onBlur}
        placeholder={translate('app.datePlaceholder')}
        error={error}
        helperText={<InputHelperText error={error ? fieldState.error?.message : undefined} helperText={helperText} />}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
        sx={{ flex: 3 }}
      />
      <TextField
        name={`${source}.time`}
        label={translate('app.timeWib')}
        value={text.time}
        onChange={(e) => change({ ...text, time: e.target.value })}
        onBlur={field.onBlur}
        placeholder="09:00"
        error={error}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
        sx={{ flex: 2 }}
      />
    </Stack>
  );
};
