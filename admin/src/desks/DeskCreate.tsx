import Alert from '@mui/material/Alert';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  AutocompleteArrayInput,
  Create,
  ReferenceArrayInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  minLength,
  required,
  useDataProvider,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { WibDateTimeInput, opdOptionText } from '../components';
import { invalidateComplaints } from '../live/invalidate';
import { ProblemAlert, formErrorsOf, problemOf, type Problem } from './problem';
import type { DeskRecord } from './types';
import { wibInstant, wibParts } from '../wib';

/** Complaints a desk can take: the head's unit handles them now (the server checks again). */
export const DESKABLE_STATUSES = ['FORWARDED', 'IN_PROGRESS'];

const complaintOption = (c?: { trackingCode?: string; title?: string }) => (c ? `${c.trackingCode ?? ''} — ${c.title ?? ''}` : '');

const byQuery = (q: string) => ({ q });

export const useDeskFieldLabel = () => {
  const translate = useTranslate();
  return (path: string) => {
    const [head, index, leaf] = path.split('.');
    if (head === 'decisions') {
      const n = index && /^\d+$/.test(index) ? Number(index) + 1 : null;
      const what = leaf ? translate(`desk.conclude.${leaf}`, { _: leaf }) : '';
      return [n ? translate('desk.conclude.decisionN', { n }) : translate('desk.conclude.decisions'), what].filter(Boolean).join(' · ');
    }
    const label = translate(`resources.desks.fields.${head}`, { _: head });
    return index && /^\d+$/.test(index) ? `${label} #${Number(index) + 1}` : label;
  };
};

const ConveneToolbar = () => (
  <Toolbar>
    <SaveButton label="desk.create.save" alwaysEnable={false} />
  </Toolbar>
);

/** Tomorrow at 09:00 WIB: the default time of a new desk. */
const tomorrowNine = () => {
  const { year, month, day } = wibParts();
  return wibInstant(year, month, day + 1, 9).toISOString();
};

/**
 * Convene a forum desk (Layanan Prima): complaints the head's unit handles now, the units
 * that join, when (WIB) and where. The server moves each complaint to the stage "Forum desk".
 */
const ConveneForm = () => {
  const dataProvider = useDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const redirect = useRedirect();
  const fieldLabel = useDeskFieldLabel();
  const [problem, setProblem] = useState<Problem | null>(null);
  const defaults = useMemo(() => ({ scheduledAt: tomorrowNine(), participantOpdIds: [], complaintIds: [] }), []);

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      const { data } = await dataProvider.create<DeskRecord>('desks', { data: values });
      await queryClient.invalidateQueries({ queryKey: ['desks'] });
      void invalidateComplaints(queryClient);
      notify('desk.create.done', { type: 'success', messageArgs: { title: data.title } });
      redirect('show', 'desks', data.id);
      return undefined;
    } catch (error) {
      const found = problemOf(error);
      setProblem(found);
      return formErrorsOf(found, ['complaintIds', 'participantOpdIds']);
    }
  };

  return (
    <SimpleForm onSubmit={submit} defaultValues={defaults} toolbar={<ConveneToolbar />} sx={{ maxWidth: 880 }}>
      <Alert severity="info" sx={{ mb: 2 }}>
        <DeskIntro />
      </Alert>
      <TextInput source="title" validate={[required(), minLength(3), maxLength(200)]} fullWidth autoFocus helperText="desk.create.titleHelp" />
      <ReferenceArrayInput
        source="complaintIds"
        reference="myInbox"
        filter={{ status: DESKABLE_STATUSES }}
        sort={{ field: 'dueAt', order: 'ASC' }}
        perPage={100}
      >
        <AutocompleteArrayInput
          label="resources.desks.fields.complaintIds"
          optionText={complaintOption}
          filterToQuery={byQuery}
          validate={required()}
          helperText="desk.create.complaintsHelp"
          fullWidth
        />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="participantOpdIds" reference="opds" filter={{ active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={50}>
        <AutocompleteArrayInput
          label="resources.desks.fields.participantOpdIds"
          optionText={opdOptionText}
          filterToQuery={byQuery}
          helperText="desk.create.participantsHelp"
          fullWidth
        />
      </ReferenceArrayInput>
      <WibDateTimeInput source="scheduledAt" validate={required()} helperText="desk.create.scheduleHelp" />
      <TextInput source="place" validate={[required(), minLength(2), maxLength(300)]} fullWidth helperText="desk.create.placeHelp" />
      <ProblemAlert problem={problem} fieldLabel={fieldLabel} />
    </SimpleForm>
  );
};

const DeskIntro = () => {
  const translate = useTranslate();
  return <>{translate('desk.create.intro')}</>;
};

export const DeskCreate = () => (
  <Create title="desk.create.title">
    <ConveneForm />
  </Create>
);
