import { AutocompleteInput, DataTable, DateInput, List, ReferenceInput, SearchInput } from 'react-admin';
import { EnumField, EnumInput, WibDateField } from '../components';
import { endOfWibDay, startOfWibDay, wibDay } from '../wib';
import { AuditActor, AuditChanges } from './AuditChanges';

/** Filter values are instants; the date inputs show and take the WIB calendar day. */
const showDay = (value: unknown) => (value ? wibDay(new Date(String(value))) : '');
const fromDay = (value: string) => (value ? startOfWibDay(value) : value);
const toDay = (value: string) => (value ? endOfWibDay(value) : value);
const byName = (q: string) => ({ q });

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="AuditKind" alwaysOn />,
  <EnumInput key="action" source="action" enumName="AuditAction" alwaysOn />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput label="resources.auditEntries.fields.actor" optionText="name" filterToQuery={byName} sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <DateInput key="from" source="from" parse={fromDay} format={showDay} alwaysOn />,
  <DateInput key="to" source="to" parse={toDay} format={showDay} alwaysOn />,
];

/** Read-only: the trail is append-only, so no row opens an edit or delete. */
export const AuditEntryList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <WibDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="actorUsername" label="resources.auditEntries.fields.actor">
        <AuditActor />
      </DataTable.Col>
      <DataTable.Col source="action">
        <EnumField source="action" enumName="AuditAction" />
      </DataTable.Col>
      <DataTable.Col source="kind">
        <EnumField source="kind" enumName="AuditKind" />
      </DataTable.Col>
      <DataTable.Col source="entityLabel" />
      <DataTable.Col source="changes" disableSort>
        <AuditChanges />
      </DataTable.Col>
    </DataTable>
  </List>
);
