import Stack from '@mui/material/Stack';
import { BooleanInput, Create, Edit, NumberInput, SimpleForm, TextInput, required } from 'react-admin';
import { EnumInput, positive, validCode } from '../components';
import { SLA_LIMITS } from './limits';

const SlaPolicyForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    {SLA_LIMITS.map((l) => (
      <Stack key={l.key} direction="row" spacing={2}>
        <NumberInput source={`${l.key}Within`} min={1} defaultValue={l.within} validate={[required(), positive]} />
        <EnumInput source={`${l.key}Unit`} enumName="SlaUnit" defaultValue={l.unit} validate={required()} />
      </Stack>
    ))}
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
