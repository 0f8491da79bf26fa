import { useCanAccess, useGetIdentity, useGetList } from 'react-admin';
import type { DeskRecord } from './types';

/**
 * Whether the viewer may record minutes and conclude this desk: DESK_MANAGE (access.ts)
 * and the desk was convened by the viewer's unit or a unit below it, as the server checks.
 */
export const useDeskManage = (desk: DeskRecord | undefined): boolean => {
  const { canAccess } = useCanAccess({ resource: 'desks', action: 'conclude', enabled: !!desk });
  const { identity } = useGetIdentity();
  const viewerOpdId = (identity?.opd as { id?: string } | undefined)?.id;
  const open = !!desk && desk.status === 'CONVENED';
  const { total } = useGetList(
    'opds',
    { filter: { withinId: viewerOpdId, ids: [desk?.convenerOpdId] }, pagination: { page: 1, perPage: 1 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: !!canAccess && open && !!viewerOpdId && !!desk?.convenerOpdId },
  );
  return !!canAccess && open && (total ?? 0) > 0;
};
