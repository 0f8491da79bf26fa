import { CreateButton, DataTable, ExportButton, FilterButton, List, SearchInput, TopToolbar } from 'react-admin';
import { EnumField, EnumInput, WibDateField, useEditRowClick } from '../components';
import { CoverageWarning } from './CoverageWarning';
import { HolidayImportButton } from './HolidayImport';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <EnumInput key="kind" source="kind" enumName="HolidayKind" />];

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <HolidayImportButton />
    <ExportButton />
  </TopToolbar>
);

export const HolidayList = () => {
  const rowClick = useEditRowClick();
  return (
    <List filters={filters} sort={{ field: 'date', order: 'ASC' }} perPage={50} actions={<Actions />} empty={false}>
      <CoverageWarning />
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
