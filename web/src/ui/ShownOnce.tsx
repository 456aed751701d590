// A secret shown once (an API key, a client secret): selectable text and a copy button.
import { useState } from 'react';
import { t } from '../strings';

export function ShownOnce({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="shown-once">
      <label>
        {label}
        <input readOnly value={value} onFocus={(e) => e.target.select()} className="secret" />
      </label>
      <button
        type="button"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
      >
        {copied ? t.copied : t.copy}
      </button>
    </div>
  );
}
