/**
 * Versioned indicator frameworks for evaluating complexes. Korea evaluated each complex every
 * year on two tracks, management and implementation (ITEP) and accomplishments (KIET), and a
 * framework here groups indicators by such tracks and by the logic-model level of the OECD/JRC
 * Handbook on Constructing Composite Indicators (2008), step 1 "theoretical framework" and
 * step 2 "selecting variables" (input, process/activity, output, outcome).
 */

/** Logic-model level of an indicator (OECD/JRC Handbook 2008, step 2). */
export type IndicatorLevel = 'input' | 'activity' | 'output' | 'outcome';

/** Whether a higher or a lower raw value is better (e.g. days to first money: lower). */
export type IndicatorDirection = 'higher' | 'lower';

/**
 * Where an indicator's values come from: computed from the platform's own data by a named
 * formula (members, activities, network measures, projects…), or entered/imported per complex
 * and year (production, exports, employment, survey scores).
 */
export type IndicatorSource =
  { kind: 'computed'; formula: string } | { kind: 'entered'; origin?: string };

/** One indicator of a framework. */
export interface IndicatorDefinition {
  /** Stable code, unique in the framework, e.g. `ACC-EXPORTS`. */
  code: string;
  name: string;
  /** Unit of the raw value, e.g. `KRW million`, `count`, `days`, `% of members`. */
  unit: string;
  direction: IndicatorDirection;
  level: IndicatorLevel;
  /** Code of the track the indicator belongs to. */
  track: string;
  source: IndicatorSource;
  /** Non-negative weight within its track (relative; normalised when used). */
  weight: number;
  description?: string;
}

/** A group of indicators evaluated together, e.g. management/implementation or accomplishments. */
export interface IndicatorTrack {
  code: string;
  name: string;
  /** Non-negative weight of the track in the overall index (relative; normalised when used). */
  weight: number;
}

/** A versioned framework: a change to any indicator or weight is a new version. */
export interface IndicatorFramework {
  code: string;
  name: string;
  /** Positive integer, incremented on every change. */
  version: number;
  tracks: IndicatorTrack[];
  indicators: IndicatorDefinition[];
}

/** One problem found in a framework, naming the indicator (or track) and the field. */
export interface FrameworkIssue {
  /** Indicator code (or track code for track issues); null for framework-level fields. */
  item: string | null;
  /** `indicator`, `track` or `framework`. */
  scope: 'indicator' | 'track' | 'framework';
  /** Field path, e.g. `weight` or `source.formula`. */
  field: string;
  message: string;
}

/** Thrown by {@link assertValidFramework}; `issues` lists every problem. */
export class FrameworkValidationError extends Error {
  readonly issues: FrameworkIssue[];
  constructor(issues: FrameworkIssue[]) {
    super(
      `Invalid indicator framework: ${issues
        .map((i) => `${i.scope}${i.item === null ? '' : ` ${i.item}`} ${i.field}: ${i.message}`)
        .join('; ')}`,
    );
    this.name = 'FrameworkValidationError';
    this.issues = issues;
  }
}

const levels: readonly IndicatorLevel[] = ['input', 'activity', 'output', 'outcome'];
const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Options of {@link validateFramework}. */
export interface FrameworkValidationOptions {
  /** Names of the formulas the platform can compute; when given, computed sources must use one. */
  knownFormulas?: readonly string[];
}

/**
 * Every problem in a framework (an empty list when it is valid): codes present, unique and of
 * the form letters/digits/`.`/`_`/`-`; non-empty name and unit; direction, level and source
 * kind from their sets; a formula name for computed indicators; finite non-negative weights
 * with a positive total per track and overall; every indicator in a declared track and every
 * track with at least one indicator.
 */
export function validateFramework(
  framework: IndicatorFramework,
  options: FrameworkValidationOptions = {},
): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const fw = (field: string, message: string): void => {
    issues.push({ item: null, scope: 'framework', field, message });
  };
  if (!codePattern.test(framework.code)) fw('code', 'must be letters, digits, ".", "_" or "-"');
  if (framework.name.trim() === '') fw('name', 'must not be empty');
  if (!Number.isInteger(framework.version) || framework.version < 1) {
    fw('version', `must be a positive integer, got ${framework.version}`);
  }
  if (framework.tracks.length === 0) fw('tracks', 'must list at least one track');
  if (framework.indicators.length === 0) fw('indicators', 'must list at least one indicator');

  const trackCodes = new Set<string>();
  for (const track of framework.tracks) {
    const add = (field: string, message: string): void => {
      issues.push({ item: track.code, scope: 'track', field, message });
    };
    if (!codePattern.test(track.code)) add('code', 'must be letters, digits, ".", "_" or "-"');
    if (trackCodes.has(track.code)) add('code', 'is used by another track');
    trackCodes.add(track.code);
    if (track.name.trim() === '') add('name', 'must not be empty');
    if (!(Number.isFinite(track.weight) && track.weight >= 0)) {
      add('weight', `must be a finite number ≥ 0, got ${track.weight}`);
    }
  }
  if (framework.tracks.length > 0 && !framework.tracks.some((t) => t.weight > 0)) {
    fw('tracks.weight', 'at least one track needs a positive weight');
  }

  const indicatorCodes = new Set<string>();
  const trackTotals = new Map<string, number>();
  for (const indicator of framework.indicators) {
    const add = (field: string, message: string): void => {
      issues.push({ item: indicator.code, scope: 'indicator', field, message });
    };
    if (!codePattern.test(indicator.code)) add('code', 'must be letters, digits, ".", "_" or "-"');
    if (indicatorCodes.has(indicator.code)) add('code', 'is used by another indicator');
    indicatorCodes.add(indicator.code);
    if (indicator.name.trim() === '') add('name', 'must not be empty');
    if (indicator.unit.trim() === '') add('unit', 'must not be empty');
    if (indicator.direction !== 'higher' && indicator.direction !== 'lower') {
      add('direction', `must be "higher" or "lower", got ${String(indicator.direction)}`);
    }
    if (!levels.includes(indicator.level)) {
      add('level', `must be one of ${levels.join(', ')}, got ${String(indicator.level)}`);
    }
    if (!trackCodes.has(indicator.track)) {
      add('track', `names no track of this framework: ${indicator.track}`);
    }
    const source = (indicator.source ?? {}) as { kind?: unknown; formula?: unknown };
    if (source.kind === 'computed') {
      if (typeof source.formula !== 'string' || source.formula.trim() === '') {
        add('source.formula', 'a computed indicator needs a formula name');
      } else if (options.knownFormulas && !options.knownFormulas.includes(source.formula)) {
        add('source.formula', `unknown formula ${source.formula}`);
      }
    } else if (source.kind !== 'entered') {
      add('source.kind', `must be "computed" or "entered", got ${String(source.kind)}`);
    }
    if (!(Number.isFinite(indicator.weight) && indicator.weight >= 0)) {
      add('weight', `must be a finite number ≥ 0, got ${indicator.weight}`);
    } else {
      trackTotals.set(indicator.track, (trackTotals.get(indicator.track) ?? 0) + indicator.weight);
    }
  }
  for (const track of framework.tracks) {
    if (!framework.indicators.some((i) => i.track === track.code)) {
      issues.push({
        item: track.code,
        scope: 'track',
        field: 'indicators',
        message: 'has no indicators',
      });
    } else if (track.weight > 0 && (trackTotals.get(track.code) ?? 0) <= 0) {
      issues.push({
        item: track.code,
        scope: 'track',
        field: 'indicators.weight',
        message: 'a weighted track needs at least one indicator with a positive weight',
      });
    }
  }
  return issues;
}

/** Throws a {@link FrameworkValidationError} listing every problem, if there is one. */
export function assertValidFramework(
  framework: IndicatorFramework,
  options: FrameworkValidationOptions = {},
): void {
  const issues = validateFramework(framework, options);
  if (issues.length > 0) throw new FrameworkValidationError(issues);
}

/**
 * Overall weight of each indicator (in framework order, summing to 1): the nested weighting of
 * the Handbook (OECD/JRC 2008, step 6, weights within and between sub-indices),
 * w_i = (T_t / ΣT) · (v_i / Σ_{j in t} v_j), where T_t is the weight of indicator i's track t and
 * v_i its weight within the track. Throws on an invalid framework.
 */
export function computeFrameworkWeights(framework: IndicatorFramework): number[] {
  assertValidFramework(framework);
  const trackWeight = new Map(framework.tracks.map((t) => [t.code, t.weight]));
  const totalTrack = framework.tracks.reduce((s, t) => s + t.weight, 0);
  const withinTotal = new Map<string, number>();
  for (const i of framework.indicators) {
    withinTotal.set(i.track, (withinTotal.get(i.track) ?? 0) + i.weight);
  }
  return framework.indicators.map((i) => {
    const t = trackWeight.get(i.track) ?? 0;
    const within = withinTotal.get(i.track) ?? 0;
    return within === 0 ? 0 : (t / totalTrack) * (i.weight / within);
  });
}

/**
 * The indicator columns and fixed weighting a framework gives a composite index: codes, names
 * and directions in framework order, with the nested weights of {@link computeFrameworkWeights}.
 */
export function describeFrameworkColumns(framework: IndicatorFramework): {
  indicators: { code: string; name: string; direction: IndicatorDirection }[];
  weighting: { kind: 'fixed'; weights: number[] };
} {
  const weights = computeFrameworkWeights(framework);
  return {
    indicators: framework.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      direction: i.direction,
    })),
    weighting: { kind: 'fixed', weights },
  };
}
