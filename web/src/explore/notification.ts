// An observation out of a WIS2 notification message from the hub (its inline content carries the value,
// unit and E-SOH parameter name); link-only notifications (recommended data) carry no value and are skipped.

export interface LiveObservation {
  station: string;
  parameter: string;
  /** RFC 3339. */
  time: string;
  value: number | string | null;
  unit: string;
  lon: number;
  lat: number;
}

interface Notification {
  geometry?: { coordinates?: number[] } | null;
  properties?: {
    datetime?: string;
    wigos_station_identifier?: string;
    content?: { encoding?: string; value?: string };
  };
}

interface Content {
  properties?: { parameter_name?: string; observation?: number | string | null; unit?: string };
}

export function parseNotification(payload: string): LiveObservation | undefined {
  try {
    const message = JSON.parse(payload) as Notification;
    const p = message.properties;
    const [lon, lat] = message.geometry?.coordinates ?? [];
    if (!p?.content?.value || p.content.encoding !== 'utf-8' || !p.wigos_station_identifier || !p.datetime) {
      return undefined;
    }
    const content = (JSON.parse(p.content.value) as Content).properties;
    if (!content?.parameter_name || lon === undefined || lat === undefined) return undefined;
    return {
      station: p.wigos_station_identifier,
      parameter: content.parameter_name,
      time: p.datetime,
      value: content.observation ?? null,
      unit: content.unit ?? '',
      lon,
      lat,
    };
  } catch {
    return undefined;
  }
}
