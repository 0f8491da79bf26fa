import EventBusyIcon from '@mui/icons-material/EventBusy';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./HolidayList'),
    (m) => m.HolidayList,
  ),
  edit: lazyPage(
    () => import('./HolidayForm'),
    (m) => m.HolidayEdit,
  ),
  create: lazyPage(
    () => import('./HolidayForm'),
    (m) => m.HolidayCreate,
  ),
  icon: EventBusyIcon,
  recordRepresentation: 'name',
};
