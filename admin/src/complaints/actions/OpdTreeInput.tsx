import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { FieldTitle, InputHelperText, useGetList, useInput, useTranslate, type Validator } from 'react-admin';

interface OpdNode {
  id: string;
  name: string;
  code: string;
  kind: string;
  parentId?: string | null;
  canReceive: boolean;
}

interface Option extends OpdNode {
  depth: number;
  path: string;
}

/**
 * Depth-first, by name: units that can receive a forwarded complaint (active, with a unit
 * head) and the units above them, so the picker reads as the organisation chart.
 */
const flattenTree = (opds: OpdNode[]): Option[] => {
  const byId = new Map(opds.map((o) => [o.id, o]));
  const children = new Map<string | null, OpdNode[]>();
  for (const o of opds) {
    const parent = o.parentId && byId.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const relevant = new Map<string, boolean>();
  const isRelevant = (o: OpdNode): boolean => {
    const known = relevant.get(o.id);
    if (known !== undefined) return known;
    const value = o.canReceive || (children.get(o.id) ?? []).some(isRelevant);
    relevant.set(o.id, value);
    return value;
  };
  const out: Option[] = [];
  const walk = (parent: string | null, depth: number, path: string) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'id'));
    for (const o of list) {
      if (!isRelevant(o)) continue;
      out.push({ ...o, depth, path });
      walk(o.id, depth + 1, path ? `${path} › ${o.name}` : o.name);
    }
  };
  walk(null, 0, '');
  return out;
};

const filterOptions = createFilterOptions<Option>({ stringify: (o) => `${o.name} ${o.code} ${o.path}` });

export interface OpdTreeInputProps {
  source: string;
  label?: string;
  helperText?: string;
  /** Shown but not selectable, e.g. the unit the complaint is at now. */
  excludeId?: string | null;
  validate?: Validator | Validator[];
  autoFocus?: boolean;
}

/** Pick the unit to forward to from the Opd tree (indented; type to search name or code). */
export const OpdTreeInput = ({ source, label, helperText, excludeId, validate, autoFocus }: OpdTreeInputProps) => {
  const translate = useTranslate();
  const { data, isPending } = useGetList<OpdNode>('opds', {
    filter: { active: true },
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'name', order: 'ASC' },
  });
  const options = useMemo(() => flattenTree(data ?? []), [data]);
  const { field, fieldState, isRequired } = useInput({ source, validate });
  const value = options.find((o) => o.id === String(field.value ?? '')) ?? null;
  const error = fieldState.error?.message;
  return (
    <Autocomplete<Option>
      options={options}
      value={value}
      loading={isPending}
      onChange={(_, option) => field.onChange(option?.id ?? null)}
      onBlur={field.onBlur}
      getOptionLabel={(o) => o.name}
      getOptionKey={(o) => o.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      getOptionDisabled={(o) => !o.canReceive || o.id === excludeId}
      filterOptions={filterOptions}
      noOptionsText={translate('complaint.forward.noUnits')}
      renderOption={({ key, ...props }, o, { inputValue }) => (
        <Box component="li" key={key} {...props} data-opd-id={o.id} sx={{ pl: inputValue ? 2 : `${16 + o.depth * 20}px !important` }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: o.depth === 0 || !o.canReceive ? 600 : 400 }}>
              {o.name}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {[
                translate(`enums.OpdKind.${o.kind}`, { _: o.kind }),
                inputValue && o.path ? o.path : null,
                o.id === excludeId ? translate('complaint.forward.currentUnit') : null,
                !o.canReceive ? translate('complaint.forward.cannotReceive') : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography>
          </Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          inputRef={field.ref}
          autoFocus={autoFocus}
          label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
          error={!!error}
          helperText={<InputHelperText error={error} helperText={helperText} />}
          margin="dense"
        />
      )}
      fullWidth
    />
  );
};
