import type { ReactNode } from 'react';
import { AppBar, Layout, LoadingIndicator, LocalesMenuButton, ToggleThemeButton, TitlePortal } from 'react-admin';
import { LiveStatusIndicator } from '../live/LiveStatusIndicator';
import { LiveUpdates } from '../live/LiveUpdates';
import { SessionGuard } from '../live/SessionGuard';
import { AppMenu } from './AppMenu';

const Toolbar = () => (
  <>
    <LiveStatusIndicator />
    <LocalesMenuButton />
    <ToggleThemeButton />
    <LoadingIndicator />
  </>
);

const AppAppBar = () => (
  <AppBar toolbar={<Toolbar />}>
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
