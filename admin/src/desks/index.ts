import ForumIcon from '@mui/icons-material/Groups';
import { DeskCreate } from './DeskCreate';
import { DeskList } from './DeskList';
import { DeskShow } from './DeskShow';

export default {
  list: DeskList,
  show: DeskShow,
  create: DeskCreate,
  icon: ForumIcon,
  recordRepresentation: 'title',
};
