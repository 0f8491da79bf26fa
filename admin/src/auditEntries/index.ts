import ManageHistoryIcon from '@mui/icons-material/ManageHistory';
import { AuditEntryList } from './AuditEntryList';

export default {
  list: AuditEntryList,
  icon: ManageHistoryIcon,
  recordRepresentation: 'entityLabel',
};
