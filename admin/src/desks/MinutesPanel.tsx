import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFormState } from 'react-hook-form';
import { Form, TextInput, maxLength, minLength, required, useNotify, useTranslate } from 'react-admin';
import { invalidateComplaints } from '../live/invalidate';
import { recordMinutes } from './mutations';
import { ProblemAlert, formErrorsOf, problemOf, type Problem } from './problem';
import type { DeskRecord } from './types';

const SaveMinutes = () => {
  const translate = useTranslate();
  const { isSubmitting, isDirty } = useFormState();
  return (
    <Button
      type="submit"
      variant="contained"
      size="small"
      disabled={isSubmitting || !isDirty}
      startIcon={isSubmitting ? <CircularProgress size={16} color="inherit" /> : undefined}
      data-testid="desk-minutes-save"
    >
      {translate('desk.minutes.save')}
    </Button>
  );
};

/** The minutes (notulen): read by every participant, written by the convening unit until concluded. */
export const MinutesPanel = ({ desk, editable }: { desk: DeskRecord; editable: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      await recordMinutes(String(desk.id), String(values.minutes ?? '').trim());
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      return found.code === 'BAD_USER_INPUT' ? formErrorsOf(found) : undefined;
    }
    notify('desk.minutes.saved', { type: 'success' });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['desks'] }),
      invalidateComplaints(
        queryClient,
        (desk.items ?? []).map((i) => String(i.complaintId)),
      ),
    ]);
    return undefined;
  };

  if (!editable) {
    return desk.minutes ? (
      <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="desk-minutes">
        {desk.minutes}
      </Typography>
    ) : (
      <Typography variant="body2" color="text.secondary" data-testid="desk-minutes">
        {translate('desk.minutes.none')}
      </Typography>
    );
  }
  return (
    <Form onSubmit={submit} record={{ minutes: desk.minutes ?? '' }} key={desk.minutes ?? ''}>
      <TextInput
        source="minutes"
        label="resources.desks.fields.minutes"
        helperText="desk.minutes.help"
        multiline
        minRows={5}
        fullWidth
        validate={[required(), minLength(3), maxLength(20000)]}
      />
      <Stack direction="row" justifyContent="flex-end">
        <SaveMinutes />
      </Stack>
      <ProblemAlert problem={problem} fieldLabel={(path) => translate(`resources.desks.fields.${path}`, { _: path })} />
    </Form>
  );
};
