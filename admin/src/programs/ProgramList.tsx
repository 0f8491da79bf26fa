import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, OpdInput, WibDateField } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OpdInput key="ownerOpdId" source="ownerOpdId" label="resources.programs.fields.ownerOpd" />,
  <NullableBooleanInput key="active" source="active" />,
];

export const ProgramList = () => (
  <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={25}>
    <DataTable rowClick="show">
      <DataTable.Col source="code" />
      <DataTable.Col source="name" />
      <DataTable.Col source="ownerOpd" disableSort>
        <EmbeddedReferenceField source="ownerOpd" reference="opds" />
      </DataTable.Col>
      <DataTable.Col source="startsOn">
        <WibDateField source="startsOn" />
      </DataTable.Col>
      <DataTable.Col source="endsOn">
        <WibDateField source="endsOn" />
      </DataTable.Col>
      <DataTable.Col source="active" field={BooleanField} />
    </DataTable>
  </List>
);
