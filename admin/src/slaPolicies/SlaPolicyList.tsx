import { BooleanField, DataTable, List, NumberField, SearchInput, useRecordContext, useTranslate } from 'react-admin';
import { useEditRowClick } from '../components';
import { SLA_LIMITS } from './limits';

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
        {SLA_LIMITS.map((l) => (
          <DataTable.Col key={l.key} source={`${l.key}Within`}>
            <Duration amount={`${l.key}Within`} unit={`${l.key}Unit`} />
          </DataTable.Col>
        ))}
        <DataTable.Col source="autoCloseAfterDays" field={NumberField} />
        <DataTable.Col source="isDefault" field={BooleanField} />
      </DataTable>
    </List>
  );
};
