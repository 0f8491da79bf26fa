import ForumIcon from '@mui/icons-material/Groups';
import Button from '@mui/material/Button';
import { Link, useCanAccess, useTranslate } from 'react-admin';
import type { ComplaintRecord } from '../complaints/types';
import { DESKABLE_STATUSES } from './DeskCreate';

/**
 * "Bahas di forum desk" on a complaint's page: for users who may convene desks (DESK_MANAGE)
 * and whose unit handles the complaint now (the server lists PROGRESS for them). Opens the
 * convene form with this complaint on the agenda.
 */
export const DeskEntryButton = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const handles = DESKABLE_STATUSES.includes(record.status) && (record.availableActions ?? []).includes('PROGRESS');
  const { canAccess } = useCanAccess({ resource: 'desks', action: 'create', enabled: handles });
  if (!handles || !canAccess) return null;
  return (
    <Button
      component={Link}
      to="/desks/create"
      state={{ record: { complaintIds: [String(record.id)] } }}
      size="small"
      variant="outlined"
      startIcon={<ForumIcon />}
      sx={{ mt: 1 }}
      data-testid="desk-entry"
    >
      {translate('desk.entry')}
    </Button>
  );
};
