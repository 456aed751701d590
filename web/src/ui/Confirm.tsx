// "Are you sure?" for actions that cannot be undone: the question, the action's button and Cancel.
import { t } from '../strings';
import { Dialog } from './Dialog';

export function Confirm(p: {
  title: string;
  question: string;
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={p.title} onClose={p.onCancel}>
      <p>{p.question}</p>
      <div className="row">
        <button type="button" className="danger" onClick={p.onConfirm}>
          {p.action}
        </button>
        <button type="button" onClick={p.onCancel}>
          {t.cancel}
        </button>
      </div>
    </Dialog>
  );
}
