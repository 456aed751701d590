// `obshub serve`: starts the hub, tells the person at the terminal where everything is, and stops it the
// way a supervisor expects: SIGTERM or SIGINT stops accepting, drains, closes the database last, logs
// `stopped` and exits 0; a stop that takes longer than SHUTDOWN_TIMEOUT exits 1 naming what it abandoned.
import type { Logger } from 'pino';
import { environmentWarnings, settings, type Config } from '../config/index.js';
import { serviceRoles, type ServiceRole } from '../core/roles.js';
import { createHub, roles, type Hub } from '../hub.js';
import { createLogger, logsArePretty, obshubVersion } from '../ops/index.js';
import { configFrom, parseCommand, type CliCommand } from './command.js';

const usage = `Usage: obshub serve [--services <roles>] [--config <file>]

Starts obshub: the HTTP API on HOST:PORT (web app at /app/, API docs at /docs, ingest at
POST /ingest/json and /ingest/bufr, /health, /ready), the MQTT broker (embedded on MQTT_PORT unless MQTT_URL is set), the
retention job and, on the embedded database, the demo feed. Applies pending migrations first. Stops
cleanly on SIGINT/SIGTERM (within SHUTDOWN_TIMEOUT).

--services <roles>  the service roles this process runs (as SERVICES): all (the default), or a
                    comma-separated list of:
${Object.entries(roles)
  .map(([name, role]) => `                      ${name.padEnd(8)}${role.summary}`)
  .join('\n')}

Settings: ${Object.keys(settings).join(', ')} (see README.md).`;

/** Where everything is, for the start line (fields) and the terminal banner (lines). */
function startSummary(hub: Hub, url: string) {
  const { config } = hub;
  const broker = hub.mqttBroker;
  const mqttPort = broker ? Number(new URL(broker.url).port) : undefined;
  const fallback =
    broker !== undefined && !config.mqttUrl && mqttPort !== config.mqttPort && config.mqttPort !== 0;
  const serves = (role: ServiceRole) => hub.roles.includes(role);
  const fields = {
    url,
    services: hub.roles.join(','),
    app: serves('query') ? `${url}/app/` : undefined,
    docs: `${url}/docs`,
    openapi: `${url}/openapi.json`,
    mqtt: broker?.url,
    mqttWebSocket: hub.mqttOverWebSocket ? `${url.replace(/^http/, 'ws')}/mqtt` : undefined,
    dataDir: config.dataDir,
    database: hub.storage.description,
    broker: broker?.description ?? 'none in this process',
    bus: hub.bus.description,
    rateLimits: `${config.rateLimits ? 'on' : 'off'}, counted in ${hub.counters.description}`,
  };
  const lines = [
    `obshub ${obshubVersion()} is ready${hub.roles.length < serviceRoles.length ? ` (${fields.services})` : ''}`,
    ...(fields.app ? [`  Web app    ${fields.app}`] : []),
    `  API docs   ${fields.docs}  (OpenAPI ${fields.openapi})`,
    ...(serves('ingest') ? [`  Ingest     POST ${url}/ingest/json  (BUFR: POST ${url}/ingest/bufr)`] : []),
    ...(broker
      ? [
          `  MQTT       ${broker.url}${fields.mqttWebSocket ? `  and ${fields.mqttWebSocket}` : ''}`,
          `  Watch      mosquitto_sub -h ${new URL(broker.url).hostname} -p ${mqttPort} -v -t 'origin/a/wis2/#'`,
        ]
      : []),
    `  Database   ${hub.storage.description}`,
    '  Stop with Ctrl-C.',
  ];
  const warnings = fallback
    ? [
        `MQTT port ${config.mqttPort} is taken (another broker?); the embedded broker listens on ${mqttPort}. Set MQTT_PORT to choose.`,
      ]
    : [];
  return { fields, lines, warnings };
}

function handleSignals(hub: Hub, config: Readonly<Config>, log: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn({ component: 'main', signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    log.info({ component: 'main', signal }, 'stopping');
    const deadline = setTimeout(() => {
      log.error(
        { component: 'main', abandoned: hub.closing, timeoutSeconds: config.shutdownTimeoutSeconds },
        `stop took longer than SHUTDOWN_TIMEOUT; abandoned: ${hub.closing ?? 'nothing'}`,
      );
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    hub.close().then(
      () => {
        clearTimeout(deadline);
        log.info({ component: 'main' }, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ component: 'main', err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

export const serve: CliCommand = {
  summary: 'start the hub (HTTP API, web app, MQTT broker, background jobs)',
  usage,
  async run(args) {
    const parsed = parseCommand(args, usage, { services: { type: 'string' } });
    if (!parsed) return 0;
    const services = parsed.values.services;
    const config = configFrom(parsed.values, {
      SERVICES: typeof services === 'string' ? services : undefined,
    });
    const log = createLogger(config);
    for (const warning of environmentWarnings()) log.warn({ component: 'config' }, warning);
    const hub = await createHub(config, { logger: log });
    handleSignals(hub, config, log);
    const url = await hub.listen();
    if (hub.generatedAdminPassword) {
      // Printed once, to the terminal, never to the log.
      process.stderr.write(
        `\nobshub: created the platform admin "admin" with the password ${hub.generatedAdminPassword}\n` +
          '        store it now: it is not shown again (set OBSHUB_ADMIN_PASSWORD to choose it instead).\n\n',
      );
    }
    const summary = startSummary(hub, url);
    for (const warning of summary.warnings) log.warn({ component: 'main' }, warning);
    log.info(
      { component: 'main', ...summary.fields },
      `obshub serving ${url} (web app ${summary.fields.app ?? 'not in this process'}, API docs ${summary.fields.docs}) and MQTT ${summary.fields.mqtt ?? 'none'}; database: ${summary.fields.database}; broker: ${summary.fields.broker}; bus: ${summary.fields.bus}; services: ${summary.fields.services}`,
    );
    if (logsArePretty(config.logFormat)) process.stdout.write(`\n${summary.lines.join('\n')}\n\n`);
    return 0;
  },
};
