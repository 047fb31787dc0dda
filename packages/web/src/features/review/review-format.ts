/** Whole KRW for the review pages, e.g. "KRW 120,000,000" (amounts always carry their unit). */
export function formatKrw(amount: number, language: 'en' | 'ko'): string {
  return language === 'ko'
    ? `${amount.toLocaleString('ko-KR')}원`
    : `KRW ${amount.toLocaleString('en-GB')}`;
}

/** A 0–100 score with one decimal, or a dash. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : score.toFixed(1);
}

/** The total a review will get on 0–100 (the server computes the stored one the same way). */
export function previewTotal(
  rubric: { code: string; weight: number; maxScore: number }[],
  scores: Record<string, number | undefined>,
): number | null {
  let total = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.code];
    if (s === undefined || !(s >= 0 && s <= c.maxScore)) return null;
    total += c.weight * (s / c.maxScore);
    weights += c.weight;
  }
  return weights > 0 ? (100 * total) / weights : null;
}
