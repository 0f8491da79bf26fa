import type { MouseEvent } from 'react';
import Typography from '@mui/material/Typography';
import { Link, useCanAccess, useCreatePath, useFieldValue, useTranslate, type FieldProps } from 'react-admin';

type Ref = { id: string | number; name?: string | null; code?: string | null; username?: string | null; trackingCode?: string | null };

export const referenceLabel = (ref: Ref | null | undefined) => (ref ? (ref.name ?? ref.trackingCode ?? ref.username ?? ref.code ?? String(ref.id)) : '');

export interface EmbeddedReferenceFieldProps extends FieldProps {
  /** The react-admin resource of the related record, e.g. `opds`. */
  reference: string;
  link?: 'show' | 'edit' | false;
}

/**
 * A related record the data provider already selected as `{ id code name }` (no extra
 * request, unlike ReferenceField), linked to its page when the user may open it.
 */
export const EmbeddedReferenceField = ({ reference, link = 'show', emptyText, ...props }: EmbeddedReferenceFieldProps) => {
  const value = useFieldValue(props) as Ref | null | undefined;
  const createPath = useCreatePath();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({
    resource: reference,
    action: link || 'show',
    enabled: !!link && !!value,
  });
  if (!value) {
    return emptyText ? (
      <Typography component="span" variant="body2">
        {translate(emptyText, { _: emptyText })}
      </Typography>
    ) : null;
  }
  const label = referenceLabel(value);
  if (!link || !canAccess) {
    return (
      <Typography component="span" variant="body2" title={value.code ?? undefined}>
        {label}
      </Typography>
    );
  }
  return (
    <Link
      to={createPath({ resource: reference, id: value.id, type: link })}
      onClick={(e: MouseEvent) => e.stopPropagation()}
      title={value.code ?? undefined}
      variant="body2"
    >
      {label}
    </Link>
  );
};
