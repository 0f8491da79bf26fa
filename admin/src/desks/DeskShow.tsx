import GavelIcon from '@mui/icons-material/Gavel';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, ListButton, Show, TopToolbar, useGetMany, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatWib } from '../components';
import { StageChip, StatusChip } from '../complaints/fields';
import type { ComplaintRecord } from '../complaints/types';
import { intlLocale } from '../providers/i18nProvider';
import { ConcludeDialog } from './ConcludeDialog';
import { useDesksFollowLiveChanges } from './DeskList';
import { DeskStatusChip, ParticipantsField } from './fields';
import { MinutesPanel } from './MinutesPanel';
import type { DeskRecord } from './types';
import { useDeskManage } from './useDeskManage';

const f = (name: string) => `resources.desks.fields.${name}`;

const Panel = ({ title, children, testId, action }: { title: string; children: ReactNode; testId?: string; action?: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      <CardContent>
        <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 1 }}>
          <Typography variant="overline" color="text.secondary" component="h2">
            {translate(title)}
          </Typography>
          {action}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
};

const Item = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div">
        {children ?? translate('app.none')}
      </Typography>
    </Box>
  );
};

const Agenda = ({ desk, complaints }: { desk: DeskRecord; complaints: Map<string, ComplaintRecord> }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const concluded = desk.status === 'CONCLUDED';
  const items = desk.items ?? [];
  return (
    <Box sx={{ overflowX: 'auto', contain: 'inline-size' }}>
      <Table size="small" data-testid="desk-agenda">
        <TableHead>
          <TableRow>
            <TableCell>{translate('desk.agenda.complaint')}</TableCell>
            <TableCell>{translate('resources.complaints.fields.status')}</TableCell>
            <TableCell>{translate('resources.complaints.fields.currentOpd')}</TableCell>
          </TableRow>
        </TableHead>
        {items.map((item) => {
          const c = complaints.get(String(item.complaintId));
          const code = c?.trackingCode ?? item.complaint?.trackingCode;
          // One body per complaint: its row and, once concluded, the decision under it.
          return (
            <TableBody key={item.id} data-complaint-id={item.complaintId} data-tracking-code={code ?? ''}>
              <TableRow sx={concluded ? { '& td': { borderBottom: 'none' } } : undefined}>
                <TableCell sx={{ minWidth: 240 }}>
                  {item.complaint || c ? (
                    <Link to={`/complaints/${encodeURIComponent(String(item.complaintId))}/show`}>
                      <Box component="span" sx={{ fontFamily: 'monospace' }}>
                        {code}
                      </Box>
                    </Link>
                  ) : (
                    <Typography variant="body2" color="text.secondary">
                      {translate('desk.agenda.outOfScope')}
                    </Typography>
                  )}
                  {c?.title && <Typography variant="body2">{c.title}</Typography>}
                </TableCell>
                <TableCell>
                  {c && (
                    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" data-status={c.status} data-stage={c.progressStage ?? ''}>
                      <StatusChip status={c.status} />
                      {c.status === 'IN_PROGRESS' && c.progressStage && <StageChip stage={c.progressStage} />}
                    </Stack>
                  )}
                </TableCell>
                <TableCell>{(c?.currentOpd?.name as string | undefined) ?? translate('app.none')}</TableCell>
              </TableRow>
              {concluded && (
                <TableRow>
                  <TableCell colSpan={3} sx={{ pt: 0 }}>
                    <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, px: 1.5, py: 1 }} data-testid="desk-decision">
                      <Typography variant="caption" color="text.secondary" component="div">
                        {translate('desk.agenda.decision')}
                      </Typography>
                      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-col="solution">
                        {item.solution ?? translate('app.none')}
                      </Typography>
                      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                        {translate('desk.conclude.responsibleOpdId')}:{' '}
                        <Box component="span" sx={{ color: 'text.primary', fontWeight: 500 }} data-col="responsibleOpd">
                          {item.responsibleOpd?.name ?? translate('app.none')}
                        </Box>
                        {' · '}
                        {translate('desk.conclude.dueDate')}:{' '}
                        <Box component="span" sx={{ color: 'text.primary' }} data-col="dueDate">
                          {item.dueDate ? formatWib(item.dueDate, intlLocale(locale)) : translate('desk.agenda.standardDeadline')}
                        </Box>
                      </Typography>
                    </Box>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          );
        })}
      </Table>
    </Box>
  );
};

const DeskDetail = () => {
  const desk = useRecordContext<DeskRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [concluding, setConcluding] = useState(false);
  useDesksFollowLiveChanges();
  const manage = useDeskManage(desk);
  const ids = useMemo(() => (desk?.items ?? []).map((i) => String(i.complaintId)), [desk?.items]);
  const { data } = useGetMany<ComplaintRecord>('complaints', { ids }, { enabled: ids.length > 0 });
  const complaints = useMemo(() => new Map((data ?? []).map((c) => [String(c.id), c])), [data]);
  if (!desk) return null;
  const wib = (value?: string | null) => (value ? formatWib(value, intlLocale(locale), true) : null);

  return (
    <Box sx={{ mt: 1 }} data-desk-id={desk.id} data-desk-status={desk.status}>
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="overline" color="text.secondary">
            {translate('resources.desks.name', { smart_count: 1 })}
          </Typography>
          <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
            {desk.title}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mb: manage ? 2 : 0 }}>
            <DeskStatusChip status={desk.status} size="medium" />
            <Typography variant="body2" data-testid="desk-scheduled">
              {wib(desk.scheduledAt)} · {desk.place}
            </Typography>
          </Stack>
          {manage && (
            <Button variant="contained" startIcon={<GavelIcon />} onClick={() => setConcluding(true)} disabled={ids.length === 0} data-testid="desk-conclude">
              {translate('desk.conclude.button')}
            </Button>
          )}
        </CardContent>
      </Card>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Panel title="desk.agenda.title" testId="desk-agenda-panel">
            <Agenda desk={desk} complaints={complaints} />
          </Panel>
          <Panel title="resources.desks.fields.minutes" testId="desk-minutes-panel">
            <MinutesPanel desk={desk} editable={manage} />
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Panel title="desk.show.details">
            <Item label={f('convenerOpd')}>{desk.convenerOpd?.name}</Item>
            <Item label={f('convenedBy')}>{desk.convenedBy?.name}</Item>
            <Item label={f('scheduledAt')}>{wib(desk.scheduledAt)}</Item>
            <Item label={f('place')}>{desk.place}</Item>
            <Item label={f('participants')}>
              <ParticipantsField />
            </Item>
            <Item label={f('createdAt')}>{wib(desk.createdAt)}</Item>
            {desk.concludedAt && <Item label={f('concludedAt')}>{wib(desk.concludedAt)}</Item>}
          </Panel>
        </Grid>
      </Grid>
      {concluding && <ConcludeDialog desk={desk} complaints={complaints} onClose={() => setConcluding(false)} />}
    </Box>
  );
};

const ShowActions = () => (
  <TopToolbar>
    <ListButton />
  </TopToolbar>
);

export const DeskShow = () => (
  <Show actions={<ShowActions />} component="div">
    <DeskDetail />
  </Show>
);
