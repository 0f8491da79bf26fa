import ManageHistoryIcon from '@mui/icons-material/ManageHistory';
import { lazyPage } from '../components/lazyPage';

export default {
  list: lazyPage(
    () => import('./AuditEntryList'),
    (m) => m.AuditEntryList,
  ),
  icon: ManageHistoryIcon,
  recordRepresentation: 'entityLabel',
};
