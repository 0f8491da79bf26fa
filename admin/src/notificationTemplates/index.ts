import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import { lazyPage } from '../components/lazyPage';

/** `/notificationTemplates`: the texts of notifications and the default channels of staff, for the superadmin (NOTIFICATION_CONFIGURE). */
export default {
  list: lazyPage(
    () => import('./NotificationTemplatePage'),
    (m) => m.NotificationTemplatePage,
  ),
  icon: MarkEmailReadIcon,
};
