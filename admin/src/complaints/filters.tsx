import { AutocompleteInput, NullableBooleanInput, ReferenceInput, SearchInput, SelectArrayInput, useCanAccess } from 'react-admin';
import { DayFilterInput, EnumInput, OpdInput } from '../components';
import { enumChoices } from '../enums';

const f = (name: string) => `resources.complaints.fields.${name}`;
const byName = (q: string) => ({ q });

/**
 * Everything `ComplaintFilter` filters on. Labels name the complaint fields explicitly so
 * the same inputs serve the inbox (`myInbox`) too.
 */
export const useComplaintFilters = () => {
  const { canAccess: canListUsers } = useCanAccess({ resource: 'users', action: 'list' });
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectArrayInput key="status" source="status" label={f('status')} choices={enumChoices('ComplaintStatus')} alwaysOn sx={{ minWidth: 180 }} />,
    <NullableBooleanInput key="overdue" source="overdue" label={f('overdue')} alwaysOn sx={{ minWidth: 140 }} />,
    <EnumInput key="progressStage" source="progressStage" enumName="ProgressStage" label={f('progressStage')} />,
    <EnumInput key="channel" source="channel" enumName="Channel" label={f('channel')} />,
    <EnumInput key="type" source="type" enumName="ComplaintType" label={f('type')} />,
    <ReferenceInput key="categoryId" source="categoryId" reference="categories" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput label={f('category')} optionText="name" filterToQuery={byName} sx={{ minWidth: 240 }} />
    </ReferenceInput>,
    <ReferenceInput key="programId" source="programId" reference="programs" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput label={f('program')} optionText="name" filterToQuery={byName} sx={{ minWidth: 240 }} />
    </ReferenceInput>,
    <OpdInput key="intakeOpdId" source="intakeOpdId" label={f('intakeOpd')} sx={{ minWidth: 240 }} />,
    <OpdInput key="currentOpdId" source="currentOpdId" label={f('currentOpd')} sx={{ minWidth: 240 }} />,
    ...(canListUsers
      ? [
          <ReferenceInput key="assigneeId" source="assigneeId" reference="users" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput label={f('assignee')} optionText="name" filterToQuery={byName} sx={{ minWidth: 220 }} />
          </ReferenceInput>,
        ]
      : []),
    <DayFilterInput key="createdFrom" source="createdFrom" edge="start" label="complaint.list.createdFrom" />,
    <DayFilterInput key="createdTo" source="createdTo" edge="end" label="complaint.list.createdTo" />,
  ];
};
