import TimerIcon from '@mui/icons-material/Timer';
import { SlaPolicyCreate, SlaPolicyEdit } from './SlaPolicyForm';
import { SlaPolicyList } from './SlaPolicyList';

export default {
  list: SlaPolicyList,
  edit: SlaPolicyEdit,
  create: SlaPolicyCreate,
  icon: TimerIcon,
  recordRepresentation: 'name',
};
