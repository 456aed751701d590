// The colour legend of the map: the scale's gradient with its ends and middle, the unit, and "no value".
import { t } from '../strings';
import { NO_VALUE_COLOUR, type ColourScale } from './colourScale';

const format = (v: number) => String(Math.round(v * 100) / 100);

export function Legend({ scale, label, unit }: { scale: ColourScale; label: string; unit: string }) {
  const gradient = `linear-gradient(to right, ${scale.stops.map(([, c]) => c).join(', ')})`;
  const mid = (scale.min + scale.max) / 2;
  return (
    <figure className="legend" aria-label={t.explore.legend}>
      <figcaption>
        {label}
        {unit ? ` (${unit})` : ''}
      </figcaption>
      <div className="legend-bar" style={{ background: gradient }} />
      <div className="legend-ticks">
        <span>{format(scale.min)}</span>
        <span>{format(mid)}</span>
        <span>{format(scale.max)}</span>
      </div>
      <div className="legend-none">
        <span className="swatch" style={{ background: NO_VALUE_COLOUR }} />
        {t.explore.noValue}
      </div>
    </figure>
  );
}
