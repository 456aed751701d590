// A modal dialog (the native <dialog>: focus stays inside, Escape closes), titled for screen readers.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '../strings';

export function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={id} onCancel={onClose} className="dialog">
      <header className="panel-header">
        <h2 id={id}>{title}</h2>
        <button type="button" className="icon" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
