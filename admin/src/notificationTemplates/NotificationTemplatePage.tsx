import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Loading, Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { LoadError } from '../components/LoadError';
import { intlLocale } from '../providers/i18nProvider';
import { toHttpError } from '../providers/graphqlErrors';
import { formatWib } from '../wib';
import {
  fetchTemplates,
  previewTemplate,
  resetTemplate,
  saveDefaultChannels,
  saveTemplate,
  type NotificationSettings,
  type TemplateRow,
  type TemplateText,
} from './queries';

const KEY = ['notificationTemplates'];
/** The preview asks the server once typing pauses, not on every key. */
const PREVIEW_DELAY_MS = 300;

/** A refusal's message per field (`subject`, `body`), in the user's language; `root` when it names no field. */
const problemsOf = (error: unknown): Record<string, string> => {
  const http = toHttpError(error);
  const fields = (http.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (k !== 'root' && typeof v === 'string') out[k] = v;
  if (!Object.keys(out).length) out.root = http.message;
  return out;
};

/** Which channels besides the console staff get while they never chose their own. */
const DefaultChannels = ({ settings, onSaved }: { settings: NotificationSettings; onSaved: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [chosen, setChosen] = useState(settings.defaultStaffChannels);
  const [saving, setSaving] = useState(false);
  const changed = [...chosen].sort().join() !== [...settings.defaultStaffChannels].sort().join();
  const save = () => {
    setSaving(true);
    saveDefaultChannels(chosen)
      .then(() => {
        notify('notificationTemplates.defaultsSaved', { type: 'success' });
        onSaved();
      })
      .catch((e: unknown) => notify(problemsOf(e).channels ?? problemsOf(e).root, { type: 'error' }))
      .finally(() => setSaving(false));
  };
  return (
    <Card sx={{ mb: 2 }} data-testid="default-channels">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('notificationTemplates.defaultsTitle')}
        </Typography>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate(settings.available.length ? 'notificationTemplates.defaultsHelp' : 'notifications.channelsNone')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
          <FormGroup row>
            {settings.available.map((channel) => (
              <FormControlLabel
                key={channel}
                control={
                  <Checkbox
                    checked={chosen.includes(channel)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, channel] : c.filter((x) => x !== channel)))}
                  />
                }
                label={translate(`enums.NotificationChannel.${channel}`)}
              />
            ))}
          </FormGroup>
          {settings.available.length > 0 && (
            <Button variant="outlined" onClick={save} disabled={saving || !changed}>
              {translate('notificationTemplates.saveDefaults')}
            </Button>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};

/** Edits one template's subject and body, with the message as it would read beside them. */
const Editor = ({ row, onClose, onChanged }: { row: TemplateRow; onClose: () => void; onChanged: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [text, setText] = useState<TemplateText>({ subject: row.subject, body: row.body });
  const [preview, setPreview] = useState<TemplateText | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLTextAreaElement | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const mine = ++asked.current;
    const timer = setTimeout(() => {
      previewTemplate(row.template, text).then(
        (p) => {
          if (mine !== asked.current) return;
          setPreview(p);
          setProblems({});
        },
        (e: unknown) => {
          if (mine !== asked.current) return;
          setPreview(null);
          setProblems(problemsOf(e));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [row.template, text]);

  /** Puts `{name}` where the cursor is in the body. */
  const insert = (name: string) => {
    const el = body.current;
    const at = el?.selectionStart ?? text.body.length;
    const to = el?.selectionEnd ?? at;
    setText((t) => ({ ...t, body: `${t.body.slice(0, at)}{${name}}${t.body.slice(to)}` }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + name.length + 2, at + name.length + 2);
    });
  };

  const run = (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    work()
      .then(() => {
        notify(done, { type: 'success' });
        onChanged();
        onClose();
      })
      .catch((e: unknown) => setProblems(problemsOf(e)))
      .finally(() => setBusy(false));
  };

  const name = translate(`enums.NotificationTemplate.${row.template}`);
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="template-editor-title">
      <DialogTitle id="template-editor-title">{translate('notificationTemplates.editTitle', { name })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate(row.audience === 'STAFF' ? 'notificationTemplates.staffHint' : 'notificationTemplates.reporterHint')}
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <TextField
              label={translate('notificationTemplates.subject')}
              value={text.subject}
              onChange={(e) => setText((t) => ({ ...t, subject: e.target.value }))}
              error={!!problems.subject}
              helperText={problems.subject ?? ' '}
              fullWidth
              slotProps={{ htmlInput: { 'data-testid': 'template-subject' } }}
            />
            <TextField
              label={translate('notificationTemplates.body')}
              value={text.body}
              onChange={(e) => setText((t) => ({ ...t, body: e.target.value }))}
              error={!!problems.body}
              helperText={problems.body ?? translate('notificationTemplates.bodyHelp')}
              multiline
              minRows={8}
              fullWidth
              inputRef={body}
              slotProps={{ htmlInput: { 'data-testid': 'template-body' } }}
              sx={{ mt: 1, '& textarea': { fontFamily: 'monospace' } }}
            />
            <Typography variant="subtitle2" component="h3" sx={{ mt: 2, mb: 1 }}>
              {translate('notificationTemplates.placeholders')}
            </Typography>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
              {row.placeholders.map((p) => (
                <Tooltip
                  key={p.name}
                  title={`${translate(`notificationTemplates.placeholder.${p.name}`)} — ${translate('notificationTemplates.example')}: ${p.sample}`}
                >
                  <Chip
                    label={`{${p.name}}${p.required ? ' *' : ''}`}
                    onClick={() => insert(p.name)}
                    variant={p.required ? 'filled' : 'outlined'}
                    size="small"
                    sx={{ fontFamily: 'monospace' }}
                  />
                </Tooltip>
              ))}
            </Box>
            {row.placeholders.some((p) => p.required) && (
              <Typography variant="caption" component="p" sx={{ mt: 1 }}>
                {translate('notificationTemplates.requiredHint')}
              </Typography>
            )}
          </Box>
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
              {translate('notificationTemplates.preview')}
            </Typography>
            <Paper variant="outlined" sx={{ p: 2 }} data-testid="template-preview" aria-live="polite">
              {preview ? (
                <>
                  <Typography sx={{ fontWeight: 600, mb: 1 }} data-testid="template-preview-subject">
                    {preview.subject}
                  </Typography>
                  <Typography component="div" variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview-body">
                    {preview.body}
                  </Typography>
                </>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {translate(Object.keys(problems).length ? 'notificationTemplates.previewBlocked' : 'notificationTemplates.previewLoading')}
                </Typography>
              )}
            </Paper>
            {problems.root && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {problems.root}
              </Alert>
            )}
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => setText({ subject: row.defaultSubject, body: row.defaultBody })} disabled={busy}>
          {translate('notificationTemplates.useDefault')}
        </Button>
        {row.customized && (
          <Button color="warning" onClick={() => run(() => resetTemplate(row.template), 'notificationTemplates.reset')} disabled={busy}>
            {translate('notificationTemplates.resetAction')}
          </Button>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={() => run(() => saveTemplate(row.template, text), 'notificationTemplates.saved')} disabled={busy}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** "Templat Notifikasi": every notification's text, edited with a live preview and reset to the built-in text; the default channels of staff. */
export const NotificationTemplatePage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending, error, refetch } = useQuery({ queryKey: KEY, queryFn: fetchTemplates });
  const [editing, setEditing] = useState<TemplateRow | null>(null);
  if (isPending) return <Loading />;
  if (error || !data) return <LoadError />;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.notificationTemplates.name')} />
      <DefaultChannels key={data.settings.defaultStaffChannels.join()} settings={data.settings} onSaved={() => void refetch()} />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate('notificationTemplates.help')}
          </Typography>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('notificationTemplates.template')}</TableCell>
                <TableCell>{translate('notificationTemplates.audience')}</TableCell>
                <TableCell>{translate('notificationTemplates.subject')}</TableCell>
                <TableCell>{translate('notificationTemplates.state')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.templates.map((t) => (
                <TableRow key={t.template} data-testid={`template-${t.template}`} hover>
                  <TableCell>{translate(`enums.NotificationTemplate.${t.template}`)}</TableCell>
                  <TableCell>{translate(`enums.NotificationAudience.${t.audience}`)}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>{t.subject}</TableCell>
                  <TableCell>
                    {t.customized ? (
                      <Chip
                        size="small"
                        color="info"
                        label={
                          t.updatedAt
                            ? translate('notificationTemplates.customizedAt', { date: formatWib(t.updatedAt, intlLocale(locale), true) })
                            : translate('notificationTemplates.customized')
                        }
                      />
                    ) : (
                      <Chip size="small" variant="outlined" label={translate('notificationTemplates.builtIn')} />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setEditing(t)}>
                      {translate('ra.action.edit')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {editing && <Editor row={editing} onClose={() => setEditing(null)} onChanged={() => void refetch()} />}
    </Box>
  );
};
