// The records service: keeps the dataset record's creation and update dates in the database, serves the
// record with live extents, and announces it on the WIS2 metadata topic when its content changes
// (retrying until the broker takes it).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { metadataTopic } from '../core/wis2/topics.js';
import { wnmProblems, type Broker } from '../notify/index.js';
import type { Repositories } from '../storage/index.js';
import { recordsCollection } from './collection.js';
import { metadataNotification } from './metadataNotification.js';
import { datasetRecord, recordContent, type DatasetRecord, type RecordSettings } from './record.js';

const KEY_CREATED = 'wcmp2.created';
const KEY_UPDATED = 'wcmp2.updated';
const KEY_HASH = 'wcmp2.content_hash';
const KEY_ANNOUNCED = 'wcmp2.announced_hash';

export interface RecordsServiceOptions {
  storage: Pick<Repositories, 'settings' | 'series'>;
  broker: Broker;
  log: Logger;
  settings: RecordSettings;
  /** Announce record changes on the WIS2 metadata topic. */
  announce: boolean;
  retryMs?: number;
}

export class RecordsService {
  private createdMs = 0;
  private updatedMs = 0;
  private hash = '';
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private announcing: Promise<void> | undefined;

  constructor(private readonly options: RecordsServiceOptions) {}

  get settings(): RecordSettings {
    return this.options.settings;
  }

  /** Reads (or sets, on first start or after a change) the record's dates; starts announcing if due. */
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
    if (this.options.announce) this.scheduleAnnounce(0);
    return this;
  }

  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.announcing ?? Promise.resolve();
  }

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

  /** Publishes the metadata notification if this content was not announced yet; true when done. */
  async announceIfChanged(): Promise<boolean> {
    const { storage, broker, log } = this.options;
    const announced = await storage.settings.read(KEY_ANNOUNCED);
    if (announced === this.hash) return true;
    const record = await this.record();
    const message = metadataNotification(record, {
      centreId: this.settings.centreId,
      publicUrl: this.settings.publicUrl,
      update: announced !== undefined,
    });
    const payload = JSON.stringify(message);
    const problems = wnmProblems(message, payload);
    if (problems.length > 0) {
      log.error({ component: 'records', problems }, 'metadata notification failed validation; not published');
      return true; // a bug, not a transient failure: retrying would not help
    }
    broker.checkReady();
    const topic = metadataTopic(this.settings);
    await broker.publish(topic, payload, { qos: 1 });
    await storage.settings.write(KEY_ANNOUNCED, this.hash);
    log.info({ component: 'records', topic, id: record.id }, 'discovery metadata announced');
    return true;
  }

  private scheduleAnnounce(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.announcing = this.announceIfChanged()
        .catch((err: unknown) => {
          this.options.log.warn(
            { component: 'records', err },
            'metadata notification not sent yet; will retry',
          );
          this.scheduleAnnounce(this.options.retryMs ?? 5000);
          return false;
        })
        .then(() => undefined);
    }, delayMs);
    this.timer.unref();
  }
}
