import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useFormState } from 'react-hook-form';
import {
  AutocompleteInput,
  BooleanInput,
  Form,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  minLength,
  required,
  useGetList,
  useNotify,
  useTranslate,
} from 'react-admin';
import { EnumInput } from '../../components';
import { invalidateComplaints } from '../../live/invalidate';
import { notSavedMessageOf, toHttpError } from '../../providers/graphqlErrors';
import type { ComplaintRecord } from '../types';
import { OpdTreeInput } from './OpdTreeInput';
import { runAction, type WorkflowAction } from './workflow';

const reasonRules = [required(), minLength(3), maxLength(2000)];
const noteRules = [maxLength(2000)];

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
  switch (action) {
    case 'VERIFY':
    case 'CLOSE':
      return <TextInput source="note" label="complaint.action.note" multiline minRows={2} fullWidth validate={noteRules} autoFocus />;
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
          <TextInput source="note" label="complaint.action.note" multiline minRows={2} fullWidth validate={noteRules} />
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
          <TextInput
            source="note"
            label="complaint.action.note"
            multiline
            minRows={3}
            fullWidth
            validate={[required(), minLength(3), maxLength(5000)]}
            autoFocus
          />
          <BooleanInput source="public" label="complaint.progress.public" helperText="complaint.progress.publicHelp" />
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
          validate={[required(), maxLength(5000)]}
          autoFocus
          helperText="complaint.note.help"
        />
      );
    case 'RESPOND':
      return (
        <TextInput
          source="answer"
          label="complaint.respond.answer"
          multiline
          minRows={8}
          fullWidth
          validate={[required(), minLength(10), maxLength(10000)]}
          autoFocus
          helperText="complaint.respond.help"
        />
      );
  }
};

const defaultsFor = (action: WorkflowAction, record: ComplaintRecord): Record<string, unknown> => {
  switch (action) {
    case 'FORWARD': {
      const suggested = record.suggestedOpd?.id;
      return { opdId: suggested && suggested !== record.currentOpdId ? suggested : null };
    }
    case 'PROGRESS':
      return { stage: record.progressStage ?? 'VERIFICATION', public: true };
    default:
      return {};
  }
};

const SubmitButton = ({ action }: { action: WorkflowAction }) => {
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
      {translate(`complaint.action.submit.${action}`)}
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

/**
 * One workflow action on one complaint. The change is made against the version the user
 * opened the dialog on: if someone else changed the complaint meanwhile the server answers
 * CONFLICT, the dialog closes and the page reloads the complaint. Refusals
 * (INVALID_TRANSITION, FORBIDDEN) keep the dialog open with the server's explanation; so does a
 * change the server could not take (SERVICE_UNAVAILABLE, no connection), with what was typed.
 */
export const ActionDialog = ({ action, record, onClose }: { action: WorkflowAction; record: ComplaintRecord; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [opened] = useState(() => ({ id: String(record.id), version: record.version, record }));
  const [problem, setProblem] = useState<Problem | null>(null);
  const defaults = useMemo(() => defaultsFor(action, opened.record), [action, opened.record]);
  const refresh = () => invalidateComplaints(queryClient, [opened.id]);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      await runAction(action, opened.id, opened.version, values);
    } catch (error) {
      // Nothing changed on the server (or nobody knows): keep the dialog and what was typed, for another try.
      const notSaved = notSavedMessageOf(error);
      if (notSaved) {
        notify(notSaved, { type: 'error', autoHideDuration: 8000 });
        setProblem({ message: translate(notSaved) });
        return undefined;
      }
      const httpError = toHttpError(error);
      const body = (httpError.body ?? {}) as { code?: string; message?: string; errors?: Record<string, unknown> };
      if (body.code === 'CONFLICT') {
        notify('complaint.action.conflict', { type: 'warning', autoHideDuration: 8000 });
        void refresh();
        onClose();
        return undefined;
      }
      if (body.code === 'UNAUTHENTICATED') {
        notify('errors.UNAUTHENTICATED', { type: 'error' });
        return undefined;
      }
      if (body.code === 'BAD_USER_INPUT' && body.errors) {
        const { root: _root, ...fields } = body.errors;
        setProblem({ code: body.code, message: body.message ?? '' });
        return fields;
      }
      setProblem({ code: body.code, message: body.message ?? httpError.message });
      // The complaint may have moved on: show what is possible now behind the dialog.
      void refresh();
      return undefined;
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
      maxWidth={action === 'RESPOND' ? 'md' : 'sm'}
      fullWidth
      aria-labelledby="action-dialog-title"
      data-testid={`action-dialog-${action}`}
    >
      <Form onSubmit={submit} record={{}} defaultValues={defaults}>
        <DialogTitle id="action-dialog-title">{translate(`complaint.action.title.${action}`, { code: record.trackingCode })}</DialogTitle>
        <DialogContent onKeyDown={submitOnCtrlEnter}>
          <DialogContentText sx={{ mb: 2 }}>{translate(`complaint.action.intro.${action}`, { code: record.trackingCode })}</DialogContentText>
          <Inputs action={action} record={opened.record} />
          {problem && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="action-problem">
              {problem.code && <AlertTitle>{translate(`errors.${problem.code}`, { _: problem.code })}</AlertTitle>}
              {problem.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <SubmitButton action={action} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
