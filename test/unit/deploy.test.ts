// The deployment files (deploy/) checked without Docker, Helm or Kubernetes: the compose file against the
// Compose Specification's JSON schema and dclint; the Dockerfile parsed and linted (dockerfile-ast,
// dockerfile-utils); the Helm chart's values against its schema, then rendered by test/support/helm-template
// (Go's text/template + Sprig, Helm's engine) and every object validated against the Kubernetes schemas
// (kubernetes-models); the systemd unit with systemd-analyze; every environment variable of every file
// against the settings schema; and the roles and replica counts of each against deploy/topology.json.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { DCLinter } from 'dclint';
import { DockerfileParser } from 'dockerfile-ast';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { settings } from '../../src/config/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = path.join(ROOT, 'deploy');
const CHART = path.join(DEPLOY, 'helm/obshub');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const readJson = <T>(file: string) => JSON.parse(read(file)) as T;

// Settings of the service-roles work of the same issue (SERVICES, BUS_URL, DATABASE_READ_URL) may not be in
// the schema yet on this branch; once they are, this list changes nothing.
const SETTINGS = new Set([...Object.keys(settings), 'CONFIG_FILE']);
const unknownSettings = (names: Iterable<string>) => [...names].filter((n) => !SETTINGS.has(n));

const TOPOLOGY = readJson<{ roles: Record<string, number> }>('deploy/topology.json').roles;
const ROLES = ['ingest', 'query', 'admin', 'relay', 'jobs', 'broker'];

describe('deploy/topology.json', () => {
  it('names only roles obshub has, each with at least one process', () => {
    for (const [role, count] of Object.entries(TOPOLOGY)) {
      assert.ok(ROLES.includes(role), role);
      assert.ok(Number.isInteger(count) && count >= 1, role);
    }
  });
});

describe('deploy/Dockerfile', () => {
  const text = read('deploy/Dockerfile');
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const froms = dockerfile.getFROMs();
  const lastFrom = froms.at(-1)!;
  const runtime = instructions.filter((i) => i.getRange().start.line > lastFrom.getRange().start.line);
  const keyword = (k: string) => runtime.filter((i) => i.getKeyword() === k);

  it('has no problem dockerfile-utils reports', () => {
    assert.deepEqual(
      lintDockerfile(text).map((d) => `${d.range.start.line + 1}: ${JSON.stringify(d.message)}`),
      [],
    );
  });

  it('is multi-stage on Node 20 (bookworm-slim): a build stage and a runtime stage', () => {
    assert.ok(froms.length >= 2, 'at least two stages');
    assert.match(text, /^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    assert.ok(
      froms.every((f) => f.getImageName() === '${NODE_IMAGE}' || /^node:20/.test(f.getImageName() ?? '')),
    );
    assert.equal(froms[0]!.getBuildStage(), 'build');
    const build = instructions.filter(
      (i) => i.getRange().start.line < lastFrom.getRange().start.line && i.getKeyword() === 'RUN',
    );
    assert.ok(
      build.some((i) => /npm ci\b/.test(i.getTextContent()) && !/--omit=dev/.test(i.getTextContent())),
    );
    assert.ok(build.some((i) => /npm run build/.test(i.getTextContent())));
  });

  it('runtime: production dependencies only, the built code and the built BUFR workspace', () => {
    const runs = keyword('RUN').map((i) => i.getTextContent());
    assert.ok(runs.some((r) => /npm ci --omit=dev/.test(r)));
    const copies = keyword('COPY').map((i) => i.getTextContent());
    assert.ok(copies.some((c) => /--from=build \/src\/dist /.test(c)));
    assert.ok(copies.some((c) => /--from=build \/src\/packages\/bufr\/dist /.test(c)));
  });

  it('runs as a user other than root, under tini, with a HEALTHCHECK on /health', () => {
    const user = keyword('USER').at(-1);
    assert.ok(user, 'USER in the runtime stage');
    assert.doesNotMatch(user.getArgumentsContent() ?? '', /^(root|0)(:|$)/);
    assert.ok(runtime.some((i) => i.getKeyword() === 'RUN' && /install .*\btini\b/.test(i.getTextContent())));
    const entrypoint = keyword('ENTRYPOINT').at(-1)?.getArgumentsContent() ?? '';
    assert.match(entrypoint, /^\["\/usr\/bin\/tini", "--", "node", "\/app\/dist\/main\.js"\]$/);
    const healthcheck = keyword('HEALTHCHECK').at(-1)?.getTextContent() ?? '';
    assert.match(healthcheck, /\/health\b/);
  });

  it('exposes HTTP and MQTT, and sets only settings of the schema', () => {
    const ports = keyword('EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue()));
    assert.deepEqual(ports.sort(), ['1883', '8080']);
    const env = keyword('ENV').flatMap((i) =>
      (i as unknown as { getProperties(): { getName(): string }[] }).getProperties().map((p) => p.getName()),
    );
    assert.ok(env.length > 0);
    assert.deepEqual(unknownSettings(env), []);
  });

  it('.dockerignore keeps the context to what the build copies', () => {
    const ignore = read('.dockerignore').split('\n');
    assert.equal(
      ignore.find((l) => l && !l.startsWith('#')),
      '*',
      'everything is excluded first',
    );
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'src/',
      'web/',
      'packages/bufr/src/',
      'packages/bufr/package.json',
      'scripts/copy-assets.mjs',
      'LICENSE',
      'README.md',
    ]) {
      assert.ok(ignore.includes(`!${needed}`), `${needed} is in the build context`);
    }
  });
});

interface ComposeService {
  image?: string;
  build?: { dockerfile?: string };
  environment?: Record<string, string | number | null>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  volumes?: (string | { type: string; source: string })[];
}

describe('deploy/compose.yaml', () => {
  const compose = parseYaml(read('deploy/compose.yaml'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;
  const hub = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');

  it('is valid against the Compose Specification schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    // The schema names draft-07 by its https address, which Ajv knows by its http one.
    const schema = readJson<Record<string, unknown>>(
      'test/fixtures/standards/compose-spec/compose-spec.json',
    );
    delete schema.$schema;
    const validate = ajv.compile(schema);
    assert.ok(validate(compose), JSON.stringify(validate.errors, null, 1));
    const typo = { ...compose, services: { ...services, redis: { ...services.redis, healthchek: {} } } };
    assert.equal(validate(typo), false, 'an unknown service key is refused');
  });

  it('has no problem dclint reports (deploy/.dclintrc)', () => {
    const linter = new DCLinter(readJson(path.join('deploy', '.dclintrc')));
    const results = linter.lintFiles([path.join(DEPLOY, 'compose.yaml')], false) as {
      messages: { line: number; message: string; rule: string }[];
    }[];
    const messages = results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.message} (${m.rule})`));
    assert.deepEqual(messages, []);
  });

  it('runs the hub roles with the counts of deploy/topology.json', () => {
    const counts: Record<string, number> = {};
    for (const [name, s] of hub) {
      const role = s.environment?.SERVICES;
      if (name === 'migrate') {
        assert.equal(role, undefined);
        continue;
      }
      assert.equal(typeof role, 'string', `${name} sets SERVICES`);
      counts[role as string] = (counts[role as string] ?? 0) + (s.deploy?.replicas ?? 1);
    }
    assert.deepEqual(counts, TOPOLOGY);
    assert.equal(
      services.query!.environment!.DATABASE_READ_URL?.toString().includes('postgres-replica'),
      true,
    );
  });

  it('gives the hub only settings of the schema', () => {
    for (const [name, s] of hub) {
      assert.deepEqual(unknownSettings(Object.keys(s.environment ?? {})), [], name);
    }
  });

  it('has the whole topology, every server with a healthcheck, and depends only on what exists', () => {
    for (const name of [
      'postgres',
      'postgres-replica',
      'mosquitto',
      'redis',
      'nats',
      'nginx',
      'prometheus',
      'grafana',
    ]) {
      assert.ok(services[name], name);
    }
    assert.match(services.postgres!.image!, /^postgis\/postgis:/);
    for (const [name, s] of Object.entries(services)) {
      if (name !== 'migrate') assert.ok(s.healthcheck, `${name} has a healthcheck`);
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        assert.ok(services[dep], `${name} depends on ${dep}`);
        if (condition === 'service_healthy') assert.ok(services[dep].healthcheck, `${dep} has a healthcheck`);
      }
    }
  });

  it('mounts files that exist (deploy/nginx, deploy/prometheus and deploy/grafana come from their own work)', () => {
    const owned = elsewhere();
    for (const [name, s] of Object.entries(services)) {
      for (const v of s.volumes ?? []) {
        const source = typeof v === 'string' ? v.split(':')[0]! : v.source;
        if (!source.startsWith('.')) continue;
        const file = path.resolve(DEPLOY, source);
        if (owned.some((dir) => file.startsWith(dir)) && !existsSync(file)) continue;
        assert.ok(existsSync(file), `${name} mounts ${source}`);
      }
    }
  });

  it("sets every variable of nginx's template (when deploy/nginx is there)", (t) => {
    const template = path.join(DEPLOY, 'nginx/obshub.conf.template');
    if (!existsSync(template)) return t.skip('deploy/nginx/obshub.conf.template is not on this branch yet');
    const used = new Set(
      [...readFileSync(template, 'utf8').matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1]!),
    );
    const defined = new Set(Object.keys(services.nginx!.environment ?? {}));
    assert.deepEqual(
      [...used].filter((v) => !defined.has(v)),
      [],
    );
  });
});

/** Folders of deploy/ that other work of the same issue writes. */
function elsewhere() {
  return ['nginx', 'prometheus', 'grafana'].map((d) => path.join(DEPLOY, d));
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

/** Builds test/support/helm-template with Debian's Go and Sprig; undefined when they are not installed. */
function helmTemplateBinary(): string | undefined {
  if (spawnSync('go', ['version']).status !== 0) return undefined;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'obshub-helm-')), 'helm-template');
  execFileSync('go', ['build', '-o', out, './test/support/helm-template'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: tmpdir(),
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      GOCACHE: path.join(tmpdir(), 'obshub-helm-template-gocache'),
      GOFLAGS: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return out;
}

describe('deploy/helm/obshub', () => {
  const values = parseYaml(readFileSync(path.join(CHART, 'values.yaml'), 'utf8')) as {
    roles: Record<
      string,
      { enabled: boolean; replicas: number; autoscaling?: { enabled: boolean; minReplicas: number } }
    >;
    config: Record<string, string>;
    secrets: Record<string, string>;
  };
  const schema = JSON.parse(readFileSync(path.join(CHART, 'values.schema.json'), 'utf8')) as {
    properties: Record<string, { propertyNames?: { enum: string[] } }>;
  };
  const validateValues = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

  it('Chart.yaml: the application version is the package version', () => {
    const chart = parseYaml(readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')) as Record<string, string>;
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.appVersion, readJson<{ version: string }>('package.json').version);
  });

  it('values.yaml and ci/test-values.yaml are valid against values.schema.json; a wrong key is not', () => {
    assert.ok(validateValues(values), JSON.stringify(validateValues.errors));
    const test = parseYaml(readFileSync(path.join(CHART, 'ci/test-values.yaml'), 'utf8')) as Record<
      string,
      object
    >;
    const merged = structuredClone(values) as unknown as Record<string, Record<string, unknown>>;
    for (const [k, v] of Object.entries(test))
      merged[k] = { ...merged[k], ...(v as Record<string, unknown>) };
    merged.roles = { ...merged.roles, broker: { enabled: true, replicas: 1 } };
    assert.ok(validateValues(merged), JSON.stringify(validateValues.errors));
    assert.equal(validateValues({ ...values, config: { RETENTON: 'PT1H' } }), false);
    assert.equal(
      validateValues({ ...values, roles: { ...values.roles, worker: { enabled: true, replicas: 1 } } }),
      false,
    );
  });

  it('values.schema.json offers every setting once: config, secrets, or set by the chart', () => {
    const config = schema.properties.config!.propertyNames!.enum;
    const secrets = schema.properties.secrets!.propertyNames!.enum;
    const byChart = ['HOST', 'PORT', 'DATA_DIR', 'SERVICES'];
    assert.deepEqual(unknownSettings([...config, ...secrets]), []);
    assert.deepEqual(
      config.filter((k) => secrets.includes(k)),
      [],
    );
    const offered = new Set([...config, ...secrets, ...byChart]);
    assert.deepEqual(
      Object.keys(settings).filter((k) => !offered.has(k)),
      [],
    );
  });

  it('default replicas are those of deploy/topology.json', () => {
    const counts = Object.fromEntries(
      Object.entries(values.roles)
        .filter(([, r]) => r.enabled)
        .map(([role, r]) => [role, r.replicas]),
    );
    assert.deepEqual(counts, TOPOLOGY);
    assert.equal(values.roles.query!.autoscaling!.minReplicas, TOPOLOGY.query);
  });

  const binary = helmTemplateBinary();
  const render = (...args: string[]) =>
    spawnSync(binary!, [...args, '--namespace', 'obshub', '--release', 'hub', CHART], { encoding: 'utf8' });
  const objects = (stdout: string) =>
    parseAllDocuments(stdout)
      .map((d) => d.toJS() as K8sObject | null)
      .filter((o): o is K8sObject => o !== null);

  it('renders (helm-template: Go text/template + Sprig) into objects valid against the Kubernetes schemas', async (t) => {
    if (!binary) {
      assert.notEqual(process.env.CI, 'true', 'CI installs golang-go and Sprig (.ci/run)');
      return t.skip('Go is not installed: apt-get install golang-go golang-github-masterminds-sprig-dev');
    }
    const result = render('-f', path.join(CHART, 'ci/test-values.yaml'));
    assert.equal(result.status, 0, result.stderr);
    const rendered = objects(result.stdout);
    const models: Record<string, string> = {
      'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
      'v1/Secret': 'kubernetes-models/v1/Secret',
      'v1/Service': 'kubernetes-models/v1/Service',
      'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
      'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
      'policy/v1/PodDisruptionBudget': 'kubernetes-models/policy/v1/PodDisruptionBudget',
      'networking.k8s.io/v1/Ingress': 'kubernetes-models/networking.k8s.io/v1/Ingress',
      'monitoring.coreos.com/v1/ServiceMonitor':
        '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor',
    };
    for (const object of rendered) {
      const module = models[`${object.apiVersion}/${object.kind}`];
      assert.ok(module, `a model for ${object.apiVersion} ${object.kind}`);
      const Model = (await import(module)) as Record<string, new (o: unknown) => { validate(): void }>;
      new Model[object.kind]!(object).validate();
    }

    const kinds = (kind: string) => rendered.filter((o) => o.kind === kind);
    const deployments = kinds('Deployment');
    // ci/test-values.yaml turns the broker on: every role has its Deployment, Service and PDB.
    assert.deepEqual(
      deployments.map((d) => d.metadata.labels!['app.kubernetes.io/component']).sort(),
      [...ROLES].sort(),
    );
    assert.equal(kinds('Service').length, ROLES.length);
    assert.equal(kinds('PodDisruptionBudget').length, ROLES.length);
    assert.equal(kinds('ServiceMonitor').length, 1);
    assert.equal(kinds('Ingress').length, 1);

    const env = new Set<string>();
    for (const d of deployments) {
      const role = d.metadata.labels!['app.kubernetes.io/component']!;
      const pod = (d.spec as { template: { spec: PodSpec } }).template.spec;
      const container = pod.containers[0]!;
      assert.deepEqual(container.env, [{ name: 'SERVICES', value: role }]);
      for (const e of container.env) env.add(e.name);
      assert.equal(container.livenessProbe.httpGet.path, '/health', role);
      assert.equal(container.readinessProbe.httpGet.path, '/ready', role);
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(container.securityContext.allowPrivilegeEscalation, false);
      const replicas = (d.spec as { replicas?: number }).replicas;
      if (role === 'query') assert.equal(replicas, undefined, 'the HPA sets the query replicas');
      else assert.equal(replicas, TOPOLOGY[role] ?? 1, role);
    }
    const hpa = kinds('HorizontalPodAutoscaler')[0]!;
    assert.equal((hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name, 'hub-obshub-query');

    for (const o of [...kinds('ConfigMap'), ...kinds('Secret')])
      for (const k of Object.keys(o.data ?? {})) env.add(k);
    assert.deepEqual(unknownSettings(env), []);

    const services = new Set(kinds('Service').map((s) => s.metadata.name));
    const ingress = kinds('Ingress')[0]!.spec as {
      rules: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }[];
    };
    const routes = Object.fromEntries(
      ingress.rules[0]!.http.paths.map((p) => [p.path, p.backend.service.name]),
    );
    assert.deepEqual(routes, {
      '/ingest': 'hub-obshub-ingest',
      '/json': 'hub-obshub-ingest',
      '/bufr': 'hub-obshub-ingest',
      '/api/v1': 'hub-obshub-admin',
      '/oidc': 'hub-obshub-admin',
      '/mqtt': 'hub-obshub-broker',
      '/': 'hub-obshub-query',
    });
    for (const name of Object.values(routes)) assert.ok(services.has(name), name);
  });

  it("the ServiceMonitor presents METRICS_TOKEN from the settings' Secret when the hub requires it", async (t) => {
    if (!binary) return t.skip('Go is not installed');
    const dir = mkdtempSync(path.join(tmpdir(), 'obshub-values-'));
    const { ServiceMonitor } =
      await import('@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor');
    const endpointOf = (...values: string[]) => {
      const files = values.flatMap((v, i) => {
        writeFileSync(path.join(dir, `${i}.yaml`), v);
        return ['-f', path.join(dir, `${i}.yaml`)];
      });
      const result = render('-f', path.join(CHART, 'ci/test-values.yaml'), ...files);
      assert.equal(result.status, 0, result.stderr);
      const monitor = objects(result.stdout).find((o) => o.kind === 'ServiceMonitor')!;
      new ServiceMonitor(monitor as never).validate();
      return (monitor.spec as { endpoints: Record<string, unknown>[] }).endpoints[0]!;
    };
    const bearer = (secret: string) => ({
      type: 'Bearer',
      credentials: { name: secret, key: 'METRICS_TOKEN' },
    });
    assert.equal(endpointOf().authorization, undefined, 'no token, none sent');
    assert.deepEqual(
      endpointOf('secrets:\n  METRICS_TOKEN: 0123456789abcdef0123\n').authorization,
      bearer('hub-obshub'),
    );
    const existing = 'existingSecret: obshub-settings\n';
    assert.equal(endpointOf(existing).authorization, undefined);
    assert.deepEqual(
      endpointOf(existing, 'metrics:\n  serviceMonitor:\n    metricsTokenInExistingSecret: true\n')
        .authorization,
      bearer('obshub-settings'),
    );
  });

  it('refuses to render without DATABASE_URL; with an existing Secret renders none', (t) => {
    if (!binary) return t.skip('Go is not installed');
    const bare = render();
    assert.notEqual(bare.status, 0);
    assert.match(bare.stderr, /secrets\.DATABASE_URL is required/);
    const dir = mkdtempSync(path.join(tmpdir(), 'obshub-values-'));
    writeFileSync(path.join(dir, 'v.yaml'), 'existingSecret: obshub-settings\n');
    const result = render('-f', path.join(dir, 'v.yaml'));
    assert.equal(result.status, 0, result.stderr);
    const rendered = objects(result.stdout);
    assert.equal(rendered.filter((o) => o.kind === 'Secret').length, 0);
    assert.equal(rendered.filter((o) => o.kind === 'Deployment').length, Object.keys(TOPOLOGY).length);
    assert.ok(result.stdout.includes('name: obshub-settings'));
  });
});

interface PodSpec {
  securityContext: { runAsNonRoot: boolean };
  containers: {
    env: { name: string; value: string }[];
    livenessProbe: { httpGet: { path: string } };
    readinessProbe: { httpGet: { path: string } };
    securityContext: { allowPrivilegeEscalation: boolean };
  }[];
}

describe('deploy/systemd', () => {
  const unit = read('deploy/systemd/obshub@.service');
  const directives = unit
    .split('\n')
    .filter((l) => /^[A-Za-z]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const);
  const values = (key: string) => directives.filter(([k]) => k === key).map(([, v]) => v);

  it('runs one role per instance (SERVICES=%i), with hardening', () => {
    assert.ok(values('Environment').includes('SERVICES=%i'));
    for (const [key, value] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['PrivateDevices', 'yes'],
      ['RestrictSUIDSGID', 'yes'],
      ['CapabilityBoundingSet', ''],
    ] as const) {
      assert.deepEqual(values(key), [value], key);
    }
    assert.match(values('ExecStart')[0]!, /dist\/main\.js serve$/);
  });

  it('sets, and its environment file example holds, only settings of the schema', () => {
    const names = values('Environment').map((v) => v.split('=')[0]!);
    assert.deepEqual(unknownSettings(names), []);
    const example = read('deploy/systemd/obshub.env.example')
      .split('\n')
      .filter((l) => /^[A-Z]/.test(l))
      .map((l) => l.split('=')[0]!);
    assert.deepEqual(unknownSettings(example), []);
    // The unit sets these per instance; the shared file would override them (EnvironmentFile wins).
    assert.equal(example.includes('SERVICES') || example.includes('DATA_DIR'), false);
  });

  it('passes systemd-analyze verify for every role, and its security exposure is low', (t) => {
    if (spawnSync('systemd-analyze', ['--version']).status !== 0)
      return t.skip('systemd-analyze is not installed');
    const dir = mkdtempSync(path.join(tmpdir(), 'obshub-unit-'));
    // verify checks that ExecStart's program exists: the node that runs this test stands in for /usr/bin/node.
    writeFileSync(path.join(dir, 'obshub@.service'), unit.replace('/usr/bin/node ', `${process.execPath} `));
    for (const role of Object.keys(TOPOLOGY)) {
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', `./obshub@${role}.service`], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr.trim(), '', `no warning for obshub@${role}`);
    }
    const security = spawnSync('systemd-analyze', ['security', '--offline=yes', './obshub@query.service'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const level = /Overall exposure level for obshub@query\.service: ([\d.]+)/.exec(security.stdout);
    assert.ok(level, security.stdout + security.stderr);
    assert.ok(Number(level[1]) <= 2, `exposure ${level[1]} (≤ 2: "OK")`);
  });
});

it('deploy/ holds only the files these tests check, and the folders of the other work', () => {
  const top = readdirSync(DEPLOY).sort();
  const known = [
    '.dclintrc',
    '.env.example',
    'Dockerfile',
    'compose.yaml',
    'helm',
    'mosquitto',
    'postgres',
    'systemd',
    'topology.json',
  ];
  assert.deepEqual(
    top.filter((f) => !known.includes(f) && !elsewhere().includes(path.join(DEPLOY, f))),
    [],
  );
});
