// The checks every identity operation starts with (ARCHITECTURE.md §6.3: the caller's auth context
// first): does the caller hold the permission, and does it act inside the organisation concerned?
import { can, isPlatformWide, type Permission, type Principal } from '../core/access.js';
import { ObshubError } from '../core/errors.js';

/** Throws 401 for anonymous callers and 403 for callers without `permission`. */
export function permit(principal: Principal, permission: Permission): void {
  if (!principal.role) throw new ObshubError('UNAUTHENTICATED', `this needs credentials with ${permission}`);
  if (!can(principal, permission)) {
    throw new ObshubError(
      'FORBIDDEN',
      `the role ${principal.role} with these credentials lacks ${permission}`,
    );
  }
}

/** `permit`, and the caller must be platform-wide or a member of `orgId`. */
export function permitInOrg(principal: Principal, permission: Permission, orgId: string | null): void {
  permit(principal, permission);
  if (!isPlatformWide(principal) && principal.orgId !== orgId) {
    throw new ObshubError('FORBIDDEN', `${permission} is limited to your own organisation`);
  }
}
