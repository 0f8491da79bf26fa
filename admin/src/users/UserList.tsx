import { BooleanField, DataTable, SimpleList, TextField, EmailField, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, EnumField, EnumInput, OpdInput, useSmallScreen } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="role" source="role" enumName="Role" />,
  <OpdInput key="opdId" source="opdId" label="resources.users.fields.opd" />,
  <NullableBooleanInput key="active" source="active" />,
];

export const UserList = () => {
  const small = useSmallScreen();
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
      {small ? (
        <SimpleList
          primaryText={(r) => r.name}
          secondaryText={
            <>
              <TextField source="username" /> · <EnumField source="role" enumName="Role" />
            </>
          }
          rowClick="show"
        />
      ) : (
        <DataTable rowClick="show">
          <DataTable.Col source="username" />
          <DataTable.Col source="name" />
          <DataTable.Col source="role">
            <EnumField source="role" enumName="Role" />
          </DataTable.Col>
          <DataTable.Col source="opd" disableSort>
            <EmbeddedReferenceField source="opd" reference="opds" />
          </DataTable.Col>
          <DataTable.Col source="phone" />
          <DataTable.Col source="email" field={EmailField} />
          <DataTable.Col source="active" field={BooleanField} />
        </DataTable>
      )}
    </List>
  );
};
