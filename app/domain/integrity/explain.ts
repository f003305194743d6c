import i18next, { type i18n as I18n } from 'i18next';
import { integrity } from '../../i18n/areas/integrity';
import { type RiskAssessment } from './score';
import { type Explanation } from './types';

/**
 * Rendering explanations. Keys are full keys of the `integrity` i18n area
 * ("integrity.explain.networkConcentration.prefix"), so once the area is registered the portal's
 * own t() renders them; `integrityTranslator` renders them without the registry (workers, scripts).
 */

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type IntegrityLocale = 'kk' | 'ru' | 'en';

const instances = new Map<IntegrityLocale, I18n>();

/** A t() holding only the integrity area, under the same keys as in the portal. */
export function integrityTranslator(locale: IntegrityLocale): Translate {
  let inst = instances.get(locale);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: { translation: { integrity: integrity[locale] } } },
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<I18n['init']>[0]);
    instances.set(locale, inst);
  }
  const t = inst.t;
  return (key, params) => String(t(key, params as never));
}

/** One explanation line; `count` drives plural forms. */
export function renderExplanation(explanation: Explanation, t: Translate): string {
  return t(explanation.key, { ...explanation.params });
}

/** Every line of an assessment (summary first). */
export function renderAssessment(assessment: RiskAssessment, t: Translate): string[] {
  return assessment.explanation.map((e) => renderExplanation(e, t));
}
