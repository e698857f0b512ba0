import { App as AntApp } from 'antd';
import { useParams } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { CaseView } from '../../modules/cases/index.ts';

/** `/my/cases/:id`: one application — progress, materials, timeline, supplement, withdraw, result. */
export default function MyCasePage() {
  const { id = '' } = useParams();
  return (
    <RequireAccount kind="user">
      {() => (
        <AntApp component={false}>
          <CaseView key={id} caseId={id} />
        </AntApp>
      )}
    </RequireAccount>
  );
}
