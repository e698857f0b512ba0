import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
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

/**
 * English loads on first use, as its own chunk: most visitors never switch, and the portal's first
 * load stays within its budget. Chinese is bundled (the default and the fallback).
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en-US' && !i18n.hasResourceBundle('en-US', 'translation')) {
    const { enUS } = await import('./locales/en-US.ts');
    i18n.addResourceBundle('en-US', 'translation', enUS);
  }
}

export async function setLanguage(language: Language) {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // not persisted, still switched
  }
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', reflect);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});
reflect(i18n.language);

/** Resolves once the stored language's strings are in: the app renders after it, so English never flashes Chinese first. */
export const i18nReady: Promise<void> = (async () => {
  const stored = storedLanguage();
  if (stored === 'zh-CN') return;
  try {
    await loadLanguage(stored);
    await i18n.changeLanguage(stored);
  } catch {
    // The chunk could not load (offline, a deploy in between): Chinese it is.
  }
})();

export { i18n };
