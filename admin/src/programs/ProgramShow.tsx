import BarChartIcon from '@mui/icons-material/BarChart';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Show, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { EmbeddedReferenceField, formatWib } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import { ScopeStats } from '../reports/ScopeStats';

interface ProgramRecord {
  id: string;
  code: string;
  name: string;
  active: boolean;
  description: string;
  eligibility: string;
  benefits: string;
  contact: string;
  startsOn?: string | null;
  endsOn?: string | null;
}

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

const Text = ({ value }: { value?: string | null }) => {
  const translate = useTranslate();
  return value ? (
    <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {value}
    </Typography>
  ) : (
    <Typography variant="body2" color="text.secondary">
      {translate('app.none')}
    </Typography>
  );
};

/** "1 Jan 2026 – 31 Des 2026", "sejak 1 Jan 2026", "sampai …" or "tanpa batas waktu". */
const useActivePeriod = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (startsOn?: string | null, endsOn?: string | null) => {
    const d = (v: string) => formatWib(v, intlLocale(locale));
    if (startsOn && endsOn) return translate('programShow.period.between', { from: d(startsOn), to: d(endsOn) });
    if (startsOn) return translate('programShow.period.since', { from: d(startsOn) });
    if (endsOn) return translate('programShow.period.until', { to: d(endsOn) });
    return translate('programShow.period.open');
  };
};

const ProgramDetail = () => {
  const record = useRecordContext<ProgramRecord>();
  const translate = useTranslate();
  const activePeriod = useActivePeriod();
  if (!record) return null;
  return (
    <Box sx={{ mt: 1 }} data-program-id={record.id}>
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
            {record.code}
          </Typography>
          <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
            {record.name}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
            <Chip size="small" color={record.active ? 'success' : 'default'} label={translate(record.active ? 'programShow.active' : 'programShow.inactive')} />
            <Typography variant="body2" data-testid="program-period">
              {activePeriod(record.startsOn, record.endsOn)}
            </Typography>
          </Stack>
          <Box sx={{ mt: 1.5 }}>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('resources.programs.fields.ownerOpd')}
            </Typography>
            <EmbeddedReferenceField source="ownerOpd" reference="opds" emptyText="app.none" />
          </Box>
        </CardContent>
      </Card>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.programs.fields.description" testId="program-description">
            <Text value={record.description} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.programs.fields.eligibility" testId="program-eligibility">
            <Text value={record.eligibility} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.programs.fields.benefits" testId="program-benefits">
            <Text value={record.benefits} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="resources.programs.fields.contact" testId="program-contact">
            <Text value={record.contact} />
          </Section>
        </Grid>
      </Grid>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1.5 }}>
            <BarChartIcon color="action" />
            <Typography variant="h6" component="h2">
              {translate('programShow.stats')}
            </Typography>
          </Stack>
          <ScopeStats scope={{ programId: String(record.id) }} />
        </CardContent>
      </Card>
    </Box>
  );
};

export const ProgramShow = () => (
  <Show component="div">
    <ProgramDetail />
  </Show>
);
