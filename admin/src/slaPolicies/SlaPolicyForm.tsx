import Stack from '@mui/material/Stack';
import { BooleanInput, Create, Edit, NumberInput, SimpleForm, TextInput, required } from 'react-admin';
import { EnumInput, positive, validCode } from '../components';

const SlaPolicyForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    <Stack direction="row" spacing={2}>
      <NumberInput source="verifyWithin" min={1} defaultValue={3} validate={[required(), positive]} />
      <EnumInput source="verifyUnit" enumName="SlaUnit" defaultValue="WORKING_DAYS" validate={required()} />
    </Stack>
    <Stack direction="row" spacing={2}>
      <NumberInput source="respondWithin" min={1} defaultValue={24} validate={[required(), positive]} />
      <EnumInput source="respondUnit" enumName="SlaUnit" defaultValue="WORKING_HOURS" validate={required()} />
    </Stack>
    <Stack direction="row" spacing={2}>
      <NumberInput source="followUpWithin" min={1} defaultValue={5} validate={[required(), positive]} />
      <EnumInput source="followUpUnit" enumName="SlaUnit" defaultValue="WORKING_DAYS" validate={required()} />
    </Stack>
    <Stack direction="row" spacing={2}>
      <NumberInput source="settleWithin" min={1} defaultValue={60} validate={[required(), positive]} />
      <EnumInput source="settleUnit" enumName="SlaUnit" defaultValue="CALENDAR_DAYS" validate={required()} />
    </Stack>
    <NumberInput source="autoCloseAfterDays" min={1} defaultValue={10} validate={[required(), positive]} />
    <BooleanInput source="isDefault" defaultValue={false} helperText="helpers.slaDefault" />
  </SimpleForm>
);

export const SlaPolicyEdit = () => (
  <Edit mutationMode="pessimistic">
    <SlaPolicyForm />
  </Edit>
);

export const SlaPolicyCreate = () => (
  <Create redirect="list">
    <SlaPolicyForm />
  </Create>
);
