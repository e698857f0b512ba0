import { App as AntApp } from 'antd';
import { RequireAccount } from '../../app/guards.tsx';
import { MyCases } from '../../modules/cases/index.ts';

/** `/my/cases`: the citizen's applications and saved drafts. */
export default function MyCasesPage() {
  return (
    <RequireAccount kind="user">
      {() => (
        <AntApp component={false}>
          <MyCases />
        </AntApp>
      )}
    </RequireAccount>
  );
}
