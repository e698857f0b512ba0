import { App as AntApp } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { ApplyOnline } from '../../modules/cases/index.ts';

/** `/apply/:code[?draft=<id>]`: apply online for an item or one-go service (citizens; others are sent to log in). */
export default function ApplyPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const draftId = params.get('draft') ?? undefined;
  return (
    <RequireAccount kind="user">
      {(me) => (
        <AntApp component={false}>
          <ApplyOnline key={`${code}:${draftId ?? ''}`} code={code} me={me} draftId={draftId} />
        </AntApp>
      )}
    </RequireAccount>
  );
}
