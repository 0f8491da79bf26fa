import InfoOutlined from '@mui/icons-material/InfoOutlined';
import Tooltip from '@mui/material/Tooltip';
import { useTranslate } from 'react-admin';

/** The one wording of "tepat waktu" (the server's definition, server/modules/reports/on-time.ts) wherever the figure is shown. */
export const ON_TIME_DEFINITION = 'onTime.definition';

export const OnTimeHint = () => {
  const translate = useTranslate();
  const text = translate(ON_TIME_DEFINITION);
  return (
    <Tooltip title={text} placement="top">
      <InfoOutlined
        data-testid="on-time-definition"
        aria-label={text}
        role="img"
        sx={{ fontSize: '1em', ml: 0.5, verticalAlign: '-0.125em', cursor: 'help' }}
      />
    </Tooltip>
  );
};
