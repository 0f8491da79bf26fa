import { BooleanInput, Create, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { DayInput, OpdInput, notBeforeSibling, validCode } from '../components';

const endsAfterStarts = notBeforeSibling('startsOn', 'validation.endsAfterStarts', true);

const ProgramForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    <OpdInput source="ownerOpdId" label="resources.programs.fields.ownerOpd" validate={required()} />
    <TextInput source="description" multiline minRows={3} fullWidth />
    <TextInput source="eligibility" multiline minRows={2} fullWidth />
    <TextInput source="benefits" multiline minRows={2} fullWidth />
    <TextInput source="contact" fullWidth />
    <DayInput source="startsOn" />
    <DayInput source="endsOn" validate={endsAfterStarts} />
    <BooleanInput source="active" defaultValue={true} />
  </SimpleForm>
);

export const ProgramEdit = () => (
  <Edit mutationMode="pessimistic">
    <ProgramForm />
  </Edit>
);

export const ProgramCreate = () => (
  <Create redirect="show">
    <ProgramForm />
  </Create>
);
