import AccountTreeIcon from '@mui/icons-material/AccountTreeOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Loading,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  email,
  maxLength,
  regex,
  required,
  useGetIdentity,
  useGetOne,
  useNotify,
  useTranslate,
} from 'react-admin';
import { EnumInput, OpdInput, minText, uuid, validPhone, validRw } from '../components';
import { enumChoices } from '../enums';
import { AccessCodeDialog, type SubmitResult } from './AccessCodeDialog';
import { SimilarWhileRecording } from './Duplicates';
import { AttachmentPicker, useUpload } from './Attachments';
import type { Visibility } from './attachments';

/** Files chosen while recording: uploaded once the complaint exists (they need its id). */
interface Chosen {
  files: File[];
  visibility: Visibility;
  setFiles: (files: File[]) => void;
  setVisibility: (v: Visibility) => void;
}

const validNik = regex(/^\d{16}$/, 'complaint.create.nikFormat');
const validRt = regex(/^\d{1,3}$/, 'validation.rt');
const titleRules = [required(), minText(5), maxLength(200)];
const descriptionRules = [required(), minText(10), maxLength(10000)];
const byName = (q: string) => ({ q });

/**
 * At least one way to reach the reporter, as the server requires (shown under the phone).
 * An input-level rule, not the form's `validate`: a form-level validate replaces every
 * input's own rules in react-hook-form, and "abc" as a title would reach the server.
 */
const contactGiven = (_value: unknown, values: Record<string, unknown>) =>
  values.reporterPhone || values.reporterEmail || values.reporterAddress ? undefined : 'complaint.create.contactRequired';
const validReporterPhone = [validPhone, contactGiven];

/** Ctrl+Enter (⌘+Enter) saves from any input, so the keyboard never leaves the form. */
const submitOnCtrlEnter = (event: KeyboardEvent<HTMLElement>) => {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  event.preventDefault();
  (event.target as HTMLElement).closest('form')?.requestSubmit();
};

/** The unit the chosen category routes to: where the admin will most likely forward it. */
const SuggestedUnit = () => {
  const translate = useTranslate();
  const categoryId = useWatch({ name: 'categoryId' });
  const { data } = useGetOne('categories', { id: categoryId }, { enabled: !!categoryId });
  const opd = data?.defaultOpd as { name?: string } | null | undefined;
  if (!categoryId || !opd?.name) return null;
  return (
    <Alert icon={<AccountTreeIcon fontSize="inherit" />} severity="info" sx={{ py: 0, mb: 1 }} data-testid="suggested-unit">
      {translate('complaint.create.suggestedUnit', { name: opd.name })}
    </Alert>
  );
};

/** Officers record at their post: its kelurahan and RW are the likely location. */
const ServicePostDefaults = ({ servicePostId }: { servicePostId?: string | null }) => {
  const { setValue, getValues } = useFormContext();
  const { data } = useGetOne('servicePosts', { id: servicePostId }, { enabled: !!servicePostId });
  useEffect(() => {
    if (!data) return;
    if (!getValues('kelurahanId') && data.kelurahanId) setValue('kelurahanId', data.kelurahanId);
    if (!getValues('rw') && data.rw) setValue('rw', data.rw);
  }, [data, getValues, setValue]);
  return null;
};

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%', mb: 1 }}>
      <Typography variant="overline" color="text.secondary" component="h2">
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

const CreateToolbar = () => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <SaveButton label="complaint.create.save" alwaysEnable={false} />
      <Typography variant="caption" color="text.secondary" sx={{ ml: 2 }}>
        {translate('complaint.create.shortcut')}
      </Typography>
    </Toolbar>
  );
};

const ComplaintForm = ({ officer, servicePostId, chosen }: { officer: boolean; servicePostId?: string | null; chosen: Chosen }) => {
  const translate = useTranslate();
  const f = (name: string) => `resources.complaints.fields.${name}`;
  return (
    <SimpleForm
      toolbar={<CreateToolbar />}
      defaultValues={{
        type: 'COMPLAINT',
        channel: officer ? 'SERVICE_POST' : 'WALK_IN',
        anonymous: false,
        confidential: false,
      }}
      warnWhenUnsavedChanges
    >
      <Box onKeyDown={submitOnCtrlEnter} sx={{ width: '100%', maxWidth: 1100 }}>
        {officer && <ServicePostDefaults servicePostId={servicePostId} />}
        <Section title="complaint.create.sections.report">
          <TextInput source="title" label={f('title')} autoFocus fullWidth validate={titleRules} />
          <TextInput source="description" label={f('description')} multiline minRows={4} fullWidth validate={descriptionRules} />
          <SimilarWhileRecording />
          <Grid container columnSpacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <ReferenceInput source="categoryId" reference="categories" filter={{ active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={100}>
                <AutocompleteInput label={f('category')} optionText="name" filterToQuery={byName} fullWidth />
              </ReferenceInput>
              <SuggestedUnit />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ReferenceInput source="programId" reference="programs" filter={{ active: true }} sort={{ field: 'name', order: 'ASC' }} perPage={100}>
                <AutocompleteInput label={f('program')} optionText="name" filterToQuery={byName} fullWidth helperText="complaint.create.programHelp" />
              </ReferenceInput>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <RadioButtonGroupInput source="type" label={f('type')} choices={enumChoices('ComplaintType')} validate={required()} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <EnumInput
                source="channel"
                enumName="Channel"
                label={f('channel')}
                validate={required()}
                readOnly={officer}
                helperText={officer ? 'complaint.create.channelOfficer' : false}
                fullWidth
              />
            </Grid>
          </Grid>
        </Section>
        <Divider sx={{ my: 1 }} />
        <Section title="complaint.create.sections.location">
          <Grid container columnSpacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <OpdInput source="kelurahanId" label={f('kelurahan')} filter={{ kind: 'KELURAHAN', active: true }} fullWidth />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextInput source="rt" label={f('rt')} validate={validRt} fullWidth />
            </Grid>
            <Grid size={{ xs: 6, md: 3 }}>
              <TextInput source="rw" label={f('rw')} validate={validRw} fullWidth />
            </Grid>
          </Grid>
          <TextInput source="address" label={f('address')} fullWidth />
        </Section>
        <Divider sx={{ my: 1 }} />
        <Section title="complaint.create.sections.reporter">
          <Grid container columnSpacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput source="reporterName" label={f('reporterName')} fullWidth />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput source="reporterNik" label={f('reporterNik')} validate={validNik} fullWidth inputProps={{ inputMode: 'numeric', maxLength: 16 }} />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput
                source="reporterPhone"
                label={f('reporterPhone')}
                validate={validReporterPhone}
                fullWidth
                type="tel"
                helperText="complaint.create.contactHelp"
              />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput source="reporterEmail" label={f('reporterEmail')} validate={email()} fullWidth type="email" />
            </Grid>
          </Grid>
          <TextInput source="reporterAddress" label={f('reporterAddress')} fullWidth />
          <Grid container columnSpacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <BooleanInput source="anonymous" label={f('anonymous')} helperText="complaint.create.anonymousHelp" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <BooleanInput source="confidential" label={f('confidential')} helperText="complaint.create.confidentialHelp" />
            </Grid>
          </Grid>
        </Section>
        <Typography variant="caption" color="text.secondary">
          {translate('complaint.create.identityNote')}
        </Typography>
        <Divider sx={{ my: 1 }} />
        <Section title="complaint.attachments.forRecording">
          <AttachmentPicker files={chosen.files} onFiles={chosen.setFiles} visibility={chosen.visibility} onVisibility={chosen.setVisibility} allowIdentity />
        </Section>
      </Box>
    </SimpleForm>
  );
};

/**
 * Recording a complaint at a desk or a service post: one keyboard-friendly form, saved
 * with `submitComplaint(input, idempotencyKey)` (one key per form, so a double submit or a
 * retry never records two), then the tracking and access codes to read to the reporter.
 */
export const ComplaintCreate = () => {
  const { identity, isPending } = useGetIdentity();
  const notify = useNotify();
  const navigate = useNavigate();
  const [idempotencyKey, setIdempotencyKey] = useState(uuid);
  const [formKey, setFormKey] = useState(0);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [visibility, setVisibility] = useState<Visibility>('INTERNAL');
  const upload = useUpload();

  if (isPending || !identity) return <Loading />;
  // Officers are tied to a service post: the server records SERVICE_POST for them anyway.
  const officer = !!identity.servicePostId;

  return (
    <>
      <Create
        key={formKey}
        title="complaint.create.title"
        redirect={false}
        mutationOptions={{
          meta: { idempotencyKey },
          onSuccess: async (data: SubmitResult) => {
            // A replayed submission already has its files (or the officer attaches them on its page).
            if (files.length && !data.replayed && !(await upload(String(data.id), files, visibility))) {
              notify('complaint.attachments.notAttached', { type: 'warning', autoHideDuration: 10000 });
            }
            setFiles([]);
            setResult(data);
            if (data.replayed) notify('complaint.create.replayed', { type: 'info' });
          },
        }}
      >
        <ComplaintForm officer={officer} servicePostId={identity.servicePostId as string | null} chosen={{ files, visibility, setFiles, setVisibility }} />
      </Create>
      <AccessCodeDialog
        result={result}
        onShow={() => result && navigate(`/complaints/${encodeURIComponent(result.id)}/show`)}
        onAnother={() => {
          setResult(null);
          setIdempotencyKey(uuid());
          setFormKey((k) => k + 1);
        }}
      />
    </>
  );
};
