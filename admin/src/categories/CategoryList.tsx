import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput } from 'react-admin';
import { EmbeddedReferenceField, OpdInput, useEditRowClick } from '../components';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <OpdInput key="defaultOpdId" source="defaultOpdId" label="resources.categories.fields.defaultOpd" />,
  <NullableBooleanInput key="active" source="active" />,
];

export const CategoryList = () => {
  const rowClick = useEditRowClick();
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={25}>
      <DataTable rowClick={rowClick}>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="defaultOpd" disableSort>
          <EmbeddedReferenceField source="defaultOpd" reference="opds" />
        </DataTable.Col>
        <DataTable.Col source="slaPolicy" disableSort>
          <EmbeddedReferenceField source="slaPolicy" reference="slaPolicies" link="edit" />
        </DataTable.Col>
        <DataTable.Col source="active" field={BooleanField} />
      </DataTable>
    </List>
  );
};
