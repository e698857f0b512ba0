import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n/index.ts';

/**
 * One button that flips between 中文 and English. Its visible text is the target language, written
 * in that language (and marked with `lang`), which is also its accessible name.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = currentLanguage() === 'zh-CN' ? 'en-US' : 'zh-CN';
  const label = target === 'en-US' ? 'English' : '中文';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => void setLanguage(target)}
      title={t('common.switchLanguage', { language: label })}
      data-testid="language-switch"
      style={{ paddingInline: 8 }}
    >
      <span lang={target}>{label}</span>
    </Button>
  );
}
