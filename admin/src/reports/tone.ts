/** On-time share bands the report colours by (percent, 0–100). */
export const ON_TIME_GOOD = 80;
export const ON_TIME_FAIR = 60;

export type Tone = 'success' | 'warning' | 'error' | 'default';

export const onTimeTone = (pct: number | null | undefined): Tone =>
  pct == null ? 'default' : pct >= ON_TIME_GOOD ? 'success' : pct >= ON_TIME_FAIR ? 'warning' : 'error';

/** IKM grades (PermenPAN-RB 14/2017): A sangat baik … D tidak baik. */
export const ikmTone = (grade: string | null | undefined): Tone =>
  grade === 'A' || grade === 'B' ? 'success' : grade === 'C' ? 'warning' : grade === 'D' ? 'error' : 'default';
