import { checkPasswordStrength } from '@tongban/domain';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

/** The domain's password policy as form rules (the server enforces the same: AUTH_PASSWORD_TOO_WEAK). */
export function passwordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('password.required') },
    { max: 128, message: t('password.policy') },
    {
      validator: async (_rule, value: string | undefined) => {
        if (value && checkPasswordStrength(value)) throw new Error(t('password.policy'));
      },
    },
  ];
}
