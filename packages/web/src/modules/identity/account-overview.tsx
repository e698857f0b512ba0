import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from './change-password-form.tsx';
import { EnterpriseList } from './enterprise-list.tsx';
import { useLogout } from './identity.api.ts';
import type { Me } from './identity.types.ts';

/** "My account" for a citizen: profile, enterprises they act for, password, sign out (the page's guard then goes home). */
export function AccountOverview({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
          {t('account.title')}
        </Typography.Title>
        <Button icon={<LogoutOutlined aria-hidden />} loading={logout.isPending} onClick={() => logout.mutate()}>
          {t('common.logout')}
        </Button>
      </Flex>
      <Card title={<h2 className="tb-card-title">{t('account.profile')}</h2>}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} data-testid="account-profile">
          <Descriptions.Item label={t('account.name')}>{me.name}</Descriptions.Item>
          {me.idNumberMasked && <Descriptions.Item label={t('account.idNumber')}>{me.idNumberMasked}</Descriptions.Item>}
          {me.mobileMasked && <Descriptions.Item label={t('account.mobile')}>{me.mobileMasked}</Descriptions.Item>}
          <Descriptions.Item label={t('account.verification')}>{t('account.verified')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={<h2 className="tb-card-title">{t('account.enterprises')}</h2>}>
        <EnterpriseList />
      </Card>
      <Card title={<h2 className="tb-card-title">{t('account.changePassword')}</h2>}>
        <ChangePasswordForm />
      </Card>
    </Flex>
  );
}
