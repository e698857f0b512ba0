import { departmentKinds } from '@tongban/domain';
import type { Department } from './identity.types.ts';
import { departmentName } from './labels.ts';

export type DepartmentNode = { key: string; value: string; title: string; department: Department; children: DepartmentNode[] };

/** Builds the department tree from the flat list; orphans (parent not listed) become roots. */
export function buildDepartmentTree(departments: Department[], language: string): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of departments) nodes.set(d.id, { key: d.id, value: d.id, title: departmentName(d, language), department: d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.department.parentId ? nodes.get(node.department.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  // Districts before bureaus before offices, then by code, so the tree reads like the city's map.
  const rank = (n: DepartmentNode) => departmentKinds.indexOf(n.department.kind);
  const sort = (list: DepartmentNode[]) => {
    list.sort((a, b) => rank(a) - rank(b) || a.department.id.localeCompare(b.department.id));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}
