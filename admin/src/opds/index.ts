import BusinessIcon from '@mui/icons-material/Business';
import { OpdCreate, OpdEdit } from './OpdForm';
import { OpdList } from './OpdList';
import { OpdShow } from './OpdShow';

export default {
  list: OpdList,
  show: OpdShow,
  edit: OpdEdit,
  create: OpdCreate,
  icon: BusinessIcon,
  recordRepresentation: 'name',
};
