// The map's controls: parameter picker (grouped by standard name), time slider over the data's window
// with a "Live" button, station search with its results, naming-authority filter, "only in view".
import { useId, useState } from 'react';
import { t } from '../strings';
import { formatTime } from '../ui/format';
import { variantLabel, type ParameterGroup } from './parameters';

export interface TimeRange {
  /** Epoch ms of the oldest data and of now, in whole minutes. */
  start: number;
  end: number;
}

export interface ControlsProps {
  groups: ParameterGroup[];
  parameter?: string;
  onParameter: (name: string) => void;
  range?: TimeRange;
  time?: string;
  onTime: (time: string | undefined) => void;
  search: string;
  onSearch: (text: string) => void;
  results: { id: string; name: string }[];
  onPick: (station: string) => void;
  authorities: string[];
  authority?: string;
  onAuthority: (authority: string | undefined) => void;
  inView: boolean;
  onInView: (inView: boolean) => void;
  count: number;
}

const STEP_MS = 60_000;

const timeLabel = (ms: number) => formatTime(new Date(ms).toISOString());

export function Controls(p: ControlsProps) {
  const id = useId();
  const [more, setMore] = useState(false);
  const timeMs = p.time ? Date.parse(p.time) : p.range?.end;
  return (
    <section className="controls" aria-label={t.explore.filters}>
      <label htmlFor={`${id}-parameter`}>{t.explore.parameter}</label>
      <select
        id={`${id}-parameter`}
        value={p.parameter ?? ''}
        onChange={(e) => p.onParameter(e.target.value)}
      >
        {p.groups.map((g) => (
          <optgroup key={g.standardName} label={g.label}>
            {g.parameters.map((param) => (
              <option key={param.name} value={param.name}>
                {g.label} · {variantLabel(param)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>

      <button
        type="button"
        className="more-toggle"
        aria-expanded={more}
        aria-controls={`${id}-more`}
        onClick={() => setMore(!more)}
      >
        {t.explore.moreControls}
      </button>
      <div id={`${id}-more`} className="more" data-open={more}>
        {p.range && timeMs !== undefined && (
          <div className="time">
            <label htmlFor={`${id}-time`}>{t.explore.time}</label>
            <input
              id={`${id}-time`}
              type="range"
              min={p.range.start}
              max={p.range.end}
              step={STEP_MS}
              value={timeMs}
              aria-valuetext={p.time ? timeLabel(timeMs) : t.explore.now}
              onChange={(e) => {
                const ms = Number(e.target.value);
                p.onTime(ms >= p.range!.end ? undefined : new Date(ms).toISOString().slice(0, 16) + 'Z');
              }}
            />
            <div className="time-row">
              <output htmlFor={`${id}-time`}>{p.time ? timeLabel(timeMs) : t.explore.now}</output>
              <button type="button" disabled={!p.time} onClick={() => p.onTime(undefined)}>
                {t.explore.live}
              </button>
            </div>
          </div>
        )}

        <label htmlFor={`${id}-search`}>{t.explore.search}</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder={t.explore.searchPlaceholder}
          value={p.search}
          autoComplete="off"
          onChange={(e) => p.onSearch(e.target.value)}
        />
        {p.search && (
          <ul className="results" aria-label={t.explore.results(p.results.length)}>
            {p.results.slice(0, 20).map((r) => (
              <li key={r.id}>
                <button type="button" onClick={() => p.onPick(r.id)}>
                  {r.name} <small>{r.id}</small>
                </button>
              </li>
            ))}
          </ul>
        )}

        <details className="filters">
          <summary>{t.explore.filters}</summary>
          <label htmlFor={`${id}-authority`}>{t.explore.authority}</label>
          <select
            id={`${id}-authority`}
            value={p.authority ?? ''}
            onChange={(e) => p.onAuthority(e.target.value || undefined)}
          >
            <option value="">{t.explore.allAuthorities}</option>
            {p.authorities.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          <label className="check">
            <input type="checkbox" checked={p.inView} onChange={(e) => p.onInView(e.target.checked)} />
            {t.explore.inView}
          </label>
        </details>
      </div>
      <p className="count" aria-live="polite">
        {t.explore.stationsShown(p.count)}
      </p>
    </section>
  );
}
