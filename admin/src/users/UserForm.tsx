import { BooleanInput, Create, Edit, PasswordInput, SimpleForm, TextInput, email, minLength, required } from 'react-admin';
import { EnumInput, OpdInput, validPhone, validUsername } from '../components';

// An empty password on edit means "keep the current one": leave it out of the input.
const keepWhenEmpty = (value: string) => (value === '' ? undefined : value);
const passwordLength = minLength(8, 'validation.passwordLength');

const UserForm = ({ isCreate = false }: { isCreate?: boolean }) => (
  <SimpleForm>
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
