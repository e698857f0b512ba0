import { useQueryClient } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { identityKeys, LoginForm, type LoginTab, loginTabs, type Me } from '../../modules/identity/index.ts';
import { useDocumentTitle } from '../../ui/use-document-title.ts';
import { safeNext } from '../safe-next.ts';

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const requested = params.get('tab');
  const tab: LoginTab = (loginTabs as readonly string[]).includes(requested ?? '') ? (requested as LoginTab) : 'citizen';

  return (
    <div className="tb-narrow">
      <Typography.Title level={1} style={{ fontSize: 26, textAlign: 'center' }}>
        {t('login.title')}
      </Typography.Title>
      <Card>
        <LoginForm
          tab={tab}
          onTabChange={(next) =>
            setParams(
              (p) => {
                p.set('tab', next);
                return p;
              },
              { replace: true },
            )
          }
          onLoggedIn={() => {
            const me = queryClient.getQueryData<Me | null>(identityKeys.me);
            const next = params.get('next');
            if (me?.kind === 'staff')
              void navigate(safeNext(next?.startsWith('/workbench') || next?.startsWith('/admin') ? next : null, '/workbench'), {
                replace: true,
              });
            else void navigate(safeNext(next, '/account'), { replace: true });
          }}
        />
      </Card>
    </div>
  );
}
