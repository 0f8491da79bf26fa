import AlarmIcon from '@mui/icons-material/AlarmOutlined';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import AssignmentIndIcon from '@mui/icons-material/AssignmentIndOutlined';
import BuildIcon from '@mui/icons-material/BuildOutlined';
import CancelIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleIcon from '@mui/icons-material/CheckCircleOutline';
import ForumIcon from '@mui/icons-material/ForumOutlined';
import InboxIcon from '@mui/icons-material/MoveToInboxOutlined';
import LockIcon from '@mui/icons-material/Lock';
import PublicIcon from '@mui/icons-material/PublicOutlined';
import ReplayIcon from '@mui/icons-material/Replay';
import SendIcon from '@mui/icons-material/SendOutlined';
import StarIcon from '@mui/icons-material/StarOutline';
import TrendingUpIcon from '@mui/icons-material/TrendingUp';
import UndoIcon from '@mui/icons-material/Undo';
import VerifiedIcon from '@mui/icons-material/VerifiedOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ComponentType } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatWib } from '../components';
import { intlLocale } from '../providers/i18nProvider';
import type { ComplaintEventRecord } from './types';
import { EntryAttachments } from './Attachments';
import type { AttachmentRecord } from './attachments';

const ICONS: Record<string, ComponentType<{ fontSize?: 'small' | 'inherit'; color?: 'inherit' | 'action' }>> = {
  SUBMITTED: InboxIcon,
  VERIFIED: VerifiedIcon,
  REJECTED: CancelIcon,
  FORWARDED: SendIcon,
  RETURNED: UndoIcon,
  ACCEPTED: CheckCircleIcon,
  ASSIGNED: AssignmentIndIcon,
  PROGRESS: TrendingUpIcon,
  INTERNAL_NOTE: LockIcon,
  RESPONDED: ForumIcon,
  CLOSED: CheckCircleIcon,
  AUTO_CLOSED: CheckCircleIcon,
  REOPENED: ReplayIcon,
  RATED: StarIcon,
  OVERDUE: AlarmIcon,
  ESCALATED: AlarmIcon,
  ATTACHMENT_ADDED: AttachFileIcon,
  ATTACHMENT_REMOVED: AttachFileIcon,
};

const Who = ({ event }: { event: ComplaintEventRecord }) => {
  const translate = useTranslate();
  if (event.actor) {
    const role = event.actorRole ? ` (${translate(`enums.Role.${event.actorRole}`, { _: event.actorRole })})` : '';
    return <>{`${event.actor.name ?? event.actor.username}${role}`}</>;
  }
  return <>{translate(`complaint.timeline.actorKind.${event.actorKind ?? 'SYSTEM'}`, { _: event.actorKind ?? '' })}</>;
};

const Entry = ({ event, files }: { event: ComplaintEventRecord; files: AttachmentRecord[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const Icon = ICONS[event.type] ?? BuildIcon;
  const internal = !event.public;
  const route =
    event.fromOpd && event.toOpd && event.fromOpd.id !== event.toOpd.id
      ? `${event.fromOpd.name} → ${event.toOpd.name}`
      : event.type === 'FORWARDED' || event.type === 'SUBMITTED'
        ? (event.toOpd?.name ?? '')
        : '';
  return (
    <Box
      component="li"
      data-event-type={event.type}
      data-public={String(event.public)}
      sx={{
        listStyle: 'none',
        display: 'flex',
        gap: 1.5,
        p: 1.5,
        mb: 1,
        borderRadius: 1,
        border: 1,
        borderColor: internal ? 'divider' : 'primary.light',
        borderLeftWidth: 4,
        borderLeftColor: internal ? 'grey.500' : 'primary.main',
        bgcolor: internal ? (theme) => (theme.palette.mode === 'dark' ? 'grey.900' : 'grey.100') : 'background.paper',
      }}
    >
      <Box sx={{ pt: 0.25, color: internal ? 'text.secondary' : 'primary.main' }}>
        <Icon fontSize="small" color="inherit" />
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
          <Typography variant="subtitle2" component="span">
            {translate(`enums.ComplaintEventType.${event.type}`, { _: event.type })}
          </Typography>
          {event.stage && <Chip size="small" variant="outlined" label={translate(`enums.ProgressStage.${event.stage}`, { _: event.stage })} />}
          {internal ? (
            <Chip size="small" icon={<LockIcon />} label={translate('complaint.timeline.internal')} sx={{ bgcolor: 'grey.300', color: 'grey.900' }} />
          ) : (
            <Chip size="small" icon={<PublicIcon />} variant="outlined" color="primary" label={translate('complaint.timeline.public')} />
          )}
        </Stack>
        <Typography variant="caption" color="text.secondary" component="div">
          {formatWib(event.createdAt, intlLocale(locale), true)} · <Who event={event} />
          {route && ` · ${route}`}
        </Typography>
        {event.message && (
          <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {event.message}
          </Typography>
        )}
        {event.internalNote && (
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ mt: 0.5, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderLeft: 3, borderColor: 'divider', pl: 1 }}
            data-testid="event-internal-note"
          >
            <LockIcon fontSize="inherit" sx={{ verticalAlign: 'middle', mr: 0.5 }} />
            <strong>{translate('complaint.timeline.internalNote')}:</strong> {event.internalNote}
          </Typography>
        )}
        <EntryAttachments files={files} />
      </Box>
    </Box>
  );
};

/**
 * The complaint's timeline, newest first. Public entries (what the reporter sees on the
 * tracking page) are outlined in the primary colour; internal ones are grey, locked and
 * labelled "Internal".
 */
export const Timeline = ({ events, attachments = [] }: { events: ComplaintEventRecord[]; attachments?: AttachmentRecord[] }) => {
  const translate = useTranslate();
  if (events.length === 0) {
    return <Typography variant="body2">{translate('complaint.timeline.empty')}</Typography>;
  }
  return (
    <Box component="ol" sx={{ p: 0, m: 0 }} data-testid="timeline">
      {[...events].reverse().map((event) => (
        <Entry
          key={event.id}
          event={event}
          // A file shows under the progress entry or answer it documents, else under the entry that added it.
          files={attachments.filter((a) => String(a.forEventId ?? a.eventId) === String(event.id))}
        />
      ))}
    </Box>
  );
};
