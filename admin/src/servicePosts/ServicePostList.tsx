import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, OpdInput, ScheduleField } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OpdInput key="kelurahanId" source="kelurahanId" label="resources.servicePosts.fields.kelurahan" filter={{ kind: 'KELURAHAN' }} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const ServicePostList = () => (
  <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={25}>
    <DataTable rowClick="show">
      <DataTable.Col source="code" />
      <DataTable.Col source="name" />
      <DataTable.Col source="kelurahan" disableSort>
        <EmbeddedReferenceField source="kelurahan" reference="opds" />
      </DataTable.Col>
      <DataTable.Col source="rw" />
      <DataTable.Col source="schedule" disableSort>
        <ScheduleField source="schedule" />
      </DataTable.Col>
      <DataTable.Col source="active" field={BooleanField} />
    </DataTable>
  </List>
);
