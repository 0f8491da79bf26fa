import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./ProgramList'),
    (m) => m.ProgramList,
  ),
  show: lazyPage(
    () => import('./ProgramShow'),
    (m) => m.ProgramShow,
  ),
  edit: lazyPage(
    () => import('./ProgramForm'),
    (m) => m.ProgramEdit,
  ),
  create: lazyPage(
    () => import('./ProgramForm'),
    (m) => m.ProgramCreate,
  ),
  icon: VolunteerActivismIcon,
  recordRepresentation: 'name',
};
