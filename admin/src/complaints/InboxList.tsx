import Card from '@mui/material/Card';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { ExportButton, List, ListContextProvider, TopToolbar, useGetMany, useList, useLocaleState, useTranslate } from 'react-admin';
import { inboxBadge, useInboxBadge } from '../live/inboxBadge';
import { ComplaintTable } from './ComplaintTable';
import { complaintExporter } from './exporter';
import { useComplaintFilters } from './filters';
import type { ComplaintRecord } from './types';

const always = () => true;

/**
 * What the badge counted, above the inbox: the inbox is sorted by deadline, so a complaint
 * that just arrived could be on any page. Shown while the inbox stays open.
 */
const ChangedFirst = ({ ids }: { ids: string[] }) => {
  const translate = useTranslate();
  const { data } = useGetMany<ComplaintRecord>('complaints', { ids }, { enabled: ids.length > 0 });
  const list = useList<ComplaintRecord>({ data: ids.length > 0 ? data : [], perPage: Math.max(ids.length, 1) });
  if (ids.length === 0 || !data?.length) return null;
  return (
    <Card variant="outlined" sx={{ mb: 2, borderColor: 'info.main' }} data-testid="inbox-changed" component="section" aria-labelledby="inbox-changed-title">
      <Typography id="inbox-changed-title" variant="subtitle2" component="h2" sx={{ px: 2, pt: 1.5 }}>
        {translate('live.changedSince', { smart_count: data.length })}
      </Typography>
      <ListContextProvider value={list}>
        <ComplaintTable highlight={always} />
      </ListContextProvider>
    </Card>
  );
};

/**
 * "Kotak masuk": what waits for the viewer, as the server's `myInbox` decides per role
 * (admins: to verify and forward; unit heads: forwarded to their unit, overdue first;
 * staff: assigned to them; leaders: everything open). Complaints that changed since the
 * inbox was last opened come first, and are highlighted in the list too.
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
      <ChangedFirst ids={[...highlighted]} />
      <ComplaintTable highlight={(id) => highlighted.has(id)} />
    </List>
  );
};
