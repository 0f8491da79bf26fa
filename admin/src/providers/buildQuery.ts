import {
  parse,
  type IntrospectionField,
  type IntrospectionInputObjectType,
  type IntrospectionInputTypeRef,
  type IntrospectionNamedTypeRef,
  type IntrospectionObjectType,
  type IntrospectionOutputTypeRef,
  type IntrospectionType,
  type IntrospectionTypeRef,
} from 'graphql';
import pluralize from 'pluralize';
import type { BuildQuery, BuildQueryResult, IntrospectionOptions, IntrospectionResult } from 'ra-data-graphql';

/**
 * Our server's conventions, for every resource type `X` (e.g. `ServicePost`), whose
 * react-admin resource name is its list query (`servicePosts`):
 *
 *   servicePosts(filter: ServicePostFilter, page: Int, perPage: Int,
 *                sortField: String, sortOrder: SortOrder): ServicePostPage!   # { items, total }
 *   servicePost(id: ID!): ServicePost
 *   createServicePost(input: ServicePostInput!): ServicePost!
 *   updateServicePost(id: ID!, input: ServicePostInput!): ServicePost!
 *   deleteServicePost(id: ID!): ServicePost!
 *
 * Every `XFilter` has `ids` (getMany) and `q`; getManyReference filters on its target
 * (e.g. `parentId`). Everything else (argument types, selected fields, input fields) is
 * read from the introspected schema, so no resource needs hand-written queries.
 */

export const GET_LIST = 'GET_LIST';
export const GET_ONE = 'GET_ONE';
export const GET_MANY = 'GET_MANY';
export const GET_MANY_REFERENCE = 'GET_MANY_REFERENCE';
export const CREATE = 'CREATE';
export const UPDATE = 'UPDATE';
export const UPDATE_MANY = 'UPDATE_MANY';
export const DELETE = 'DELETE';
export const DELETE_MANY = 'DELETE_MANY';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const listName = (typeName: string) => lowerFirst(pluralize(typeName));

/**
 * Where the API departs from the conventions on purpose. Complaints are recorded through
 * the idempotent intake mutation (`submitComplaint(input, idempotencyKey)`, returning
 * `{ complaint, trackingCode, accessCode, replayed }`), never a plain `createComplaint`.
 */
const OPERATION_OVERRIDES: Readonly<Record<string, Partial<Record<string, string>>>> = {
  Complaint: { [CREATE]: 'submitComplaint' },
  // A forum desk is convened, not created: `conveneDesk(input: DeskInput!)`.
  Desk: { [CREATE]: 'conveneDesk' },
};

/**
 * Lists of entities a list page shows, selected on list queries too (as `{ id code name }`,
 * normally only on getOne): the desk list's participating units and agenda size.
 */
const LIST_RELATIONS: Readonly<Record<string, readonly string[]>> = {
  Desk: ['participants', 'items'],
};

/** Fields a page asks for itself when it shows them (a search each), never in the generic selection. */
const ON_DEMAND: Readonly<Record<string, readonly string[]>> = {
  Complaint: ['possibleDuplicates'],
};

/** Arguments of a list query that are not filter keys. */
const PAGING_ARGS = new Set(['filter', 'page', 'perPage', 'sortField', 'sortOrder']);

const override = (fetchType: string, typeName: string) => OPERATION_OVERRIDES[typeName]?.[fetchType];

export const introspectionOptions: Partial<IntrospectionOptions> = {
  operationNames: {
    [GET_LIST]: (type) => listName(type.name),
    [GET_MANY]: (type) => listName(type.name),
    [GET_MANY_REFERENCE]: (type) => listName(type.name),
    [GET_ONE]: (type) => lowerFirst(type.name),
    [CREATE]: (type) => override(CREATE, type.name) ?? `create${type.name}`,
    [UPDATE]: (type) => `update${type.name}`,
    [DELETE]: (type) => `delete${type.name}`,
  },
  exclude: (type) => type.kind !== 'OBJECT' || type.name.startsWith('__'),
};

type Resource = { type: IntrospectionObjectType } & Partial<Record<string, IntrospectionField>>;
// react-admin hands the data provider untyped params and records.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRecord = Record<string, any>;

/** Fields selected on a related entity (`opd`, `parent` …): enough to label and link it. */
const REFERENCE_FIELDS = ['id', 'code', 'name', 'username', 'trackingCode'];

const namedType = (ref: IntrospectionTypeRef): IntrospectionNamedTypeRef =>
  ref.kind === 'NON_NULL' || ref.kind === 'LIST' ? namedType((ref as { ofType: IntrospectionTypeRef }).ofType) : (ref as IntrospectionNamedTypeRef);

const isList = (ref: IntrospectionTypeRef): boolean => (ref.kind === 'NON_NULL' ? isList(ref.ofType) : ref.kind === 'LIST');

const printType = (ref: IntrospectionTypeRef): string => {
  if (ref.kind === 'NON_NULL') return `${printType(ref.ofType)}!`;
  if (ref.kind === 'LIST') return `[${printType(ref.ofType)}]`;
  return (ref as IntrospectionNamedTypeRef).name;
};

const isLeaf = (ref: IntrospectionTypeRef) => {
  const kind = namedType(ref).kind;
  return kind === 'SCALAR' || kind === 'ENUM';
};

const hasRequiredArgs = (field: IntrospectionField) => field.args.some((arg) => arg.type.kind === 'NON_NULL' && arg.defaultValue == null);

const isPlainObject = (v: unknown): v is AnyRecord => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

const warned = new Set<string>();
const warnOnce = (message: string) => {
  if (import.meta.env.DEV && !warned.has(message)) {
    warned.add(message);
    console.warn(`[dataProvider] ${message}`);
  }
};

type SelectionMode = 'list' | 'one';

/** Everything the factory derives from one introspection result, computed once. */
class Schema {
  private readonly types = new Map<string, IntrospectionType>();
  private readonly selections = new Map<string, string>();
  private readonly resources = new Map<string, Resource>();

  constructor(readonly introspection: IntrospectionResult) {
    for (const type of introspection.types) this.types.set(type.name, type);
    for (const resource of introspection.resources as Resource[]) {
      this.resources.set(resource[GET_LIST]?.name ?? listName(resource.type.name), resource);
    }
  }

  resource(name: string): Resource {
    const resource = this.resources.get(name) ?? this.pageView(name);
    if (!resource) throw new Error(`Unknown resource "${name}": no query "${name}" in the schema`);
    return resource;
  }

  /**
   * Any other query returning a page of a resource type (e.g. `myInbox: ComplaintPage!`)
   * is a list-only view of that resource: its own react-admin resource (menu entry, filters,
   * cache key) whose records are the underlying resource's (getOne/getMany go there).
   */
  private pageView(name: string): Resource | undefined {
    // ra-data-graphql leaves Query and Mutation out of `types`: look in the raw schema.
    const schema = this.introspection.schema;
    const queryType = schema?.types.find((t) => t.name === (schema.queryType?.name ?? 'Query')) as IntrospectionObjectType | undefined;
    const field = queryType?.fields?.find((f) => f.name === name);
    if (!field || isList(field.type)) return undefined;
    const page = this.objectType(namedType(field.type).name);
    const items = page?.fields.find((f) => f.name === 'items');
    if (!items || !page?.fields.some((f) => f.name === 'total')) return undefined;
    const itemType = namedType(items.type).name;
    const base = [...this.resources.values()].find((r) => r.type.name === itemType);
    if (!base) return undefined;
    const view = { type: base.type } as Resource;
    view[GET_LIST] = field;
    for (const fetchType of [GET_ONE, GET_MANY, GET_MANY_REFERENCE]) view[fetchType] = base[fetchType];
    this.resources.set(name, view);
    return view;
  }

  objectType(name: string): IntrospectionObjectType | undefined {
    const type = this.types.get(name);
    return type && (type.kind === 'OBJECT' || type.kind === 'INTERFACE') ? (type as IntrospectionObjectType) : undefined;
  }

  inputType(ref: IntrospectionTypeRef): IntrospectionInputObjectType | undefined {
    const type = this.types.get(namedType(ref).name);
    return type?.kind === 'INPUT_OBJECT' ? type : undefined;
  }

  private leafFields(type: IntrospectionObjectType): string[] {
    return type.fields.filter((f) => isLeaf(f.type) && !hasRequiredArgs(f)).map((f) => f.name);
  }

  private referenceFields(type: IntrospectionObjectType): string[] {
    const leaves = new Set(this.leafFields(type));
    const picked = REFERENCE_FIELDS.filter((f) => leaves.has(f));
    return picked.length > 0 ? picked : [...leaves];
  }

  /** Scalars of an entity plus `{ id code name }` of the entities it refers to (`actor`, `toOpd`). */
  private entityWithReferences(type: IntrospectionObjectType): string[] {
    const parts = this.leafFields(type);
    for (const field of type.fields) {
      if (isLeaf(field.type) || isList(field.type) || hasRequiredArgs(field)) continue;
      const target = this.objectType(namedType(field.type).name);
      if (!target?.fields.some((f) => f.name === 'id')) continue;
      const sub = this.referenceFields(target);
      if (sub.length > 0) parts.push(`${field.name} { ${sub.join(' ')} }`);
    }
    return parts;
  }

  /**
   * Depth-1 selection: scalars and enums; `{ id code name }` of related entities; the
   * scalars of value-object lists (`schedule`). Lists of entities (`events`, `officers`)
   * only on getOne, with their scalars and the labels of what they refer to (an event's
   * `actor`, `toOpd` …), to keep list queries light.
   */
  selection(typeName: string, mode: SelectionMode): string {
    const key = `${typeName}:${mode}`;
    const cached = this.selections.get(key);
    if (cached !== undefined) return cached;
    const type = this.objectType(typeName);
    if (!type) throw new Error(`Type ${typeName} is not an object type`);
    const parts: string[] = [];
    for (const field of type.fields) {
      if (hasRequiredArgs(field) || ON_DEMAND[typeName]?.includes(field.name)) continue;
      if (isLeaf(field.type)) {
        parts.push(field.name);
        continue;
      }
      const target = this.objectType(namedType(field.type).name);
      if (!target) continue; // unions are left to custom queries
      const isEntity = target.fields.some((f) => f.name === 'id');
      let sub: string[];
      if (!isList(field.type)) sub = isEntity ? this.referenceFields(target) : this.leafFields(target);
      else if (!isEntity) sub = this.leafFields(target);
      else if (mode === 'one') sub = this.entityWithReferences(target);
      else if (LIST_RELATIONS[typeName]?.includes(field.name)) sub = this.referenceFields(target);
      else continue;
      if (sub.length > 0) parts.push(`${field.name} { ${sub.join(' ')} }`);
    }
    const selection = parts.join(' ');
    this.selections.set(key, selection);
    return selection;
  }

  /**
   * The field of a result wrapper holding the record, e.g. `complaint` of
   * `SubmitComplaintResult { complaint: Complaint, trackingCode, accessCode, replayed }`.
   */
  wrapperField(ref: IntrospectionOutputTypeRef, typeName: string): IntrospectionField | undefined {
    if (isLeaf(ref) || isList(ref) || namedType(ref).name === typeName) return undefined;
    const type = this.objectType(namedType(ref).name);
    return type?.fields.find((f) => !isList(f.type) && namedType(f.type).name === typeName);
  }

  /** The selection for an operation's return type: `{ items { … } total }` for pages. */
  resultSelection(ref: IntrospectionOutputTypeRef, mode: SelectionMode, resourceType?: string): { text: string; page: boolean } {
    if (isLeaf(ref)) return { text: '', page: false };
    const type = this.objectType(namedType(ref).name)!;
    const wrapped = resourceType ? this.wrapperField(ref, resourceType) : undefined;
    if (wrapped) {
      const leaves = this.leafFields(type).join(' ');
      return { text: `{ ${leaves} ${wrapped.name} { ${this.selection(resourceType!, mode)} } }`, page: false };
    }
    const items = type.fields.find((f) => f.name === 'items');
    if (!isList(ref) && items && type.fields.some((f) => f.name === 'total')) {
      return {
        text: `{ items { ${this.selection(namedType(items.type).name, mode)} } total }`,
        page: true,
      };
    }
    return { text: `{ ${this.selection(type.name, mode)} }`, page: false };
  }

  /** A value shaped for an input type: unknown fields (id, __typename, nested objects) dropped. */
  coerce(ref: IntrospectionInputTypeRef, value: unknown): unknown {
    if (value === undefined) return undefined;
    if (ref.kind === 'NON_NULL') return this.coerce(ref.ofType, value);
    if (value === null) return null;
    if (ref.kind === 'LIST') {
      const items = Array.isArray(value) ? value : [value];
      return items.map((item) => this.coerce(ref.ofType, item)).filter((v) => v !== undefined);
    }
    const named = this.types.get(ref.name);
    if (named?.kind === 'INPUT_OBJECT') {
      return isPlainObject(value) ? this.pickInput(named, value) : value;
    }
    if (named?.kind === 'ENUM') return value === '' ? null : value;
    if (value instanceof Date) return value.toISOString();
    if (isPlainObject(value) && 'id' in value) return value.id;
    switch (ref.name) {
      case 'String':
        return value;
      case 'Int':
      case 'Float': {
        if (typeof value !== 'string') return value;
        if (value.trim() === '') return null;
        const n = ref.name === 'Int' ? Number.parseInt(value, 10) : Number(value);
        return Number.isNaN(n) ? value : n;
      }
      case 'Boolean':
        return value === 'true' ? true : value === 'false' ? false : value;
      default:
        return value === '' ? null : value;
    }
  }

  pickInput(type: IntrospectionInputObjectType, data: AnyRecord): AnyRecord {
    const out: AnyRecord = {};
    for (const field of type.inputFields) {
      if (!(field.name in data)) continue;
      const value = this.coerce(field.type, data[field.name]);
      if (value !== undefined) out[field.name] = value;
    }
    return out;
  }

  filter(ref: IntrospectionInputTypeRef | undefined, filter: AnyRecord): AnyRecord | undefined {
    if (!ref) return undefined;
    const type = this.inputType(ref);
    if (!type) return undefined;
    const out: AnyRecord = {};
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === '') continue;
      const field = type.inputFields.find((f) => f.name === key);
      if (!field) {
        warnOnce(`filter "${key}" is not a field of ${type.name}; ignored`);
        continue;
      }
      out[key] = this.coerce(field.type, value);
    }
    return out;
  }

  /**
   * A record as react-admin wants it: no __typename, plus `<relation>Id` / `<relation>Ids`
   * next to related entities so forms can bind ReferenceInput/ReferenceArrayInput to them.
   */
  normalize(typeName: string, value: unknown): AnyRecord | null {
    if (!isPlainObject(value)) return null;
    const type = this.objectType(typeName);
    const out: AnyRecord = stripTypename(value);
    for (const field of type?.fields ?? []) {
      if (isLeaf(field.type)) continue;
      const target = this.objectType(namedType(field.type).name);
      if (!target?.fields.some((f) => f.name === 'id')) continue;
      const v = value[field.name];
      if (v === undefined) continue;
      if (isList(field.type)) {
        const idsKey = `${pluralize.singular(field.name)}Ids`;
        if (!(idsKey in value) && Array.isArray(v)) out[idsKey] = v.map((item: AnyRecord) => item?.id);
      } else {
        const idKey = `${field.name}Id`;
        if (!(idKey in value)) out[idKey] = v?.id ?? null;
      }
    }
    return out;
  }
}

const stripTypename = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(stripTypename) as T;
  if (!isPlainObject(value)) return value;
  const out: AnyRecord = {};
  for (const [k, v] of Object.entries(value)) if (k !== '__typename') out[k] = stripTypename(v);
  return out as T;
};

interface Operation {
  kind: 'query' | 'mutation';
  field: IntrospectionField;
  args: AnyRecord;
  selection: string;
}

/** `query opds($filter: OpdFilter, $page: Int) { data: opds(filter: $filter, page: $page) { … } }` */
const buildDocument = (op: Operation) => {
  const declared = op.field.args.filter((arg) => op.args[arg.name] !== undefined);
  const missing = op.field.args.filter((arg) => arg.type.kind === 'NON_NULL' && arg.defaultValue == null && op.args[arg.name] === undefined);
  if (missing.length > 0) {
    throw new Error(`${op.field.name}: missing argument(s) ${missing.map((a) => a.name).join(', ')}`);
  }
  const varDefs = declared.map((arg) => `$${arg.name}: ${printType(arg.type)}`).join(', ');
  const callArgs = declared.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const signature = varDefs ? `(${varDefs})` : '';
  const call = callArgs ? `(${callArgs})` : '';
  // Built from the introspected schema at run time, so not a literal document for the lint to check.
  return parse(`${op.kind} ${op.field.name}${signature} { data: ${op.field.name}${call} ${op.selection} }`);
};

/** Several mutations in one request (`r0: deleteOpd(id: $id0) { id } r1: …`). */
const buildBatchDocument = (field: IntrospectionField, ids: unknown[], shared: AnyRecord) => {
  const varDefs: string[] = [];
  const variables: AnyRecord = {};
  const sharedArgs = field.args.filter((a) => a.name !== 'id' && shared[a.name] !== undefined);
  for (const arg of sharedArgs) {
    varDefs.push(`$${arg.name}: ${printType(arg.type)}`);
    variables[arg.name] = shared[arg.name];
  }
  const idArg = field.args.find((a) => a.name === 'id');
  if (!idArg) throw new Error(`${field.name} has no id argument`);
  const selection = isLeaf(field.type) ? '' : '{ id }';
  const calls = ids.map((id, i) => {
    varDefs.push(`$id${i}: ${printType(idArg.type)}`);
    variables[`id${i}`] = id;
    const args = [`id: $id${i}`, ...sharedArgs.map((a) => `${a.name}: $${a.name}`)].join(', ');
    return `r${i}: ${field.name}(${args}) ${selection}`;
  });
  const query = parse(`mutation ${field.name}Many(${varDefs.join(', ')}) { ${calls.join(' ')} }`);
  return { query, variables };
};

const schemas = new WeakMap<IntrospectionResult, Schema>();

/** ra-data-graphql calls this factory on every request: reuse what we derived. */
export const buildQueryFactory = (introspection: IntrospectionResult): BuildQuery => {
  let schema = schemas.get(introspection);
  if (!schema) {
    schema = new Schema(introspection);
    schemas.set(introspection, schema);
  }
  const s = schema;

  return (fetchType: string, resourceName: string, params: AnyRecord): BuildQueryResult => {
    const resource = s.resource(resourceName);
    const typeName = resource.type.name;
    const operation = (type: string) => {
      const field = resource[type];
      if (!field) throw new Error(`Resource "${resourceName}" has no ${type} operation in the schema`);
      return field;
    };
    const argOf = (field: IntrospectionField, name: string) => field.args.find((a) => a.name === name);
    const inputOf = (field: IntrospectionField, data: AnyRecord) => {
      const arg = argOf(field, 'input');
      const type = arg && s.inputType(arg.type);
      if (!type) throw new Error(`${field.name} has no input argument`);
      return s.pickInput(type, data ?? {});
    };
    // Extra arguments of an operation (e.g. an idempotency key) come from params.meta.
    const metaArgs = (field: IntrospectionField, taken: string[]) =>
      Object.fromEntries(field.args.filter((a) => !taken.includes(a.name) && params.meta?.[a.name] !== undefined).map((a) => [a.name, params.meta[a.name]]));
    const listResult = (page: boolean) => (response: AnyRecord) => {
      const result = response.data.data;
      const items: unknown[] = page ? result.items : result;
      return {
        data: items.map((item) => s.normalize(typeName, item)),
        total: page ? result.total : items.length,
      };
    };
    const oneResult = (response: AnyRecord) => ({ data: s.normalize(typeName, response.data.data) });
    // A wrapper's own scalars (e.g. the one-time `accessCode`) travel with the record, since
    // react-admin hands mutation callers nothing but `data`.
    const wrappedResult = (wrapper: string) => (response: AnyRecord) => {
      const { [wrapper]: record, ...extra } = stripTypename(response.data.data ?? {}) as AnyRecord;
      return { data: { ...extra, ...s.normalize(typeName, record) } };
    };

    switch (fetchType) {
      case GET_LIST:
      case GET_MANY:
      case GET_MANY_REFERENCE: {
        const field = operation(fetchType);
        const { text, page } = s.resultSelection(field.type, 'list');
        let filter: AnyRecord = { ...(params.filter ?? {}) };
        let pagination = params.pagination ?? { page: 1, perPage: 25 };
        if (fetchType === GET_MANY) {
          filter = { ids: params.ids };
          pagination = { page: 1, perPage: params.ids.length };
        } else if (fetchType === GET_MANY_REFERENCE) {
          filter[params.target] = params.id;
        }
        const args: AnyRecord = {
          filter: s.filter(argOf(field, 'filter')?.type, filter),
          page: argOf(field, 'page') ? pagination.page : undefined,
          perPage: argOf(field, 'perPage') ? pagination.perPage : undefined,
          sortField: argOf(field, 'sortField') ? params.sort?.field : undefined,
          sortOrder: argOf(field, 'sortOrder') ? params.sort?.order : undefined,
        };
        // Filters a query takes as its own arguments, e.g. `desks(status: DeskStatus)`.
        for (const arg of field.args) {
          const value = filter[arg.name];
          if (PAGING_ARGS.has(arg.name) || value === undefined || value === '') continue;
          args[arg.name] = s.coerce(arg.type, value);
        }
        return {
          query: buildDocument({ kind: 'query', field, args, selection: text }),
          variables: args,
          parseResponse: listResult(page),
        };
      }

      case GET_ONE: {
        const field = operation(GET_ONE);
        const args = { id: params.id };
        return {
          query: buildDocument({
            kind: 'query',
            field,
            args,
            selection: s.resultSelection(field.type, 'one').text,
          }),
          variables: args,
          parseResponse: oneResult,
        };
      }

      case CREATE:
      case UPDATE: {
        const field = operation(fetchType);
        const args: AnyRecord = {
          ...metaArgs(field, ['id', 'input']),
          id: fetchType === UPDATE ? params.id : undefined,
          input: inputOf(field, params.data),
        };
        const wrapper = s.wrapperField(field.type, typeName);
        return {
          query: buildDocument({
            kind: 'mutation',
            field,
            args,
            selection: s.resultSelection(field.type, 'one', typeName).text,
          }),
          variables: args,
          parseResponse: wrapper ? wrappedResult(wrapper.name) : oneResult,
        };
      }

      case DELETE: {
        const field = operation(DELETE);
        const args = { ...metaArgs(field, ['id']), id: params.id };
        const leaf = isLeaf(field.type);
        return {
          query: buildDocument({
            kind: 'mutation',
            field,
            args,
            selection: s.resultSelection(field.type, 'list').text,
          }),
          variables: args,
          parseResponse: (response: AnyRecord) => (leaf ? { data: params.previousData ?? { id: params.id } } : oneResult(response)),
        };
      }

      case DELETE_MANY:
      case UPDATE_MANY: {
        const field = operation(fetchType === DELETE_MANY ? DELETE : UPDATE);
        const shared = fetchType === UPDATE_MANY ? { input: inputOf(field, params.data) } : {};
        const { query, variables } = buildBatchDocument(field, params.ids, shared);
        return { query, variables, parseResponse: () => ({ data: params.ids }) };
      }

      default:
        throw new Error(`Unsupported fetch type ${fetchType}`);
    }
  };
};
