import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import {
  AppBar,
  Layout,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  ToggleThemeButton,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { LiveStatusIndicator } from '../live/LiveStatusIndicator';
import { LiveUpdates } from '../live/LiveUpdates';
import { SessionGuard } from '../live/SessionGuard';
import { NotificationBell } from '../notifications';
import { ChannelsMenuItem } from '../notifications/ChannelsMenuItem';
import { AppMenu } from './AppMenu';

const Toolbar = () => (
  <>
    <LiveStatusIndicator />
    <NotificationBell />
    {/* On a phone the language button shows its icons only (the name stays its accessible name). */}
    <Box component="span" sx={{ '& .MuiButton-root': { fontSize: { xs: 0, sm: '0.875rem' }, minWidth: 0 } }}>
      <LocalesMenuButton />
    </Box>
    <ToggleThemeButton />
    <LoadingIndicator />
  </>
);

/** The user menu button shows the user's name: its accessible name contains it (WCAG 2.5.3). */
const AppUserMenu = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const menu = translate('ra.auth.user_menu');
  return (
    <UserMenu label={identity?.fullName ? `${menu}: ${identity.fullName}` : menu}>
      <ChannelsMenuItem />
      <Logout />
    </UserMenu>
  );
};

const AppAppBar = () => (
  <AppBar toolbar={<Toolbar />} userMenu={<AppUserMenu />}>
    <TitlePortal />
  </AppBar>
);

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout menu={AppMenu} appBar={AppAppBar}>
    <SessionGuard />
    <LiveUpdates />
    {children}
  </Layout>
);
