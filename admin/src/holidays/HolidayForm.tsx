import { Create, Edit, SimpleForm, TextInput, required } from 'react-admin';
import { DayInput, EnumInput } from '../components';

const HolidayForm = () => (
  <SimpleForm>
    <DayInput source="date" validate={required()} />
    <TextInput source="name" validate={required()} fullWidth />
    <EnumInput source="kind" enumName="HolidayKind" defaultValue="NATIONAL" validate={required()} />
  </SimpleForm>
);

export const HolidayEdit = () => (
  <Edit mutationMode="pessimistic">
    <HolidayForm />
  </Edit>
);

export const HolidayCreate = () => (
  <Create redirect="list">
    <HolidayForm />
  </Create>
);
