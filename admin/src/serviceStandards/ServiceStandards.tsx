import Typography from '@mui/material/Typography';
import { BooleanInput, Create, DataTable, Edit, List, SimpleForm, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { EmbeddedReferenceField, OpdInput, minText, useEditRowClick } from '../components';

const f = (name: string) => `resources.serviceStandards.fields.${name}`;
const PUBLIC = ['requirements', 'procedure', 'timeLimit', 'fee', 'product', 'complaintHandling'] as const;
const INTERNAL = [
  'legalBasis',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'staffCount',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;

export const ServiceStandardList = () => {
  const rowClick = useEditRowClick();
  return (
    <List perPage={50} sort={{ field: 'serviceName', order: 'ASC' }}>
      <DataTable rowClick={rowClick}>
        <DataTable.Col source="serviceName" label={f('serviceName')} />
        <DataTable.Col source="opd" label={f('opd')} disableSort>
          <EmbeddedReferenceField source="opd" reference="opds" />
        </DataTable.Col>
        <DataTable.Col source="timeLimit" label={f('timeLimit')} disableSort />
        <DataTable.Col source="active" label={f('active')} disableSort />
      </DataTable>
    </List>
  );
};

const Heading = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="overline" component="h2" sx={{ mt: 2 }}>
      {translate(text)}
    </Typography>
  );
};

const StandardForm = () => (
  <SimpleForm>
    <OpdInput source="opdId" label={f('opdId')} validate={required()} />
    <TextInput source="serviceName" label={f('serviceName')} fullWidth validate={[required(), minText(3), maxLength(200)]} />
    <Heading text="resources.serviceStandards.public" />
    {PUBLIC.map((k) => (
      <TextInput key={k} source={k} label={f(k)} multiline minRows={2} fullWidth validate={[required(), maxLength(5000)]} />
    ))}
    <Heading text="resources.serviceStandards.internal" />
    {INTERNAL.map((k) => (
      <TextInput key={k} source={k} label={f(k)} multiline fullWidth validate={maxLength(5000)} />
    ))}
    <BooleanInput source="active" label={f('active')} defaultValue />
  </SimpleForm>
);

export const ServiceStandardEdit = () => (
  <Edit mutationMode="pessimistic">
    <StandardForm />
  </Edit>
);

export const ServiceStandardCreate = () => (
  <Create redirect="list">
    <StandardForm />
  </Create>
);
