import { DataTable, List, TextField, useTranslate } from 'react-admin';
import { EmbeddedReferenceField, WibDateField } from '../components';
import { DeadlineField } from '../complaints/fields';

const f = (name: string) => `resources.complaints.fields.${name}`;
const showPath = (id: unknown) => `/complaints/${encodeURIComponent(String(id))}/show`;

/**
 * "Eskalasi": late complaints escalated to the viewer's unit, the latest first, with why and
 * how late; each opens the complaint, where its head reminds, re-routes or takes it over.
 */
export const EscalationList = () => {
  const translate = useTranslate();
  return (
    <List
      resource="complaints"
      title="resources.escalations.name"
      filter={{ escalatedToMe: true }}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      empty={<p data-testid="escalations-empty">{translate('resources.escalations.empty')}</p>}
      exporter={false}
      disableSyncWithLocation
    >
      <DataTable rowClick={showPath} bulkActionButtons={false} data-testid="escalations">
        <DataTable.Col source="trackingCode" label={f('trackingCode')} />
        <DataTable.Col source="title" label={f('title')} />
        <DataTable.Col source="currentOpd" label={f('currentOpd')} disableSort>
          <EmbeddedReferenceField source="currentOpd" reference="opds" link={false} emptyText="complaint.list.atIntake" />
        </DataTable.Col>
        <DataTable.Col source="escalationReason" label={f('escalationReason')} disableSort>
          <TextField source="escalationReason" />
        </DataTable.Col>
        <DataTable.Col source="escalatedAt" label={f('escalatedAt')} disableSort>
          <WibDateField source="escalatedAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="dueAt" label="resources.escalations.late">
          <DeadlineField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
