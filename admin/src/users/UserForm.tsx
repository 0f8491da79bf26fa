import Typography from '@mui/material/Typography';
import {
  BooleanInput,
  Create,
  DeleteButton,
  Edit,
  PasswordInput,
  SaveButton,
  SimpleForm,
  TextInput,
  Toolbar,
  email,
  minLength,
  required,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { EnumInput, OpdInput, validPhone, validUsername } from '../components';

// An empty password on edit means "keep the current one": leave it out of the input.
const keepWhenEmpty = (value: string) => (value === '' ? undefined : value);
const passwordLength = minLength(8, 'validation.passwordLength');

/** The server refuses to delete one's own account: say so instead of offering the button. */
const UserToolbar = () => {
  const record = useRecordContext();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const own = !!record && !!identity && String(record.id) === String(identity.id);
  return (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
      <SaveButton />
      {record &&
        (own ? (
          <Typography variant="caption" color="text.secondary" data-testid="own-account">
            {translate('errors.refusal.ownAccount')}
          </Typography>
        ) : (
          <DeleteButton />
        ))}
    </Toolbar>
  );
};

/** Only unit staff are given the right to publish progress (heads have it by role); the server refuses it for others. */
const PublishGrant = () => {
  const role = useWatch({ name: 'role' });
  const { setValue, getValues } = useFormContext();
  // A role change away from staff takes the grant with it, so the save is not refused for a hidden field.
  useEffect(() => {
    if (role !== 'UNIT_STAFF' && getValues('mayPublish')) setValue('mayPublish', false, { shouldDirty: true });
  }, [role, getValues, setValue]);
  if (role !== 'UNIT_STAFF') return null;
  return <BooleanInput source="mayPublish" defaultValue={false} helperText="resources.users.mayPublishHelp" />;
};

const UserForm = ({ isCreate = false }: { isCreate?: boolean }) => (
  <SimpleForm toolbar={<UserToolbar />}>
    <TextInput source="username" validate={[required(), validUsername]} autoComplete="off" />
    <TextInput source="name" validate={required()} fullWidth />
    <TextInput source="phone" validate={validPhone} />
    <TextInput source="email" type="email" validate={email()} />
    <OpdInput source="opdId" label="resources.users.fields.opd" validate={required()} />
    <EnumInput source="role" enumName="Role" validate={required()} />
    <PasswordInput
      source="password"
      autoComplete="new-password"
      parse={keepWhenEmpty}
      validate={isCreate ? [required(), passwordLength] : passwordLength}
      helperText={isCreate ? 'helpers.passwordCreate' : 'helpers.passwordEdit'}
    />
    <BooleanInput source="active" defaultValue={true} />
    <PublishGrant />
  </SimpleForm>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic">
    <UserForm />
  </Edit>
);

export const UserCreate = () => (
  <Create redirect="show">
    <UserForm isCreate />
  </Create>
);
