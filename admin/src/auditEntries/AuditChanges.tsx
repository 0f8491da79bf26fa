import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useGetManyAggregate, useRecordContext, useTranslate } from 'react-admin';
import { referenceLabel } from '../components';
import type { EnumName } from '../enums';

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
  redacted: boolean;
}

export interface AuditEntryRecord {
  id: string;
  kind: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  actorUsername: string | null;
  actorSystem: string | null;
  changes: AuditChange[];
}

/** The console resource whose field labels name a kind's fields. */
const RESOURCE_OF_KIND: Readonly<Record<string, string>> = {
  USER: 'users',
  OPD: 'opds',
  CATEGORY: 'categories',
  SLA_POLICY: 'slaPolicies',
  HOLIDAY: 'holidays',
  PROGRAM: 'programs',
  SERVICE_POST: 'servicePosts',
  API_CLIENT: 'apiClients',
};

/** Fields holding an enum value, shown with its label. */
const ENUM_FIELDS: Readonly<Record<string, Readonly<Record<string, EnumName>>>> = {
  USER: { role: 'Role' },
  OPD: { kind: 'OpdKind' },
  HOLIDAY: { kind: 'HolidayKind' },
  SLA_POLICY: { calendar: 'SlaCalendar', verifyUnit: 'SlaUnit', respondUnit: 'SlaUnit' },
  API_CLIENT: { channel: 'Channel' },
};

/** Fields holding the id of another record, shown by its name. */
const REFERENCES: Readonly<Record<string, string>> = {
  opdId: 'opds',
  parentId: 'opds',
  defaultOpdId: 'opds',
  ownerOpdId: 'opds',
  kelurahanId: 'opds',
  slaPolicyId: 'slaPolicies',
  servicePostId: 'servicePosts',
};

type Translate = ReturnType<typeof useTranslate>;

/** `opdId` is labelled like the record's `opd` field; anything unknown keeps its own name. */
export const fieldLabel = (translate: Translate, kind: string, field: string): string => {
  const resource = RESOURCE_OF_KIND[kind];
  const fallback = translate(`audit.fields.${field}`, { _: field });
  const label = (name: string, _: string) => translate(`resources.${resource}.fields.${name}`, { _ });
  return label(field, field.endsWith('Id') ? label(field.slice(0, -2), fallback) : fallback);
};

export const valueText = (translate: Translate, kind: string, field: string, value: unknown): string => {
  if (value == null || value === '') return translate('app.none');
  if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  const enumName = ENUM_FIELDS[kind]?.[field];
  if (enumName && typeof value === 'string') return translate(`enums.${enumName}.${value}`, { _: value });
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'weekday' in v)) {
    return value.map((s) => `${translate(`weekdays.${s.weekday}`)} ${s.opensAt}–${s.closesAt}`).join(', ');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** A referenced record by its name (one request for all rows of the page), or its id once deleted. */
const ReferenceValue = ({ resource, id }: { resource: string; id: number }) => {
  const { data } = useGetManyAggregate(resource, { ids: [id] });
  const record = data?.find((r) => String(r.id) === String(id));
  return <>{record ? referenceLabel(record) : `#${id}`}</>;
};

const Value = ({ kind, field, value }: { kind: string; field: string; value: unknown }) => {
  const translate = useTranslate();
  const resource = REFERENCES[field];
  if (resource && typeof value === 'number') return <ReferenceValue resource={resource} id={value} />;
  return <>{valueText(translate, kind, field, value)}</>;
};

/** One line per changed field: "Nama: lama → baru"; a secret only as "Kata sandi diubah". */
export const AuditChanges = () => {
  const record = useRecordContext<AuditEntryRecord>();
  const translate = useTranslate();
  if (!record?.changes?.length) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }} data-testid="audit-changes">
      {record.changes.map((c) => {
        const label = fieldLabel(translate, record.kind, c.field);
        const value = (v: unknown) => <Value kind={record.kind} field={c.field} value={v} />;
        return (
          <Typography key={c.field} component="li" variant="body2" sx={{ wordBreak: 'break-word' }}>
            {c.redacted ? (
              translate('audit.secretChanged', { field: label })
            ) : record.action === 'UPDATE' ? (
              <>
                {label}: {value(c.before)} → {value(c.after)}
              </>
            ) : (
              <>
                {label}: {value(record.action === 'CREATE' ? c.after : c.before)}
              </>
            )}
          </Typography>
        );
      })}
    </Box>
  );
};

/** The user (username) or the system process that made the change. */
export const AuditActor = () => {
  const record = useRecordContext<AuditEntryRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      {record.actorUsername ?? translate('audit.system', { name: record.actorSystem ?? '' })}
    </Typography>
  );
};
