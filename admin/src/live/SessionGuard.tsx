import { useEffect } from 'react';
import { useLogout, useNotify } from 'react-admin';
import { onSessionEnded } from '../providers/apolloClient';

/** When the server ends the session over the live socket, go to the login page at once, not at the next click. */
export const SessionGuard = () => {
  const logout = useLogout();
  const notify = useNotify();
  useEffect(
    () =>
      onSessionEnded(() => {
        notify('live.sessionEnded', { type: 'warning' });
        void logout({}, '/login');
      }),
    [logout, notify],
  );
  return null;
};
