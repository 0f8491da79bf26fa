import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { toHttpError } from '../providers/graphqlErrors';
import { formatWib } from '../wib';
import { fetchDeliveries, fetchWebhooks, setWebhookActive, type WebhookRow } from './queries';

/** The delivery log of one endpoint: every signed POST, its attempts and the last error. */
const DeliveryLog = ({ endpointId }: { endpointId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending } = useQuery({ queryKey: ['webhookDeliveryLog', endpointId], queryFn: () => fetchDeliveries(endpointId) });
  if (isPending) return <LinearProgress />;
  if (!data?.items.length) return <Typography variant="body2">{translate('apiClients.webhooks.noDeliveries')}</Typography>;
  return (
    <Table size="small" data-testid="webhook-deliveries">
      <TableHead>
        <TableRow>
          {['createdAt', 'subject', 'status', 'attempts', 'sentAt', 'nextAttemptAt', 'lastError'].map((f) => (
            <TableCell key={f}>{translate(`apiClients.webhooks.deliveryFields.${f}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {data.items.map((d) => (
          <TableRow key={d.id}>
            <TableCell>{formatWib(d.createdAt, locale, true)}</TableCell>
            <TableCell>{d.subject}</TableCell>
            <TableCell>{translate(`enums.NotificationStatus.${d.status}`)}</TableCell>
            <TableCell>{d.attempts}</TableCell>
            <TableCell>{d.sentAt ? formatWib(d.sentAt, locale, true) : ''}</TableCell>
            <TableCell>{d.nextAttemptAt ? formatWib(d.nextAttemptAt, locale, true) : ''}</TableCell>
            <TableCell>{d.lastError}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Endpoint = ({ endpoint, onChanged }: { endpoint: WebhookRow; onChanged: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [showLog, setShowLog] = useState(false);
  const toggle = async () => {
    try {
      await setWebhookActive(endpoint.id, !endpoint.active);
      onChanged();
    } catch (error) {
      notify(toHttpError(error).message, { type: 'error' });
    }
  };
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontFamily: 'monospace' }}>{endpoint.url}</Typography>
        {endpoint.events.map((e) => (
          <Chip key={e} size="small" label={translate(`enums.WebhookEvent.${e}`)} />
        ))}
        {endpoint.allComplaints && <Chip size="small" color="info" label={translate('apiClients.webhooks.allComplaints')} />}
        <Button size="small" onClick={() => setShowLog(!showLog)}>
          {translate('apiClients.webhooks.log')}
        </Button>
        <Button size="small" color={endpoint.active ? 'error' : 'primary'} onClick={toggle}>
          {translate(endpoint.active ? 'apiClients.webhooks.disable' : 'apiClients.webhooks.enable')}
        </Button>
      </Stack>
      {!endpoint.active && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          {translate('apiClients.webhooks.disabled', { reason: endpoint.disabledReason ?? '' })}
        </Alert>
      )}
      {showLog && <DeliveryLog endpointId={endpoint.id} />}
    </Box>
  );
};

/** An app's webhook endpoints (registered by the app with its key); staff see their deliveries and switch them on or off. */
export const WebhookPanel = ({ clientId }: { clientId: string }) => {
  const translate = useTranslate();
  const { data, isPending, refetch } = useQuery({ queryKey: ['apiClientWebhooks', clientId], queryFn: () => fetchWebhooks(clientId) });
  if (isPending) return <LinearProgress />;
  return (
    <Box>
      <Typography variant="subtitle1">{translate('apiClients.webhooks.title')}</Typography>
      {!data?.length ? (
        <Typography variant="body2">{translate('apiClients.webhooks.none')}</Typography>
      ) : (
        data.map((e) => <Endpoint key={e.id} endpoint={e} onChanged={() => void refetch()} />)
      )}
    </Box>
  );
};
