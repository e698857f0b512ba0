import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { RegisterForm } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';

export default function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('register.title'));
  const navigate = useNavigate();
  return (
    <div className="tb-narrow">
      <Typography.Title level={1} style={{ fontSize: 26, textAlign: 'center' }}>
        {t('register.title')}
      </Typography.Title>
      <Card>
        <RegisterForm onRegistered={() => void navigate('/account?welcome=1', { replace: true })} />
      </Card>
    </div>
  );
}
