/** The docker runtime's connection: one dockerode client (loaded on first use), and the daemon and image checks. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { LabError } from '../errors.js';

/** The image every node of a docker lab runs; DMVPN_NODE_IMAGE overrides it. */
export function nodeImage(): string {
  return process.env.DMVPN_NODE_IMAGE ?? 'dmvpn-lab/dmvpn-node:latest';
}

/** How to get a Docker daemon, for error messages. */
export const HOW_TO_START_DOCKER =
  'start one with "sudo scripts/docker-up.sh" (installs docker.io when missing and runs dockerd in the background) or "sudo systemctl start docker"';

/** How to get the image, for error messages. */
export const HOW_TO_BUILD_IMAGE = 'build it with "make image" (no registry needed)';

let client: Promise<Dockerode> | undefined;

/** The dockerode client (DOCKER_HOST, DOCKER_CERT_PATH… are honoured); dockerode is imported only when a docker lab is used. */
export function docker(): Promise<Dockerode> {
  client ??= import('dockerode').then((m) => new m.default());
  return client;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function where(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** The client once the daemon answers; throws DOCKER_UNAVAILABLE saying how to start one. */
export async function requireDaemon(timeoutMs = 5000): Promise<Dockerode> {
  const d = await docker();
  try {
    await withTimeout(d.ping(), timeoutMs, `Docker daemon at ${where()}`);
    return d;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EACCES') {
      const socket = where().replace(/^unix:\/\//, '');
      const text = `permission denied on the Docker socket ${socket}: run as root or join the docker group`;
      throw new LabError('DOCKER_UNAVAILABLE', text, { cause });
    }
    throw new LabError(
      'DOCKER_UNAVAILABLE',
      `the docker runtime needs a Docker daemon and none answers at ${where()} (${(cause as Error).message}); ${HOW_TO_START_DOCKER}`,
      {
        cause,
      },
    );
  }
}

/** True when a daemon answers within `timeoutMs`. */
export async function daemonAnswers(timeoutMs = 1500): Promise<boolean> {
  try {
    await requireDaemon(timeoutMs);
    return true;
  } catch {
    return false;
  }
}

/** What the runtime needs to know of the image. */
export interface ImageInfo {
  ref: string;
  id: string;
  labels: Record<string, string>;
  size: number;
  /** When it was built (ms since the epoch). */
  created: number;
}

/** The image's id, labels and size; undefined when the daemon does not have it. */
export async function findImage(d: Dockerode, ref = nodeImage()): Promise<ImageInfo | undefined> {
  try {
    const i = await d.getImage(ref).inspect();
    return { ref, id: i.Id, labels: i.Config?.Labels ?? {}, size: i.Size, created: Date.parse(i.Created) };
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode === 404) return undefined;
    throw new LabError('DOCKER_UNAVAILABLE', `cannot inspect image ${ref}: ${(cause as Error).message}`, { cause });
  }
}

/** The image, or IMAGE_MISSING saying how to build it. */
export async function requireImage(d: Dockerode, ref = nodeImage()): Promise<ImageInfo> {
  const image = await findImage(d, ref);
  if (!image)
    throw new LabError(
      'IMAGE_MISSING',
      `the docker runtime runs every node from image ${ref}, and the Docker daemon does not have it: ${HOW_TO_BUILD_IMAGE}`,
    );
  return image;
}

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist');
const ORCHESTRATOR = ['cli', 'lab', 'tui'];

function jsFiles(dir: string, rel: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) jsFiles(join(dir, e.name), `${rel}/${e.name}`, out);
    else if (e.name.endsWith('.js')) out.push(`${rel}/${e.name}`);
  }
  return out;
}

/** The hash `make image` labels the image with (`dmvpn-lab.router`): sha256sum of the router's .js files in dist/, as images/dmvpn-node/build.sh computes it. */
export function routerHash(dist = DIST): string | undefined {
  let files: string[];
  try {
    files = readdirSync(dist, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !ORCHESTRATOR.includes(e.name))
      .flatMap((e) => jsFiles(join(dist, e.name), `./${e.name}`, []))
      .concat(
        readdirSync(dist)
          .filter((f) => f.endsWith('.js'))
          .map((f) => `./${f}`),
      );
  } catch {
    return undefined;
  }
  const lines = files
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      (f) =>
        `${createHash('sha256')
          .update(readFileSync(join(dist, f)))
          .digest('hex')}  ${f}\n`,
    )
    .join('');
  return createHash('sha256').update(lines).digest('hex').slice(0, 24);
}

/** A warning when the image's router differs from the one compiled in this tree's dist/; else undefined. */
export function staleImageWarning(image: ImageInfo): string | undefined {
  const label = image.labels['dmvpn-lab.router'];
  const mine = label === undefined ? undefined : routerHash();
  return mine !== undefined && mine !== label
    ? `image ${image.ref} holds another build of dmvpnd than ${DIST}: "make image" brings it up to date`
    : undefined;
}
