/**
 * Number formatting of the evaluation pages: every amount carries its unit (KRW), shares are
 * shown in percent, and scores with a fixed number of decimals so columns line up.
 */

/** Locale tag of the interface language. */
export function localeOf(language: string): string {
  return language === 'ko' ? 'ko-KR' : 'en-GB';
}

/** Whole KRW with thousands separators and the unit, e.g. `1,234,000 KRW`. */
export function formatKrw(amount: number | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return `${Math.round(amount).toLocaleString(locale)} KRW`;
}

/** A share (0…1) in percent with `digits` decimals, e.g. `12.5 %`. */
export function formatShare(share: number | null | undefined, locale: string, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toLocaleString(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })} %`;
}

/** A score or index with a fixed number of decimals. */
export function formatScore(value: number | null | undefined, locale: string, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A raw indicator value with its unit, up to 2 decimals. */
export function formatValue(
  value: number | null | undefined,
  unit: string,
  locale: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toLocaleString(locale, { maximumFractionDigits: 2 })} ${unit}`;
}

/**
 * Whole KRW typed with separators or a unit word (`1,000,000`, `2.5 billion`, `300 million`,
 * `5억`): the number, or null when it is not a non-negative amount.
 */
export function parseKrw(text: string): number | null {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/,/g, '')
    .replace(/\s*krw$/, '');
  const m = /^(\d+(?:\.\d+)?)\s*(billion|bn|million|m|억|만|조)?$/.exec(s);
  if (!m) return null;
  const factor =
    m[2] === 'billion' || m[2] === 'bn'
      ? 1e9
      : m[2] === 'million' || m[2] === 'm'
        ? 1e6
        : m[2] === '억'
          ? 1e8
          : m[2] === '만'
            ? 1e4
            : m[2] === '조'
              ? 1e12
              : 1;
  const value = Math.round(Number(m[1]) * factor);
  return Number.isSafeInteger(value) && value >= 0 ? value : null;
}

/**
 * A timestamp as the API sends it (ISO 8601) in the interface's locale; the text itself when
 * unreadable.
 */
export function formatTimestamp(value: string, locale: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString(locale);
}
