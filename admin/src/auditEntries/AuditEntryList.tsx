import { AutocompleteInput, DataTable, List, ReferenceInput, SearchInput } from 'react-admin';
import { DayFilterInput, EnumField, EnumInput, WibDateField } from '../components';
import { AuditActor, AuditChanges } from './AuditChanges';

const byName = (q: string) => ({ q });

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="AuditKind" alwaysOn />,
  <EnumInput key="action" source="action" enumName="AuditAction" alwaysOn />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput label="resources.auditEntries.fields.actor" optionText="name" filterToQuery={byName} sx={{ minWidth: 220 }} />
  </ReferenceInput>,
  <DayFilterInput key="from" source="from" edge="start" alwaysOn />,
  <DayFilterInput key="to" source="to" edge="end" alwaysOn />,
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
