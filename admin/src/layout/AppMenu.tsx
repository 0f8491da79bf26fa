import InboxIcon from '@mui/icons-material/Inbox';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import ListSubheader from '@mui/material/ListSubheader';
import { Menu, useCanAccessResources, useSidebarState, useTranslate } from 'react-admin';
import { useInboxBadge } from '../live/inboxBadge';
import { MENU_GROUPS, MENU_RESOURCES } from '../resources';

const VISUALLY_HIDDEN = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** "Kotak masuk" with the number of complaints that arrived or changed since it was last open. */
const InboxMenuItem = () => {
  const translate = useTranslate();
  const { unseen } = useInboxBadge();
  const label = translate('resources.myInbox.name', { smart_count: 2 });
  // The name comes from the visible label (WCAG 2.5.3), the count is told in hidden text.
  return (
    <Menu.Item
      to="/myInbox"
      primaryText={
        <>
          {label}
          {unseen > 0 && (
            <Box component="span" sx={VISUALLY_HIDDEN}>
              {` (${translate('live.badge', { smart_count: unseen })})`}
            </Box>
          )}
        </>
      }
      leftIcon={
        <Badge
          badgeContent={unseen}
          color="error"
          max={99}
          data-testid="inbox-badge"
          data-count={unseen}
          slotProps={{ badge: { 'aria-hidden': true } as Record<string, unknown> }}
        >
          <InboxIcon />
        </Badge>
      }
    />
  );
};

export const AppMenu = () => {
  const [open] = useSidebarState();
  const translate = useTranslate();
  const { canAccess } = useCanAccessResources({ action: 'list', resources: MENU_RESOURCES });
  // MenuList wants a flat list of items (no Fragments): headings and entries side by side.
  const items = MENU_GROUPS.flatMap((group) => {
    const visible = group.resources.filter((r) => canAccess?.[r]);
    if (visible.length === 0) return [];
    return [
      open ? (
        // A menu holds menu items only (ARIA): the heading is presentation, its text still read.
        <ListSubheader key={group.label} role="none" disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent' }}>
          {translate(group.label)}
        </ListSubheader>
      ) : null,
      ...visible.map((name) => (name === 'myInbox' ? <InboxMenuItem key={name} /> : <Menu.ResourceItem key={name} name={name} />)),
    ];
  });
  return (
    <Menu>
      <Menu.DashboardItem primaryText="menu.dashboard" />
      {items}
    </Menu>
  );
};
