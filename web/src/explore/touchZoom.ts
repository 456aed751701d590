// Touch gestures for uPlot charts: pinch with two fingers to zoom the time axis, drag with one to pan it
// (uPlot itself zooms by mouse selection only).
import type uPlot from 'uplot';

export function touchZoom(): uPlot.Plugin {
  return {
    hooks: {
      init(u) {
        const over = u.over;
        let start: { min: number; max: number; x0: number; span0: number } | undefined;
        const xOf = (touches: TouchList) => {
          const rect = over.getBoundingClientRect();
          const xs = Array.from(touches, (t) => t.clientX - rect.left);
          return {
            x: xs.reduce((a, b) => a + b, 0) / xs.length,
            span: xs.length > 1 ? Math.abs(xs[0]! - xs[1]!) : 0,
          };
        };
        over.addEventListener(
          'touchstart',
          (e) => {
            const { x, span } = xOf(e.touches);
            start = { min: u.scales.x?.min ?? 0, max: u.scales.x?.max ?? 0, x0: x, span0: span };
          },
          { passive: true },
        );
        over.addEventListener(
          'touchmove',
          (e) => {
            if (!start) return;
            e.preventDefault();
            const { x, span } = xOf(e.touches);
            const range = start.max - start.min;
            const factor = start.span0 > 0 && span > 0 ? start.span0 / span : 1;
            const width = over.clientWidth || 1;
            const anchor = start.min + (start.x0 / width) * range;
            const newRange = range * factor;
            const min = anchor - (x / width) * newRange;
            u.setScale('x', { min, max: min + newRange });
          },
          { passive: false },
        );
        over.addEventListener('touchend', () => (start = undefined), { passive: true });
      },
    },
  };
}
