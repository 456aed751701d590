// The state of the live connection, as a dot and a word (announced politely to screen readers).
import { t } from '../strings';
import type { LiveState } from './live';

const labels: Record<LiveState | 'historic', string> = {
  connecting: t.live.connecting,
  connected: t.live.connected,
  disconnected: t.live.disconnected,
  historic: t.live.historic,
};

export function LiveIndicator({ state }: { state: LiveState | 'historic' }) {
  return (
    <p className={`live live-${state}`} role="status" title={t.live.title} data-state={state}>
      <span className="dot" aria-hidden="true" />
      {labels[state]}
    </p>
  );
}
