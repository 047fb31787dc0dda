/**
 * Matching organisation names as written on attendance sheets to registry organisations:
 * exact after normalisation, then fuzzy by Jaro-Winkler similarity, for a reviewer to confirm.
 */

/**
 * Korean and English legal-form markers that say nothing about which organisation is meant:
 * "(주)", "㈜", "주식회사" (joint-stock company), "(유)", "유한회사" (limited company), "(재)",
 * "재단법인", "(사)", "사단법인" (foundations and associations), "Co., Ltd.", "Inc.", "Corp.".
 */
const koreanLegalForms = [
  '주식회사',
  '유한회사',
  '유한책임회사',
  '합자회사',
  '합명회사',
  '재단법인',
  '사단법인',
  '학교법인',
  '㈜',
  '㈔',
  '㈕',
  '㈖',
];
const bracketedForms = /[(（[]\s*(주|유|재|사|합|학)\s*[)）\]]/gu;
const englishTrailingForms =
  /(\s|,)+(co\.?,?\s*ltd\.?|company\s+limited|co\.?|ltd\.?|limited|inc\.?|incorporated|corp\.?|corporation|llc|plc|gmbh)\s*$/u;
const englishLeadingForms = /^(co\.?,?\s*ltd\.?)\s+/u;

/**
 * The comparison key of an organisation name: Unicode NFKC, lower case, legal forms removed,
 * then only letters and digits kept (spaces and punctuation vary between sheets, as in
 * "삼성 전자" and "삼성전자"). Two names with the same key are an exact match.
 */
export function normaliseOrganisationName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  s = s.replace(bracketedForms, ' ');
  for (const form of koreanLegalForms) s = s.split(form.normalize('NFKC')).join(' ');
  // Trailing English forms may stack ("Foo Co., Ltd. Inc."): strip until none is left.
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s.replace(englishTrailingForms, '').replace(englishLeadingForms, '').trim();
  }
  return s.replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Jaro similarity of two strings: m matching characters (equal and no further apart than
 * floor(max(|a|,|b|)/2) - 1) and t half-transpositions give (m/|a| + m/|b| + (m-t/2)/m)/3.
 * Source: M. A. Jaro (1989), "Advances in record-linkage methodology as applied to matching the
 * 1985 census of Tampa, Florida", JASA 84(406), 414-420.
 */
export function jaro(a: string, b: string): number {
  const s1 = [...a];
  const s2 = [...b];
  if (s1.length === 0 && s2.length === 0) return 1;
  if (s1.length === 0 || s2.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s1.length, s2.length) / 2) - 1);
  const matched1 = new Array<boolean>(s1.length).fill(false);
  const matched2 = new Array<boolean>(s2.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s1.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(s2.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (matched2[j] || s1[i] !== s2[j]) continue;
      matched1[i] = true;
      matched2[j] = true;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < s1.length; i++) {
    if (!matched1[i]) continue;
    while (!matched2[k]) k += 1;
    if (s1[i] !== s2[k]) halfTranspositions += 1;
    k += 1;
  }
  const t = halfTranspositions / 2;
  return (matches / s1.length + matches / s2.length + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler similarity: Jaro's score raised for a common prefix of length l (at most 4),
 * jw = j + l * p * (1 - j) with p = 0.1. Source: W. E. Winkler (1990), "String comparator
 * metrics and enhanced decision rules in the Fellegi-Sunter model of record linkage",
 * Proceedings of the Section on Survey Research Methods, American Statistical Association, 354-359.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const j = jaro(a, b);
  const s1 = [...a];
  const s2 = [...b];
  let prefix = 0;
  while (prefix < 4 && prefix < s1.length && prefix < s2.length && s1[prefix] === s2[prefix])
    prefix += 1;
  return j + prefix * prefixScale * (1 - j);
}

export interface NamedOrganisation {
  id: number;
  name: string;
  /** A second name (e.g. the Korean one) that matches as well. */
  nameKo?: string | null;
}

export interface NameCandidate {
  organisationId: number;
  name: string;
  score: number;
}

export interface NameMatch {
  /** exact: one organisation has the same key; fuzzy: a best guess to review; none: nothing close. */
  match: 'exact' | 'fuzzy' | 'none';
  organisationId: number | null;
  score: number | null;
  candidates: NameCandidate[];
}

export interface NameIndex {
  byKey: Map<string, NamedOrganisation[]>;
  entries: { key: string; organisation: NamedOrganisation }[];
}

/** Indexes registry organisations by the normalised keys of their names. */
export function buildNameIndex(organisations: readonly NamedOrganisation[]): NameIndex {
  const byKey = new Map<string, NamedOrganisation[]>();
  const entries: NameIndex['entries'] = [];
  for (const organisation of organisations) {
    const keys = new Set(
      [organisation.name, organisation.nameKo]
        .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
        .map(normaliseOrganisationName)
        .filter((k) => k !== ''),
    );
    for (const key of keys) {
      const list = byKey.get(key) ?? [];
      list.push(organisation);
      byKey.set(key, list);
      entries.push({ key, organisation });
    }
  }
  return { byKey, entries };
}

/**
 * Matches one name: an exact key match with a single organisation wins outright; several
 * organisations with the same key, or the best Jaro-Winkler scores at or above `threshold`,
 * become a fuzzy proposal with up to `limit` candidates for the reviewer.
 */
export function matchOrganisationName(
  index: NameIndex,
  name: string,
  options: { threshold?: number; limit?: number } = {},
): NameMatch {
  const threshold = options.threshold ?? 0.88;
  const limit = options.limit ?? 3;
  const key = normaliseOrganisationName(name);
  if (key === '') return { match: 'none', organisationId: null, score: null, candidates: [] };
  const exact = index.byKey.get(key);
  if (exact && exact.length === 1) {
    const [only] = exact;
    return {
      match: 'exact',
      organisationId: only!.id,
      score: 1,
      candidates: [{ organisationId: only!.id, name: only!.name, score: 1 }],
    };
  }
  const best = new Map<number, NameCandidate>();
  for (const entry of index.entries) {
    const score = entry.key === key ? 1 : jaroWinkler(key, entry.key);
    if (score < threshold) continue;
    const previous = best.get(entry.organisation.id);
    if (!previous || previous.score < score)
      best.set(entry.organisation.id, {
        organisationId: entry.organisation.id,
        name: entry.organisation.name,
        score,
      });
  }
  const candidates = [...best.values()]
    .sort((x, y) => y.score - x.score || x.organisationId - y.organisationId)
    .slice(0, limit);
  const [top] = candidates;
  return top
    ? { match: 'fuzzy', organisationId: top.organisationId, score: top.score, candidates }
    : { match: 'none', organisationId: null, score: null, candidates: [] };
}
