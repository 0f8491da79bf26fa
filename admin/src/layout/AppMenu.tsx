import ListSubheader from '@mui/material/ListSubheader';
import { Fragment } from 'react';
import { Menu, useCanAccessResources, useSidebarState, useTranslate } from 'react-admin';
import { MENU_GROUPS, MENU_RESOURCES } from '../resources';

export const AppMenu = () => {
  const [open] = useSidebarState();
  const translate = useTranslate();
  const { canAccess } = useCanAccessResources({ action: 'list', resources: MENU_RESOURCES });
  return (
    <Menu>
      <Menu.DashboardItem primaryText="menu.dashboard" />
      {MENU_GROUPS.map((group) => {
        const visible = group.resources.filter((r) => canAccess?.[r]);
        if (visible.length === 0) return null;
        return (
          <Fragment key={group.label}>
            {open && (
              <ListSubheader disableSticky sx={{ lineHeight: '32px', mt: 1, bgcolor: 'transparent' }}>
                {translate(group.label)}
              </ListSubheader>
            )}
            {visible.map((name) => (
              <Menu.ResourceItem key={name} name={name} />
            ))}
          </Fragment>
        );
      })}
    </Menu>
  );
};
