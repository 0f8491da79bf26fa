import { useEffect } from 'react';
import { ExportButton, List, TopToolbar, useLocaleState, useTranslate } from 'react-admin';
import { inboxBadge, useInboxBadge } from '../live/inboxBadge';
import { ComplaintTable } from './ComplaintTable';
import { complaintExporter } from './exporter';
import { useComplaintFilters } from './filters';

/**
 * "Kotak masuk": what waits for the viewer, as the server's `myInbox` decides per role
 * (admins: to verify and forward; unit heads: forwarded to their unit, overdue first;
 * staff: assigned to them; leaders: everything open). Rows that changed since the inbox
 * was last opened are highlighted.
 */
export const InboxList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { highlighted } = useInboxBadge();
  useEffect(() => inboxBadge.open(), []);
  return (
    <List
      resource="myInbox"
      title="complaint.inbox.title"
      filters={useComplaintFilters()}
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      actions={
        <TopToolbar>
          <ExportButton maxResults={1000} />
        </TopToolbar>
      }
      exporter={complaintExporter(translate, locale, 'kotak-masuk')}
      empty={false}
    >
      <ComplaintTable highlight={(id) => highlighted.has(id)} />
    </List>
  );
};
