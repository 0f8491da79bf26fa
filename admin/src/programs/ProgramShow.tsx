import { BooleanField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EmbeddedReferenceField, WibDateField } from '../components';

export const ProgramShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <EmbeddedReferenceField source="ownerOpd" reference="opds" />
      <TextField source="description" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} emptyText="—" />
      <TextField source="eligibility" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} emptyText="—" />
      <TextField source="benefits" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }} emptyText="—" />
      <TextField source="contact" emptyText="—" />
      <WibDateField source="startsOn" emptyText="app.none" />
      <WibDateField source="endsOn" emptyText="app.none" />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </Show>
);
