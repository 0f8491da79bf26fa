import { BooleanField, DataTable, SimpleList, TextField, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, EnumField, EnumInput, OpdInput, useSmallScreen } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="OpdKind" />,
  <OpdInput key="parentId" source="parentId" label="resources.opds.fields.parent" />,
  <NullableBooleanInput key="active" source="active" />,
];

export const OpdList = () => {
  const small = useSmallScreen();
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={25}>
      {small ? (
        <SimpleList
          primaryText={(r) => r.name}
          secondaryText={
            <>
              <TextField source="code" /> · <EnumField source="kind" enumName="OpdKind" />
            </>
          }
          rowClick="show"
        />
      ) : (
        <DataTable rowClick="show">
          <DataTable.Col source="code" />
          <DataTable.Col source="name" />
          <DataTable.Col source="kind">
            <EnumField source="kind" enumName="OpdKind" />
          </DataTable.Col>
          <DataTable.Col source="parent" disableSort>
            <EmbeddedReferenceField source="parent" reference="opds" />
          </DataTable.Col>
          <DataTable.Col source="regionCode" />
          <DataTable.Col source="active" field={BooleanField} />
        </DataTable>
      )}
    </List>
  );
};
