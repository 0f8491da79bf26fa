import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, EnumField, EnumInput, WibDateField } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="status" source="status" enumName="ComplaintStatus" />,
  <NullableBooleanInput key="overdue" source="overdue" />,
];

/** Placeholder until the complaint pages (show, workflow, live updates) are built. */
export const ComplaintList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="trackingCode" />
      <DataTable.Col source="title" />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="ComplaintStatus" />
      </DataTable.Col>
      <DataTable.Col source="currentOpd" disableSort>
        <EmbeddedReferenceField source="currentOpd" reference="opds" />
      </DataTable.Col>
      <DataTable.Col source="responseDueAt">
        <WibDateField source="responseDueAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="overdue" field={BooleanField} />
    </DataTable>
  </List>
);
