import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import WifiTetheringIcon from '@mui/icons-material/WifiTethering';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import { useSyncExternalStore } from 'react';
import { useTranslate } from 'react-admin';
import { liveStatus } from './feed';

/** A small mark in the app bar: are changes arriving live right now? */
export const LiveStatusIndicator = () => {
  const translate = useTranslate();
  const status = useSyncExternalStore(liveStatus.subscribe, liveStatus.get);
  const live = status === 'live';
  return (
    <Tooltip title={translate(`live.status.${status}`)}>
      <Box
        component="span"
        role="status"
        aria-label={translate(`live.status.${status}`)}
        data-live-status={status}
        sx={{ display: 'inline-flex', alignItems: 'center', mx: 1, opacity: live ? 1 : 0.7 }}
      >
        {live ? <WifiTetheringIcon fontSize="small" /> : <SyncProblemIcon fontSize="small" />}
      </Box>
    </Tooltip>
  );
};
