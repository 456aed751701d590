// What a subset says about its station and about the observations that follow: BUFR states these as
// descriptors before the values they qualify (station identifiers, time, position, then heights of sensors,
// time periods and statistics that hold until changed or cancelled by a missing value).
import type { DataItem } from '@obshub/bufr';

/** Seconds per unit of each time period or displacement descriptor. */
const displacementSeconds: Readonly<Record<string, number>> = {
  '004023': 86_400,
  '004024': 3_600,
  '004025': 60,
  '004026': 1,
  '004073': 86_400,
  '004074': 3_600,
  '004075': 60,
  '004086': 1,
};

/** Code table 0 08 023 (first-order statistics) as CF cell methods. */
const statistics: Readonly<Record<number, string>> = {
  2: 'maximum',
  3: 'minimum',
  4: 'mean',
  5: 'median',
  6: 'mode',
  13: 'root_mean_square',
};

/** Code table 0 08 021 (time significance): time averaged and accumulated values. */
const timeSignificances: Readonly<Record<number, string>> = { 2: 'mean', 3: 'sum' };

export interface Station {
  wigosSeries: number | null;
  wigosIssuer: number | null;
  wigosIssueNumber: number | null;
  wigosLocal: string | null;
  block: number | null;
  number: number | null;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
  heightAboveSeaLevel: number | null;
  time: Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>>;
}

const timeParts = {
  '004001': 'year',
  '004002': 'month',
  '004003': 'day',
  '004004': 'hour',
  '004005': 'minute',
  '004006': 'second',
} as const;

const numberOrNull = (value: DataItem['value']): number | null => (typeof value === 'number' ? value : null);

/** Follows one subset's descriptors in order. */
export class SubsetContext {
  readonly station: Station = {
    wigosSeries: null,
    wigosIssuer: null,
    wigosIssueNumber: null,
    wigosLocal: null,
    block: null,
    number: null,
    name: null,
    latitude: null,
    longitude: null,
    heightAboveSeaLevel: null,
    time: {},
  };
  /** 0 07 032 (or 0 07 033): height of the sensors that follow, metres. */
  sensorHeight: number | null = null;
  /** The period the last time displacement(s) span, seconds. */
  periodS: number | null = null;
  private timeSignificance: string | null = null;
  private statistic: string | null = null;
  private previous: DataItem | undefined;

  /** The cell method that 0 08 023 or 0 08 021 set for the values that follow, if any. */
  get function(): string | null {
    return this.statistic ?? this.timeSignificance;
  }

  /** Takes the next item of the subset; true when it identifies, locates or qualifies (is no observation). */
  take(item: DataItem): boolean {
    const previous = this.previous;
    this.previous = item;
    const number = numberOrNull(item.value);
    const seconds = displacementSeconds[item.descriptor];
    if (seconds !== undefined) {
      // Two displacements in a row give a period's start and end; one alone, a period up to the time.
      const start = previous?.descriptor === item.descriptor ? numberOrNull(previous.value) : 0;
      this.periodS = number === null || start === null ? null : Math.abs(number - start) * seconds;
      return true;
    }
    const station = this.station;
    const first = <T>(current: T | null, value: T | null): T | null => current ?? value;
    switch (item.descriptor) {
      case '001125':
        station.wigosSeries = first(station.wigosSeries, number);
        return true;
      case '001126':
        station.wigosIssuer = first(station.wigosIssuer, number);
        return true;
      case '001127':
        station.wigosIssueNumber = first(station.wigosIssueNumber, number);
        return true;
      case '001128':
        station.wigosLocal = first(
          station.wigosLocal,
          typeof item.value === 'string' ? item.value.trim() : null,
        );
        return true;
      case '001001':
        station.block = first(station.block, number);
        return true;
      case '001002':
        station.number = first(station.number, number);
        return true;
      case '001015':
      case '001018':
      case '001019':
        station.name = first(station.name, typeof item.value === 'string' ? item.value.trim() || null : null);
        return true;
      case '005001':
      case '005002':
        station.latitude = first(station.latitude, number);
        return true;
      case '006001':
      case '006002':
        station.longitude = first(station.longitude, number);
        return true;
      case '007001':
      case '007030':
        station.heightAboveSeaLevel = first(station.heightAboveSeaLevel, number);
        return true;
      case '007032':
        this.sensorHeight = number;
        return true;
      case '007033':
        // Templates give both heights, above ground and above water, and leave the one that does not apply
        // missing: only a present height above water replaces the height above ground.
        if (number !== null) this.sensorHeight = number;
        return true;
      case '008021':
        this.timeSignificance = number === null ? null : (timeSignificances[number] ?? null);
        return true;
      case '008023':
        this.statistic = number === null ? null : (statistics[number] ?? null);
        return true;
    }
    if (item.descriptor in timeParts) {
      const part = timeParts[item.descriptor as keyof typeof timeParts];
      if (station.time[part] === undefined && number !== null) station.time[part] = number;
      return true;
    }
    return false;
  }
}
