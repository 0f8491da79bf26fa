import { BooleanField, EmailField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EmbeddedReferenceField, EnumField } from '../components';

export const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="username" />
      <TextField source="name" />
      <EnumField source="role" enumName="Role" />
      <EmbeddedReferenceField source="opd" reference="opds" />
      <TextField source="phone" emptyText="—" />
      <EmailField source="email" emptyText="—" />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </Show>
);
