import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useQuery } from '@tanstack/react-query';
import Button from '@mui/material/Button';
import { Link, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { client } from '../providers/apolloClient';
import { intlLocale } from '../providers/i18nProvider';
import { formatWib } from '../wib';
import { HOLIDAY_COVERAGE, HOLIDAY_COVERAGE_KEY, type HolidayCoverage } from './queries';

/** For those who keep the holiday calendar: deadlines on working days need it known ahead. */
export const CoverageWarning = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { canAccess } = useCanAccess({ resource: 'holidays', action: 'create' });
  const { data: c } = useQuery({
    queryKey: HOLIDAY_COVERAGE_KEY,
    enabled: !!canAccess,
    queryFn: async () =>
      (await client.query<{ holidayCoverage: HolidayCoverage }>({ query: HOLIDAY_COVERAGE, fetchPolicy: 'network-only' })).data.holidayCoverage,
  });
  if (!canAccess || !c || c.sufficient) return null;
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      data-testid="holiday-coverage-warning"
      action={
        <Button component={Link} to="/holidays" color="inherit" size="small">
          {translate('holidayCoverage.open')}
        </Button>
      }
    >
      <AlertTitle>{translate('holidayCoverage.title')}</AlertTitle>
      {c.coveredUntil
        ? translate('holidayCoverage.short', { until: formatWib(c.coveredUntil, intlLocale(locale)), days: c.daysAhead, minimum: c.minimumDays })
        : translate('holidayCoverage.none', { minimum: c.minimumDays })}
    </Alert>
  );
};
