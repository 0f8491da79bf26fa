import TimerIcon from '@mui/icons-material/Timer';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./SlaPolicyList'),
    (m) => m.SlaPolicyList,
  ),
  edit: lazyPage(
    () => import('./SlaPolicyForm'),
    (m) => m.SlaPolicyEdit,
  ),
  create: lazyPage(
    () => import('./SlaPolicyForm'),
    (m) => m.SlaPolicyCreate,
  ),
  icon: TimerIcon,
  recordRepresentation: 'name',
};
