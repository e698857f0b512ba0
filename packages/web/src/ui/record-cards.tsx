import { Button, Empty, Flex } from 'antd';
import type { ReactNode } from 'react';

export type RecordFact = { label: string; value: ReactNode };

/**
 * Phones: one card per record (a heading and its facts as a description list) instead of a table
 * too wide to read, with "previous" / "next" for APIs that page with `hasMore`.
 */
export function RecordCards<T>({
  items,
  keyOf,
  headingOf,
  factsOf,
  empty,
  loading,
  testId,
  paging,
}: {
  items: readonly T[];
  keyOf: (item: T) => string | number;
  headingOf: (item: T) => ReactNode;
  factsOf: (item: T) => RecordFact[];
  empty: string;
  loading: boolean;
  testId?: string;
  paging?: { page: number; hasMore: boolean; onPage: (page: number) => void; previous: string; next: string };
}) {
  if (items.length === 0 && !loading) return <Empty description={empty} />;
  return (
    <Flex vertical gap={12}>
      <ul className="tb-record-cards" aria-busy={loading} data-testid={testId}>
        {items.map((item) => (
          <li key={keyOf(item)} className="tb-record-card">
            <div className="tb-record-card-heading">{headingOf(item)}</div>
            <dl>
              {factsOf(item).map((f) => (
                <div key={f.label} className="tb-record-fact">
                  <dt>{f.label}</dt>
                  <dd>{f.value}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      {paging && (paging.page > 1 || paging.hasMore) && (
        <Flex gap={8} justify="center">
          <Button disabled={paging.page <= 1} onClick={() => paging.onPage(paging.page - 1)}>
            {paging.previous}
          </Button>
          <Button disabled={!paging.hasMore} onClick={() => paging.onPage(paging.page + 1)}>
            {paging.next}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
