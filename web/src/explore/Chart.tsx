// A time-series chart (uPlot): one line per series on a shared time axis, resized with its container,
// zoomed by mouse selection or pinch, reset by double click.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { align, type Series } from './chartData';
import { touchZoom } from './touchZoom';

/** Line colours, distinguishable with colour-blindness (Okabe–Ito). */
export const LINE_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];

export interface ChartProps {
  title: string;
  unit: string;
  series: Series[];
  labels: string[];
  dark: boolean;
}

export function Chart({ title, unit, series, labels, dark }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const key = labels.join('\n');

  useEffect(() => {
    const el = box.current!;
    const axisColour = dark ? '#c9d1d9' : '#30363d';
    const grid = { stroke: dark ? '#30363d' : '#e1e4e8', width: 1 };
    const u = new uPlot(
      {
        width: el.clientWidth || 320,
        height: 200,
        plugins: [touchZoom()],
        // The time range shown, for the browser tests (zoom by mouse or pinch changes it).
        hooks: {
          setScale: [
            (self, key) => {
              if (key === 'x') el.dataset.xRange = `${self.scales.x?.min ?? ''},${self.scales.x?.max ?? ''}`;
            },
          ],
        },
        cursor: { drag: { x: true, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: axisColour, grid, ticks: grid },
          { stroke: axisColour, grid, ticks: grid, label: unit, size: 56 },
        ],
        series: [
          {},
          ...labels.map((label, i) => ({
            label,
            stroke: LINE_COLOURS[i % LINE_COLOURS.length],
            width: 2,
            spanGaps: true,
            points: { size: 4 },
          })),
        ],
      },
      align(series),
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = undefined;
    };
    // Rebuilt when its lines change; data alone is set below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, unit, dark]);

  useEffect(() => {
    plot.current?.setData(align(series));
  }, [series]);

  const points = series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  return <div className="chart" ref={box} role="img" aria-label={title} data-points={points} />;
}
