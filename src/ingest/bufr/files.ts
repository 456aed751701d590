// The BUFR files of one request (or one command) to E-SOH messages, within bounds: BUFR messages per file,
// decoded values and E-SOH messages of all files together. Each BUFR message is decoded, mapped and let go
// before the next, so memory holds one decoded message at a time. Pure code, no I/O.
import { BufrError, bufrMessages } from '@obshub/bufr';
import { ObshubError } from '../../core/errors.js';
import type { EsohMessage } from '../esohMessage.js';
import { tooManyMessages } from '../limits.js';
import { bufrToEsoh, type BufrLocation, type BufrMappingOptions, type BufrProblem } from './toEsoh.js';

export interface BufrFile {
  /** What the file is called in problems (its upload name, or its path). */
  name: string;
  bytes: Uint8Array;
}

export interface BufrFileLimits {
  /** BUFR messages one file may hold (INGEST_BUFR_MAX_MESSAGES). */
  maxMessagesPerFile: number;
  /** E-SOH messages all files may give together (INGEST_MAX_MESSAGES). */
  maxEsohMessages: number;
  /** Values all messages of all files may expand to together. */
  maxValues: number;
}

export interface BufrFilesMapping {
  messages: EsohMessage[];
  /** Where each message's value was found (same order as `messages`). */
  origins: BufrLocation[];
  /** Files and messages that could not be decoded, with the byte offset the decoder names. */
  unreadable: BufrProblem[];
  /** Subsets or values that could not become E-SOH messages. */
  problems: BufrProblem[];
  /** Measured values without an E-SOH mapping (left out). */
  unmapped: BufrProblem[];
  /** BUFR messages decoded, and the values they held. */
  bufrMessages: number;
  values: number;
}

/** Most values one BUFR message may expand to (the decoder's bound on memory for one message). */
const MAX_VALUES_PER_MESSAGE = 1_000_000;

/**
 * Decodes and maps every file. A file that cannot be decoded is named in `unreadable` with the offset of
 * the problem (the messages before it are still mapped). Throws BATCH_TOO_LARGE (413) when a limit is passed.
 */
export function bufrFilesToEsoh(
  files: readonly BufrFile[],
  options: Omit<BufrMappingOptions, 'file'>,
  limits: BufrFileLimits,
): BufrFilesMapping {
  const result: BufrFilesMapping = {
    messages: [],
    origins: [],
    unreadable: [],
    problems: [],
    unmapped: [],
    bufrMessages: 0,
    values: 0,
  };
  const decodeOptions = { maxValues: Math.min(MAX_VALUES_PER_MESSAGE, limits.maxValues) };
  for (const file of files) {
    let count = 0;
    try {
      for (const message of bufrMessages(file.bytes, decodeOptions)) {
        if (++count > limits.maxMessagesPerFile) {
          throw new ObshubError(
            'BATCH_TOO_LARGE',
            `${file.name} holds more than ${limits.maxMessagesPerFile} BUFR messages (INGEST_BUFR_MAX_MESSAGES); split it`,
          );
        }
        for (const subset of message.subsets) result.values += subset.length;
        if (result.values > limits.maxValues) {
          throw new ObshubError(
            'BATCH_TOO_LARGE',
            `the BUFR files expand to more than ${limits.maxValues} values; send fewer messages per request`,
          );
        }
        const mapped = bufrToEsoh([message], { ...options, file: file.name });
        if (result.messages.length + mapped.messages.length > limits.maxEsohMessages) {
          throw tooManyMessages(limits.maxEsohMessages);
        }
        result.messages.push(...mapped.messages);
        result.origins.push(...mapped.origins);
        result.problems.push(...mapped.problems);
        result.unmapped.push(...mapped.unmapped);
      }
    } catch (error) {
      if (!(error instanceof BufrError)) throw error;
      result.unreadable.push({ file: file.name, message: count, offset: error.offset, reason: error.detail });
      result.bufrMessages += count;
      continue;
    }
    result.bufrMessages += count;
    if (count === 0) {
      result.unreadable.push({
        file: file.name,
        message: 0,
        offset: 0,
        reason: 'no BUFR message in it (no "BUFR" that starts one)',
      });
    }
  }
  return result;
}
