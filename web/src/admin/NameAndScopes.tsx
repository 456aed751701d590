// The fields every new credential has: a name and its scopes (read checked by default). The form reads
// them as `name` and every checked `scope`.
import { t } from '../strings';

export function NameAndScopes() {
  return (
    <>
      <label>
        {t.keys.name}
        <input name="name" required maxLength={200} />
      </label>
      <fieldset>
        <legend>{t.keys.scopes}</legend>
        <label className="check">
          <input type="checkbox" name="scope" value="read" defaultChecked /> read
        </label>
        <label className="check">
          <input type="checkbox" name="scope" value="ingest" /> ingest
        </label>
      </fieldset>
    </>
  );
}
