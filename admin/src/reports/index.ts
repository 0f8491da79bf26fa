import AssessmentIcon from '@mui/icons-material/Assessment';
import { lazyPage } from '../components/lazyPage';

/** `/reports`: a page of its own (no records), registered as a resource for the menu and access. */
export default {
  list: lazyPage(
    () => import('./ReportPage'),
    (m) => m.ReportPage,
  ),
  icon: AssessmentIcon,
};
