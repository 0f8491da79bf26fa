import RuleIcon from '@mui/icons-material/AltRouteOutlined';
import EscalatorWarningIcon from '@mui/icons-material/NotificationImportantOutlined';
import { lazyPage } from '../components/lazyPage';

/** The `escalations` page: complaints escalated to the viewer's unit (a list of the `complaints` resource). */
export const escalations = {
  list: lazyPage(
    () => import('./EscalationList'),
    (m) => m.EscalationList,
  ),
  icon: EscalatorWarningIcon,
};

export const escalationRules = {
  list: lazyPage(
    () => import('./EscalationRules'),
    (m) => m.EscalationRuleList,
  ),
  edit: lazyPage(
    () => import('./EscalationRules'),
    (m) => m.EscalationRuleEdit,
  ),
  create: lazyPage(
    () => import('./EscalationRules'),
    (m) => m.EscalationRuleCreate,
  ),
  icon: RuleIcon,
};
