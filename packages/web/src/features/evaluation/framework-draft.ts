import {
  validateFramework,
  type FrameworkIssue,
  type IndicatorDirection,
  type IndicatorFramework,
  type IndicatorLevel,
} from '@innocluster/domain';

/**
 * The framework editor's working copy: numbers are kept as the text typed (so "0." can be
 * typed) and the source is split into its kind and formula/origin fields, so switching the
 * kind back and forth does not lose what was typed.
 */
export interface IndicatorDraft {
  code: string;
  name: string;
  unit: string;
  direction: IndicatorDirection;
  level: IndicatorLevel;
  track: string;
  sourceKind: 'computed' | 'entered';
  formula: string;
  origin: string;
  weight: string;
  description: string;
}

export interface TrackDraft {
  code: string;
  name: string;
  weight: string;
}

export interface FrameworkDraft {
  code: string;
  name: string;
  version: number;
  tracks: TrackDraft[];
  indicators: IndicatorDraft[];
}

export const indicatorLevels: readonly IndicatorLevel[] = [
  'input',
  'activity',
  'output',
  'outcome',
];
export const indicatorDirections: readonly IndicatorDirection[] = ['higher', 'lower'];

/** The editable copy of a stored framework. */
export function toDraft(framework: IndicatorFramework): FrameworkDraft {
  return {
    code: framework.code,
    name: framework.name,
    version: framework.version,
    tracks: framework.tracks.map((t) => ({ code: t.code, name: t.name, weight: String(t.weight) })),
    indicators: framework.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      level: i.level,
      track: i.track,
      sourceKind: i.source.kind,
      formula: i.source.kind === 'computed' ? i.source.formula : '',
      origin: i.source.kind === 'entered' ? (i.source.origin ?? '') : '',
      weight: String(i.weight),
      description: i.description ?? '',
    })),
  };
}

/** A typed number, or NaN (which validation reports) for anything else, including empty text. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The framework a draft describes (names and codes trimmed), as the server receives it. */
export function fromDraft(draft: FrameworkDraft): IndicatorFramework {
  return {
    code: draft.code.trim(),
    name: draft.name.trim(),
    version: draft.version,
    tracks: draft.tracks.map((t) => ({
      code: t.code.trim(),
      name: t.name.trim(),
      weight: numberOf(t.weight),
    })),
    indicators: draft.indicators.map((i) => ({
      code: i.code.trim(),
      name: i.name.trim(),
      unit: i.unit.trim(),
      direction: i.direction,
      level: i.level,
      track: i.track,
      source:
        i.sourceKind === 'computed'
          ? { kind: 'computed' as const, formula: i.formula.trim() }
          : {
              kind: 'entered' as const,
              ...(i.origin.trim() === '' ? {} : { origin: i.origin.trim() }),
            },
      weight: numberOf(i.weight),
      ...(i.description.trim() === '' ? {} : { description: i.description.trim() }),
    })),
  };
}

/** Where an issue is shown: `f:<field>`, `t:<row>:<field>` or `i:<row>:<field>`. */
export type IssueKey = string;

/**
 * Every validation problem of a draft, keyed by the editor cell it belongs to. The domain
 * names items by code; a code can be typed twice (that is itself an issue), so an issue goes
 * to every row with that code. `source.kind` issues show under the formula cell.
 */
export function draftIssues(
  draft: FrameworkDraft,
  knownFormulas?: readonly string[],
): Map<IssueKey, string[]> {
  const framework = fromDraft(draft);
  const issues = validateFramework(framework, knownFormulas ? { knownFormulas } : {});
  return placeIssues(issues, framework);
}

/** Places domain (or server) issues on the editor's rows; see {@link draftIssues}. */
export function placeIssues(
  issues: readonly FrameworkIssue[],
  framework: Pick<IndicatorFramework, 'tracks' | 'indicators'>,
): Map<IssueKey, string[]> {
  const placed = new Map<IssueKey, string[]>();
  const add = (key: IssueKey, message: string) => {
    const list = placed.get(key) ?? [];
    if (!list.includes(message)) list.push(message);
    placed.set(key, list);
  };
  for (const issue of issues) {
    const field = issue.field === 'source.kind' ? 'source.formula' : issue.field;
    if (issue.scope === 'framework') {
      add(`f:${field}`, issue.message);
      continue;
    }
    const rows = issue.scope === 'track' ? framework.tracks : framework.indicators;
    const prefix = issue.scope === 'track' ? 't' : 'i';
    let found = false;
    rows.forEach((row, k) => {
      if (row.code === issue.item) {
        add(`${prefix}:${k}:${field}`, issue.message);
        found = true;
      }
    });
    if (!found) add(`f:${issue.scope}s`, `${issue.item ?? ''} ${field}: ${issue.message}`);
  }
  return placed;
}

/**
 * Each indicator's overall weight in percent (nested: track share × share within the track,
 * OECD/JRC Handbook 2008, step 6), or null while the weights are not valid numbers.
 */
export function overallWeights(draft: FrameworkDraft): (number | null)[] {
  const framework = fromDraft(draft);
  const trackWeight = new Map(framework.tracks.map((t) => [t.code, t.weight]));
  const totalTrack = framework.tracks.reduce((s, t) => s + t.weight, 0);
  const within = new Map<string, number>();
  for (const i of framework.indicators) within.set(i.track, (within.get(i.track) ?? 0) + i.weight);
  return framework.indicators.map((i) => {
    const t = trackWeight.get(i.track);
    const w = within.get(i.track);
    if (t === undefined || w === undefined || !(totalTrack > 0) || !(w > 0)) return null;
    const share = (t / totalTrack) * (i.weight / w) * 100;
    return Number.isFinite(share) && share >= 0 ? share : null;
  });
}

/** A new indicator row in the first track, entered, with weight 1 and a code not yet used. */
export function newIndicator(draft: FrameworkDraft): IndicatorDraft {
  const used = new Set(draft.indicators.map((i) => i.code));
  let k = draft.indicators.length + 1;
  while (used.has(`NEW-${k}`)) k += 1;
  return {
    code: `NEW-${k}`,
    name: '',
    unit: '',
    direction: 'higher',
    level: 'output',
    track: draft.tracks[0]?.code ?? '',
    sourceKind: 'entered',
    formula: '',
    origin: '',
    weight: '1',
    description: '',
  };
}
