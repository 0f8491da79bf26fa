import type { BarRow, LegendItem, Segment } from './BarChart';
import { ANSWERED_STATUSES, AT_INTAKE_STATUSES, OPEN_STATUSES, complaintsLink, type Bucket } from './stats';

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Filter = Record<string, unknown>;

export const STATUS_COLOURS: Record<string, string> = {
  SUBMITTED: 'info.light',
  VERIFIED: 'info.main',
  FORWARDED: 'primary.main',
  IN_PROGRESS: 'warning.main',
  RESPONDED: 'success.main',
  CLOSED: 'success.dark',
  REJECTED: 'grey.500',
};

/** The three parts of every stacked bar: overdue, still open, done. */
const STACK = [
  {
    key: 'overdue',
    colour: 'error.main',
    value: (b: Bucket) => b.overdue,
    statuses: OPEN_STATUSES as readonly string[],
    extra: { overdue: true },
  },
  {
    key: 'open',
    colour: 'warning.main',
    value: (b: Bucket) => Math.max(0, b.open - b.overdue),
    statuses: OPEN_STATUSES as readonly string[],
    extra: { overdue: false },
  },
  {
    key: 'done',
    colour: 'success.main',
    value: (b: Bucket) => Math.max(0, b.total - b.open),
    statuses: [...ANSWERED_STATUSES, 'REJECTED'] as readonly string[],
    extra: {},
  },
];

export const stackLegend = (t: Translate): LegendItem[] => STACK.map((s) => ({ label: t(`dashboardStats.stack.${s.key}`), colour: s.colour }));

const intersect = (a: readonly string[], b?: readonly string[]) => (b ? a.filter((s) => b.includes(s)) : [...a]);

/**
 * One stacked bar. `base` is the list filter of the whole bar (null: the group has no
 * list filter, e.g. "no programme"); `scope` limits the statuses the group can contain.
 */
const stackedRow = (id: string, label: string, bucket: Bucket, base: Filter | null, t: Translate, scope?: readonly string[]): BarRow => {
  const withScope = (statuses?: readonly string[]): Filter | null => {
    if (!base) return null;
    const allowed = intersect(statuses ?? scope ?? [], scope);
    return statuses || scope ? { ...base, status: allowed } : { ...base };
  };
  const rowFilter = withScope();
  const segments: Segment[] = STACK.map((s) => {
    const value = s.value(bucket);
    const f = withScope(s.statuses);
    return {
      key: s.key,
      value,
      colour: s.colour,
      title: `${t(`dashboardStats.stack.${s.key}`)}: ${value}`,
      to: f && (f.status as string[]).length > 0 ? complaintsLink({ ...f, ...s.extra }) : undefined,
    };
  });
  return { id, label, total: bucket.total, to: rowFilter ? complaintsLink(rowFilter) : undefined, segments };
};

export const opdRows = (buckets: Bucket[], period: Filter, t: Translate): BarRow[] =>
  buckets.map((b) =>
    b.key == null
      ? stackedRow('intake', t('dashboardStats.charts.atIntake'), b, period, t, AT_INTAKE_STATUSES)
      : stackedRow(b.key, b.opd?.name ?? `#${b.key}`, b, { ...period, currentOpdId: b.key }, t),
  );

export const channelRows = (buckets: Bucket[], period: Filter, t: Translate): BarRow[] =>
  buckets.map((b) =>
    stackedRow(b.key ?? 'none', b.key ? t(`enums.Channel.${b.key}`, { _: b.key }) : t('app.none'), b, b.key ? { ...period, channel: b.key } : null, t),
  );

export const programRows = (buckets: Bucket[], period: Filter, t: Translate): BarRow[] =>
  buckets.map((b) =>
    stackedRow(
      b.key ?? 'none',
      b.key ? (b.program?.name ?? `#${b.key}`) : t('dashboardStats.charts.noProgram'),
      b,
      b.key ? { ...period, programId: b.key } : null,
      t,
    ),
  );

export const categoryRows = (buckets: Bucket[], period: Filter, t: Translate): BarRow[] =>
  buckets.map((b) =>
    stackedRow(
      b.key ?? 'none',
      b.key ? (b.category?.name ?? `#${b.key}`) : t('dashboardStats.charts.noCategory'),
      b,
      b.key ? { ...period, categoryId: b.key } : null,
      t,
    ),
  );

const STATUS_ORDER = Object.keys(STATUS_COLOURS);

/** One bar per status, in workflow order, coloured by status. */
export const statusRows = (buckets: Bucket[], period: Filter, t: Translate): BarRow[] =>
  [...buckets]
    .sort((a, b) => STATUS_ORDER.indexOf(a.key ?? '') - STATUS_ORDER.indexOf(b.key ?? ''))
    .map((b) => {
      const key = b.key ?? 'none';
      const label = t(`enums.ComplaintStatus.${key}`, { _: key });
      const to = complaintsLink({ ...period, status: [key] });
      return {
        id: key,
        label,
        total: b.total,
        to,
        segments: [{ key, value: b.total, colour: STATUS_COLOURS[key] ?? 'grey.500', title: `${label}: ${b.total}`, to }],
      };
    });
