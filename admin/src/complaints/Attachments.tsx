import AttachFileIcon from '@mui/icons-material/AttachFile';
import BadgeIcon from '@mui/icons-material/BadgeOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import LockIcon from '@mui/icons-material/LockOutlined';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdfOutlined';
import PublicIcon from '@mui/icons-material/PublicOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatWib } from '../components';
import { invalidateComplaints } from '../live/invalidate';
import { intlLocale } from '../providers/i18nProvider';
import { ACCEPT, removeAttachment, serverUrl, uploadFiles, UploadRefused, type AttachmentRecord, type Visibility } from './attachments';
import type { ComplaintRecord } from './types';

const VISIBILITY_ICONS = { PUBLIC: PublicIcon, INTERNAL: LockIcon, IDENTITY: BadgeIcon } as const;

const kb = (size?: number | null) => (size ? `${Math.max(1, Math.round(size / 1024))} KB` : '');

/** Photos as thumbnails, documents as an icon, each opening the file through the server. */
export const AttachmentThumb = ({ file, size = 96 }: { file: AttachmentRecord; size?: number }) => {
  const removed = file.status === 'REMOVED' || !file.url;
  const inner = file.thumbnailUrl ? (
    <Box
      component="img"
      src={serverUrl(file.thumbnailUrl)}
      alt={file.fileName}
      sx={{ width: size, height: size, objectFit: 'cover', borderRadius: 1, display: 'block' }}
      data-testid="attachment-thumbnail"
    />
  ) : (
    <Box sx={{ width: size, height: size, display: 'grid', placeItems: 'center', borderRadius: 1, bgcolor: 'action.hover' }}>
      {file.kind === 'DOCUMENT' ? <PictureAsPdfIcon color={removed ? 'disabled' : 'action'} /> : <AttachFileIcon color="disabled" />}
    </Box>
  );
  if (removed) return inner;
  return (
    <a href={serverUrl(file.url!)} target="_blank" rel="noopener noreferrer" title={file.fileName}>
      {inner}
    </a>
  );
};

/** The files an entry of the timeline added or documents. */
export const EntryAttachments = ({ files }: { files: AttachmentRecord[] }) =>
  files.length === 0 ? null : (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }} data-testid="entry-attachments">
      {files.map((f) => (
        <AttachmentThumb key={f.id} file={f} size={56} />
      ))}
    </Stack>
  );

const RemoveDialog = ({ file, onClose }: { file: AttachmentRecord; onClose: (removed: boolean) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const tooShort = reason.trim().length < 5;
  const submit = async () => {
    setBusy(true);
    try {
      await removeAttachment(file.id, reason.trim());
      notify('complaint.attachments.removed', { type: 'info' });
      onClose(true);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('complaint.attachments.removeTitle', { name: file.fileName })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('complaint.attachments.removeHelp')}
        </Typography>
        <TextField
          label={translate('complaint.attachments.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          multiline
          minRows={2}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { 'data-testid': 'attachment-remove-reason', maxLength: 2000 } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{translate('ra.action.cancel')}</Button>
        <Button color="error" variant="contained" disabled={tooShort || busy} onClick={submit} data-testid="attachment-remove-submit">
          {translate('complaint.attachments.remove')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** Choosing files and who may see them; used by the recording form, the detail page and the progress and answer dialogs. */
export const AttachmentPicker = ({
  files,
  onFiles,
  visibility,
  onVisibility,
  allowIdentity,
  fixedVisibility = false,
}: {
  files: File[];
  onFiles: (files: File[]) => void;
  visibility: Visibility;
  onVisibility?: (v: Visibility) => void;
  allowIdentity: boolean;
  fixedVisibility?: boolean;
}) => {
  const translate = useTranslate();
  const choices: Visibility[] = allowIdentity ? ['INTERNAL', 'PUBLIC', 'IDENTITY'] : ['INTERNAL', 'PUBLIC'];
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} alignItems={{ sm: 'center' }} sx={{ my: 1 }} data-testid="attachment-picker">
      <Button variant="outlined" component="label" startIcon={<AttachFileIcon />} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
        {translate('complaint.attachments.choose')}
        <input hidden type="file" multiple accept={ACCEPT} data-testid="attachment-input" onChange={(e) => onFiles([...(e.target.files ?? [])])} />
      </Button>
      {!fixedVisibility && onVisibility && (
        <TextField
          select
          size="small"
          label={translate('complaint.attachments.visibility')}
          value={visibility}
          onChange={(e) => onVisibility(e.target.value as Visibility)}
          sx={{ minWidth: 220 }}
          slotProps={{ htmlInput: { 'data-testid': 'attachment-visibility' } }}
        >
          {choices.map((v) => (
            <MenuItem key={v} value={v}>
              {translate(`enums.AttachmentVisibility.${v}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Typography variant="caption" color="text.secondary" data-testid="attachment-chosen">
        {files.length ? files.map((f) => f.name).join(', ') : translate('complaint.attachments.accepted')}
      </Typography>
    </Stack>
  );
};

/** Uploads, telling the user which file the server refused and why (its message names the reason in Indonesian). */
export const useUpload = () => {
  const notify = useNotify();
  return async (complaintId: string, files: File[], visibility: Visibility, forEventId?: string | null): Promise<boolean> => {
    try {
      await uploadFiles(complaintId, files, visibility, forEventId);
      return true;
    } catch (error) {
      notify(error instanceof UploadRefused ? error.message : (error as Error).message, { type: 'error', autoHideDuration: 10000 });
      return false;
    }
  };
};

/** The complaint's photos and documents: what the viewer may see, upload for those who may attach, deletion with a reason. */
export const AttachmentsPanel = ({ record }: { record: ComplaintRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const upload = useUpload();
  const files = (record.attachments as AttachmentRecord[] | undefined) ?? [];
  const mayAttach = (record.availableActions ?? []).includes('ATTACH');
  const [chosen, setChosen] = useState<File[]>([]);
  const [visibility, setVisibility] = useState<Visibility>('INTERNAL');
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<AttachmentRecord | null>(null);
  const refresh = () => invalidateComplaints(queryClient, [String(record.id)]);

  const send = async () => {
    setBusy(true);
    if (await upload(String(record.id), chosen, visibility)) setChosen([]);
    setBusy(false);
    void refresh();
  };

  return (
    <Box data-testid="attachments">
      {files.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('complaint.attachments.none')}
        </Typography>
      )}
      <Stack spacing={1.5} sx={{ mb: 1 }}>
        {files.map((f) => {
          const Icon = VISIBILITY_ICONS[f.visibility] ?? LockIcon;
          const removed = f.status === 'REMOVED';
          return (
            <Stack key={f.id} direction="row" spacing={1.5} alignItems="flex-start" data-testid="attachment" data-attachment-id={f.id} data-status={f.status}>
              <AttachmentThumb file={f} size={64} />
              <Box sx={{ flex: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere', textDecoration: removed ? 'line-through' : undefined }}>
                  {f.fileName}
                </Typography>
                <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" alignItems="center">
                  <Chip size="small" variant="outlined" icon={<Icon />} label={translate(`enums.AttachmentVisibility.${f.visibility}`)} />
                  <Typography variant="caption" color="text.secondary">
                    {[
                      kb(f.size),
                      f.byReporter ? translate('complaint.attachments.byReporter') : f.uploadedBy?.name,
                      formatWib(f.createdAt, intlLocale(locale), true),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                </Stack>
                {removed && (
                  <Typography variant="caption" color="text.secondary" component="div" data-testid="attachment-removed">
                    {translate('complaint.attachments.removedBy', {
                      name: f.removedBy?.name ?? '',
                      at: f.removedAt ? formatWib(f.removedAt, intlLocale(locale), true) : '',
                      reason: f.removeReason ?? '',
                    })}
                  </Typography>
                )}
              </Box>
              {mayAttach && !removed && (
                <Tooltip title={translate('complaint.attachments.remove')}>
                  <IconButton
                    size="small"
                    onClick={() => setRemoving(f)}
                    aria-label={translate('complaint.attachments.remove')}
                    data-testid="attachment-remove"
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
            </Stack>
          );
        })}
      </Stack>
      {mayAttach && (
        <>
          <AttachmentPicker files={chosen} onFiles={setChosen} visibility={visibility} onVisibility={setVisibility} allowIdentity={!!record.identityVisible} />
          <Button
            variant="contained"
            size="small"
            disabled={!chosen.length || busy}
            onClick={send}
            startIcon={busy ? <CircularProgress size={14} color="inherit" /> : undefined}
            data-testid="attachment-upload"
          >
            {translate('complaint.attachments.upload')}
          </Button>
        </>
      )}
      {removing && (
        <RemoveDialog
          file={removing}
          onClose={(removed) => {
            setRemoving(null);
            if (removed) void refresh();
          }}
        />
      )}
    </Box>
  );
};
