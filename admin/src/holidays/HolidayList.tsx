import { DataTable, List, SearchInput } from 'react-admin';
import { EnumField, EnumInput, WibDateField, useEditRowClick } from '../components';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <EnumInput key="kind" source="kind" enumName="HolidayKind" />];

export const HolidayList = () => {
  const rowClick = useEditRowClick();
  return (
    <List filters={filters} sort={{ field: 'date', order: 'ASC' }} perPage={50}>
      <DataTable rowClick={rowClick}>
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
};
