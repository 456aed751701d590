// The first page: the station map coloured by the latest value of a parameter, its controls and legend,
// live updates over MQTT, and the panel of the selected station. The view lives in the URL.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { messageOf } from '../api/errors';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { colourScale } from './colourScale';
import { Controls, type TimeRange } from './Controls';
import { afterFirstStations } from './firstLoad';
import { arrivedAhead, loadCollection, loadLatest, type Collection, type Latest } from './data';
import { Legend } from './Legend';
import type { LiveState } from './live';
import { LiveIndicator } from './LiveIndicator';
import { MapView } from './MapView';
import type { LiveObservation } from './notification';
import { defaultParameter, groupParameters, parameterInfo } from './parameters';
import { applyLive, filterStations, numericValues } from './stations';
import { formatState, parseState, type ExploreState, type View } from './urlState';

const StationPanel = lazy(() => import('./StationPanel'));

const emptyLatest: Latest = { type: 'FeatureCollection', features: [] };

export default function ExplorePage() {
  const search = useSearch();
  const [, navigate] = useLocation();
  const state = useMemo(() => parseState(search), [search]);
  // What arrived ahead is shown by the first render (the rest is asked for by the effects below).
  const [ahead] = useState(() => ({
    ...arrivedAhead(state.parameter, state.time),
    asked: `${state.parameter ?? ''} ${state.time ?? ''}`,
  }));
  const [collection, setCollection] = useState<Collection | undefined>(ahead.collection);
  const [latest, setLatest] = useState<Latest>(ahead.latest ?? emptyLatest);
  const [error, setError] = useState<string>();
  const [live, setLive] = useState<LiveState>('connecting');
  const [batch, setBatch] = useState<LiveObservation[]>([]);
  const [bounds, setBounds] = useState<[number, number, number, number]>();
  const [now, setNow] = useState(() => Date.now());
  const initialView = useRef(state.view);

  const update = useCallback(
    (change: Partial<ExploreState>) => {
      navigate(`/${formatState({ ...parseState(window.location.search), ...change })}`, { replace: true });
    },
    [navigate],
  );

  // What arrives ahead after the first render: shown in one render (not one for the collection, then one
  // for the latest values once an effect has asked for them).
  useEffect(() => {
    let current = true;
    void ahead.later?.then((a) => {
      if (!current || !a) return;
      // Not once another parameter or time is asked for.
      const now = parseState(window.location.search);
      if (`${now.parameter ?? ''} ${now.time ?? ''}` !== ahead.asked) return;
      if (a.collection) setCollection((c) => c ?? a.collection);
      if (a.latest) setLatest((l) => (l === emptyLatest ? a.latest! : l));
    });
    return () => {
      current = false;
    };
  }, [ahead]);

  useEffect(() => {
    loadCollection().then(setCollection, (err: unknown) => setError(messageOf(err)));
  }, []);

  const groups = useMemo(() => groupParameters(collection?.parameterNames ?? {}), [collection]);
  const parameter = state.parameter ?? defaultParameter(groups);
  const info = parameter && collection?.parameterNames[parameter];

  useEffect(() => {
    if (!parameter) return;
    let current = true;
    loadLatest(parameter, state.time).then(
      (doc) => {
        if (!current) return;
        setLatest(doc);
        setError(undefined);
      },
      (err: unknown) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, [parameter, state.time]);

  // Live: connected once the first stations are drawn (the MQTT client is loaded then).
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    const cancelWait = afterFirstStations(() => {
      void import('./live').then(({ connectLive }) => {
        if (!cancelled) stop = connectLive(setLive, setBatch);
      });
    });
    return () => {
      cancelled = true;
      cancelWait();
      stop?.();
    };
  }, []);

  useEffect(() => {
    if (!parameter || state.time || batch.length === 0) return;
    setLatest((l) => applyLive(l, parameter, batch));
    setNow(Date.now());
  }, [batch, parameter, state.time]);

  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(id);
  }, []);

  const shown = useMemo(
    () =>
      filterStations(latest, {
        authority: state.authority,
        bounds: state.inView ? bounds : undefined,
      }),
    [latest, state.authority, state.inView, bounds],
  );
  const results = useMemo(
    () =>
      state.search
        ? filterStations(shown, { search: state.search }).features.map((f) => ({
            id: f.properties.wigos_id,
            name: f.properties.name,
          }))
        : [],
    [shown, state.search],
  );
  const authorities = useMemo(
    () => [...new Set(latest.features.map((f) => f.properties.naming_authority).filter(Boolean))].sort(),
    [latest],
  );
  const standardName = info ? parameterInfo(parameter, info).standardName : '';
  const scale = useMemo(() => colourScale(standardName, numericValues(latest)), [standardName, latest]);
  const range: TimeRange | undefined = useMemo(() => {
    const start = collection?.interval ? Date.parse(collection.interval[0]) : undefined;
    if (start === undefined) return undefined;
    const end = Math.floor(now / 60_000) * 60_000;
    return { start: Math.min(start, end - 60_000), end };
  }, [collection, now]);

  const onViewChange = useCallback(
    (view: View, b: [number, number, number, number]) => {
      setBounds(b);
      update({ view });
    },
    [update],
  );
  const onSelect = useCallback((station: string) => update({ station, compare: [] }), [update]);
  const selected = state.station
    ? latest.features.find((f) => f.properties.wigos_id === state.station)
    : undefined;
  const label = info ? parameterInfo(parameter, info) : undefined;

  return (
    <div className="explore">
      <h1 className="visually-hidden">{t.explore.title}</h1>
      <MapView
        stations={shown}
        scale={scale}
        selected={state.station}
        initialView={initialView.current}
        onSelect={onSelect}
        onViewChange={onViewChange}
      />
      <aside className="sidebar">
        <Controls
          groups={groups}
          parameter={parameter}
          onParameter={(p) => update({ parameter: p })}
          range={range}
          time={state.time}
          onTime={(time) => update({ time })}
          search={state.search ?? ''}
          onSearch={(text) => update({ search: text || undefined })}
          results={results}
          onPick={onSelect}
          authorities={authorities}
          authority={state.authority}
          onAuthority={(authority) => update({ authority })}
          inView={state.inView ?? false}
          onInView={(inView) => update({ inView: inView || undefined })}
          count={shown.features.length}
        />
        {label && <Legend scale={scale} label={label.label} unit={label.unit} />}
        <LiveIndicator state={state.time ? 'historic' : live} />
        {error && <Alert>{error}</Alert>}
        {!error && parameter && latest.features.length === 0 && <p>{t.explore.noStations}</p>}
      </aside>
      {state.station && (
        <Suspense fallback={<div className="panel">{t.loading}</div>}>
          <StationPanel
            station={state.station}
            name={selected?.properties.name}
            compare={state.compare}
            parameter={parameter}
            parameterNames={collection?.parameterNames ?? {}}
            candidates={latest.features}
            time={state.time}
            live={batch}
            onCompare={(compare) => update({ compare })}
            onClose={() => update({ station: undefined, compare: [] })}
          />
        </Suspense>
      )}
    </div>
  );
}
