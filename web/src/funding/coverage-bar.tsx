import { useTranslation } from 'react-i18next';
import type { Need } from '../../../src/modules/needs/needs.schema.js';
import { LOCALE, type Language } from '../i18n/i18n.js';

const share = (part: string, whole: string): number => (Number(whole) > 0 ? Math.min(1, Number(part) / Number(whole)) : 0);

/** How much of a need is delivered and committed, as a bar with the figures in words beside it (pledges are named apart). */
export function CoverageBar({ need }: { need: Need }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 });
  const q = (s: string) => n.format(s as Intl.StringNumericLiteral);
  const delivered = share(need.delivered, need.quantity);
  const committed = Math.max(delivered, share(need.committed, need.quantity));
  const text = t('funding.needs.coverageText', { delivered: q(need.delivered), committed: q(need.committed), quantity: q(need.quantity), unit: need.unit });
  return (
    <div className="coverage">
      <svg width="100%" height="10" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect x="0" y="0" width="100" height="10" fill="#e3e8ef" />
        <rect x="0" y="0" width={committed * 100} height="10" fill="#8fb3dc" />
        <rect x="0" y="0" width={delivered * 100} height="10" fill="#1e6b3a" />
      </svg>
      <span className="coverage-text">{text}</span>
      {Number(need.pledged) > 0 ? <span className="muted"> · {t('funding.needs.pledgedText', { pledged: q(need.pledged), unit: need.unit })}</span> : null}
    </div>
  );
}
