/**
 * Waits for links the router just brought up to be operationally up. After `ip link set DEV up` the
 * kernel activates the device's queueing discipline only when its link watch runs (up to about a
 * second later); until then packets sent on it — the first ARP request for the NBMA next hop among
 * them — are dropped, and the first Registration Request would wait for ARP's retry, a second later,
 * and go out together with its retransmission. So NHRP starts once the NBMA links are up, as IOS
 * starts NHRP on an interface that is up.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A device's RFC 2863 operational state (`/sys/class/net/DEV/operstate`), undefined when unreadable. */
export function operState(dev: string): string | undefined {
  try {
    return readFileSync(`/sys/class/net/${dev}/operstate`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Resolves once every device in `devs` is up (operstate `up`, or `unknown` for devices that do not
 * report one), or gone, or after `timeoutMs`; returns the devices still not up.
 */
export async function waitLinksUp(devs: readonly string[], timeoutMs = 2000, read = operState): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  let pending = [...devs];
  for (;;) {
    pending = pending.filter((d) => {
      const s = read(d);
      return s !== undefined && s !== 'up' && s !== 'unknown';
    });
    if (pending.length === 0 || Date.now() >= until) return pending;
    await sleep(10);
  }
}
