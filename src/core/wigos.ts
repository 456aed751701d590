// WIGOS station identifiers: series-issuer-issue_number-local_identifier, as E-SOH validates them.

export function wigosIdProblem(platform: string): string | undefined {
  const blocks = platform.split('-');
  if (blocks.length !== 4) return `"${platform}" is not a WIGOS id: it needs 4 blocks separated by '-'`;
  for (const block of blocks.slice(0, 3)) {
    if (!/^\d+$/.test(block) || Number(block) > 65534) {
      return `"${platform}" is not a WIGOS id: "${block}" must be an integer from 0 to 65534`;
    }
  }
  const local = blocks[3] ?? '';
  if (local.length < 1 || local.length > 16) {
    return `"${platform}" is not a WIGOS id: the local identifier must have 1 to 16 characters`;
  }
  return undefined;
}
