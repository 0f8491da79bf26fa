import { BooleanField, DataTable, List, NumberField, SearchInput, useRecordContext, useTranslate } from 'react-admin';
import { useEditRowClick } from '../components';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

/** "3 Hari" from a number and its unit. */
const Duration = ({ amount, unit }: { amount: string; unit: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record || record[amount] == null) return null;
  return (
    <>
      {record[amount]} {record[unit] ? translate(`enums.SlaUnit.${record[unit]}`) : ''}
    </>
  );
};

export const SlaPolicyList = () => {
  const rowClick = useEditRowClick();
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={25}>
      <DataTable rowClick={rowClick}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="verifyWithin">
          <Duration amount="verifyWithin" unit="verifyUnit" />
        </DataTable.Col>
        <DataTable.Col source="respondWithin">
          <Duration amount="respondWithin" unit="respondUnit" />
        </DataTable.Col>
        <DataTable.Col source="followUpWithin">
          <Duration amount="followUpWithin" unit="followUpUnit" />
        </DataTable.Col>
        <DataTable.Col source="settleWithin">
          <Duration amount="settleWithin" unit="settleUnit" />
        </DataTable.Col>
        <DataTable.Col source="autoCloseAfterDays" field={NumberField} />
        <DataTable.Col source="isDefault" field={BooleanField} />
      </DataTable>
    </List>
  );
};
