// deploy/kubernetes/: the Indexed Job manifest is a valid batch/v1 Job by the Kubernetes API schema
// (kubernetes-models), and its fields fit how kplay slices a run and where the Containerfile puts things.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sliceFromEnv } from '../../../engine/run/slice.js';

const DIR = join(import.meta.dirname, '../../../deploy/kubernetes');
const manifest = parse(readFileSync(join(DIR, 'job.yaml'), 'utf8')) as ConstructorParameters<typeof Job>[0];
const containerfile = readFileSync(join(DIR, 'Containerfile'), 'utf8');
const job = new Job(manifest);
const spec = job.spec;
const pod = spec?.template.spec;
const container = pod?.containers[0];
const env = new Map((container?.env ?? []).map((e) => [e.name, e]));

describe('deploy/kubernetes/job.yaml', () => {
  it('is valid by the Kubernetes API schema', () => {
    expect(() => job.validate()).not.toThrow();
  });

  it('the schema check can fail: a wrong type is caught', () => {
    const broken = new Job({ ...manifest, spec: { ...manifest?.spec, completions: 'four' as unknown as number, template: manifest?.spec?.template ?? {} } });
    expect(() => broken.validate()).toThrow(/completions/);
  });

  it('is an Indexed Job whose KPLAY_SHARD_COUNT is its completions', () => {
    expect(spec?.completionMode).toBe('Indexed');
    expect(Number(env.get('KPLAY_SHARD_COUNT')?.value)).toBe(spec?.completions);
    expect(spec?.parallelism).toBeLessThanOrEqual(spec?.completions ?? 0);
    expect(pod?.restartPolicy).toBe('Never');
    // every pod Kubernetes starts gets a slice kplay accepts: index 0..completions-1
    const count = String(spec?.completions);
    for (let i = 0; i < (spec?.completions ?? 0); i++) expect(sliceFromEnv({ JOB_COMPLETION_INDEX: String(i), KPLAY_SHARD_COUNT: count })?.index).toBe(i + 1);
  });

  it("gives every slice the Job's uid as the shared run id, and the store's URL from a secret", () => {
    expect(env.get('KPLAY_RUN_ID')?.valueFrom?.fieldRef?.fieldPath).toBe("metadata.labels['batch.kubernetes.io/controller-uid']");
    expect(env.get('KPLAY_RUN_STORE')?.valueFrom?.secretKeyRef).toMatchObject({ name: 'kplay-store', key: 'url' });
  });

  it('runs kplay run with the SSH key and vault password from mounted secrets', () => {
    const args = container?.args ?? [];
    expect(args[0]).toBe('run');
    const mounts = container?.volumeMounts ?? [];
    const secretOf = (path: string) => {
      const mount = mounts.find((m) => path.startsWith(`${m.mountPath}/`));
      return pod?.volumes?.find((v) => v.name === mount?.name)?.secret?.secretName;
    };
    expect(secretOf(args[args.indexOf('--private-key') + 1] ?? '')).toBe('kplay-ssh');
    expect(secretOf(args[args.indexOf('--vault-password-file') + 1] ?? '')).toBe('kplay-vault');
    expect(mounts.filter((m) => secretOf(`${m.mountPath}/x`) !== undefined).every((m) => m.readOnly === true)).toBe(true);
  });

  it('runs as the Containerfile\'s user, with kplay as the entry point', () => {
    expect(containerfile).toMatch(/^ENTRYPOINT \["kplay"\]$/m);
    const uid = /--uid (\d+)/.exec(containerfile)?.[1];
    expect(containerfile).toMatch(new RegExp(`^USER ${uid}$`, 'm'));
    expect(pod?.securityContext?.runAsUser).toBe(Number(uid));
    expect(pod?.securityContext?.runAsNonRoot).toBe(true);
    expect(containerfile).toMatch(/npm install -g \/tmp\/kplay-\*\.tgz/);
    expect(container?.args?.[1]).toMatch(/^playbooks\//);
    expect(containerfile).toContain('COPY --chown=10001:10001 playbooks/ playbooks/');
  });
});
