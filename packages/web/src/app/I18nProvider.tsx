import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { z } from 'zod';
import {
  dictionaries,
  entityLabels,
  fieldLabels,
  humanise,
  valueLabels,
  type Language,
  type MessageKey,
} from './i18n-dictionary.ts';

const storageKey = 'innocluster.language';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey): string;
  /** Label of an entity field such as `provinceId`. */
  fieldLabel(field: string): string;
  /** Label of an enum value such as `research_institute`. */
  valueLabel(value: string | null | undefined): string;
  entityLabel(key: string): string;
  formatNumber(value: number | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return stored === 'ko' ? 'ko' : 'en';
  } catch {
    return 'en';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
    // Zod's own messages (from the contracts' schemas) follow the interface language.
    z.config(language === 'ko' ? z.locales.ko() : z.locales.en());
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing may refuse storage; the switch still works for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[language];
    const numberFormat = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
      maximumFractionDigits: 2,
    });
    return {
      language,
      setLanguage,
      t: (key) => dictionary[key],
      fieldLabel: (field) =>
        fieldLabels[language][field] ?? fieldLabels.en[field] ?? humanise(field),
      valueLabel: (v) =>
        v === null || v === undefined || v === ''
          ? dictionary['common.none']
          : (valueLabels[language][v] ?? v),
      entityLabel: (key) => entityLabels[language][key] ?? key,
      formatNumber: (v) =>
        v === null || v === undefined ? dictionary['common.none'] : numberFormat.format(v),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n needs an I18nProvider');
  return context;
}
