import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import { lazyPage } from '../components/lazyPage';

export { NotificationBell } from './NotificationBell';

/** `/notifications`: failed and dead deliveries, for the superadmin (NOTIFICATION_MANAGE). */
export default {
  list: lazyPage(
    () => import('./NotificationList'),
    (m) => m.NotificationList,
  ),
  icon: NotificationsActiveIcon,
};
