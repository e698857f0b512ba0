import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SharedLicence } from '../../modules/licences/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

/** Public: what a holder's share link shows, while it is valid. */
export default function LicenceSharedPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('licences.shared.title'));
  const { token = '' } = useParams();
  return (
    <div className="tb-licences">
      <SharedLicence token={token} />
    </div>
  );
}
