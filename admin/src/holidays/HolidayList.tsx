import { DataTable, List, SearchInput } from 'react-admin';
import { EnumField, EnumInput, WibDateField } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="HolidayKind" />,
];

export const HolidayList = () => (
  <List filters={filters} sort={{ field: 'date', order: 'ASC' }} perPage={50}>
    <DataTable rowClick="edit">
      <DataTable.Col source="date">
        <WibDateField source="date" />
      </DataTable.Col>
      <DataTable.Col source="name" />
      <DataTable.Col source="kind">
        <EnumField source="kind" enumName="HolidayKind" />
      </DataTable.Col>
    </DataTable>
  </List>
);
