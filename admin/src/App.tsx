import type { Theme } from '@mui/material/styles';
import { QueryClient } from '@tanstack/react-query';
import { Admin, Resource, defaultDarkTheme, defaultLightTheme, useTranslate, type RaThemeOptions } from 'react-admin';
import apiClients from './apiClients';
import complaintImports from './complaintImports';
import auditEntries from './auditEntries';
import categories from './categories';
import complaints, { inbox } from './complaints';
import { escalationRules, escalations } from './escalations';
import { responseTemplates } from './responseTemplates';
import { serviceStandards } from './serviceStandards';
import { lazyPage } from './components/lazyPage';
import { LoadError } from './components/LoadError';
import desks from './desks';
import holidays from './holidays';
import notifications from './notifications';
import notificationTemplates from './notificationTemplates';
import { AppLayout } from './layout/AppLayout';
import opds from './opds';
import programs from './programs';
import { tokenStore } from './providers/apolloClient';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { i18nProvider } from './providers/i18nProvider';
import reports from './reports';
import servicePosts from './servicePosts';
import slaPolicies from './slaPolicies';
import users from './users';

/**
 * Without a session, open the login page directly, keeping the requested page for after
 * sign-in. Otherwise react-admin first mounts its protected routes, logs out and
 * navigates; each logout re-runs checkAuth, and with React 19 + react-router 7 (navigation
 * in a transition) that loop kept the login form from showing for several seconds.
 */
const openLoginWithoutSession = () => {
  const target = window.location.hash.replace(/^#/, '') || '/';
  if (tokenStore.get() || target.startsWith('/login')) return;
  const [pathname, search] = target.split('?');
  const state = { usr: { nextPathname: pathname, nextSearch: search ? `?${search}` : '' }, key: 'default', idx: 0 };
  window.history.replaceState(state, '', '#/login');
};
openLoginWithoutSession();

// Its charts are loaded after sign-in, so the login form does not wait for them.
const Dashboard = lazyPage(
  () => import('./dashboard/Dashboard'),
  (m) => m.Dashboard,
);

// Wider sidebar: "Perangkat Daerah (OPD)" fits without truncation.
const sidebar = { width: 260, closedWidth: 50 };
// On a phone every dialog (action dialogs, the access code) takes the whole screen, as
// `fullScreen` would, without each dialog having to ask.
const phoneDialogs: RaThemeOptions['components'] = {
  MuiDialog: {
    styleOverrides: {
      paper: ({ theme }: { theme: Theme }) => ({
        [theme.breakpoints.down('sm')]: { margin: 0, width: '100%', maxWidth: '100%', height: '100%', maxHeight: 'none', borderRadius: 0 },
      }),
    },
  },
};

/**
 * Every page that cannot load its data says why and offers to try again, instead of a blank
 * page or a redirect with "not found". The page's own message replaces react-admin's toast.
 */
const loadError = <LoadError />;
const pageDefaults = { error: loadError, offline: <LoadError offline /> };
const detailDefaults = { ...pageDefaults, queryOptions: { onError: () => undefined } };
const withPageDefaults = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  sidebar,
  components: {
    ...theme.components,
    ...phoneDialogs,
    RaList: { defaultProps: pageDefaults },
    RaShow: { defaultProps: detailDefaults },
    RaEdit: { defaultProps: detailDefaults },
  },
});
// Darker than Material's defaults so white text on the app bar and on filled chips, and
// coloured text on outlined chips, reach WCAG AA contrast (4.5:1).
const lightTheme = withPageDefaults({
  ...defaultLightTheme,
  palette: {
    ...defaultLightTheme.palette,
    primary: { main: '#1565c0', contrastText: '#fff' },
    secondary: { main: '#0d47a1', contrastText: '#fff' },
    info: { main: '#01579b', contrastText: '#fff' },
    warning: { main: '#a84300', contrastText: '#fff' },
    success: { main: '#1b5e20', contrastText: '#fff' },
    error: { main: '#c62828', contrastText: '#fff' },
  },
});
// On the dark background the other way round: light colours, so that dark text on filled chips
// and the coloured text of outlined chips reach AA contrast too.
const onLight = 'rgba(0, 0, 0, 0.87)';
const darkTheme = withPageDefaults({
  ...defaultDarkTheme,
  palette: {
    ...defaultDarkTheme.palette,
    primary: { main: '#90caf9', contrastText: onLight },
    secondary: { main: '#64b5f6', contrastText: onLight },
    info: { main: '#81d4fa', contrastText: onLight },
    warning: { main: '#ffb74d', contrastText: onLight },
    success: { main: '#81c784', contrastText: onLight },
    error: { main: '#ef9a9a', contrastText: onLight },
  },
});

const queryClient = new QueryClient({
  defaultOptions: {
    // Apollo's retry link (providers/apolloClient.ts) tries reads again when that can help; retries here too would multiply the attempts.
    // Requests go out even when the browser says it is offline: they fail at once and the page says so, instead of waiting
    // silently (react-query's default pauses them, and a page waiting for its access check stays blank).
    queries: { retry: false, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});

/** The app title in the user's language (react-admin shows the Admin title untranslated on its own pages, e.g. "not found"). */
const AppTitle = () => {
  const translate = useTranslate();
  return <>{translate('app.title')}</>;
};

export const App = () => (
  <Admin
    title={<AppTitle />}
    dataProvider={dataProvider}
    queryClient={queryClient}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    layout={AppLayout}
    theme={lightTheme}
    darkTheme={darkTheme}
    dashboard={Dashboard}
    requireAuth
    disableTelemetry
  >
    <Resource name="myInbox" {...inbox} />
    <Resource name="escalations" {...escalations} />
    <Resource name="complaints" {...complaints} />
    <Resource name="desks" {...desks} />
    <Resource name="reports" {...reports} />
    <Resource name="opds" {...opds} />
    <Resource name="servicePosts" {...servicePosts} />
    <Resource name="users" {...users} />
    <Resource name="categories" {...categories} />
    <Resource name="slaPolicies" {...slaPolicies} />
    <Resource name="escalationRules" {...escalationRules} />
    <Resource name="responseTemplates" {...responseTemplates} />
    <Resource name="serviceStandards" {...serviceStandards} />
    <Resource name="programs" {...programs} />
    <Resource name="holidays" {...holidays} />
    <Resource name="auditEntries" {...auditEntries} />
    <Resource name="notifications" {...notifications} />
    <Resource name="notificationTemplates" {...notificationTemplates} />
    <Resource name="apiClients" {...apiClients} />
    <Resource name="complaintImports" {...complaintImports} />
  </Admin>
);
