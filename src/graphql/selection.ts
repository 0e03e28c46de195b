/** What a field's selection asks for: for reads that may skip work nobody selected. */
import { Kind, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";

/** Whether `field` is selected directly under these field nodes (through fragments too). */
export function selects(nodes: readonly FieldNode[], field: string, fragments: Record<string, FragmentDefinitionNode>): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === field;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return within(fragments[name]?.selectionSet);
    });
  return nodes.some((node) => within(node.selectionSet));
}
