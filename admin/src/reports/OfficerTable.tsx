import Typography from '@mui/material/Typography';
import { useFormatters } from '../dashboard/format';
import { PeopleTable } from './PeopleTable';
import type { OfficerRow } from './queries';

/** Madiun's officer appreciation: what each officer and admin recorded, verified and forwarded. */
export const OfficerTable = ({ rows }: { rows: OfficerRow[] }) => {
  const { number, percent } = useFormatters();
  return (
    <PeopleTable
      rows={rows}
      section="officers"
      testId="officer-table"
      columns={[
        { key: 'recorded', render: (r) => number(r.recorded) },
        { key: 'verified', render: (r) => number(r.verified) },
        { key: 'forwarded', render: (r) => number(r.forwarded) },
        {
          key: 'forwardedOnTime',
          render: (r) => (
            <>
              {number(r.forwardedOnTime)}
              {r.forwarded > 0 && (
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                  ({percent(r.forwardedOnTime / r.forwarded)})
                </Typography>
              )}
            </>
          ),
        },
      ]}
    />
  );
};
