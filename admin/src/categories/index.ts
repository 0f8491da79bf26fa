import CategoryIcon from '@mui/icons-material/Category';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./CategoryList'),
    (m) => m.CategoryList,
  ),
  edit: lazyPage(
    () => import('./CategoryForm'),
    (m) => m.CategoryEdit,
  ),
  create: lazyPage(
    () => import('./CategoryForm'),
    (m) => m.CategoryCreate,
  ),
  icon: CategoryIcon,
  recordRepresentation: 'name',
};
