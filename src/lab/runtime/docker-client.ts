/** The docker runtime's connection: one dockerode client (loaded on first use), and the daemon and image checks. */
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
    throw new LabError('DOCKER_UNAVAILABLE', `the docker runtime needs a Docker daemon and none answers at ${where()} (${(cause as Error).message}); ${HOW_TO_START_DOCKER}`, {
      cause,
    });
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
}

/** The image's id, labels and size; undefined when the daemon does not have it. */
export async function findImage(d: Dockerode, ref = nodeImage()): Promise<ImageInfo | undefined> {
  try {
    const i = await d.getImage(ref).inspect();
    return { ref, id: i.Id, labels: i.Config?.Labels ?? {}, size: i.Size };
  } catch (cause) {
    if ((cause as { statusCode?: number }).statusCode === 404) return undefined;
    throw new LabError('DOCKER_UNAVAILABLE', `cannot inspect image ${ref}: ${(cause as Error).message}`, { cause });
  }
}

/** The image, or IMAGE_MISSING saying how to build it. */
export async function requireImage(d: Dockerode, ref = nodeImage()): Promise<ImageInfo> {
  const image = await findImage(d, ref);
  if (!image) throw new LabError('IMAGE_MISSING', `the docker runtime runs every node from image ${ref}, and the Docker daemon does not have it: ${HOW_TO_BUILD_IMAGE}`);
  return image;
}
