import StorefrontIcon from '@mui/icons-material/Storefront';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./ServicePostList'),
    (m) => m.ServicePostList,
  ),
  show: lazyPage(
    () => import('./ServicePostShow'),
    (m) => m.ServicePostShow,
  ),
  edit: lazyPage(
    () => import('./ServicePostForm'),
    (m) => m.ServicePostEdit,
  ),
  create: lazyPage(
    () => import('./ServicePostForm'),
    (m) => m.ServicePostCreate,
  ),
  icon: StorefrontIcon,
  recordRepresentation: 'name',
};
