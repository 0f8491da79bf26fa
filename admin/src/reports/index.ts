import AssessmentIcon from '@mui/icons-material/Assessment';
import { ReportPage } from './ReportPage';

/** `/reports`: a page of its own (no records), registered as a resource for the menu and access. */
export default {
  list: ReportPage,
  icon: AssessmentIcon,
};
