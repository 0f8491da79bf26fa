import BusinessIcon from '@mui/icons-material/Business';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./OpdList'),
    (m) => m.OpdList,
  ),
  show: lazyPage(
    () => import('./OpdShow'),
    (m) => m.OpdShow,
  ),
  edit: lazyPage(
    () => import('./OpdForm'),
    (m) => m.OpdEdit,
  ),
  create: lazyPage(
    () => import('./OpdForm'),
    (m) => m.OpdCreate,
  ),
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
