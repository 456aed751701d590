// BUFR ingest: the files of one request become E-SOH messages (src/ingest/bufr), which the ingest service
// validates and stores exactly as a JSON batch, in one transaction. Every problem names where it lies in
// the BUFR input: file, message, subset, descriptor (and the byte offset when a file cannot be decoded).
import type { Principal } from '../core/access.js';
import { ObshubError, type Problem } from '../core/errors.js';
import { namingAuthorityProblem } from '../core/namingAuthority.js';
import { describeProblem, type BufrLocation, type BufrProblem } from './bufr/toEsoh.js';
import { bufrFilesToEsoh, type BufrFile } from './bufr/files.js';
import type { EsohLink } from './esohMessage.js';
import { fixedLimits } from './limits.js';
import type { IngestResult, IngestService } from './service.js';

export interface BufrIngestLimits {
  /** Files in one request (INGEST_BUFR_MAX_FILES). */
  maxFiles: number;
  /** BUFR messages in one file (INGEST_BUFR_MAX_MESSAGES). */
  maxMessagesPerFile: number;
}

/** What the provider may state for the whole upload (query parameters). */
export interface BufrIngestParams {
  /** Default: the one naming authority the caller's organisation owns. */
  naming_authority?: string;
  /** Default: CC-BY-4.0. */
  license?: string;
}

/** The naming authorities the caller's organisation owns (none for anonymous callers). */
export type OwnedAuthorities = (principal: Principal) => Promise<readonly string[]>;

export const BUFR_DEFAULT_LICENSE = 'CC-BY-4.0';
/** The link every message made from BUFR carries (E-SOH messages need one): the WMO station catalogue. */
export const BUFR_LINKS: EsohLink[] = [
  { href: 'https://oscar.wmo.int/surface/', rel: 'related', title: 'WMO OSCAR/Surface station catalogue' },
];

/** A BUFR problem as a problem of the answer: the location as fields and in the message. */
export function bufrProblem(problem: BufrProblem, path = ''): Problem {
  return {
    path,
    message: describeProblem(problem),
    ...(problem.file === undefined ? {} : { file: problem.file }),
    bufrMessage: problem.message,
    ...(problem.subset === undefined ? {} : { subset: problem.subset }),
    ...(problem.descriptor === undefined ? {} : { descriptor: problem.descriptor }),
    ...(problem.offset === undefined ? {} : { offset: problem.offset }),
  };
}

export class BufrIngest {
  constructor(
    private readonly service: IngestService,
    readonly limits: BufrIngestLimits,
    private readonly ownedAuthorities: OwnedAuthorities,
  ) {}

  private async namingAuthority(principal: Principal, given: string | undefined): Promise<string> {
    if (given !== undefined) {
      const problem = namingAuthorityProblem(given);
      if (problem) throw new ObshubError('BAD_REQUEST', `naming_authority ${problem}`);
      return given;
    }
    const owned = await this.ownedAuthorities(principal);
    if (owned.length === 1) return owned[0]!;
    throw new ObshubError(
      'BAD_REQUEST',
      owned.length === 0
        ? 'name the naming authority of the observations: ?naming_authority=… (e.g. nl.knmi)'
        : `your organisation owns several naming authorities (${owned.join(', ')}); name one: ?naming_authority=…`,
    );
  }

  /**
   * Decodes, maps, validates and stores the files for `principal`. Throws 400 when a file cannot be decoded
   * (naming it and the byte offset), 413 beyond a limit, 422 listing the problems; nothing is stored then.
   */
  async ingest(
    principal: Principal,
    files: readonly BufrFile[],
    params: BufrIngestParams,
    source: string | null,
  ): Promise<IngestResult> {
    const namingAuthority = await this.namingAuthority(principal, params.naming_authority);
    const settings = this.service.settings.ingestLimits;
    const mapping = bufrFilesToEsoh(
      files,
      { namingAuthority, license: params.license ?? BUFR_DEFAULT_LICENSE, links: BUFR_LINKS },
      {
        maxMessagesPerFile: this.limits.maxMessagesPerFile,
        maxEsohMessages: settings.maxMessages,
        maxValues: fixedLimits.bufrValues,
      },
    );
    if (mapping.unreadable.length > 0) {
      const [first] = mapping.unreadable;
      const more = mapping.unreadable.length - 1;
      throw new ObshubError(
        'BODY_UNREADABLE',
        `not readable as BUFR: ${describeProblem(first!)}${more > 0 ? ` (and ${more} more)` : ''}; nothing was stored`,
        { problems: mapping.unreadable.slice(0, fixedLimits.listedProblems).map((p) => bufrProblem(p)) },
      );
    }
    if (mapping.messages.length === 0 && mapping.problems.length === 0) {
      const unmapped = mapping.unmapped.length;
      throw new ObshubError('INGEST_INVALID', '1 problem found; nothing was stored', {
        problems: [
          {
            path: '',
            message: `the ${mapping.bufrMessages} BUFR message(s) hold no observation obshub maps to E-SOH${
              unmapped > 0 ? ` (${unmapped} measured values have no E-SOH mapping)` : ''
            }`,
          },
        ],
        extensions: { invalidMessages: 0, messages: 0 },
      });
    }
    const origins: readonly BufrLocation[] = mapping.origins;
    return this.service.ingest(principal, mapping.messages, source, {
      problems: mapping.problems.map((p) => bufrProblem(p)),
      invalidInputs: mapping.problems.length,
      locate(problem) {
        const [, index, rest = ''] = /^\/(\d+)(\/.*)?$/.exec(problem.path) ?? [];
        const origin = index === undefined ? undefined : origins[Number(index)];
        return origin ? bufrProblem({ ...origin, reason: problem.message }, rest) : problem;
      },
    });
  }
}
