import { describe, expect, it } from 'vitest';
import { groupWriter } from './group-writes.ts';

/** A write that takes a moment (like a statement and its commit) and records each group it got. */
function recordingWrite(options: { failOn?: number } = {}) {
  const groups: number[][] = [];
  const stored: number[] = [];
  const write = async (rows: number[]) => {
    groups.push([...rows]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (options.failOn !== undefined && rows.includes(options.failOn)) throw new Error(`row ${options.failOn} refused`);
    stored.push(...rows);
  };
  return { groups, stored, write };
}

describe('group writes', () => {
  it('writes a lone row at once, and rows arriving during a write together in the next one', async () => {
    const w = recordingWrite();
    const add = groupWriter(w.write);
    await add(1);
    expect(w.groups).toEqual([[1]]);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the writer is idle again
    const first = add(2);
    const rest = [3, 4, 5, 6].map((row) => add(row));
    // 2 is being written; 3–6 arrive while it runs and share the next write.
    expect(w.groups).toEqual([[1], [2]]);
    await Promise.all([first, ...rest]);
    expect(w.groups).toEqual([[1], [2], [3, 4, 5, 6]]);
    expect(w.stored).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('resolves a caller only once its row is stored', async () => {
    const w = recordingWrite();
    const add = groupWriter(w.write);
    const seen: boolean[] = [];
    await Promise.all([7, 8, 9].map(async (row) => seen.push(await add(row).then(() => w.stored.includes(row)))));
    expect(seen).toEqual([true, true, true]);
  });

  it('fails only the caller whose row the database refuses; the rest of its group is stored', async () => {
    const w = recordingWrite({ failOn: 12 });
    const add = groupWriter(w.write);
    const outcomes = await Promise.allSettled([10, 11, 12, 13].map((row) => add(row)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(w.stored.sort()).toEqual([10, 11, 13]);
  });

  it('caps a group’s size', async () => {
    const w = recordingWrite();
    const add = groupWriter(w.write, 2);
    await Promise.all([1, 2, 3, 4, 5].map((row) => add(row)));
    expect(w.groups).toEqual([[1], [2, 3], [4, 5]]);
    expect(w.stored).toEqual([1, 2, 3, 4, 5]);
  });
});
