// The map's first data, asked for as the app starts rather than after React and MapLibre have set up:
// the collection, then at once the latest values of the parameter the map will show. Each is handed out
// once; later loads ask the hub again.
import { fetchCollection, fetchLatest, type Collection, type Latest } from './data';
import { defaultParameter, groupParameters } from './parameters';
import { parseState } from './urlState';

/** A value older than this is not shown on the map. */
export const MAP_WINDOW = 'PT3H';

interface Ahead {
  parameter?: string;
  time?: string;
  doc?: Latest;
}

let collectionAhead: Promise<Collection> | undefined;
let latestAhead: Promise<Ahead | undefined> | undefined;

if (window.location.pathname === '/app/') {
  const { parameter, time } = parseState(window.location.search);
  collectionAhead = fetchCollection();
  latestAhead = collectionAhead.then(
    async (c) => {
      const p = parameter ?? defaultParameter(groupParameters(c.parameterNames));
      return {
        parameter: p,
        time,
        doc: p ? await fetchLatest({ parameter: p, time, within: MAP_WINDOW }) : undefined,
      };
    },
    // Failures are reported by the loads that use these.
    () => undefined,
  );
}

export function loadCollection(): Promise<Collection> {
  const ahead = collectionAhead;
  collectionAhead = undefined;
  return ahead ?? fetchCollection();
}

export async function loadLatest(parameter: string, time: string | undefined): Promise<Latest> {
  const ahead = latestAhead;
  latestAhead = undefined;
  const hit = await ahead?.catch(() => undefined);
  if (hit?.doc && hit.parameter === parameter && hit.time === time) return hit.doc;
  return fetchLatest({ parameter, time, within: MAP_WINDOW });
}
