import EventBusyIcon from '@mui/icons-material/EventBusy';
import { HolidayCreate, HolidayEdit } from './HolidayForm';
import { HolidayList } from './HolidayList';

export default {
  list: HolidayList,
  edit: HolidayEdit,
  create: HolidayCreate,
  icon: EventBusyIcon,
  recordRepresentation: 'name',
};
