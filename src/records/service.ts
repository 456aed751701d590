// The records service: keeps the dataset record's creation and update dates in the database, serves the
// record with live extents, and, when its content changes, queues its WIS2 metadata notification in the
// outbox, where the relays publish it like every announcement (retries, several relays, at least once).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BusPublisher } from '../bus/index.js';
import { metadataTopic } from '../core/wis2/topics.js';
import { wnmProblems } from '../notify/index.js';
import type { Repositories } from '../storage/index.js';
import { recordsCollection } from './collection.js';
import { metadataNotification } from './metadataNotification.js';
import { datasetRecord, recordContent, type DatasetRecord, type RecordSettings } from './record.js';

const KEY_CREATED = 'wcmp2.created';
const KEY_UPDATED = 'wcmp2.updated';
const KEY_HASH = 'wcmp2.content_hash';
/** The content hash whose notification was queued (announced, from the relays' point of view). */
const KEY_ANNOUNCED = 'wcmp2.announced_hash';

export interface RecordsServiceOptions {
  storage: Pick<Repositories, 'settings' | 'series' | 'outbox'>;
  log: Logger;
  settings: RecordSettings;
  /** Announce record changes on the WIS2 metadata topic. */
  announce: boolean;
  /** Tells the relays that a notification was queued (they also poll). */
  bus?: BusPublisher;
}

export class RecordsService {
  private createdMs = 0;
  private updatedMs = 0;
  private hash = '';

  constructor(private readonly options: RecordsServiceOptions) {}

  get settings(): RecordSettings {
    return this.options.settings;
  }

  /** Reads (or sets, on first start or after a change) the record's dates; queues the announcement if due. */
  async start(now: number = Date.now()): Promise<this> {
    const { storage } = this.options;
    this.hash = createHash('sha256')
      .update(JSON.stringify(recordContent(this.settings)))
      .digest('hex');
    const created = await storage.settings.read(KEY_CREATED);
    if (created === undefined) await storage.settings.write(KEY_CREATED, String(now));
    this.createdMs = created === undefined ? now : Number(created);
    if ((await storage.settings.read(KEY_HASH)) !== this.hash) {
      await storage.settings.write(KEY_UPDATED, String(now));
      await storage.settings.write(KEY_HASH, this.hash);
    }
    this.updatedMs = Number((await storage.settings.read(KEY_UPDATED)) ?? now);
    if (this.options.announce) await this.announceIfChanged();
    return this;
  }

  /** Nothing runs in the background any more (the relays publish); kept for the hub's stop sequence. */
  async stop(): Promise<void> {}

  /** The record with live extents (the data inside the retention window). */
  async record(now: number = Date.now()): Promise<DatasetRecord> {
    const { retentionSeconds } = this.settings;
    const extent = await this.options.storage.series.extent(
      retentionSeconds === null ? null : now - retentionSeconds * 1000,
    );
    return datasetRecord(
      this.settings,
      extent,
      { createdMs: this.createdMs, updatedMs: this.updatedMs },
      now,
    );
  }

  /** The OGC API - Records collection document, with the record's live extents. */
  async collection(): Promise<Record<string, unknown>> {
    return recordsCollection(this.settings.publicUrl, await this.record());
  }

  /**
   * Queues the metadata notification in the outbox unless this content was queued already (by this or
   * another process); true when queued now.
   */
  async announceIfChanged(): Promise<boolean> {
    const { storage, log, bus } = this.options;
    const record = await this.record();
    const topic = metadataTopic(this.settings);
    const queued = await storage.outbox.queueMessageOnce(KEY_ANNOUNCED, this.hash, (previous) => {
      const message = metadataNotification(record, {
        centreId: this.settings.centreId,
        publicUrl: this.settings.publicUrl,
        update: previous !== undefined,
      });
      const payload = JSON.stringify(message);
      const problems = wnmProblems(message, payload);
      if (problems.length === 0) return { topic, payload };
      // A bug, not a transient failure: queueing it again would not help.
      log.error({ component: 'records', problems }, 'metadata notification failed validation; not published');
      return undefined;
    });
    if (queued) {
      log.info({ component: 'records', topic, id: record.id }, 'discovery metadata notification queued');
      await bus?.publish('metadata.changed', { recordId: record.id });
    }
    return queued;
  }
}
