import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import { ProgramCreate, ProgramEdit } from './ProgramForm';
import { ProgramList } from './ProgramList';
import { ProgramShow } from './ProgramShow';

export default {
  list: ProgramList,
  show: ProgramShow,
  edit: ProgramEdit,
  create: ProgramCreate,
  icon: VolunteerActivismIcon,
  recordRepresentation: 'name',
};
