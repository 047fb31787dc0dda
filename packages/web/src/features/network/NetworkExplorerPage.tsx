import {
  type NetworkGraphResponse,
  type NetworkJob,
  type NetworkMeasureName,
  type NetworkNodeMeasures,
  type NetworkTieType,
} from '@innocluster/contracts';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { usePartnerSuggestions, useMeasuresJob, useNetworkGraph } from '../../api/use-network.ts';
import type { NetworkSelection } from '../../api/network-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n-dictionary.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { Typeahead } from '../../components/Typeahead.tsx';
import { maxDrawnEdges, NetworkCanvas, type CanvasStyle } from './NetworkCanvas.tsx';
import {
  JobProgress,
  MaxAttendeesHelp,
  MaxAttendeesInput,
  maxAttendeesOf,
  NetworkNav,
  ScopeSelect,
  YearRange,
  yearWindow,
} from './NetworkControls.tsx';
import {
  categoryColour,
  measureValue,
  nodeSize,
  readNodes,
  sizeMeasures,
  visibility,
  type ExplorerNode,
  type SizeMeasure,
} from './network-view.ts';

const organisationKinds = [
  'company',
  'university',
  'research_institute',
  'support_institution',
  'local_government',
] as const;

/** Node measures the explorer asks the job for (sizing and the node panel). */
const explorerMeasures: NetworkMeasureName[] = [
  'degree',
  'strength',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'kcore',
  'communities',
  'constraint',
  'gatekeepers',
  'hubs',
];

function splitList(value: string | null): string[] {
  return value ? value.split(',').filter(Boolean) : [];
}

/** The network explorer at `/network/explorer`: sigma.js view, filters, legend, node panel. */
export function NetworkExplorerPage() {
  const { t } = useI18n();
  const { params, update } = useUrlParams();
  const scope = params.get('scope') ?? 'all';
  const fromYear = params.get('from');
  const toYear = params.get('to');
  const outside = params.get('outside') === '1';
  const maxAttendees = maxAttendeesOf(params.get('maxAttendees'));
  const selection = useMemo<NetworkSelection & { outside: boolean }>(
    () => ({ scope, ...yearWindow(fromYear, toYear), outside, maxAttendees }),
    [scope, fromYear, toYear, outside, maxAttendees],
  );
  const graph = useNetworkGraph(selection, true);

  return (
    <div className="page network-page">
      <NetworkNav />
      <div className="page-head">
        <h1>{t('network.explorer.title')}</h1>
      </div>
      <div className="filters network-controls" data-testid="network-controls">
        <ScopeSelect value={scope} onChange={(s) => update({ scope: s, node: null })} />
        <YearRange from={fromYear} to={toYear} onChange={(c) => update({ ...c, node: null })} />
        <label className="field-boolean">
          <input
            type="checkbox"
            data-testid="network-outside"
            checked={outside}
            onChange={(e) => update({ outside: e.target.checked ? '1' : null })}
          />{' '}
          {t('network.outside')}
        </label>
        <MaxAttendeesInput
          value={maxAttendees}
          onChange={(n) => update({ maxAttendees: n, node: null })}
        />
      </div>
      <MaxAttendeesHelp />
      {graph.error ? (
        <ErrorMessage error={graph.error} onRetry={() => void graph.refetch()} />
      ) : !graph.data || graph.isFetching ? (
        <Loading label={t('network.loadingGraph')} />
      ) : (
        <ExplorerView graph={graph.data} selection={selection} />
      )}
    </div>
  );
}

function ExplorerView({
  graph,
  selection,
}: {
  graph: NetworkGraphResponse;
  selection: NetworkSelection & { outside: boolean };
}) {
  const { t, formatNumber, valueLabel } = useI18n();
  const { params, update } = useUrlParams();
  const kinds = useMemo(() => new Set(splitList(params.get('kinds'))), [params]);
  const ties = useMemo(() => new Set(splitList(params.get('ties')) as NetworkTieType[]), [params]);
  const regionParam = params.get('region');
  const regionId = regionParam ? Number(regionParam) : null;
  const hideIsolates = params.get('isolates') !== '1';
  const colourBy = params.get('colour') === 'kind' ? 'kind' : 'community';
  const sizeBy = (sizeMeasures as readonly string[]).includes(params.get('size') ?? '')
    ? (params.get('size') as SizeMeasure)
    : 'none';
  const selectedParam = params.get('node');
  const selectedId = selectedParam ? Number(selectedParam) : null;

  const nodes = useMemo(() => readNodes(graph), [graph]);
  const hasCommunities = nodes.some((n) => n.community !== null);
  const groups = useMemo(
    () => nodes.map((n) => (n.community !== null ? n.community : n.kind)),
    [nodes],
  );
  const shown = useMemo(
    () => visibility(graph, { kinds, regionId, tieTypes: ties, hideIsolates }),
    [graph, kinds, regionId, ties, hideIsolates],
  );

  const [measuresWanted, setMeasuresWanted] = useState(false);
  const wantJob = measuresWanted || sizeBy !== 'none';
  const jobRequest = useMemo(
    () =>
      wantJob
        ? {
            scope: selection.scope,
            from: selection.from,
            to: selection.to,
            outside: selection.outside,
            maxAttendees: selection.maxAttendees,
            measures: explorerMeasures,
          }
        : null,
    [wantJob, selection],
  );
  const measures = useMeasuresJob(jobRequest);
  const result = measures.job?.status === 'done' ? measures.job.result : null;
  const byId = useMemo(() => {
    const map = new Map<number, NetworkNodeMeasures>();
    for (const row of result?.nodes ?? []) map.set(row.id, row);
    return map;
  }, [result]);

  const categories = useMemo(() => {
    const counts = new Map<string | number, number>();
    for (const n of nodes) {
      const key = colourBy === 'kind' ? n.kind : (n.community ?? -1);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const order = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    return { order, index: new Map(order.map(([key], i) => [key, i])) };
  }, [nodes, colourBy]);

  const style = useMemo<CanvasStyle>(() => {
    const colours = nodes.map((n) =>
      categoryColour(
        categories.index.get(colourBy === 'kind' ? n.kind : (n.community ?? -1)) ?? 99,
      ),
    );
    let sizes: number[];
    if (sizeBy === 'none' || byId.size === 0) sizes = nodes.map(() => 3);
    else {
      const values = nodes.map((n) => measureValue(byId.get(n.id), sizeBy));
      const max = Math.max(0, ...values.map((v) => v ?? 0));
      sizes = values.map((v) => nodeSize(v, max));
    }
    const selectedIndex =
      selectedId === null ? null : (nodes.find((n) => n.id === selectedId)?.index ?? null);
    return {
      visibleNodes: shown.nodes,
      visibleEdges: shown.edges,
      colours,
      sizes,
      selected: selectedIndex,
    };
  }, [nodes, categories, colourBy, sizeBy, byId, shown, selectedId]);

  const toggle = (key: 'kinds' | 'ties', set: ReadonlySet<string>, value: string) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update({ [key]: [...next].join(',') || null });
  };
  const selectedNode =
    selectedId === null ? null : (nodes.find((n) => n.id === selectedId) ?? null);
  const regionName = (id: number | null) =>
    id === null ? t('common.none') : (graph.regions.find((r) => r.id === id)?.name ?? String(id));

  return (
    <>
      <div className="filters network-filters" data-testid="network-filters">
        <fieldset className="chip-group" data-testid="filter-kinds">
          <legend>{t('network.filter.kind')}</legend>
          {organisationKinds.map((k) => (
            <label key={k} className="chip">
              <input
                type="checkbox"
                data-testid={`kind-${k}`}
                checked={kinds.has(k)}
                onChange={() => toggle('kinds', kinds, k)}
              />{' '}
              {valueLabel(k)}
            </label>
          ))}
        </fieldset>
        <fieldset className="chip-group" data-testid="filter-ties">
          <legend>{t('network.filter.tieType')}</legend>
          {graph.tieTypes.map((tt) => (
            <label key={tt} className="chip">
              <input
                type="checkbox"
                data-testid={`tie-${tt}`}
                checked={ties.has(tt)}
                onChange={() => toggle('ties', ties, tt)}
              />{' '}
              {t(`network.tie.${tt}`)}
            </label>
          ))}
        </fieldset>
        <FilterSelect
          layout="native"
          label={t('network.filter.region')}
          value={regionId}
          options={graph.regions.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v) => update({ region: v })}
          testId="filter-region"
        />
        <label className="field-boolean">
          <input
            type="checkbox"
            data-testid="filter-isolates"
            checked={!hideIsolates}
            onChange={(e) => update({ isolates: e.target.checked ? '1' : null })}
          />{' '}
          {t('network.showIsolates')}
        </label>
        <label>
          {t('network.colourBy')}{' '}
          <select
            data-testid="network-colour"
            value={colourBy}
            onChange={(e) => update({ colour: e.target.value })}
          >
            <option value="community">{t('network.colour.community')}</option>
            <option value="kind">{t('network.colour.kind')}</option>
          </select>
        </label>
        <label>
          {t('network.sizeBy')}{' '}
          <select
            data-testid="network-size"
            value={sizeBy}
            onChange={(e) => update({ size: e.target.value === 'none' ? null : e.target.value })}
          >
            {sizeMeasures.map((m) => (
              <option key={m} value={m}>
                {t(`network.measure.${m}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p
        className="network-counts"
        data-testid="network-counts"
        data-nodes={shown.nodeCount}
        data-edges={shown.edgeCount}
        data-total-nodes={graph.nodes.length}
        data-total-edges={graph.edges.length}
      >
        <strong>{formatNumber(shown.nodeCount)}</strong> {t('network.nodesShown')} ({t('common.of')}{' '}
        {formatNumber(graph.nodes.length)}) · <strong>{formatNumber(shown.edgeCount)}</strong>{' '}
        {t('network.edgesShown')} ({t('common.of')} {formatNumber(graph.edges.length)})
        {nodes.some((n) => n.synthetic) && (
          <>
            {' '}
            <SyntheticBadge />
          </>
        )}
      </p>
      {!wantJob ? (
        <p className="actions">
          <button
            type="button"
            className="button"
            data-testid="network-compute"
            onClick={() => setMeasuresWanted(true)}
          >
            {t('network.computeMeasures')}
          </button>
        </p>
      ) : (
        <MeasuresStatus job={measures.job} error={measures.error} />
      )}
      <div className="network-layout">
        <NetworkCanvas
          graph={graph}
          groups={groups}
          style={style}
          onSelect={(i) => update({ node: i === null ? null : (nodes[i]?.id ?? null) })}
          ariaLabel={t('network.explorer.title')}
        />
        <aside className="network-side">
          <NodeSearch nodes={nodes} onPick={(id) => update({ node: id })} />
          <Legend
            colourBy={colourBy}
            categories={categories.order}
            sizeBy={sizeBy}
            hasCommunities={hasCommunities}
            edgeCount={graph.edges.length}
          />
          {selectedNode && (
            <NodePanel
              node={selectedNode}
              regionName={regionName(selectedNode.regionId)}
              measures={byId.get(selectedNode.id)}
              job={measures.job}
              betweenness={result?.betweenness ?? null}
              onCompute={() => setMeasuresWanted(true)}
              selection={selection}
            />
          )}
        </aside>
      </div>
    </>
  );
}

function MeasuresStatus({ job, error }: { job: NetworkJob | undefined; error: unknown }) {
  const { t, formatNumber } = useI18n();
  if (error) return <ErrorMessage error={error} />;
  if (!job) return <Loading label={t('network.startingJob')} />;
  if (job.status === 'failed')
    return <ErrorMessage error={new Error(job.error ?? t('common.error'))} />;
  if (job.status !== 'done')
    return <JobProgress progress={job.progress} stage={job.stage} testId="network-job" />;
  const b = job.result?.betweenness;
  return (
    <p className="small muted" data-testid="network-job" data-progress={1}>
      {t('network.measuresReady')} ({formatNumber(job.result?.seconds ?? 0)} s)
      {b && !b.exact && (
        <>
          {' '}
          · {t('network.betweennessSampled')} {b.samples} · ±{formatNumber(b.errorBound ?? 0)}
        </>
      )}
    </p>
  );
}

function Legend({
  colourBy,
  categories,
  sizeBy,
  hasCommunities,
  edgeCount,
}: {
  edgeCount: number;
  colourBy: 'kind' | 'community';
  categories: [string | number, number][];
  sizeBy: SizeMeasure;
  hasCommunities: boolean;
}) {
  const { t, valueLabel, formatNumber } = useI18n();
  const shown = categories.slice(0, 12);
  return (
    <section className="card network-legend" data-testid="network-legend">
      <h2>{t('network.legend')}</h2>
      <p className="small muted">
        {colourBy === 'kind' ? t('network.colour.kindHint') : t('network.colour.communityHint')}
      </p>
      {colourBy === 'community' && !hasCommunities && (
        <p className="small muted">{t('network.noCommunities')}</p>
      )}
      <ul className="legend-list">
        {shown.map(([key, count], i) => (
          <li key={String(key)}>
            <span className="swatch" style={{ background: categoryColour(i) }} />
            {colourBy === 'kind'
              ? valueLabel(String(key))
              : key === -1
                ? t('common.none')
                : `${t('network.community')} ${key}`}{' '}
            <span className="muted small">({formatNumber(count)})</span>
          </li>
        ))}
        {categories.length > shown.length && (
          <li>
            <span className="swatch" style={{ background: categoryColour(99) }} />
            {t('network.otherGroups')} ({categories.length - shown.length})
          </li>
        )}
      </ul>
      <p className="small" data-testid="network-size-legend">
        <strong>{t('network.sizeBy')}:</strong> {t(`network.measure.${sizeBy}`)} —{' '}
        {t(`network.measureDef.${sizeBy}`)}
      </p>
      <p className="small muted">{t('network.edgeDef')}</p>
      {edgeCount > maxDrawnEdges && (
        <p className="small muted" data-testid="network-drawn-note">
          {t('network.drawnEdges')} {formatNumber(maxDrawnEdges)}
        </p>
      )}
    </section>
  );
}

/** The node panel's measures, each with the unit its value is in (see the measure definitions). */
const panelMeasures = [
  ['degree', 'network.unit.partners'],
  ['strength', 'network.unit.tieWeight'],
  ['betweenness', 'network.unit.share'],
  ['closeness', 'network.unit.score01'],
  ['eigenvector', 'network.unit.score01'],
  ['pagerank', 'network.unit.share'],
  ['kcore', 'network.unit.coreK'],
  ['community', 'network.unit.number'],
  ['constraint', 'network.unit.index'],
  ['effectiveSize', 'network.unit.partners'],
] as const satisfies readonly (readonly [keyof NetworkNodeMeasures, MessageKey])[];

/** Most organisations the explorer's search lists at once. */
const nodeSearchLimit = 8;

/**
 * Finds an organisation of the drawn network by part of its name and selects it (opens its
 * panel and highlights it on the canvas), so a node can be reached without hunting for its dot.
 * Arrow keys move through the matches and Enter picks the highlighted one.
 */
function NodeSearch({
  nodes,
  onPick,
}: {
  nodes: readonly ExplorerNode[];
  onPick: (id: number) => void;
}) {
  const { t, valueLabel } = useI18n();
  const listId = useId();
  const [text, setText] = useState('');
  const options = useMemo(() => {
    const q = text.trim().toLocaleLowerCase();
    if (q === '') return [];
    const found: ExplorerNode[] = [];
    for (const n of nodes) {
      if (n.label.toLocaleLowerCase().includes(q)) found.push(n);
      if (found.length === nodeSearchLimit) break;
    }
    return found;
  }, [nodes, text]);
  return (
    <section className="card org-picker" data-testid="node-search-box">
      <h2 id={`${listId}-title`}>{t('network.findNode')}</h2>
      <Typeahead
        labelledBy={`${listId}-title`}
        inputType="search"
        options={options}
        text={text}
        onTextChange={setText}
        onPick={(n) => {
          onPick(n.id);
          setText('');
        }}
        optionKey={(n) => n.id}
        optionData={(n) => ({ 'data-node': n.id })}
        renderOption={(n) => (
          <>
            {n.label} <span className="muted small">{valueLabel(n.kind)}</span>
          </>
        )}
        placeholder={t('network.findNodePlaceholder')}
        inputTestId="node-search"
        listTestId="node-search-options"
      />
      {options.length === 0 && text.trim() !== '' && (
        <p className="small muted">{t('common.noResults')}</p>
      )}
    </section>
  );
}

function NodePanel({
  node,
  regionName,
  measures,
  job,
  betweenness,
  onCompute,
  selection,
}: {
  node: ExplorerNode;
  regionName: string;
  measures: NetworkNodeMeasures | undefined;
  job: NetworkJob | undefined;
  betweenness: NonNullable<NetworkJob['result']>['betweenness'];
  onCompute: () => void;
  selection: NetworkSelection;
}) {
  const { t, valueLabel, formatNumber, language } = useI18n();
  // Centralities are small fractions (a PageRank of 0.002 is common): three significant digits
  // instead of the app's two decimals, which would show many of them as 0.
  const significant = useMemo(
    () =>
      new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
        maximumSignificantDigits: 3,
      }),
    [language],
  );
  const formatMeasure = (v: number) =>
    Number.isInteger(v) ? formatNumber(v) : significant.format(v);
  const hub = job?.result?.hubs.find((h) => h.id === node.id);
  const partners = usePartnerSuggestions(node.id, {
    from: selection.from,
    to: selection.to,
    maxAttendees: selection.maxAttendees,
  });
  return (
    <section className="card network-node" data-testid="node-panel" data-node={node.id}>
      <h2 data-testid="node-name">
        {node.label} {node.synthetic && <SyntheticBadge />}
      </h2>
      <dl className="facts">
        <dt>{t('network.node.kind')}</dt>
        <dd>{valueLabel(node.kind)}</dd>
        <dt>{t('network.node.region')}</dt>
        <dd>{regionName}</dd>
        <dt>{t('network.node.inside')}</dt>
        <dd>{node.inside ? t('common.yes') : t('common.no')}</dd>
      </dl>
      {measures ? (
        <table className="table small" data-testid="node-measures">
          <tbody>
            {panelMeasures.map(([m, unit]) => {
              const value = measures[m];
              // A sampled betweenness is an estimate: its bound goes with it.
              const bound =
                m === 'betweenness' && betweenness && !betweenness.exact
                  ? betweenness.errorBound
                  : null;
              return (
                <tr key={m} data-measure={m} data-value={value ?? ''}>
                  <th scope="row" title={t(`network.measureDef.${m}`)}>
                    {t(`network.measure.${m}`)}
                  </th>
                  <td className="num" data-testid="measure-value">
                    {value === null ? t('common.none') : formatMeasure(value)}
                    {value !== null && bound !== null && <> ± {formatMeasure(bound)}</>}
                  </td>
                  <td className="muted" data-testid="measure-unit">
                    {t(unit)}
                  </td>
                </tr>
              );
            })}
            <tr data-measure="gatekeeper">
              <th scope="row">{t('network.measure.gatekeeper')}</th>
              <td colSpan={2}>
                {measures.gatekeeper === null
                  ? t('common.none')
                  : measures.gatekeeper
                    ? t('common.yes')
                    : t('common.no')}
              </td>
            </tr>
          </tbody>
        </table>
      ) : job?.status === 'done' ? null : !job ? (
        <button
          type="button"
          className="button button-small"
          data-testid="node-compute"
          onClick={onCompute}
        >
          {t('network.computeMeasures')}
        </button>
      ) : (
        <p className="small muted">{t('network.computing')}</p>
      )}
      {hub && (
        <div data-testid="node-hub">
          <h3>{t('network.hubReasons')}</h3>
          <ul className="plain-list small">
            {hub.reasons.map((r) => (
              <li key={r.code}>{r.text}</li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('network.partners')}</h3>
      {partners.error ? (
        <ErrorMessage error={partners.error} />
      ) : !partners.data ? (
        <Loading />
      ) : partners.data.suggestions.length === 0 ? (
        <p className="small muted">{t('common.noResults')}</p>
      ) : (
        <ul className="plain-list small" data-testid="node-partners">
          {partners.data.suggestions.map((s) => (
            <li key={s.id}>
              <Link to={`/organisations/${s.id}`}>{s.name}</Link>{' '}
              <span className="muted">
                ({valueLabel(s.kind)}, {t('network.score')} {formatNumber(s.score)}):{' '}
                {s.reasons
                  .map((r) => t(`network.reason.${r.code}` as MessageKey) ?? r.code)
                  .join(', ')}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link
        to={`/organisations/${node.id}`}
        className="button button-small"
        data-testid="node-link"
      >
        {t('network.openOrganisation')}
      </Link>
    </section>
  );
}
