import { BooleanInput, Create, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { EnumInput, OpdInput, validCode, validRegionCode } from '../components';

const OpdForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    <EnumInput source="kind" enumName="OpdKind" validate={required()} />
    <OpdInput source="parentId" label="resources.opds.fields.parent" />
    <TextInput source="regionCode" validate={validRegionCode} helperText="helpers.regionCode" />
    <BooleanInput source="active" defaultValue={true} helperText="helpers.forwardable" />
  </SimpleForm>
);

export const OpdEdit = () => (
  <Edit mutationMode="pessimistic">
    <OpdForm />
  </Edit>
);

export const OpdCreate = () => (
  <Create redirect="show">
    <OpdForm />
  </Create>
);
