/**
 * i18n: one catalogue per language (sv first, en second) through i18next. Dates and times are
 * shown in Europe/Stockholm whatever the browser's zone.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { sv } from './sv.js';

export const LANGUAGES = { sv: 'Svenska', en: 'English' } as const;
export type Language = keyof typeof LANGUAGES;
const STORED = 'kvh-language';

const initial = (localStorage.getItem(STORED) as Language | null) ?? 'sv';
void i18next.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: initial in LANGUAGES ? initial : 'sv',
  fallbackLng: 'sv',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18next.language;

export function setLanguage(lng: Language): void {
  localStorage.setItem(STORED, lng);
  void i18next.changeLanguage(lng);
  document.documentElement.lang = lng;
}

const ZONE = 'Europe/Stockholm';
const locale = () => (i18next.language === 'en' ? 'en-GB' : 'sv-SE');
/** A date (yyyy-mm-dd in Swedish) in Stockholm time. */
export const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString(locale(), { timeZone: ZONE }) : '–');
/** A date and time in Stockholm time. */
export const fmtDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(locale(), { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }) : '–';

export default i18next;
