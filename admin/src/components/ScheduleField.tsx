import Typography from '@mui/material/Typography';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

interface Slot {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

const hhmm = (t: string) => (t ?? '').slice(0, 5);

/** "Senin, Kamis 09:00–12:00 WIB": days sharing the same hours are grouped. */
export const ScheduleField = (props: FieldProps) => {
  const value = useFieldValue(props) as Slot[] | null | undefined;
  const translate = useTranslate();
  if (!Array.isArray(value) || value.length === 0) return null;
  const groups = new Map<string, number[]>();
  for (const slot of [...value].sort((a, b) => a.weekday - b.weekday)) {
    const hours = `${hhmm(slot.opensAt)}–${hhmm(slot.closesAt)}`;
    groups.set(hours, [...(groups.get(hours) ?? []), slot.weekday]);
  }
  const text = [...groups.entries()].map(([hours, days]) => `${days.map((d) => translate(`weekdays.${d}`)).join(', ')} ${hours}`).join('; ');
  return (
    <Typography component="span" variant="body2">
      {text} {translate('app.wib')}
    </Typography>
  );
};
