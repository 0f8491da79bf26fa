import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields selected directly in these selection sets, by name, through fragments and inline fragments. */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fragments'>, sets: readonly (SelectionSetNode | undefined)[]): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        const list = out.get(sel.name.value);
        if (list) list.push(sel);
        else out.set(sel.name.value, [sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else walk(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const set of sets) walk(set);
  return out;
}

/** What the fields under these nodes select. */
export function fieldsUnder(info: Pick<GraphQLResolveInfo, 'fragments'>, nodes: readonly FieldNode[] | undefined): Map<string, FieldNode[]> {
  return selectedFields(
    info,
    (nodes ?? []).map((n) => n.selectionSet),
  );
}

/** A field argument's value as the request gave it (literal or variable); undefined when absent. */
export function argumentOf(info: Pick<GraphQLResolveInfo, 'variableValues'>, node: FieldNode, name: string): unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  const v = arg.value;
  switch (v.kind) {
    case Kind.VARIABLE:
      return info.variableValues[v.name.value];
    case Kind.INT:
      return Number.parseInt(v.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(v.value);
    case Kind.NULL:
      return null;
    case Kind.STRING:
    case Kind.ENUM:
      return v.value;
    case Kind.BOOLEAN:
      return v.value;
    default:
      return undefined;
  }
}
