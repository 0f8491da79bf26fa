import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  BooleanInput,
  Form,
  Loading,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useGetIdentity,
  useGetList,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import { EnumInput, formatWib, minText } from '../../components';
import { invalidateComplaints } from '../../live/invalidate';
import { notSavedMessageOf, toHttpError } from '../../providers/graphqlErrors';
import { intlLocale } from '../../providers/i18nProvider';
import { CandidateList, usePossibleDuplicates } from '../Duplicates';
import { StatusChip } from '../fields';
import type { ComplaintEventRecord, ComplaintRecord } from '../types';
import { clearDraft, loadDraft, saveDraft, type DraftValues } from './drafts';
import { OpdTreeInput } from './OpdTreeInput';
import { fetchLatest, runAction, unpublishedNotes, type LatestComplaint, type WorkflowAction } from './workflow';
import { AttachmentPicker, useUpload } from '../Attachments';

/** Actions whose entry files may document: the unit's evidence with its progress, the letter with its answer. */
const DOCUMENTED: Partial<Record<WorkflowAction, string>> = { PROGRESS: 'PROGRESS', RESPOND: 'RESPONDED' };

const reasonRules = [required(), minText(3), maxLength(2000)];
const noteRules = [maxLength(2000)];
// Counted trimmed, as the server counts them.
const progressRules = [required(), minText(3), maxLength(5000)];
const internalNoteRules = [required(), minText(1), maxLength(5000)];
const answerRules = [required(), minText(10), maxLength(10000)];
const publicMessageRules = [minText(3), maxLength(2000)];
const questionRules = [required(), minText(10), maxLength(2000)];
const holdRules = [required(), minText(5), maxLength(2000)];

/** The instruction for staff and the message for the reporter, labelled so nobody confuses them. */
const NoteAndMessage = ({ noteLabel, autoFocus }: { noteLabel: string; autoFocus?: boolean }) => (
  <>
    <TextInput
      source="note"
      label={noteLabel}
      multiline
      minRows={2}
      fullWidth
      validate={noteRules}
      autoFocus={autoFocus}
      helperText="complaint.action.internalHelp"
    />
    <TextInput
      source="publicMessage"
      label="complaint.action.publicMessage"
      multiline
      minRows={2}
      fullWidth
      validate={publicMessageRules}
      helperText="complaint.action.publicHelp"
    />
  </>
);

/** Fills the answer from one of the unit's templates (the server filled in the complaint's details). */
const TemplatePicker = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const templates = record.responseTemplates ?? [];
  if (templates.length === 0) return null;
  return (
    <TextField
      select
      size="small"
      label={translate('complaint.respond.template')}
      value=""
      onChange={(e) => {
        const t = templates.find((x) => x.id === e.target.value);
        if (t) setValue('answer', t.text, { shouldDirty: true });
      }}
      fullWidth
      sx={{ mb: 2 }}
      SelectProps={{ inputProps: { 'data-testid': 'template-picker' } }}
      helperText={translate('complaint.respond.templateHelp')}
    >
      {templates.map((t) => (
        <MenuItem key={t.id} value={t.id}>
          {t.title}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The likeliest duplicates to merge into (the first is preselected), or any complaint found by code or title. */
const MergeInputs = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const { data: candidates, isPending } = usePossibleDuplicates(String(record.id), true);
  // Mounted once the candidates are known, so the likeliest is the input's default.
  if (isPending) return <CircularProgress size={24} />;
  return (
    <>
      {candidates && candidates.length > 0 && (
        <Box sx={{ mb: 2 }}>
          <Typography variant="subtitle2" gutterBottom>
            {translate('complaint.duplicates.title')}
          </Typography>
          <CandidateList candidates={candidates} />
        </Box>
      )}
      <ReferenceInput source="intoId" reference="complaints" sort={{ field: 'createdAt', order: 'DESC' }}>
        <AutocompleteInput
          label="complaint.merge.into"
          optionText={complaintOption}
          filterToQuery={(q: string) => ({ q })}
          helperText="complaint.merge.help"
          defaultValue={candidates?.[0]?.complaint.id}
          validate={required()}
          fullWidth
        />
      </ReferenceInput>
      <TextInput
        source="reason"
        label="complaint.action.internalNote"
        multiline
        minRows={2}
        fullWidth
        validate={noteRules}
        helperText="complaint.action.internalHelp"
      />
    </>
  );
};

const AnswerInput = ({ record, helperText }: { record: ComplaintRecord; helperText: string }) => {
  const translate = useTranslate();
  return (
    <>
      {record.answerDraft && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="answer-draft-note">
          {translate('complaint.respond.fromDraft', { name: record.answerDraftBy?.name ?? '' })}
        </Alert>
      )}
      <TemplatePicker record={record} />
      <TextInput source="answer" label="complaint.respond.answer" multiline minRows={8} fullWidth validate={answerRules} autoFocus helperText={helperText} />
    </>
  );
};

const complaintOption = (c?: { trackingCode?: string; title?: string }) => (c ? `${c.trackingCode ?? ''} — ${c.title ?? ''}` : '');

/** Staff of the unit handling the complaint who may be assigned (the server checks again). */
const AssigneeInput = ({ opdId }: { opdId?: string | null }) => {
  const { data, isPending } = useGetList(
    'users',
    { filter: { opdId, active: true }, pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: !!opdId },
  );
  const choices = useMemo(() => (data ?? []).filter((u) => u.role === 'UNIT_STAFF' || u.role === 'UNIT_HEAD'), [data]);
  const translate = useTranslate();
  return (
    <SelectInput
      source="userId"
      label="complaint.assign.user"
      choices={choices}
      optionText={(u: { name: string; role: string }) => `${u.name} — ${translate(`enums.Role.${u.role}`)}`}
      isPending={isPending}
      validate={required()}
      fullWidth
      autoFocus
    />
  );
};

const Inputs = ({ action, record }: { action: WorkflowAction; record: ComplaintRecord }) => {
  const translate = useTranslate();
  switch (action) {
    case 'VERIFY':
    case 'CLOSE':
      return <NoteAndMessage noteLabel="complaint.action.internalNote" autoFocus />;
    case 'ARCHIVE':
      return (
        <>
          <TextInput
            source="reason"
            label="complaint.archive.reason"
            multiline
            minRows={2}
            fullWidth
            validate={reasonRules}
            autoFocus
            helperText="complaint.action.internalHelp"
          />
          <TextInput
            source="publicMessage"
            label="complaint.action.publicMessage"
            multiline
            minRows={2}
            fullWidth
            validate={publicMessageRules}
            helperText="complaint.archive.publicHelp"
          />
        </>
      );
    case 'REMIND':
      return <TextInput source="note" label="complaint.action.note" multiline minRows={2} fullWidth validate={noteRules} autoFocus />;
    case 'ASK_REPORTER':
      return (
        <TextInput
          source="question"
          label="complaint.ask.question"
          multiline
          minRows={3}
          fullWidth
          validate={questionRules}
          autoFocus
          helperText="complaint.ask.help"
        />
      );
    case 'HOLD':
      return (
        <TextInput
          source="reason"
          label="complaint.hold.reason"
          multiline
          minRows={3}
          fullWidth
          validate={holdRules}
          autoFocus
          helperText="complaint.hold.help"
        />
      );
    case 'RESUME':
      return (
        <TextInput
          source="note"
          label="complaint.action.publicMessage"
          multiline
          minRows={2}
          fullWidth
          validate={publicMessageRules}
          autoFocus
          helperText="complaint.resume.help"
        />
      );
    case 'PUBLISH':
      return (
        <>
          <SelectInput
            source="eventId"
            label="complaint.publish.note"
            choices={unpublishedNotes(record.events ?? []).map((e) => ({ id: e.id, name: `${e.actor?.name ?? ''}: ${(e.message ?? '').slice(0, 120)}` }))}
            validate={required()}
            fullWidth
          />
          <TextInput
            source="message"
            label="complaint.publish.message"
            multiline
            minRows={3}
            fullWidth
            validate={publicMessageRules}
            helperText="complaint.publish.help"
          />
        </>
      );
    case 'DRAFT':
      return <AnswerInput record={record} helperText="complaint.draft.help" />;
    case 'MERGE':
      return <MergeInputs record={record} />;
    case 'REVEAL_CONTACT':
      return (
        <TextInput
          source="reason"
          label="complaint.reveal.reason"
          multiline
          minRows={2}
          fullWidth
          validate={holdRules}
          autoFocus
          helperText="complaint.reveal.help"
        />
      );
    case 'REJECT':
      return (
        <>
          <TextInput source="reason" label="complaint.action.reason" multiline minRows={3} fullWidth validate={reasonRules} autoFocus />
          <ReferenceInput source="duplicateOf" reference="complaints" sort={{ field: 'createdAt', order: 'DESC' }}>
            <AutocompleteInput
              label="complaint.reject.duplicateOf"
              optionText={complaintOption}
              filterToQuery={(q: string) => ({ q })}
              helperText="complaint.reject.duplicateHelp"
              fullWidth
            />
          </ReferenceInput>
        </>
      );
    case 'FORWARD':
      return (
        <>
          <OpdTreeInput
            source="opdId"
            label="complaint.forward.opd"
            helperText="complaint.forward.help"
            excludeId={record.currentOpdId ?? null}
            validate={required()}
            autoFocus
          />
          <NoteAndMessage noteLabel="complaint.forward.instruction" />
        </>
      );
    case 'RETURN':
    case 'REOPEN':
      return <TextInput source="reason" label="complaint.action.reason" multiline minRows={3} fullWidth validate={reasonRules} autoFocus />;
    case 'ACCEPT':
      return null;
    case 'ASSIGN':
      return <AssigneeInput opdId={record.currentOpdId} />;
    case 'PROGRESS':
      return (
        <>
          <EnumInput source="stage" enumName="ProgressStage" label="resources.complaints.fields.progressStage" validate={required()} fullWidth />
          <TextInput source="note" label="complaint.action.note" multiline minRows={3} fullWidth validate={progressRules} autoFocus />
          {record.availableActions.includes('PUBLISH') ? (
            <BooleanInput source="public" label="complaint.progress.public" helperText="complaint.progress.publicHelp" />
          ) : (
            <Alert severity="info" data-testid="progress-internal">
              {translate('complaint.progress.internalOnly')}
            </Alert>
          )}
        </>
      );
    case 'NOTE':
      return (
        <TextInput
          source="note"
          label="complaint.action.note"
          multiline
          minRows={3}
          fullWidth
          validate={internalNoteRules}
          autoFocus
          helperText="complaint.note.help"
        />
      );
    case 'RESPOND':
      return <AnswerInput record={record} helperText="complaint.respond.help" />;
  }
};

const defaultsFor = (action: WorkflowAction, record: ComplaintRecord): Record<string, unknown> => {
  switch (action) {
    case 'FORWARD': {
      const suggested = record.suggestedOpd?.id;
      return { opdId: suggested && suggested !== record.currentOpdId ? suggested : null };
    }
    case 'PROGRESS':
      return { stage: record.progressStage ?? 'VERIFICATION', public: record.availableActions.includes('PUBLISH') };
    case 'RESPOND':
    case 'DRAFT':
      return { answer: record.answerDraft ?? '' };
    case 'PUBLISH': {
      const latest = unpublishedNotes(record.events ?? []).at(-1);
      return { eventId: latest?.id ?? null };
    }
    default:
      return {};
  }
};

const SubmitButton = ({ action, resend }: { action: WorkflowAction; resend: boolean }) => {
  const translate = useTranslate();
  const { isSubmitting } = useFormState();
  return (
    <Button
      type="submit"
      variant="contained"
      disabled={isSubmitting}
      startIcon={isSubmitting ? <CircularProgress size={16} color="inherit" /> : undefined}
      data-testid="action-submit"
    >
      {translate(resend ? 'complaint.action.resend' : `complaint.action.submit.${action}`, { action: translate(`complaint.action.submit.${action}`) })}
    </Button>
  );
};

const submitOnCtrlEnter = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  (event.target as HTMLElement).closest('form')?.requestSubmit();
};

interface Problem {
  code?: string;
  message: string;
}

/** What a colleague changed between the opening of the dialog and the refused send. */
interface Conflict {
  latest: LatestComplaint | null;
  /** Events the user had not seen when the dialog opened, oldest first. */
  news: ComplaintEventRecord[];
}

/** Writes what is typed to the draft on every change. */
const DraftKeeper = ({ onChange }: { onChange: (values: DraftValues) => void }) => {
  const values = useWatch() as DraftValues;
  useEffect(() => onChange(values), [values, onChange]);
  return null;
};

const ConflictNotice = ({ conflict, action }: { conflict: Conflict; action: WorkflowAction }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { latest, news } = conflict;
  const stillPossible = !latest || latest.availableActions.includes(action);
  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="action-conflict" data-version={latest?.version ?? ''}>
      <AlertTitle>{translate('complaint.action.conflictTitle')}</AlertTitle>
      {latest && (
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mb: 1 }} data-testid="conflict-status">
          <span>{translate('complaint.action.conflictStatus')}</span>
          <StatusChip status={latest.status} />
        </Stack>
      )}
      {news.length > 0 && (
        <Box component="ul" sx={{ m: 0, mb: 1, pl: 2.5 }} data-testid="conflict-events">
          {news.map((event) => (
            <li key={event.id} data-event-type={event.type}>
              <strong>{translate(`enums.ComplaintEventType.${event.type}`, { _: event.type })}</strong>
              {' · '}
              {event.actor?.name ?? translate(`complaint.timeline.actorKind.${event.actorKind ?? 'SYSTEM'}`, { _: event.actorKind ?? '' })}
              {' · '}
              {formatWib(event.createdAt, intlLocale(locale), true)}
              {event.message ? ` — ${event.message.length > 160 ? `${event.message.slice(0, 160)}…` : event.message}` : ''}
            </li>
          ))}
        </Box>
      )}
      {translate(stillPossible ? 'complaint.action.conflictResend' : 'complaint.action.conflictNoLonger')}
    </Alert>
  );
};

/**
 * One workflow action on one complaint. The change is made against the version the user
 * opened the dialog on. If someone else changed the complaint meanwhile the server answers
 * CONFLICT: the dialog stays open with what was typed, shows what changed (status, new
 * timeline entries) and sends again on the new version. Refusals (INVALID_TRANSITION,
 * FORBIDDEN) keep the dialog open with the reason; so does a change the server could not take
 * (SERVICE_UNAVAILABLE, no connection). What is typed is also kept as a draft (drafts.ts)
 * until the action goes through.
 */
export const ActionDialog = ({ action, record, onClose }: { action: WorkflowAction; record: ComplaintRecord; onClose: () => void }) => {
  const { identity, isPending } = useGetIdentity();
  if (isPending || !identity) {
    return (
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
        <Loading />
      </Dialog>
    );
  }
  return <ActionDialogForm action={action} record={record} onClose={onClose} userId={String(identity.id)} />;
};

const ActionDialogForm = ({ action, record, onClose, userId }: { action: WorkflowAction; record: ComplaintRecord; onClose: () => void; userId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const complaintId = String(record.id);
  const [opened] = useState(() => ({ record, seen: new Set((record.events ?? []).map((e) => String(e.id))) }));
  // The version the next send is made against: the opened one, then the one a conflict showed.
  const version = useRef(record.version);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [draft] = useState(() => loadDraft(userId, complaintId, action));
  const defaults = useMemo(() => ({ ...defaultsFor(action, opened.record), ...draft }), [action, opened.record, draft]);
  const refresh = () => invalidateComplaints(queryClient, [complaintId]);
  const keepDraft = useCallback((values: DraftValues) => saveDraft(userId, complaintId, action, values), [userId, complaintId, action]);
  const documents = DOCUMENTED[action];
  const mayAttach = !!documents && (record.availableActions ?? []).includes('ATTACH');
  const [files, setFiles] = useState<File[]>([]);
  const upload = useUpload();

  const showConflict = async () => {
    void refresh();
    let latest: LatestComplaint | null = null;
    try {
      latest = await fetchLatest(complaintId);
    } catch {
      // Not even the latest version could be read: the next send tells again.
    }
    if (latest) version.current = latest.version;
    const news = (latest?.events ?? []).filter((e) => !opened.seen.has(String(e.id)));
    setConflict({ latest, news });
  };

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      await runAction(action, complaintId, version.current, values);
    } catch (error) {
      // Nothing changed on the server (or nobody knows): keep the dialog and what was typed, for another try.
      const notSaved = notSavedMessageOf(error);
      if (notSaved) {
        notify(notSaved, { type: 'error', autoHideDuration: 8000 });
        setProblem({ message: translate(notSaved) });
        return undefined;
      }
      const httpError = toHttpError(error);
      const body = (httpError.body ?? {}) as { code?: string; message?: string; refusal?: string; errors?: Record<string, unknown> };
      if (body.code === 'CONFLICT') {
        await showConflict();
        return undefined;
      }
      if (body.code === 'UNAUTHENTICATED') {
        notify('errors.UNAUTHENTICATED', { type: 'error' });
        return undefined;
      }
      if (body.code === 'BAD_USER_INPUT' && body.errors) {
        const { root: _root, ...fields } = body.errors;
        setProblem({ code: body.code, message: Object.values(fields).join('; ') });
        return fields;
      }
      // The server's English wording only for English readers; the code's title says it in Indonesian.
      const explanation = body.refusal ? translate(body.refusal) : locale === 'en' ? (body.message ?? '') : '';
      setProblem({ code: body.code ?? 'unexpected', message: explanation });
      // The complaint may have moved on: show what is possible now behind the dialog.
      void refresh();
      return undefined;
    }
    clearDraft(userId, complaintId, action);
    if (mayAttach && files.length) {
      // The entry just written is the newest of its kind; the files document it, public with a public entry.
      const latest = await fetchLatest(complaintId).catch(() => null);
      const entry = latest?.events.filter((e) => e.type === documents).at(-1);
      const visible = action === 'RESPOND' || values.public !== false ? 'PUBLIC' : 'INTERNAL';
      if (!entry || !(await upload(complaintId, files, visible, entry.id)))
        notify('complaint.attachments.notAttached', { type: 'warning', autoHideDuration: 10000 });
    }
    notify(`complaint.action.done.${action}`, { type: 'success', messageArgs: { code: record.trackingCode } });
    onClose();
    await refresh();
    return undefined;
  };

  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth={action === 'RESPOND' || action === 'DRAFT' ? 'md' : 'sm'}
      fullWidth
      aria-labelledby="action-dialog-title"
      data-testid={`action-dialog-${action}`}
    >
      <Form onSubmit={submit} record={{}} defaultValues={defaults}>
        <DraftKeeper onChange={keepDraft} />
        <DialogTitle id="action-dialog-title">{translate(`complaint.action.title.${action}`, { code: record.trackingCode })}</DialogTitle>
        <DialogContent onKeyDown={submitOnCtrlEnter}>
          <DialogContentText sx={{ mb: 2 }}>{translate(`complaint.action.intro.${action}`, { code: record.trackingCode })}</DialogContentText>
          {draft && !conflict && (
            <Alert severity="info" sx={{ mb: 2, py: 0 }} data-testid="action-draft-restored">
              {translate('complaint.action.draftRestored')}
            </Alert>
          )}
          {conflict && <ConflictNotice conflict={conflict} action={action} />}
          <Inputs action={action} record={opened.record} />
          {mayAttach && <AttachmentPicker files={files} onFiles={setFiles} visibility="PUBLIC" allowIdentity={false} fixedVisibility />}
          {problem && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="action-problem">
              {problem.code && <AlertTitle>{translate(`errors.${problem.code}`, { _: problem.code })}</AlertTitle>}
              {problem.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <SubmitButton action={action} resend={!!conflict} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
