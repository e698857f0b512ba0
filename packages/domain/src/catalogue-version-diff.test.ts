import { describe, expect, it } from 'vitest';
import type { ServiceItemContent } from './catalogue.ts';
import { diffContent } from './catalogue-version-diff.ts';
import { content } from './testing/sample-content.ts';

describe('version diff', () => {
  it('lists changed paths, addressing list entries by id', () => {
    const a = content();
    const b = content({
      promisedDays: 2,
      materials: [...a.materials.filter((m) => m.id !== 'proxy').map((m) => (m.id === 'contract' ? { ...m, count: 2 } : m))],
    });
    const changes = diffContent(a, b);
    expect(changes).toContainEqual({ path: 'promisedDays', kind: 'changed', before: 3, after: 2 });
    expect(changes).toContainEqual({ path: 'materials[id=contract].count', kind: 'changed', before: 1, after: 2 });
    expect(changes).toContainEqual(expect.objectContaining({ path: 'materials[id=proxy]', kind: 'removed' }));
    expect(diffContent(a, a)).toEqual([]);
  });

  it('reports a reordering of steps', () => {
    const a = content();
    const b = content({ process: [a.process[0], a.process[2], a.process[1]] as ServiceItemContent['process'] });
    expect(diffContent(a, b)).toEqual([
      { path: 'process', kind: 'changed', before: ['id=accept', 'id=check', 'id=approve'], after: ['id=accept', 'id=approve', 'id=check'] },
    ]);
  });
});
