// The WCMP2 record (WMO Core Metadata Profile 2, WMO-No. 1060 Vol. II Appendix F) of the dataset the hub
// serves: every observation it holds, with live spatial and temporal extents. Pure: the caller passes the
// extent and the record's dates.
import { formatUtc } from '../core/datetime.js';
import { metadataId } from '../core/wis2/topics.js';

export const WCMP2_CONFORMANCE = 'http://wis.wmo.int/spec/wcmp/2/conf/core';
import { DATASET_LOCAL_ID } from '../notify/index.js';
const DISCIPLINE_SCHEME = 'https://codes.wmo.int/wis/topic-hierarchy/earth-system-discipline';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

export function datasetRecordId(centreId: string): string {
  return metadataId(centreId, DATASET_LOCAL_ID);
}

export interface RecordSettings {
  centreId: string;
  dataPolicy: string;
  /** The WIS2 data topic the observations are announced on. */
  dataTopic: string;
  /** Base URL of the hub, without a trailing slash. */
  publicUrl: string;
  /** Where subscribers reach the MQTT broker (no credentials), e.g. mqtt://hub.example:1883; undefined
   * when the hub does not publish WIS2 notifications. */
  brokerUrl: string | undefined;
  /** MQTT over WebSocket for browsers, when the hub serves it (ws:// or wss://). */
  brokerWebSocketUrl: string | undefined;
  organization: string;
  email: string | undefined;
  /** Rolling window in seconds (null: everything is kept), for the description. */
  retentionSeconds: number | null;
}

export interface RecordExtent {
  bbox: [number, number, number, number] | null;
  interval: [number, number] | null;
}

export interface RecordDates {
  createdMs: number;
  updatedMs: number;
}

export function recordUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/collections/discovery-metadata/items/${encodeURIComponent(id)}`;
}

function window(retentionSeconds: number | null): string {
  if (retentionSeconds === null) return 'all observations received';
  const hours = retentionSeconds / 3600;
  return Number.isInteger(hours) ? `the last ${hours} hours` : `the last ${retentionSeconds} seconds`;
}

/** The record without its extents and dates: what changes only when the configuration changes. */
export function recordContent(s: RecordSettings) {
  const contactLinks = [
    {
      rel: 'about',
      href: `${s.publicUrl}/`,
      type: 'application/json',
      title: `Observation hub of ${s.organization}`,
    },
  ];
  return {
    id: datasetRecordId(s.centreId),
    conformsTo: [WCMP2_CONFORMANCE],
    type: 'Feature',
    properties: {
      type: 'dataset',
      title: 'Surface weather observations from automatic and manual weather stations',
      description:
        `Near real time surface weather observations (air temperature, humidity, wind, pressure, precipitation ` +
        `and other parameters) reported by automatic and manual weather stations, one notification per ` +
        `observation. The hub keeps ${window(s.retentionSeconds)}; query them through OGC API - EDR.`,
      keywords: ['weather', 'observations', 'surface weather', 'synop', 'stations', 'real time'],
      themes: [{ concepts: [{ id: 'weather', title: 'Weather' }], scheme: DISCIPLINE_SCHEME }],
      contacts: [
        {
          organization: s.organization,
          ...(s.email ? { emails: [{ value: s.email }], contactInstructions: 'E-mail' } : { emails: [] }),
          links: contactLinks,
          roles: ['host'],
        },
      ],
      'wmo:dataPolicy': s.dataPolicy,
      ...(s.dataPolicy === 'recommended'
        ? { rights: 'Licensed under Creative Commons Attribution 4.0 International (CC BY 4.0).' }
        : {}),
    },
    links: [
      {
        rel: 'data',
        href: `${s.publicUrl}/collections/observations`,
        type: 'application/json',
        title: 'Observations through OGC API - EDR (CoverageJSON)',
      },
      ...(s.brokerUrl
        ? [
            {
              rel: 'items',
              href: s.brokerUrl,
              channel: s.dataTopic,
              type: 'application/geo+json',
              title: 'WIS2 notifications of new observations (MQTT)',
            },
          ]
        : []),
      ...(s.brokerUrl && s.brokerWebSocketUrl
        ? [
            {
              rel: 'items',
              href: s.brokerWebSocketUrl,
              channel: s.dataTopic,
              type: 'application/geo+json',
              title: 'WIS2 notifications of new observations (MQTT over WebSocket)',
            },
          ]
        : []),
      {
        rel: 'collection',
        href: `${s.publicUrl}/collections/discovery-metadata`,
        type: 'application/json',
        title: 'Discovery metadata of this hub (OGC API - Records)',
      },
      ...(s.dataPolicy === 'recommended'
        ? [{ rel: 'license', href: CC_BY, type: 'text/html', title: 'Creative Commons BY 4.0 licence' }]
        : []),
    ],
  };
}

type Content = ReturnType<typeof recordContent>;

export interface DatasetRecord extends Omit<Content, 'properties'> {
  time: { interval: [string, string]; resolution: string } | null;
  geometry: { type: 'Polygon'; coordinates: number[][][] } | null;
  properties: Content['properties'] & { created: string; updated: string };
}

/** The full record: content, live extents (open end: the dataset grows), creation and update dates. */
export function datasetRecord(
  s: RecordSettings,
  extent: RecordExtent,
  dates: RecordDates,
  nowMs: number = Date.now(),
): DatasetRecord {
  const content = recordContent(s);
  const start =
    extent.interval?.[0] ?? (s.retentionSeconds === null ? null : nowMs - s.retentionSeconds * 1000);
  const b = extent.bbox;
  return {
    id: content.id,
    conformsTo: content.conformsTo,
    type: content.type,
    time: start === null ? null : { interval: [formatUtc(start), '..'], resolution: 'PT10M' },
    geometry: b
      ? {
          type: 'Polygon',
          coordinates: [
            [
              [b[0], b[1]],
              [b[2], b[1]],
              [b[2], b[3]],
              [b[0], b[3]],
              [b[0], b[1]],
            ],
          ],
        }
      : null,
    properties: {
      ...content.properties,
      created: formatUtc(dates.createdMs),
      updated: formatUtc(dates.updatedMs),
    },
    links: content.links,
  };
}
