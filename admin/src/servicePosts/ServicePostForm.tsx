import {
  ArrayInput,
  AutocompleteArrayInput,
  BooleanInput,
  Create,
  Edit,
  ReferenceArrayInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  required,
  useCanAccess,
} from 'react-admin';
import { weekdayChoices } from '../enums';
import { OpdInput, notBeforeSibling, validCode, validRw, validTime } from '../components';

const closesAfterOpens = notBeforeSibling('opensAt', 'validation.closesAfterOpens');

const OfficersInput = () => {
  const { canAccess } = useCanAccess({ resource: 'users', action: 'list' });
  if (!canAccess) return null;
  return (
    <ReferenceArrayInput source="officerIds" reference="users" filter={{ role: 'OFFICER', active: true }} sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteArrayInput
        label="resources.servicePosts.fields.officers"
        optionText={(u: { name?: string; username?: string }) => u?.name ?? u?.username ?? ''}
        filterToQuery={(q: string) => ({ q })}
        fullWidth
      />
    </ReferenceArrayInput>
  );
};

const ServicePostForm = () => (
  <SimpleForm>
    <TextInput source="code" validate={[required(), validCode]} />
    <TextInput source="name" validate={required()} fullWidth />
    <OpdInput source="kelurahanId" label="resources.servicePosts.fields.kelurahan" filter={{ kind: 'KELURAHAN' }} validate={required()} />
    <TextInput source="rw" validate={[required(), validRw]} />
    <TextInput source="address" multiline fullWidth />
    <ArrayInput source="schedule" helperText="helpers.schedule">
      <SimpleFormIterator inline disableReordering>
        <SelectInput source="weekday" label="resources.servicePosts.schedule.weekday" choices={weekdayChoices} defaultValue={1} validate={required()} />
        <TextInput source="opensAt" label="resources.servicePosts.schedule.opensAt" type="time" defaultValue="09:00" validate={[required(), validTime]} />
        <TextInput
          source="closesAt"
          label="resources.servicePosts.schedule.closesAt"
          type="time"
          defaultValue="12:00"
          validate={[required(), validTime, closesAfterOpens]}
        />
      </SimpleFormIterator>
    </ArrayInput>
    <OfficersInput />
    <BooleanInput source="active" defaultValue={true} />
  </SimpleForm>
);

export const ServicePostEdit = () => (
  <Edit mutationMode="pessimistic">
    <ServicePostForm />
  </Edit>
);

export const ServicePostCreate = () => (
  <Create redirect="list">
    <ServicePostForm />
  </Create>
);
