import { useFormatters } from '../dashboard/format';
import { PeopleTable } from './PeopleTable';
import type { StaffRow } from './queries';

/** Individual performance of unit heads and staff: answers, progress notes, time to answer. */
export const StaffTable = ({ rows }: { rows: StaffRow[] }) => {
  const { number, locale } = useFormatters();
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const h = (v: number | null) => (v == null ? '—' : hours.format(v));
  return (
    <PeopleTable
      rows={rows}
      section="staff"
      testId="staff-table"
      columns={[
        { key: 'answers', render: (r) => number(r.answers) },
        { key: 'progressNotes', render: (r) => number(r.progressNotes) },
        { key: 'complaints', render: (r) => number(r.complaints) },
        { key: 'medianHoursToAnswer', label: 'median', render: (r) => h(r.medianHoursToAnswer) },
        { key: 'averageHoursToAnswer', label: 'average', render: (r) => h(r.averageHoursToAnswer) },
      ]}
    />
  );
};
