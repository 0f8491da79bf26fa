import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormState } from 'react-hook-form';
import { Form, TextInput, maxLength, minLength, required, useNotify, useTranslate } from 'react-admin';
import { OpdTreeInput } from '../complaints/actions/OpdTreeInput';
import type { ComplaintRecord } from '../complaints/types';
import { invalidateComplaints } from '../live/invalidate';
import { useDeskFieldLabel } from './DeskCreate';
import { concludeDesk } from './mutations';
import { ProblemAlert, formErrorsOf, problemOf, type Problem } from './problem';
import type { DeskRecord } from './types';
import { wibDay } from '../wib';
import { DayInput } from '../components';

const solutionRules = [required(), minLength(5), maxLength(5000)];
const publicMessageRules = [minLength(3), maxLength(2000)];

const notInThePast = (value: unknown) => (value && String(value) < wibDay() ? 'desk.conclude.dueDatePast' : undefined);

const Submit = () => {
  const translate = useTranslate();
  const { isSubmitting } = useFormState();
  return (
    <Button
      type="submit"
      variant="contained"
      disabled={isSubmitting}
      startIcon={isSubmitting ? <CircularProgress size={16} color="inherit" /> : undefined}
      data-testid="desk-conclude-submit"
    >
      {translate('desk.conclude.submit')}
    </Button>
  );
};

/**
 * "Simpulkan": one decision per complaint on the agenda — the solution, the unit responsible
 * for answering (only units that can receive a forwarded complaint) and, optionally, the day
 * (WIB) by which it answers. The server forwards each complaint there with the solution.
 */
export const ConcludeDialog = ({ desk, complaints, onClose }: { desk: DeskRecord; complaints: Map<string, ComplaintRecord>; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const fieldLabel = useDeskFieldLabel();
  const [problem, setProblem] = useState<Problem | null>(null);
  const items = desk.items ?? [];
  // The form keeps what the user typed: defaults are taken once, when the dialog opens.
  const [defaults] = useState(() => ({
    decisions: items.map((item) => ({
      complaintId: String(item.complaintId),
      solution: '',
      publicMessage: '',
      responsibleOpdId: null,
      dueDate: null,
    })),
  }));

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    const decisions = ((values.decisions as Record<string, unknown>[]) ?? []).map((d) => ({
      complaintId: String(d.complaintId),
      solution: String(d.solution ?? '').trim(),
      publicMessage: String(d.publicMessage ?? '').trim() || null,
      responsibleOpdId: String(d.responsibleOpdId ?? ''),
      dueDate: d.dueDate ? String(d.dueDate) : null,
    }));
    try {
      await concludeDesk(String(desk.id), decisions);
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      return found.code === 'BAD_USER_INPUT' ? formErrorsOf(found) : undefined;
    }
    notify('desk.conclude.done', { type: 'success', messageArgs: { title: desk.title } });
    onClose();
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['desks'] }),
      invalidateComplaints(
        queryClient,
        decisions.map((d) => d.complaintId),
      ),
    ]);
    return undefined;
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="desk-conclude-title" data-testid="desk-conclude-dialog">
      <Form onSubmit={submit} record={{}} defaultValues={defaults}>
        <DialogTitle id="desk-conclude-title">{translate('desk.conclude.title', { title: desk.title })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('desk.conclude.intro')}</DialogContentText>
          {items.map((item, i) => {
            const complaint = complaints.get(String(item.complaintId));
            return (
              <Box key={item.id} data-decision={item.complaintId} sx={{ mb: 2 }}>
                {i > 0 && <Divider sx={{ mb: 2 }} />}
                <Typography variant="subtitle2" component="h3">
                  {translate('desk.conclude.decisionN', { n: i + 1 })}:{' '}
                  <Box component="span" sx={{ fontFamily: 'monospace' }}>
                    {complaint?.trackingCode ?? item.complaint?.trackingCode ?? `#${item.complaintId}`}
                  </Box>
                  {complaint?.title ? ` — ${complaint.title}` : ''}
                </Typography>
                <TextInput
                  source={`decisions.${i}.solution`}
                  label="desk.conclude.solution"
                  helperText="desk.conclude.solutionHelp"
                  multiline
                  minRows={2}
                  fullWidth
                  validate={solutionRules}
                  autoFocus={i === 0}
                />
                <TextInput
                  source={`decisions.${i}.publicMessage`}
                  label="complaint.action.publicMessage"
                  helperText="desk.conclude.publicMessageHelp"
                  multiline
                  minRows={2}
                  fullWidth
                  validate={publicMessageRules}
                />
                <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
                  <Box sx={{ flex: '2 1 320px' }}>
                    <OpdTreeInput
                      source={`decisions.${i}.responsibleOpdId`}
                      label="desk.conclude.responsibleOpdId"
                      helperText="desk.conclude.responsibleHelp"
                      // A decision moves the complaint on: the unit holding it is shown but not selectable (the server refuses it too).
                      excludeId={complaint?.currentOpdId}
                      validate={required()}
                    />
                  </Box>
                  <Box sx={{ flex: '1 1 200px' }}>
                    <DayInput
                      source={`decisions.${i}.dueDate`}
                      label="desk.conclude.dueDate"
                      helperText="desk.conclude.dueDateHelp"
                      validate={notInThePast}
                      fullWidth
                    />
                  </Box>
                </Box>
              </Box>
            );
          })}
          <ProblemAlert problem={problem} fieldLabel={fieldLabel} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Submit />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
