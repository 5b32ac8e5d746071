/**
 * Save-time egress check: a webhook URL whose host is (or resolves to) a loopback, private,
 * link-local or otherwise non-public address is refused when it is saved, with the same policy
 * and EGRESS_ALLOWLIST the delivery worker enforces again at connect time.
 */
import { fail } from '../domain/errors.ts';
import { parseAllowlist } from '../delivery/http/egress.ts';
import { resolveChecked } from '../delivery/http/guarded-connect.ts';

export interface EgressCheck {
  checkUrl(url: string): Promise<void>;
}

export function egressCheck(allowlist: readonly string[]): EgressCheck {
  const allow = parseAllowlist(allowlist);
  return {
    async checkUrl(url: string) {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      try {
        await resolveChecked(host, allow);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'ERR_EGRESS_REFUSED') fail('error-invalid-url', `url: ${(err as Error).message}`);
        fail('error-invalid-url', `url: the host ${host} cannot be resolved`);
      }
    },
  };
}
