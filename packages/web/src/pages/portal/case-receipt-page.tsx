import { App as AntApp } from 'antd';
import { useParams } from 'react-router';
import { RequireAccount } from '../../app/guards.tsx';
import { CaseReceipt } from '../../modules/cases/index.ts';

/** `/my/cases/:id/receipt`: the receipt shown after filing (and reprintable later). */
export default function CaseReceiptPage() {
  const { id = '' } = useParams();
  return (
    <RequireAccount kind="user">
      {() => (
        <AntApp component={false}>
          <CaseReceipt key={id} caseId={id} />
        </AntApp>
      )}
    </RequireAccount>
  );
}
