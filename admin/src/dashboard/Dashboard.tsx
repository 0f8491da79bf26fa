import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { createElement } from 'react';
import {
  Link,
  Title,
  useCanAccessResources,
  useCreatePath,
  useGetIdentity,
  useResourceDefinitions,
  useTranslate,
} from 'react-admin';
import { MENU_RESOURCES } from '../resources';

export const Dashboard = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const definitions = useResourceDefinitions();
  const { identity } = useGetIdentity();
  const { canAccess, isPending } = useCanAccessResources({ action: 'list', resources: MENU_RESOURCES });
  const shortcuts = MENU_RESOURCES.filter((r) => canAccess?.[r] && definitions[r]);

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="dashboard.title" />
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {translate('dashboard.welcome', { name: identity?.fullName ?? '' })}
        </Typography>
        <Typography variant="body1" color="text.secondary" sx={{ mb: 2, maxWidth: 720 }}>
          {translate('dashboard.intro')}
        </Typography>
        {identity && (
          <Typography variant="body2" sx={{ mb: 3 }}>
            {translate('dashboard.signedInAs')}: <strong>{identity.username}</strong>
            {' · '}
            {translate('dashboard.role')}: {translate(`enums.Role.${identity.role}`, { _: identity.role })}
            {' · '}
            {translate('dashboard.opd')}: {identity.opd?.name}
          </Typography>
        )}
        <Typography variant="overline">{translate('dashboard.shortcuts')}</Typography>
        {!isPending && shortcuts.length === 0 ? (
          <Typography variant="body2">{translate('dashboard.noShortcuts')}</Typography>
        ) : (
          <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1} sx={{ mt: 1 }}>
            {shortcuts.map((name) => {
              const icon = definitions[name].icon;
              return (
                <Button
                  key={name}
                  component={Link}
                  to={createPath({ resource: name, type: 'list' })}
                  variant="outlined"
                  startIcon={icon ? createElement(icon) : undefined}
                >
                  {translate(`resources.${name}.name`, { smart_count: 2 })}
                </Button>
              );
            })}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
