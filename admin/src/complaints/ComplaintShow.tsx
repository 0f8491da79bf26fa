import EditNoteIcon from '@mui/icons-material/EditNoteOutlined';
import ForumIcon from '@mui/icons-material/ForumOutlined';
import PauseIcon from '@mui/icons-material/PauseCircleOutline';
import LockIcon from '@mui/icons-material/LockOutlined';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOffOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Rating from '@mui/material/Rating';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, ListButton, Show, TopToolbar, useGetOne, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatWib } from '../components';
import { DeskEntryButton } from '../desks/DeskEntryButton';
import { intlLocale } from '../providers/i18nProvider';
import { ActionBar } from './actions/ActionBar';
import { runningDeadline, runningKind } from './deadline';
import { DeadlineChip, StageChip, StatusChip } from './fields';
import { Timeline } from './Timeline';
import { AttachmentsPanel } from './Attachments';
import type { AttachmentRecord } from './attachments';
import { CandidateList, usePossibleDuplicates } from './Duplicates';
import type { ComplaintRecord, Ref } from './types';

const f = (name: string) => `resources.complaints.fields.${name}`;

/** One labelled value; nothing when the value is empty (unless `always`). */
const Item = ({ label, children, always = false }: { label: string; children: ReactNode; always?: boolean }) => {
  const translate = useTranslate();
  if (!always && (children == null || children === '' || children === false)) return null;
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div" sx={{ overflowWrap: 'anywhere' }}>
        {children ?? translate('app.none')}
      </Typography>
    </Box>
  );
};

const Panel = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }} data-testid={testId}>
      <CardContent>
        <Typography variant="overline" color="text.secondary" component="h2" sx={{ display: 'block', mb: 1 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

const name = (ref: unknown) => (ref as Ref | null | undefined)?.name ?? null;

const useWib = () => {
  const [locale] = useLocaleState();
  return (value: unknown) => (value ? formatWib(String(value), intlLocale(locale), true) : null);
};

const Header = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const due = runningDeadline(record);
  const kind = runningKind(record);
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="body2" sx={{ fontFamily: 'monospace' }} color="text.secondary" data-testid="tracking-code">
          {record.trackingCode}
          {record.externalReferences?.map((x) => (
            <span key={x.id} data-testid="external-ref">
              {' · '}
              {translate(`enums.ExternalSource.${x.source}`)} {x.externalId}
            </span>
          ))}
        </Typography>
        <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
          {record.title}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center" sx={{ mb: 2 }} data-testid="complaint-status">
          <StatusChip status={record.status} size="medium" />
          {record.status === 'IN_PROGRESS' && record.progressStage && <StageChip stage={record.progressStage} />}
          {due && <DeadlineChip dueAt={due} label={kind ? `enums.DeadlineKind.${kind}` : f('dueAt')} />}
          <Chip size="small" variant="outlined" label={translate(`enums.ComplaintType.${record.type}`)} />
          <Chip size="small" variant="outlined" label={translate(`enums.Channel.${record.channel}`)} />
          {record.apiClient && (
            <Chip size="small" variant="outlined" label={translate('complaint.show.viaApp', { name: record.apiClient.name })} data-testid="via-app" />
          )}
          {record.anonymous && <Chip size="small" icon={<VisibilityOffIcon />} label={translate(f('anonymous'))} />}
          {record.confidential && <Chip size="small" icon={<LockIcon />} label={translate(f('confidential'))} />}
          {record.outsideServiceHours ? (
            <Chip size="small" color="warning" variant="outlined" label={translate('complaint.show.outsideServiceHours')} data-testid="outside-hours" />
          ) : null}
        </Stack>
        <ActionBar />
        <DeskEntryButton record={record} />
      </CardContent>
    </Card>
  );
};

const Reporter = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  if (!record.identityVisible) {
    return (
      <Panel title="complaint.show.reporter" testId="reporter">
        <Stack direction="row" spacing={1} alignItems="center" data-testid="identity-hidden">
          <VisibilityOffIcon fontSize="small" color="action" />
          <Typography variant="body2">{translate('complaint.show.identityHidden')}</Typography>
        </Stack>
        {record.contactVisible ? (
          <Box sx={{ mt: 1.5 }} data-testid="contact-revealed">
            <Alert severity="info" sx={{ mb: 1, py: 0 }}>
              {translate('complaint.reveal.shown')}
            </Alert>
            <Item label={f('reporterPhone')}>{record.reporterPhone as string}</Item>
            <Item label={f('reporterAddress')}>{record.reporterAddress as string}</Item>
          </Box>
        ) : null}
      </Panel>
    );
  }
  return (
    <Panel title="complaint.show.reporter" testId="reporter">
      {record.anonymous && (
        <Alert severity="warning" icon={<VisibilityOffIcon fontSize="inherit" />} sx={{ mb: 1.5, py: 0 }}>
          {translate('complaint.show.anonymousVisible')}
        </Alert>
      )}
      <Item label={f('reporterName')} always>
        {record.reporterName as string}
      </Item>
      <Item label={f('reporterNik')}>{record.reporterNik as string}</Item>
      <Item label={f('reporterPhone')}>{record.reporterPhone as string}</Item>
      <Item label={f('reporterEmail')}>{record.reporterEmail as string}</Item>
      <Item label={f('reporterAddress')}>{record.reporterAddress as string}</Item>
    </Panel>
  );
};

const Handling = ({ record }: { record: ComplaintRecord }) => {
  const wib = useWib();
  const translate = useTranslate();
  // A deadline that is over stays for the record, marked done, so only the running ones read as pending.
  const deadlineText = (value: unknown, done: boolean, overdue: boolean) =>
    value ? (
      <Box component="span" data-deadline-done={done}>
        {wib(value)}
        {done && <Chip size="small" variant="outlined" label={translate('complaint.deadline.done')} sx={{ ml: 1, height: 20 }} />}
        {overdue && <Chip size="small" color="error" label={translate('complaint.deadline.overdue')} sx={{ ml: 1, height: 20 }} />}
      </Box>
    ) : null;
  const final = ['RESPONDED', 'CLOSED', 'REJECTED'].includes(record.status);
  return (
    <Panel title="complaint.show.handling">
      <Item label={f('intakeOpd')}>{name(record.intakeOpd)}</Item>
      <Item label={f('currentOpd')} always>
        {name(record.currentOpd) ?? translate('complaint.list.atIntake')}
      </Item>
      {!record.currentOpd && record.suggestedOpd && !final && <Item label="complaint.show.suggestedOpd">{name(record.suggestedOpd)}</Item>}
      <Item label={f('assignee')}>{name(record.assignee)}</Item>
      {(record.deadlines ?? []).map((d) => (
        <Item key={d.kind} label={`enums.DeadlineKind.${d.kind}`}>
          <span data-deadline-kind={d.kind}>{deadlineText(d.dueAt, d.done, d.overdue)}</span>
        </Item>
      ))}
      <Item label={f('firstResponseAt')}>{wib(record.firstResponseAt)}</Item>
      <Item label={f('respondedAt')}>{wib(record.respondedAt)}</Item>
      <Item label={f('autoCloseAt')}>{record.status === 'RESPONDED' ? wib(record.autoCloseAt) : null}</Item>
      <Item label={f('closedAt')}>{wib(record.closedAt)}</Item>
      <Item label={f('rating')}>
        {record.rating ? (
          <>
            <Rating value={Number(record.rating)} readOnly size="small" />
            {record.ratingComment ? <Typography variant="body2">{String(record.ratingComment)}</Typography> : null}
          </>
        ) : null}
      </Item>
    </Panel>
  );
};

/** The point, and a link that opens it in the browser's or phone's map (the console itself loads no map). */
const Coordinates = ({ latitude, longitude }: { latitude: number; longitude: number }) => {
  const translate = useTranslate();
  return (
    <>
      <span data-testid="coordinates">
        {latitude}, {longitude}
      </span>{' '}
      <a
        href={`https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=18/${latitude}/${longitude}`}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="coordinates-map"
      >
        {translate('complaint.show.openMap')}
      </a>
    </>
  );
};

const Intake = ({ record }: { record: ComplaintRecord }) => {
  const wib = useWib();
  const rtRw = [record.rt && `RT ${record.rt}`, record.rw && `RW ${record.rw}`].filter(Boolean).join(' / ');
  const coords =
    record.latitude != null && record.longitude != null ? <Coordinates latitude={Number(record.latitude)} longitude={Number(record.longitude)} /> : null;
  return (
    <Panel title="complaint.show.intake">
      <Item label={f('createdAt')}>{wib(record.createdAt)}</Item>
      <Item label={f('category')}>{name(record.category)}</Item>
      <Item label={f('program')}>{name(record.program)}</Item>
      <Item label={f('kelurahan')}>{name(record.kelurahan)}</Item>
      <Item label={f('address')}>{record.address as string}</Item>
      <Item label="complaint.show.rtRw">{rtRw}</Item>
      <Item label="complaint.show.coordinates">{coords}</Item>
      <Item label={f('servicePost')}>{name(record.servicePost)}</Item>
      <Item label={f('recordedBy')}>{name(record.recordedBy)}</Item>
    </Panel>
  );
};

const DuplicateLink = ({ id }: { id: string }) => {
  const { data } = useGetOne<ComplaintRecord>('complaints', { id });
  return <Link to={`/complaints/${encodeURIComponent(id)}/show`}>{data ? `${data.trackingCode} — ${data.title}` : `#${id}`}</Link>;
};

const Outcome = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const wib = useWib();
  return (
    <>
      {record.answer && (
        <Alert severity="success" icon={<ForumIcon />} sx={{ mb: 2 }} data-testid="answer">
          <AlertTitle>
            {translate('complaint.show.answer')}
            {record.respondedAt ? ` · ${wib(record.respondedAt)}` : ''}
          </AlertTitle>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {record.answer}
          </Typography>
        </Alert>
      )}
      {record.pausedAt && record.pauseKind && (
        <Alert severity="warning" icon={<PauseIcon />} sx={{ mb: 2 }} data-testid="pause-banner" data-kind={record.pauseKind}>
          <AlertTitle>{translate(`enums.PauseKind.${record.pauseKind}`)}</AlertTitle>
          {translate(`complaint.pause.${record.pauseKind}`, { since: wib(record.pausedAt), until: wib(record.pauseUntil) })}
          {record.pauseReason && (
            <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
              {record.pauseReason}
            </Typography>
          )}
        </Alert>
      )}
      {record.answerDraft && (
        <Alert severity="info" icon={<EditNoteIcon />} sx={{ mb: 2 }} data-testid="answer-draft">
          <AlertTitle>
            {translate('complaint.draft.title')} · {translate('complaint.draft.by', { name: record.answerDraftBy?.name ?? '', at: wib(record.answerDraftAt) })}
          </AlertTitle>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {record.answerDraft}
          </Typography>
        </Alert>
      )}
      {record.status === 'MERGED' && record.duplicateOfId ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="merged-into">
          <AlertTitle>{translate('complaint.duplicates.mergedInto')}</AlertTitle>
          <DuplicateLink id={String(record.duplicateOfId)} />
        </Alert>
      ) : null}
      {record.status === 'REJECTED' && (
        <Alert severity="error" sx={{ mb: 2 }}>
          <AlertTitle>{translate('complaint.show.rejected')}</AlertTitle>
          {record.rejectReason as string}
          {record.duplicateOfId ? (
            <Box sx={{ mt: 0.5 }}>
              {translate('complaint.show.duplicateOf')} <DuplicateLink id={String(record.duplicateOfId)} />
            </Box>
          ) : null}
        </Alert>
      )}
    </>
  );
};

/** For those who may merge it: reports that look the same, found by the server. */
const PossibleDuplicates = ({ record }: { record: ComplaintRecord }) => {
  const mayMerge = (record.availableActions ?? []).includes('MERGE');
  const { data } = usePossibleDuplicates(String(record.id), mayMerge);
  if (!mayMerge || !data?.length) return null;
  return (
    <Panel title="complaint.duplicates.title" testId="possible-duplicates">
      <CandidateList candidates={data} />
    </Panel>
  );
};

/** The reports merged into this one; their reporters follow it. */
const MergedHere = ({ record }: { record: ComplaintRecord }) => {
  const list = (record.duplicates as { id: string; trackingCode?: string; title?: string }[] | undefined) ?? [];
  if (list.length === 0) return null;
  return (
    <Panel title="complaint.duplicates.mergedHere" testId="merged-here">
      {list.map((d) => (
        <Box key={d.id}>
          <DuplicateLink id={String(d.id)} />
        </Box>
      ))}
    </Panel>
  );
};

const ComplaintDetail = () => {
  const record = useRecordContext<ComplaintRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ mt: 1 }} data-complaint-id={record.id} data-version={record.version}>
      <Header record={record} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Outcome record={record} />
          <Panel title="resources.complaints.fields.description">
            <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {record.description}
            </Typography>
          </Panel>
          <Panel title="complaint.attachments.title" testId="attachments-panel">
            <AttachmentsPanel record={record} />
          </Panel>
          <PossibleDuplicates record={record} />
          <MergedHere record={record} />
          <Panel title="resources.complaints.fields.events" testId="timeline-panel">
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
              {translate('complaint.timeline.legend')}
            </Typography>
            <Timeline events={record.events ?? []} attachments={(record.attachments as AttachmentRecord[] | undefined) ?? []} />
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Handling record={record} />
          <Reporter record={record} />
          <Intake record={record} />
        </Grid>
      </Grid>
    </Box>
  );
};

const ShowActions = () => (
  <TopToolbar>
    <ListButton />
  </TopToolbar>
);

export const ComplaintShow = () => (
  <Show actions={<ShowActions />} component="div">
    <ComplaintDetail />
  </Show>
);
