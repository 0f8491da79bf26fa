import PeopleIcon from '@mui/icons-material/People';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./UserList'),
    (m) => m.UserList,
  ),
  show: lazyPage(
    () => import('./UserShow'),
    (m) => m.UserShow,
  ),
  edit: lazyPage(
    () => import('./UserForm'),
    (m) => m.UserEdit,
  ),
  create: lazyPage(
    () => import('./UserForm'),
    (m) => m.UserCreate,
  ),
  icon: PeopleIcon,
  recordRepresentation: 'name',
};
