import AssignmentIndIcon from '@mui/icons-material/AssignmentIndOutlined';
import CancelIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutline';
import ArchiveIcon from '@mui/icons-material/ArchiveOutlined';
import EditNoteIcon from '@mui/icons-material/EditNoteOutlined';
import ForumIcon from '@mui/icons-material/ForumOutlined';
import ContactPhoneIcon from '@mui/icons-material/ContactPhoneOutlined';
import HelpIcon from '@mui/icons-material/HelpOutlineOutlined';
import MergeIcon from '@mui/icons-material/MergeType';
import PauseIcon from '@mui/icons-material/PauseCircleOutline';
import PlayIcon from '@mui/icons-material/PlayCircleOutline';
import PublicIcon from '@mui/icons-material/PublicOutlined';
import LockIcon from '@mui/icons-material/LockOutlined';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActiveOutlined';
import ReplayIcon from '@mui/icons-material/Replay';
import SendIcon from '@mui/icons-material/SendOutlined';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import UndoIcon from '@mui/icons-material/Undo';
import VerifiedIcon from '@mui/icons-material/VerifiedOutlined';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { createElement, useState, type ComponentType } from 'react';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import type { ComplaintRecord } from '../types';
import { ActionDialog } from './ActionDialog';
import { actionsWithDraft } from './drafts';
import { ACTION_ORDER, unpublishedNotes, type WorkflowAction } from './workflow';

const ICONS: Record<WorkflowAction, ComponentType> = {
  VERIFY: VerifiedIcon,
  FORWARD: SendIcon,
  ACCEPT: CheckCircleIcon,
  ASSIGN: AssignmentIndIcon,
  PROGRESS: TrendingUpIcon,
  RESPOND: ForumIcon,
  CLOSE: TaskAltIcon,
  REOPEN: ReplayIcon,
  RETURN: UndoIcon,
  REJECT: CancelIcon,
  NOTE: LockIcon,
  REMIND: NotificationsActiveIcon,
  PUBLISH: PublicIcon,
  DRAFT: EditNoteIcon,
  ASK_REPORTER: HelpIcon,
  HOLD: PauseIcon,
  RESUME: PlayIcon,
  ARCHIVE: ArchiveIcon,
  MERGE: MergeIcon,
  REVEAL_CONTACT: ContactPhoneIcon,
};

/** The step that moves the complaint on, per status: the one filled button. */
const PRIMARY = new Set<WorkflowAction>(['VERIFY', 'FORWARD', 'RESPOND', 'CLOSE']);
const DANGER = new Set<WorkflowAction>(['REJECT', 'RETURN', 'ARCHIVE']);

/**
 * Buttons for exactly the actions the server lists in `availableActions` for this user and
 * this complaint: an admin never gets RESPOND, so no answer button ever shows for one.
 */
export const ActionBar = () => {
  const record = useRecordContext<ComplaintRecord>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  if (!record) return null;
  const available = new Set(record.availableActions ?? []);
  // Publishing needs a staff note nobody published yet, which only the loaded timeline shows.
  const actions = ACTION_ORDER.filter((a) => available.has(a) && (a !== 'PUBLISH' || unpublishedNotes(record.events ?? []).length > 0));
  const drafts = identity ? actionsWithDraft(String(identity.id), String(record.id), actions) : new Set<WorkflowAction>();
  return (
    <>
      {actions.length > 0 && (
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" data-testid="complaint-actions">
          {actions.map((action) => (
            <Button
              key={action}
              size="small"
              variant={PRIMARY.has(action) ? 'contained' : 'outlined'}
              color={DANGER.has(action) ? 'error' : 'primary'}
              startIcon={createElement(ICONS[action])}
              onClick={() => setOpen(action)}
              data-action={action}
              data-draft={drafts.has(action) || undefined}
            >
              {translate(`actions.${action.toLowerCase()}`)}
              {drafts.has(action) && ` · ${translate('complaint.action.draft')}`}
            </Button>
          ))}
        </Stack>
      )}
      {/* Stays open when a colleague's change takes the action away: the user still sees what they typed. */}
      {open && <ActionDialog action={open} record={record} onClose={() => setOpen(null)} />}
    </>
  );
};
