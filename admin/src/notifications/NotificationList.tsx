import ReplayIcon from '@mui/icons-material/Replay';
import { Button, DataTable, List, SearchInput, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { EnumField, EnumInput, WibDateField } from '../components';
import { retryNotifications } from './queries';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <EnumInput key="channel" source="channel" enumName="NotificationChannel" alwaysOn />];

/** Sends the selected failed or dead messages again; others are left as they are. */
const RetryButton = () => {
  const { selectedIds } = useListContext();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('notifications');
  const translate = useTranslate();
  return (
    <Button
      label="notifications.retry"
      onClick={async () => {
        const queued = await retryNotifications(selectedIds.map(String));
        notify(translate('notifications.retried', { smart_count: queued }), { type: 'info' });
        unselectAll();
        refresh();
      }}
    >
      <ReplayIcon />
    </Button>
  );
};

/** "Notifikasi gagal": deliveries that failed or were given up, for the superadmin to send again. */
export const NotificationList = () => (
  <List filters={filters} filter={{ status: ['FAILED', 'DEAD'] }} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} exporter={false}>
    <DataTable rowClick={false} bulkActionButtons={<RetryButton />}>
      <DataTable.Col source="createdAt">
        <WibDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="status">
        <EnumField source="status" enumName="NotificationStatus" />
      </DataTable.Col>
      <DataTable.Col source="channel">
        <EnumField source="channel" enumName="NotificationChannel" />
      </DataTable.Col>
      <DataTable.Col source="template" disableSort>
        <EnumField source="template" enumName="NotificationTemplate" />
      </DataTable.Col>
      <DataTable.Col source="subject" disableSort />
      <DataTable.Col source="attempts" />
      <DataTable.Col source="nextAttemptAt">
        <WibDateField source="nextAttemptAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="lastError" disableSort />
    </DataTable>
  </List>
);
