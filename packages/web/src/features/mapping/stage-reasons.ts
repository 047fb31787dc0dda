import type { StageReasons } from '@innocluster/contracts';
import type { MessageKey } from '../../app/i18n-dictionary.ts';

type Reason = StageReasons[number];

/** Parameters read as rates (fractions a year), shown in per cent. */
const rateParams = new Set(['cagr', 'rate', 'declineThreshold', 'growthThreshold']);
/** Codes whose `threshold` is a growth rate rather than an LQ. */
const rateThresholdCodes = new Set(['employment_declining', 'employment_growing']);

/** Fills `{name}` placeholders of a dictionary template. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/**
 * One life-cycle reason worded in the interface language from its code and numbers: rates in
 * per cent with one decimal, LQs with two, LQ slopes with three.
 */
export function formatStageReason(
  reason: Reason,
  t: (key: MessageKey) => string,
  locale: string,
): string {
  const p = reason.params;
  const percent = (x: number) =>
    new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(x);
  const fixed = (x: number, digits: number) =>
    new Intl.NumberFormat(locale, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(x);
  const values: Record<string, string> = {};
  for (const [name, v] of Object.entries(p)) {
    if (name === 'fromYear' || name === 'toYear') values[name] = String(v);
    // Direction is in the wording ("grew", "fell"), so growth and fall rates show unsigned.
    else if (rateParams.has(name))
      values[name] = percent(name === 'cagr' || name === 'rate' ? Math.abs(v) : v);
    else if (name === 'threshold')
      values[name] = rateThresholdCodes.has(reason.code) ? percent(v) : String(v);
    else if (name === 'slope') values[name] = fixed(reason.code === 'lq_falling' ? -v : v, 3);
    else if (name === 'lq') values[name] = fixed(v, 2);
    else values[name] = new Intl.NumberFormat(locale).format(v);
  }
  values.period = `${p.fromYear ?? ''}–${p.toYear ?? ''}`;
  if (p.cagr !== undefined) {
    values.change = fillTemplate(
      t(p.cagr < 0 ? 'mapping.reason.employmentFell' : 'mapping.reason.employmentGrew'),
      values,
    );
  }
  return fillTemplate(t(`mapping.reason.${reason.code}` as MessageKey), values);
}

/** All reasons of a stage joined into one explanation in the interface language. */
export function formatStageReasons(
  reasons: StageReasons,
  t: (key: MessageKey) => string,
  locale: string,
): string {
  return reasons.map((r) => formatStageReason(r, t, locale)).join('; ');
}
