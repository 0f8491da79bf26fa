import TuneIcon from '@mui/icons-material/Tune';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { forwardRef, useState } from 'react';
import { useNotify, useTranslate, useUserMenu } from 'react-admin';
import { fetchPreferences, saveChannels, saveDailyDigest, type ChannelPreferences } from './queries';

/** The user menu's "Notification channels": where one's notifications go besides the console. */
export const ChannelsMenuItem = forwardRef<HTMLLIElement>((props, ref) => {
  const translate = useTranslate();
  const notify = useNotify();
  const userMenu = useUserMenu();
  const [prefs, setPrefs] = useState<ChannelPreferences | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [digest, setDigest] = useState(false);
  const [saving, setSaving] = useState(false);
  const open = () => {
    fetchPreferences().then(
      (p) => {
        setPrefs(p);
        setChosen(p.chosen);
        setDigest(p.dailyDigest);
      },
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  };
  const close = () => {
    setPrefs(null);
    userMenu?.onClose();
  };
  const reaches = (channel: string) => (channel === 'EMAIL' ? prefs?.hasEmail : prefs?.hasPhone);
  /** Null: back to the superadmin's defaults. */
  const save = (channels: string[] | null) => {
    setSaving(true);
    // An unchanged choice while following the defaults stays "following the defaults".
    const same = prefs?.usesDefault && channels && [...channels].sort().join() === [...prefs.chosen].sort().join();
    saveChannels(same ? null : channels)
      .then(() => (prefs?.digestAvailable && digest !== prefs.dailyDigest ? saveDailyDigest(digest) : undefined))
      .then(() => {
        notify('notifications.channelsSaved', { type: 'success' });
        close();
      })
      .catch((e: Error) => notify(e.message, { type: 'error' }))
      .finally(() => setSaving(false));
  };
  return (
    <>
      <MenuItem ref={ref} {...props} onClick={open}>
        <ListItemIcon>
          <TuneIcon fontSize="small" />
        </ListItemIcon>
        <ListItemText>{translate('notifications.channels')}</ListItemText>
      </MenuItem>
      <Dialog open={prefs != null} onClose={close} aria-labelledby="channels-title">
        <DialogTitle id="channels-title">{translate('notifications.channels')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate(prefs?.available.length ? 'notifications.channelsHint' : 'notifications.channelsNone')}
          </Typography>
          <FormGroup>
            {prefs?.available.map((channel) => (
              <FormControlLabel
                key={channel}
                disabled={!reaches(channel)}
                control={
                  <Checkbox
                    checked={chosen.includes(channel)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? [...c, channel] : c.filter((x) => x !== channel)))}
                  />
                }
                label={
                  reaches(channel)
                    ? translate(`enums.NotificationChannel.${channel}`)
                    : `${translate(`enums.NotificationChannel.${channel}`)} — ${translate('notifications.channelsNoAddress')}`
                }
              />
            ))}
          </FormGroup>
          {prefs?.usesDefault && prefs.available.length > 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('notifications.channelsDefault')}
            </Typography>
          )}
          {prefs?.digestAvailable && (
            <>
              <FormControlLabel
                sx={{ mt: 2 }}
                control={<Checkbox checked={digest} onChange={(e) => setDigest(e.target.checked)} />}
                label={translate('notifications.digest')}
              />
              <Typography variant="caption" component="p">
                {translate('notifications.digestHint')}
              </Typography>
            </>
          )}
        </DialogContent>
        <DialogActions>
          {prefs && !prefs.usesDefault && prefs.available.length > 0 && (
            <Button onClick={() => save(null)} disabled={saving}>
              {translate('notifications.channelsFollowDefault')}
            </Button>
          )}
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button onClick={() => save(chosen)} variant="contained" disabled={saving || (!prefs?.available.length && !prefs?.digestAvailable)}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
});
ChannelsMenuItem.displayName = 'ChannelsMenuItem';
