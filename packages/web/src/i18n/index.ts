import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './locales/en-US.ts';
import { zhCN } from './locales/zh-CN.ts';

/** Chinese first; English is the one switch. The choice is kept in localStorage. */
export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'tongban.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return (languages as readonly string[]).includes(value ?? '') ? (value as Language) : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage disabled (private mode): default
  }
}

function reflect(language: string) {
  document.documentElement.lang = language;
  document.title = i18n.t('app.documentTitle');
}

export function currentLanguage(): Language {
  return (languages as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'zh-CN';
}

export async function setLanguage(language: Language) {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // not persisted, still switched
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', reflect);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
reflect(i18n.language);

export { i18n };
