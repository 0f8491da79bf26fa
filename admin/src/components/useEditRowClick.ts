import { useCanAccess, useResourceContext } from 'react-admin';

/** Rows open the edit form only for those allowed to edit; readers stay on the list. */
export function useEditRowClick(): 'edit' | false {
  const resource = useResourceContext();
  const { canAccess } = useCanAccess({ resource, action: 'edit' });
  return canAccess ? 'edit' : false;
}
