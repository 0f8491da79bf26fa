import NotificationsIcon from '@mui/icons-material/Notifications';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Popover from '@mui/material/Popover';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { COMPLAINT_CHANGED_EVENT } from '../live/LiveUpdates';
import { intlLocale } from '../providers/i18nProvider';
import { formatWib } from '../wib';
import { fetchCentre, markRead, type CentreItem } from './queries';

const KEY = ['notificationCentre'];

/** Where a notification leads: its complaint, the desk a unit is invited to, else (a daily digest) the inbox. */
const target = (n: CentreItem) => (n.complaintId ? `/complaints/${n.complaintId}/show` : n.deskId ? `/desks/${n.deskId}/show` : '/myInbox');
/** A fallback for changes the live feed does not bring (none today; cheap either way). */
const POLL_MS = 60_000;

/**
 * The bell in the app bar: the viewer's unread console notifications, the latest ten, and mark
 * read. A notification is written with the complaint change that causes it, so each live
 * change is the moment to look again.
 */
export const NotificationBell = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data, refetch } = useQuery({
    queryKey: [...KEY, identity?.id],
    queryFn: () => fetchCentre(10),
    enabled: identity?.id != null,
    refetchInterval: POLL_MS,
  });

  useEffect(() => {
    const onChange = () => void refetch();
    window.addEventListener(COMPLAINT_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(COMPLAINT_CHANGED_EVENT, onChange);
  }, [refetch]);

  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  const label = translate('notifications.bell', { smart_count: unread });
  const after = async (work: Promise<unknown>) => {
    await work;
    await queryClient.invalidateQueries({ queryKey: KEY });
  };

  return (
    <>
      <Tooltip title={label}>
        <IconButton color="inherit" aria-label={label} onClick={(e) => setAnchor(e.currentTarget)} data-testid="notification-bell">
          <Badge badgeContent={unread} color="error" max={99} data-testid="notification-badge" data-count={unread}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box sx={{ width: { xs: '100vw', sm: 400 }, maxWidth: '100%' }} data-testid="notification-list">
          <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 2, pt: 1 }}>
            <Typography variant="subtitle1" component="h2">
              {translate('notifications.title')}
            </Typography>
            <Button size="small" disabled={unread === 0} onClick={() => void after(markRead())}>
              {translate('notifications.markAllRead')}
            </Button>
          </Box>
          {items.length === 0 ? (
            <Typography variant="body2" sx={{ px: 2, py: 2 }}>
              {translate('notifications.empty')}
            </Typography>
          ) : (
            <List dense>
              {items.map((n) => (
                <ListItemButton
                  key={n.id}
                  data-unread={n.readAt ? undefined : 'true'}
                  href={`#${target(n)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    setAnchor(null);
                    if (!n.readAt) void after(markRead([n.id]));
                    navigate(target(n));
                  }}
                  sx={{ alignItems: 'flex-start', ...(n.readAt ? {} : { bgcolor: 'action.selected' }) }}
                >
                  <ListItemText
                    primary={n.subject}
                    secondary={`${formatWib(n.createdAt, intlLocale(locale), true)}${n.readAt ? '' : ` · ${translate('notifications.unread')}`}`}
                    slotProps={{ primary: { sx: { fontWeight: n.readAt ? 400 : 600 } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
      </Popover>
    </>
  );
};
