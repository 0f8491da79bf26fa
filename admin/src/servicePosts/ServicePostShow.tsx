import BarChartIcon from '@mui/icons-material/BarChart';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, Show, useCanAccess, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { EmbeddedReferenceField } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import { ScopeStats } from '../reports/ScopeStats';
import { wibFormatter } from '../wib';

interface Slot {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

interface Officer {
  id: string;
  name: string;
  username: string;
  phone?: string | null;
  active?: boolean;
}

interface ServicePostRecord {
  id: string;
  code: string;
  name: string;
  rw: string;
  address: string;
  active: boolean;
  openNow: boolean;
  nextOpeningAt?: string | null;
  schedule: Slot[];
  officers?: Officer[];
}

/** "09.00" in Indonesian, "09:00" in English: the time as each language writes it. */
export const clockTime = (hhmm: string, locale: string) => {
  const t = (hhmm ?? '').slice(0, 5);
  return locale === 'id' ? t.replace(':', '.') : t;
};

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" component="h2" sx={{ display: 'block', mb: 0.5 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

const OpeningBadge = ({ record }: { record: ServicePostRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const next =
    record.nextOpeningAt && !record.openNow
      ? `${wibFormatter(intlLocale(locale), {
          weekday: 'long',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(record.nextOpeningAt))} WIB`
      : null;
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
      <Chip
        size="small"
        color={record.openNow ? 'success' : 'default'}
        variant={record.openNow ? 'filled' : 'outlined'}
        label={translate(record.openNow ? 'servicePostShow.openNow' : 'servicePostShow.closedNow')}
        data-testid="open-now"
        data-open={record.openNow ? 'true' : 'false'}
      />
      {next && (
        <Typography variant="body2" data-testid="next-opening">
          {translate('servicePostShow.nextOpening', { at: next })}
        </Typography>
      )}
      {!record.active && <Chip size="small" color="warning" label={translate('servicePostShow.inactive')} />}
    </Stack>
  );
};

const Schedule = ({ slots }: { slots: Slot[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (slots.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('servicePostShow.noSchedule')}
      </Typography>
    );
  }
  const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  return (
    <Table size="small" data-testid="post-schedule">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.servicePosts.schedule.weekday')}</TableCell>
          <TableCell>{translate('servicePostShow.hours')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((s) => (
          <TableRow key={`${s.weekday}-${s.opensAt}`} data-weekday={s.weekday}>
            <TableCell>{translate(`weekdays.${s.weekday}`)}</TableCell>
            <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {clockTime(s.opensAt, locale)}–{clockTime(s.closesAt, locale)} {translate('app.wib')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Officers = ({ officers }: { officers: Officer[] }) => {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'show' });
  if (officers.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('servicePostShow.noOfficers')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid="post-officers">
      {officers.map((o) => (
        <ListItem key={o.id} disableGutters data-username={o.username}>
          <ListItemText
            primary={canAccess ? <Link to={`/users/${encodeURIComponent(o.id)}/show`}>{o.name}</Link> : o.name}
            secondary={[o.username, o.phone].filter(Boolean).join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
};

const ServicePostDetail = () => {
  const record = useRecordContext<ServicePostRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ mt: 1 }} data-post-id={record.id}>
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
            {record.code}
          </Typography>
          <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
            {record.name}
          </Typography>
          <OpeningBadge record={record} />
          <Grid container spacing={2} sx={{ mt: 1 }}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate('resources.servicePosts.fields.kelurahan')}
              </Typography>
              <EmbeddedReferenceField source="kelurahan" reference="opds" />
            </Grid>
            <Grid size={{ xs: 12, sm: 2 }}>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate('resources.servicePosts.fields.rw')}
              </Typography>
              <Typography variant="body2">{record.rw}</Typography>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate('resources.servicePosts.fields.address')}
              </Typography>
              <Typography variant="body2">{record.address || translate('app.none')}</Typography>
            </Grid>
          </Grid>
        </CardContent>
      </Card>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.servicePosts.fields.schedule">
            <Schedule slots={record.schedule ?? []} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.servicePosts.fields.officers">
            <Officers officers={record.officers ?? []} />
          </Section>
        </Grid>
      </Grid>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1.5 }}>
            <BarChartIcon color="action" />
            <Typography variant="h6" component="h2">
              {translate('servicePostShow.stats')}
            </Typography>
          </Stack>
          <ScopeStats scope={{ servicePostId: String(record.id) }} showPrograms />
        </CardContent>
      </Card>
    </Box>
  );
};

export const ServicePostShow = () => (
  <Show component="div">
    <ServicePostDetail />
  </Show>
);
