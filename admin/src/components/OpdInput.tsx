import { AutocompleteInput, ReferenceInput, type AutocompleteInputProps, type Validator } from 'react-admin';

export const opdOptionText = (opd?: { name?: string; code?: string } | null) => (opd ? `${opd.name ?? ''}${opd.code ? ` (${opd.code})` : ''}` : '');

export interface OpdInputProps extends Omit<AutocompleteInputProps, 'source' | 'validate' | 'filter'> {
  source: string;
  /** Extra OpdFilter fields, e.g. `{ kind: 'KELURAHAN', active: true }`. */
  filter?: Record<string, unknown>;
  validate?: Validator | Validator[];
}

/** Pick an Opd by typing part of its name or code (server-side `q` search). */
export const OpdInput = ({ source, filter, validate, ...props }: OpdInputProps) => (
  <ReferenceInput source={source} reference="opds" filter={filter} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
    <AutocompleteInput optionText={opdOptionText} filterToQuery={(q: string) => ({ q })} validate={validate} {...props} />
  </ReferenceInput>
);
