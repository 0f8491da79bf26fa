import { BooleanInput, Create, Edit, ReferenceInput, SelectInput, SimpleForm, TextInput, required } from 'react-admin';
import { OpdInput, validCode } from '../components';

const CategoryForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    <TextInput source="description" multiline fullWidth />
    <OpdInput source="defaultOpdId" label="resources.categories.fields.defaultOpd" />
    <ReferenceInput source="slaPolicyId" reference="slaPolicies" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput label="resources.categories.fields.slaPolicy" optionText="name" emptyText="helpers.slaUseDefault" />
    </ReferenceInput>
    <BooleanInput source="active" defaultValue={true} />
  </SimpleForm>
);

export const CategoryEdit = () => (
  <Edit mutationMode="pessimistic">
    <CategoryForm />
  </Edit>
);

export const CategoryCreate = () => (
  <Create redirect="list">
    <CategoryForm />
  </Create>
);
