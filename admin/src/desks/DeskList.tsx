import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { CreateButton, DataTable, List, SimpleList, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { EnumInput, WibDateField, useSmallScreen } from '../components';
import { COMPLAINT_CHANGED_EVENT } from '../live/LiveUpdates';
import { ConvenerField, DeskStatusField, ParticipantsField } from './fields';
import type { DeskRecord } from './types';

const filters = [<EnumInput key="status" source="status" enumName="DeskStatus" alwaysOn sx={{ minWidth: 180 }} />];

const AgendaSize = (_: { label?: string }) => {
  const record = useRecordContext<DeskRecord>();
  return record ? <span data-agenda-size={record.items?.length ?? 0}>{record.items?.length ?? 0}</span> : null;
};

/** Desks change when their complaints do (convened, concluded): refetch on live changes. */
export const useDesksFollowLiveChanges = () => {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => queryClient.invalidateQueries({ queryKey: ['desks'] }), 800);
    };
    window.addEventListener(COMPLAINT_CHANGED_EVENT, refresh);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(COMPLAINT_CHANGED_EVENT, refresh);
    };
  }, [queryClient]);
};

/**
 * Forum desks convened by or with the viewer's unit (all of them for leaders), newest
 * meeting first. The server sorts by scheduled time only.
 */
export const DeskList = () => {
  useDesksFollowLiveChanges();
  const small = useSmallScreen();
  return (
    <List
      filters={filters}
      sort={{ field: 'scheduledAt', order: 'DESC' }}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton label="desk.create.button" />
        </TopToolbar>
      }
      empty={false}
    >
      {small ? (
        <SimpleList<DeskRecord>
          primaryText={(r) => r.title}
          secondaryText={
            <>
              <WibDateField source="scheduledAt" showTime /> · <TextField source="place" />
            </>
          }
          tertiaryText={<DeskStatusField />}
          rowClick="show"
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="title" disableSort>
            <TextField source="title" sx={{ fontWeight: 500 }} />
          </DataTable.Col>
          <DataTable.Col source="status" disableSort>
            <DeskStatusField />
          </DataTable.Col>
          <DataTable.Col source="scheduledAt">
            <WibDateField source="scheduledAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="place" disableSort />
          <DataTable.Col source="convenerOpd" disableSort>
            <ConvenerField />
          </DataTable.Col>
          <DataTable.Col source="participants" disableSort>
            <ParticipantsField />
          </DataTable.Col>
          <DataTable.Col source="items" label="resources.desks.fields.agendaSize" disableSort align="right">
            <AgendaSize />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};
