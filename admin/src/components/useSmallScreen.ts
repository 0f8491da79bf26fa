import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';

/** A phone-sized viewport (below MUI's `sm`, 600 px): lists become SimpleLists, dialogs full screen. */
export const useSmallScreen = () => useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
