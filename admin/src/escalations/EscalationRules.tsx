import Alert from '@mui/material/Alert';
import { Create, DataTable, Edit, List, SimpleForm, TextInput, maxLength, required, useRecordContext, useTranslate } from 'react-admin';
import { EmbeddedReferenceField, OpdInput, useEditRowClick } from '../components';

const f = (name: string) => `resources.escalationRules.fields.${name}`;

/** The unit a rule is for, or "Koordinator" for the rule without one. */
const RuleUnit = () => {
  const record = useRecordContext<{ opd?: unknown }>();
  const translate = useTranslate();
  return record?.opd ? <EmbeddedReferenceField source="opd" reference="opds" /> : <>{translate('resources.escalationRules.coordinator')}</>;
};

export const EscalationRuleList = () => {
  const rowClick = useEditRowClick();
  const translate = useTranslate();
  return (
    <List perPage={50} sort={{ field: 'id', order: 'ASC' }}>
      <Alert severity="info" sx={{ m: 1 }}>
        {translate('resources.escalationRules.help')}
      </Alert>
      <DataTable rowClick={rowClick}>
        <DataTable.Col source="opd" label={f('opd')} disableSort>
          <RuleUnit />
        </DataTable.Col>
        <DataTable.Col source="targetOpd" label={f('targetOpd')} disableSort>
          <EmbeddedReferenceField source="targetOpd" reference="opds" />
        </DataTable.Col>
        <DataTable.Col source="note" label={f('note')} disableSort />
      </DataTable>
    </List>
  );
};

const RuleForm = () => (
  <SimpleForm>
    <OpdInput source="opdId" label={f('opdId')} />
    <OpdInput source="targetOpdId" label={f('targetOpdId')} validate={required()} />
    <TextInput source="note" label={f('note')} multiline fullWidth validate={maxLength(300)} />
  </SimpleForm>
);

export const EscalationRuleEdit = () => (
  <Edit mutationMode="pessimistic">
    <RuleForm />
  </Edit>
);

export const EscalationRuleCreate = () => (
  <Create redirect="list">
    <RuleForm />
  </Create>
);
