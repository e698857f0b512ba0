import type { Department } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { buildDepartmentTree } from './department-tree.ts';

const dept = (id: string, parentId: string | null, kind: Department['kind']): Department => ({
  id,
  parentId,
  kind,
  nameZh: `${id}中文`,
  nameEn: `${id} English`,
  divisionCode: null,
  address: null,
  phone: null,
  active: true,
});

describe('buildDepartmentTree', () => {
  const list = [
    dept('SH-PSB', 'SH', 'bureau'),
    dept('SH-PD', 'SH', 'district'),
    dept('SH', null, 'city'),
    dept('SH-HP', 'SH', 'district'),
    dept('X-1', 'GONE', 'office'),
  ];

  it('nests children under parents, districts before bureaus, orphans as roots', () => {
    const roots = buildDepartmentTree(list, 'zh-CN');
    expect(roots.map((r) => r.key)).toEqual(['SH', 'X-1']);
    expect(roots[0]?.children.map((c) => c.key)).toEqual(['SH-HP', 'SH-PD', 'SH-PSB']);
  });

  it('titles nodes in the current language', () => {
    expect(buildDepartmentTree(list, 'zh-CN')[0]?.title).toBe('SH中文');
    expect(buildDepartmentTree(list, 'en-US')[0]?.title).toBe('SH English');
  });
});
