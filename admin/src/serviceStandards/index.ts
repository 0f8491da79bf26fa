import StandardIcon from '@mui/icons-material/RuleFolderOutlined';
import { lazyPage } from '../components/lazyPage';

export const serviceStandards = {
  list: lazyPage(
    () => import('./ServiceStandards'),
    (m) => m.ServiceStandardList,
  ),
  edit: lazyPage(
    () => import('./ServiceStandards'),
    (m) => m.ServiceStandardEdit,
  ),
  create: lazyPage(
    () => import('./ServiceStandards'),
    (m) => m.ServiceStandardCreate,
  ),
  icon: StandardIcon,
};
