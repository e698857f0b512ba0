import { useTranslation } from 'react-i18next';
import { LicenceVerify } from '../../modules/licences/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

/** Public: no login. A licence's QR code opens this page with its token in the fragment. */
export default function LicenceVerifyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('licences.verify.title'));
  return (
    <div className="tb-licences">
      <LicenceVerify />
    </div>
  );
}
