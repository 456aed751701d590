// The panel of one station (a side panel on wide screens, a bottom sheet on phones): its metadata, its
// latest values with units and age, charts of the chosen parameters for a window with up to four other
// stations compared, downloads of what the charts show, and a link to share. Loaded on demand (uPlot).
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { messageOf } from '../api/errors';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { useColourScheme } from '../ui/useColourScheme';
import { Chart } from './Chart';
import { seriesFromCoverage, since, withPoint, type Series } from './chartData';
import { fetchLatest, fetchStationSeries, stationDataUrl, type Latest, type LatestProperties } from './data';
import type { LiveObservation } from './notification';
import { parameterInfo, variantLabel, type EdrParameter } from './parameters';
import { MAX_COMPARE } from './urlState';

const WINDOWS_H = [1, 3, 6, 12, 24];
const FORMATS = ['CoverageJSON', 'GeoJSON', 'CSV'] as const;

export interface StationPanelProps {
  station: string;
  name?: string;
  compare: string[];
  parameter?: string;
  parameterNames: Record<string, EdrParameter>;
  candidates: Latest['features'];
  time?: string;
  live: LiveObservation[];
  onCompare: (compare: string[]) => void;
  onClose: () => void;
}

const minuteIso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + ':00Z';

export default function StationPanel(p: StationPanelProps) {
  const id = useId();
  const dark = useColourScheme() === 'dark';
  const heading = useRef<HTMLHeadingElement>(null);
  const [summary, setSummary] = useState<Latest>();
  const [hours, setHours] = useState(3);
  const [chosen, setChosen] = useState<string[]>(p.parameter ? [p.parameter] : []);
  const [series, setSeries] = useState<Series[]>([]);
  const [error, setError] = useState<string>();
  const [copied, setCopied] = useState(false);
  const stations = useMemo(() => [p.station, ...p.compare].slice(0, MAX_COMPARE), [p.station, p.compare]);
  const [windowEnd, setWindowEnd] = useState(() => (p.time ? Date.parse(p.time) : Date.now()));
  const from = minuteIso(windowEnd - hours * 3_600_000);
  const to = p.time ?? minuteIso(windowEnd + 3_600_000);

  useEffect(() => heading.current?.focus(), [p.station]);
  useEffect(() => setWindowEnd(p.time ? Date.parse(p.time) : Date.now()), [p.time, hours]);
  useEffect(() => {
    if (p.parameter) setChosen((c) => (c.includes(p.parameter!) ? c : [p.parameter!, ...c].slice(0, 4)));
  }, [p.parameter]);

  useEffect(() => {
    let current = true;
    fetchLatest({ stations: [p.station], time: p.time, within: 'PT24H' }).then(
      (doc) => current && setSummary(doc),
      (err: unknown) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, [p.station, p.time]);

  useEffect(() => {
    if (chosen.length === 0) return;
    let current = true;
    Promise.all(stations.map((s) => fetchStationSeries(s, chosen, from, to))).then(
      (docs) => {
        if (!current) return;
        setSeries(docs.flatMap((doc, i) => (doc ? seriesFromCoverage(doc, stations[i]) : [])));
        setError(undefined);
      },
      (err: unknown) => current && setError(messageOf(err)),
    );
    return () => {
      current = false;
    };
  }, [stations, chosen, from, to]);

  // Live observations of the charted stations and parameters join the charts and the latest values.
  useEffect(() => {
    if (p.time) return;
    const relevant = p.live.filter((o) => stations.includes(o.station) && typeof o.value === 'number');
    if (relevant.length === 0) return;
    const start = Date.parse(from) / 1000;
    setSeries((all) => {
      let next = all;
      for (const o of relevant) {
        if (!chosen.includes(o.parameter)) continue;
        const i = next.findIndex((s) => s.station === o.station && s.parameter === o.parameter);
        const base =
          i >= 0 ? next[i]! : { station: o.station, parameter: o.parameter, times: [], values: [] };
        const updated = since(withPoint(base, Date.parse(o.time) / 1000, o.value as number), start);
        next = i >= 0 ? next.map((s, j) => (j === i ? updated : s)) : [...next, updated];
      }
      return next;
    });
    setSummary((s) => {
      if (!s) return s;
      const mine = p.live.filter((o) => o.station === p.station);
      if (mine.length === 0) return s;
      return {
        ...s,
        features: s.features.map((f) => {
          const o = mine.findLast((m) => m.parameter === f.properties.parameter_name);
          return o && o.time >= f.properties.datetime
            ? { ...f, properties: { ...f.properties, value: o.value, datetime: o.time } }
            : f;
        }),
      };
    });
  }, [p.live, p.time, p.station, stations, chosen, from]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && p.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [p]);

  const meta: LatestProperties | undefined = summary?.features[0]?.properties;
  const name = meta?.name ?? p.name ?? p.station;
  const names = new Map(p.candidates.map((f) => [f.properties.wigos_id, f.properties.name]));
  names.set(p.station, name);
  const labelOf = (s: string) => names.get(s) ?? s;
  const info = (parameter: string) => parameterInfo(parameter, p.parameterNames[parameter] ?? {});
  const ages = Date.now();

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <header className="panel-header">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {name}
        </h2>
        <button type="button" className="icon" onClick={p.onClose} aria-label={t.station.close}>
          ×
        </button>
      </header>
      {error && <Alert>{error}</Alert>}
      <dl className="meta">
        <dt>{t.station.wigosId}</dt>
        <dd>{p.station}</dd>
        {meta?.hamsl !== null && meta?.hamsl !== undefined && (
          <>
            <dt>{t.station.height}</dt>
            <dd>{t.station.heightValue(meta.hamsl)}</dd>
          </>
        )}
        {meta?.institution && (
          <>
            <dt>{t.station.institution}</dt>
            <dd>{meta.institution}</dd>
          </>
        )}
        {meta?.license && (
          <>
            <dt>{t.station.licence}</dt>
            <dd>{meta.license}</dd>
          </>
        )}
        {meta && (
          <>
            <dt>{t.station.authority}</dt>
            <dd>{meta.naming_authority}</dd>
          </>
        )}
      </dl>

      <h3>{t.station.latest}</h3>
      <table className="latest">
        <tbody>
          {summary?.features.map((f) => {
            const param = info(f.properties.parameter_name);
            const age = Math.floor((ages - Date.parse(f.properties.datetime)) / 60_000);
            return (
              <tr key={f.properties.parameter_name}>
                <th scope="row">
                  {param.label} <small>{variantLabel(param)}</small>
                </th>
                <td className="value">
                  {String(f.properties.value ?? '–')} {param.unit}
                </td>
                <td>
                  <time dateTime={f.properties.datetime}>{t.station.age(Math.max(0, age))}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h3>{t.station.chart}</h3>
      <fieldset className="chips">
        <legend>{t.station.parameters}</legend>
        {summary?.features.map((f) => {
          const name = f.properties.parameter_name;
          return (
            <label key={name} className="chip">
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, name] : c.filter((x) => x !== name)))
                }
              />
              {info(name).label} <small>{variantLabel(info(name))}</small>
            </label>
          );
        })}
      </fieldset>
      <div className="row">
        <label htmlFor={`${id}-window`}>{t.station.window}</label>
        <select id={`${id}-window`} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {WINDOWS_H.map((h) => (
            <option key={h} value={h}>
              {t.station.hours(h)}
            </option>
          ))}
        </select>
      </div>
      <CompareInput
        station={p.station}
        compare={p.compare}
        candidates={p.candidates}
        onCompare={p.onCompare}
        labelOf={labelOf}
      />
      {chosen.map((parameter) => {
        const param = info(parameter);
        const lines = stations.map((s) => series.find((x) => x.station === s && x.parameter === parameter));
        const present = lines.some((l) => l && l.times.length > 0);
        return (
          <figure key={parameter} className="chart-box">
            <figcaption>
              {param.label} <small>{variantLabel(param)}</small>
            </figcaption>
            {present ? (
              <Chart
                title={t.station.chartOf(`${param.label} ${variantLabel(param)}`)}
                unit={param.unit}
                labels={stations.map(labelOf)}
                series={lines.map((l, i) => l ?? { station: stations[i]!, parameter, times: [], values: [] })}
                dark={dark}
              />
            ) : (
              <p>{t.station.noData}</p>
            )}
          </figure>
        );
      })}

      <h3>{t.station.download}</h3>
      <ul className="downloads">
        {stations.map((s) => (
          <li key={s}>
            <span>{labelOf(s)}</span>
            {FORMATS.map((f) => (
              <a
                key={f}
                href={stationDataUrl(s, chosen, from, to, f)}
                download
                aria-label={`${t.station.downloadAs(f)}: ${labelOf(s)}`}
              >
                {f}
              </a>
            ))}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
        }}
      >
        {copied ? t.copied : t.station.share}
      </button>
    </section>
  );
}

function CompareInput(p: {
  station: string;
  compare: string[];
  candidates: Latest['features'];
  onCompare: (compare: string[]) => void;
  labelOf: (station: string) => string;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const full = p.compare.length >= MAX_COMPARE - 1;
  const options = p.candidates.filter(
    (f) => f.properties.wigos_id !== p.station && !p.compare.includes(f.properties.wigos_id),
  );
  const add = (value: string) => {
    const hit = options.find((f) => f.properties.wigos_id === value || f.properties.name === value);
    if (!hit) return;
    p.onCompare([...p.compare, hit.properties.wigos_id]);
    setText('');
  };
  return (
    <div className="compare">
      <label htmlFor={`${id}-compare`}>{t.station.compare}</label>
      <input
        id={`${id}-compare`}
        list={`${id}-stations`}
        value={text}
        disabled={full}
        placeholder={t.station.comparePlaceholder}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          add(e.target.value);
        }}
      />
      <datalist id={`${id}-stations`}>
        {options.map((f) => (
          <option key={f.properties.wigos_id} value={f.properties.name}>
            {f.properties.wigos_id}
          </option>
        ))}
      </datalist>
      <small id={`${id}-hint`}>{t.station.compareHint(MAX_COMPARE)}</small>
      <ul className="chips">
        {p.compare.map((s) => (
          <li key={s} className="chip">
            {p.labelOf(s)}
            <button
              type="button"
              className="icon"
              aria-label={t.station.removeCompare(p.labelOf(s))}
              onClick={() => p.onCompare(p.compare.filter((x) => x !== s))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
