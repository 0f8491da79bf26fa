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
import { fetchPreferences, saveChannels, type ChannelPreferences } from './queries';

/** The user menu's "Notification channels": where one's notifications go besides the console. */
export const ChannelsMenuItem = forwardRef<HTMLLIElement>((props, ref) => {
  const translate = useTranslate();
  const notify = useNotify();
  const userMenu = useUserMenu();
  const [prefs, setPrefs] = useState<ChannelPreferences | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const open = () => {
    fetchPreferences().then(
      (p) => {
        setPrefs(p);
        setChosen(p.chosen);
      },
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  };
  const close = () => {
    setPrefs(null);
    userMenu?.onClose();
  };
  const reaches = (channel: string) => (channel === 'EMAIL' ? prefs?.hasEmail : prefs?.hasPhone);
  const save = () => {
    setSaving(true);
    saveChannels(chosen)
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
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button onClick={save} variant="contained" disabled={saving || !prefs?.available.length}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
});
ChannelsMenuItem.displayName = 'ChannelsMenuItem';
