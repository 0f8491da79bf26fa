import FeedbackIcon from '@mui/icons-material/Feedback';
import { ComplaintList } from './ComplaintList';

export default {
  list: ComplaintList,
  icon: FeedbackIcon,
  recordRepresentation: 'trackingCode',
};
