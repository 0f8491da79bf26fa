import AppsIcon from '@mui/icons-material/Apps';
import { lazyPage } from '../components/lazyPage';

/** `/apiClients`: external apps' keys and webhooks, for whoever manages accounts (USER_MANAGE). */
export default {
  list: lazyPage(
    () => import('./ApiClientPage'),
    (m) => m.ApiClientPage,
  ),
  icon: AppsIcon,
};
