import ForumIcon from '@mui/icons-material/Groups';
import { lazyPage } from '../components/lazyPage';
// Also opened from a complaint (DeskEntryButton), so it comes with the complaint pages.
import { DeskCreate } from './DeskCreate';

export default {
  list: lazyPage(
    () => import('./DeskList'),
    (m) => m.DeskList,
  ),
  show: lazyPage(
    () => import('./DeskShow'),
    (m) => m.DeskShow,
  ),
  create: DeskCreate,
  icon: ForumIcon,
  recordRepresentation: 'title',
};
