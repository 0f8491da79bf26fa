import Alert from '@mui/material/Alert';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  DataTable,
  Edit,
  List,
  ReferenceInput,
  SimpleForm,
  TextInput,
  maxLength,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EmbeddedReferenceField, OpdInput, minText, useEditRowClick } from '../components';

const f = (name: string) => `resources.responseTemplates.fields.${name}`;

/** The unit a template belongs to, or "Semua unit" for a city-wide one. */
const TemplateUnit = () => {
  const record = useRecordContext<{ opd?: unknown }>();
  const translate = useTranslate();
  return record?.opd ? <EmbeddedReferenceField source="opd" reference="opds" /> : <>{translate('resources.responseTemplates.everyUnit')}</>;
};

export const ResponseTemplateList = () => {
  const rowClick = useEditRowClick();
  const translate = useTranslate();
  return (
    <List perPage={50} sort={{ field: 'title', order: 'ASC' }}>
      <Alert severity="info" sx={{ m: 1 }}>
        {translate('resources.responseTemplates.help')}
      </Alert>
      <DataTable rowClick={rowClick}>
        <DataTable.Col source="title" label={f('title')} />
        <DataTable.Col source="opd" label={f('opd')} disableSort>
          <TemplateUnit />
        </DataTable.Col>
        <DataTable.Col source="category" label={f('category')} disableSort>
          <EmbeddedReferenceField source="category" reference="categories" />
        </DataTable.Col>
        <DataTable.Col source="active" label={f('active')} disableSort />
      </DataTable>
    </List>
  );
};

const TemplateForm = () => (
  <SimpleForm>
    <TextInput source="title" label={f('title')} fullWidth validate={[required(), minText(3), maxLength(120)]} />
    <OpdInput source="opdId" label={f('opdId')} />
    <ReferenceInput source="categoryId" reference="categories" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput label={f('categoryId')} optionText="name" filterToQuery={(q: string) => ({ q })} fullWidth />
    </ReferenceInput>
    <TextInput
      source="body"
      label={f('body')}
      multiline
      minRows={8}
      fullWidth
      validate={[required(), minText(20), maxLength(10000)]}
      helperText={f('bodyHelp')}
    />
    <BooleanInput source="active" label={f('active')} defaultValue />
  </SimpleForm>
);

export const ResponseTemplateEdit = () => (
  <Edit mutationMode="pessimistic">
    <TemplateForm />
  </Edit>
);

export const ResponseTemplateCreate = () => (
  <Create redirect="list">
    <TemplateForm />
  </Create>
);
