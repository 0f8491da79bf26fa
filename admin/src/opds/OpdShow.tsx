import { BooleanField, DataTable, Labeled, ReferenceManyField, Show, SimpleShowLayout, TextField, useCanAccess } from 'react-admin';
import { EmbeddedReferenceField, EnumField } from '../components';

const SubUnits = () => (
  <Labeled label="resources.opds.sections.children" fullWidth>
    <ReferenceManyField reference="opds" target="parentId" sort={{ field: 'code', order: 'ASC' }} perPage={100}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <EnumField source="kind" enumName="OpdKind" />
        </DataTable.Col>
        <DataTable.Col source="active" field={BooleanField} />
      </DataTable>
    </ReferenceManyField>
  </Labeled>
);

const UnitUsers = () => {
  const { canAccess } = useCanAccess({ resource: 'users', action: 'list' });
  if (!canAccess) return null;
  return (
    <Labeled label="resources.opds.sections.users" fullWidth>
      <ReferenceManyField reference="users" target="opdId" sort={{ field: 'name', order: 'ASC' }} perPage={100}>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="username" />
          <DataTable.Col source="name" />
          <DataTable.Col source="role">
            <EnumField source="role" enumName="Role" />
          </DataTable.Col>
          <DataTable.Col source="active" field={BooleanField} />
        </DataTable>
      </ReferenceManyField>
    </Labeled>
  );
};

export const OpdShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <EnumField source="kind" enumName="OpdKind" />
      <EmbeddedReferenceField source="parent" reference="opds" emptyText="app.none" />
      <TextField source="regionCode" emptyText="—" />
      <BooleanField source="active" />
      <SubUnits />
      <UnitUsers />
    </SimpleShowLayout>
  </Show>
);
