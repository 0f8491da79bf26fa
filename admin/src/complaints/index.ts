import FeedbackIcon from '@mui/icons-material/Feedback';
import InboxIcon from '@mui/icons-material/Inbox';
import { ComplaintCreate } from './ComplaintCreate';
import { ComplaintList } from './ComplaintList';
import { ComplaintShow } from './ComplaintShow';
import { InboxList } from './InboxList';

export default {
  list: ComplaintList,
  show: ComplaintShow,
  create: ComplaintCreate,
  icon: FeedbackIcon,
  recordRepresentation: 'trackingCode',
};

/** The `myInbox` resource: a list-only view of complaints (rows open the complaint). */
export const inbox = {
  list: InboxList,
  icon: InboxIcon,
  recordRepresentation: 'trackingCode',
};
