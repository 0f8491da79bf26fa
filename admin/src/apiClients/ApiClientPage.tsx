import KeyIcon from '@mui/icons-material/Key';
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
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { LoadError } from '../components/LoadError';
import { ENUMS } from '../enums';
import { toHttpError } from '../providers/graphqlErrors';
import { endOfWibDay, formatWib } from '../wib';
import { WebhookPanel } from './WebhookPanel';
import { createApiClient, deactivateApiClient, fetchApiClients, rotateApiClientKey, type ApiClientRow, type ApiScope } from './queries';

const APP_CHANNELS = ['EXTERNAL_APP', 'SP4N_LAPOR', 'CALL_CENTER', 'SMS', 'WHATSAPP', 'SOCIAL_MEDIA', 'WEB'] as const;

/** The key is shown once, right after it was made: only its hash is kept. */
const KeyDialog = ({ apiKey, onClose }: { apiKey: string | null; onClose: () => void }) => {
  const translate = useTranslate();
  return (
    <Dialog open={!!apiKey} onClose={onClose}>
      <DialogTitle>{translate('apiClients.keyTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('apiClients.keyOnce')}
        </Alert>
        <Typography component="code" data-testid="api-key" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {apiKey}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

const CreateForm = ({ onCreated }: { onCreated: (key: string) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<string>('EXTERNAL_APP');
  const [scopes, setScopes] = useState<ApiScope[]>(['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN']);
  const [expires, setExpires] = useState('');
  const [limit, setLimit] = useState('600');
  const toggle = (s: ApiScope) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  const submit = async () => {
    try {
      const key = await createApiClient({
        name,
        channel,
        scopes,
        expiresAt: expires ? endOfWibDay(expires) : null,
        rateLimitPerMinute: Number(limit),
      });
      setName('');
      onCreated(key);
    } catch (error) {
      notify(toHttpError(error).message, { type: 'error' });
    }
  };
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate('apiClients.create')}</Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <TextField label={translate('resources.apiClients.fields.name')} value={name} onChange={(e) => setName(e.target.value)} size="small" />
          <TextField select label={translate('resources.apiClients.fields.channel')} value={channel} onChange={(e) => setChannel(e.target.value)} size="small">
            {APP_CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {translate(`enums.Channel.${c}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            type="date"
            label={translate('resources.apiClients.fields.expiresAt')}
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            size="small"
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            type="number"
            label={translate('resources.apiClients.fields.rateLimitPerMinute')}
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            size="small"
          />
        </Stack>
        <FormGroup row sx={{ mt: 1 }}>
          {ENUMS.ApiScope.map((s) => (
            <FormControlLabel key={s} control={<Checkbox checked={scopes.includes(s)} onChange={() => toggle(s)} />} label={translate(`enums.ApiScope.${s}`)} />
          ))}
        </FormGroup>
        <Button variant="contained" startIcon={<KeyIcon />} onClick={submit} disabled={name.trim().length < 2 || !scopes.length}>
          {translate('apiClients.createButton')}
        </Button>
      </CardContent>
    </Card>
  );
};

const ClientRow = ({ row, onKey, onChanged }: { row: ApiClientRow; onKey: (key: string) => void; onChanged: () => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const act = async (fn: () => Promise<void>) => {
    try {
      await fn();
      onChanged();
    } catch (error) {
      notify(toHttpError(error).message, { type: 'error' });
    }
  };
  return (
    <>
      <TableRow>
        <TableCell>
          <Button size="small" onClick={() => setOpen(!open)}>
            {row.name}
          </Button>
        </TableCell>
        <TableCell>{translate(`enums.Channel.${row.channel}`)}</TableCell>
        <TableCell>
          {row.scopes.map((s) => (
            <Chip key={s} size="small" label={translate(`enums.ApiScope.${s}`)} sx={{ mr: 0.5, mb: 0.5 }} />
          ))}
        </TableCell>
        <TableCell sx={{ fontFamily: 'monospace' }}>{row.keyPrefix}</TableCell>
        <TableCell>{row.expiresAt ? formatWib(row.expiresAt, locale, true) : translate('apiClients.never')}</TableCell>
        <TableCell>{row.rateLimitPerMinute}</TableCell>
        <TableCell>{translate(row.active ? 'apiClients.active' : 'apiClients.inactive')}</TableCell>
        <TableCell>
          {row.active && (
            <Stack direction="row" spacing={1}>
              <Button size="small" onClick={() => act(async () => onKey(await rotateApiClientKey(row.id, 24)))}>
                {translate('apiClients.rotate')}
              </Button>
              <Button size="small" color="error" onClick={() => act(() => deactivateApiClient(row.id))}>
                {translate('apiClients.deactivate')}
              </Button>
            </Stack>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={8}>
            <WebhookPanel clientId={row.id} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

/** "Aplikasi Eksternal": keys with their scopes, expiry, rate limit and rotation; per app its webhooks and their deliveries. */
export const ApiClientPage = () => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [apiKey, setApiKey] = useState<string | null>(null);
  const { data, isPending, error, refetch } = useQuery({
    queryKey: ['apiClients'],
    queryFn: async () => {
      try {
        return await fetchApiClients();
      } catch (e) {
        throw toHttpError(e);
      }
    },
  });
  const changed = () => void queryClient.invalidateQueries({ queryKey: ['apiClients'] });
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.apiClients.name')} />
      <CreateForm
        onCreated={(key) => {
          setApiKey(key);
          changed();
        }}
      />
      <Card sx={{ overflowX: 'auto' }}>
        {isPending ? (
          <Loading />
        ) : error ? (
          <LoadError />
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                {['name', 'channel', 'scopes', 'keyPrefix', 'expiresAt', 'rateLimitPerMinute', 'active'].map((f) => (
                  <TableCell key={f}>{translate(`resources.apiClients.fields.${f}`)}</TableCell>
                ))}
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((row) => (
                <ClientRow key={row.id} row={row} onKey={setApiKey} onChanged={() => void refetch()} />
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <KeyDialog apiKey={apiKey} onClose={() => setApiKey(null)} />
    </Box>
  );
};
