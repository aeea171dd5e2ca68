/**
 * The one place that reads the environment. Every setting is declared in one zod schema;
 * at start every problem is listed at once (not just the first).
 */
import { z } from 'zod';

/** The parts of the product a process can run (ROLE). */
export const ROLES = ['api', 'engine', 'workers'] as const;
export type Role = (typeof ROLES)[number];

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The environment schema; names are the environment variable names. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: logLevel.default('info'),
  PROCESS_ENGINE: z.enum(['embedded', 'zeebe']).default('embedded'),
  /**
   * What this process does, as a comma-separated list: `api` (HTTP API and web app; runs the
   * commands its requests make), `engine` (timers, job time-outs, retries of accepted commands,
   * the yearly start of the årshjul), `workers` (the job workers). `all` (default) is all three,
   * as one machine runs it; several processes with parts of it share one PostgreSQL.
   */
  ROLE: z
    .string()
    .default('all')
    .transform((v, ctx) => {
      const parts = v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p) && p !== 'all');
      if (bad.length || !parts.length)
        ctx.addIssue({ code: 'custom', message: `must be all, or a comma-separated list of ${ROLES.join(', ')} (got ${JSON.stringify(v)})` });
      return parts.includes('all') ? [...ROLES] : (parts as Role[]);
    }),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  /** Whether to create the demo organisation on first start (never in production). */
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  /**
   * The first start's one-time token (issue 15.1): without demo data and with no user at all, the
   * first-start page asks for it. Unset: a random one is made at each start and written to the log
   * (event `setup.token`); set it when several app processes share a database or the log is hard to reach.
   */
  SETUP_TOKEN: z.string().min(20).max(200).optional(),
  /** ISO date-time: pins the clock (tests and demos). Unset = the system clock. */
  CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** How often the embedded engine polls for due jobs and timers, in ms. */
  ENGINE_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000), // the safety poll: commits wake the engine at once
  /** Target for the lex Sarah IVO report, in arbetsdagar. */
  LEX_SARAH_IVO_TARGET_WORKDAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Lex Maria: a händelseanalys (rather than a shorter utredning) from this risk score (probability × consequence, 1–16) up. */
  LEX_MARIA_EVENT_ANALYSIS_THRESHOLD: z.coerce.number().int().min(1).max(16).default(9),
  /** Target for the lex Maria anmälan to IVO ("snarast"), in arbetsdagar after the MAS's decision. */
  LEX_MARIA_IVO_TARGET_WORKDAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Submissions to the public e-service accepted per client address and minute. */
  PUBLIC_FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Feedback to the sender of a synpunkt/klagomål is due within this many arbetsdagar. */
  SYNPUNKT_FEEDBACK_WORKDAYS: z.coerce.number().int().min(1).max(60).default(14),
  /** How many months audit rows are kept before the retention job culls them (the log review's reach, issue 15.5). */
  AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(600).default(24),
  /**
   * `true`: at startup the server starts the årshjul (bpmn/arshjul.bpmn) for the current year
   * unless that year already has one. Off by default, so test apps and demos start it on purpose.
   */
  ANNUAL_CYCLE_AUTOSTART: z.enum(['true', 'false']).default('false'),
  /**
   * The shortest interval a static timer cycle in a deployed model may repeat at, in seconds;
   * lint refuses shorter ones (src/engine/lint/settings.ts). 60 s: nothing in social services'
   * quality work repeats by the second, and a 0 or 1 s cycle is a load on the engine.
   */
  TIMER_CYCLE_MIN_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Mark the session cookie Secure (and send HSTS): on by default in production, which runs behind TLS. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Which reverse proxies in front of the server are trusted to say the client's address
   * (X-Forwarded-For), as express's `trust proxy`: `false` (none: the address is the peer's), a
   * number of hops, or a comma-separated list of addresses, subnets and the names `loopback`,
   * `linklocal`, `uniquelocal`. The log-in throttle and the e-service's rate limit count per client address.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .max(1000)
    .regex(/^(false|true|\d{1,2}|[0-9a-zA-Z.:/, _-]+)$/)
    .default('false'),
  /** Failed log-ins per account within LOGIN_FAILURE_WINDOW_MINUTES before the account is locked for LOGIN_LOCKOUT_MINUTES. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed log-ins from one client address within the window before the address is locked (larger: one office, many people). */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  /** The sliding window the failures are counted in, in minutes. */
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** How long a locked account or address is refused (a correct password too), in minutes from the last failure. */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /**
   * The cost of a new password hash: scrypt with N = 2^PASSWORD_HASH_COST, r = 8, p = 2 (16: 64 MiB,
   * OWASP's minimum); a hash of a lower cost is rehashed at the next successful log-in. At least 14;
   * 10 to 13 only with NODE_ENV=test (the suites hash and verify some thousand times: at 14 that was
   * about a fifth of `npm test`'s CPU).
   */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(16),
  /** How long an `Idempotency-Key` is remembered; a repeat after that is a new request. */
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** How long a command request waits for the engine before it answers 202 (the outbox finishes it). */
  OUTBOX_DISPATCH_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /**
   * How often the outbox dispatcher looks for commands left to apply, in ms (requests apply
   * their own at once; this is for retries and for what a crashed process left: one query a poll).
   */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  /**
   * How long a dispatcher's claim on a command lasts before another may take it over, in ms: how
   * long a command a crashed process was applying waits. Taken over early is harmless on the
   * embedded engine (command ids); on Camunda a start taken over while the first is still
   * under way could start twice, so keep it well above Camunda's answer time.
   */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Longest wait between two attempts of a command the engine did not take, in ms. */
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /**
   * The SMTP server notifications go through (smtp:// or smtps://, with user:password@ if the
   * relay wants them). Unset: no e-mail is sent or queued (issue 15 point 4).
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of notifications. */
  MAIL_FROM: z.string().min(3).max(254).default('Kvalitetshjulet <noreply@localhost>'),
  /** The address people open the app at, for the links in e-mails (default http://localhost:PORT). */
  PUBLIC_BASE_URL: z.url().optional(),
  /**
   * The e-service's personal-data notice (GDPR art. 13): the municipality's name and the data
   * protection officer's contact (an address or telephone number). Placeholders until the
   * organisation's settings hold them (issue 15 point 7); without them the notice names the top
   * of the organisation tree and says to ask the municipality.
   */
  MUNICIPALITY_NAME: z.string().trim().min(1).max(120).optional(),
  DPO_CONTACT: z.string().trim().min(3).max(254).optional(),
  /** How often the mail dispatcher looks for messages to send, in ms. */
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  /** How often the daily digest and deadline reminders are looked for, in ms. */
  NOTIFICATION_CHECK_MS: z.coerce.number().int().min(10).max(86_400_000).default(300_000),
  ZEEBE_REST_ADDRESS: z.url().optional(),
  ZEEBE_GRPC_ADDRESS: z.string().optional(),
  /**
   * PostgreSQL database our exporter (camunda/exporter) writes the broker's events to; the app
   * projects them into its own tables. Default: DATABASE_URL.
   */
  ZEEBE_EXPORT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Schema of the exporter's `record` table (the exporter's `schema` argument). */
  ZEEBE_EXPORT_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a plain lower-case identifier')
    .default('zeebe_export'),
  /**
   * `true`: a fresh database starts reading the broker's events at their end, not their start.
   * Only for test runs that share one broker; a real installation reads everything.
   */
  ZEEBE_SKIP_HISTORY: z.enum(['true', 'false']).default('false'),
});

export type Env = z.infer<typeof envSchema>;

/** The typed configuration the composition root hands out. */
export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  processEngine: Env['PROCESS_ENGINE'];
  /** What this process runs (ROLE). */
  roles: { api: boolean; engine: boolean; workers: boolean };
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string;
  demoData: boolean;
  /** The first start's one-time token (SETUP_TOKEN), or undefined: a random one, logged at start. */
  setupToken: string | undefined;
  clockStart: Date | undefined;
  enginePollMs: number;
  lexSarahIvoTargetWorkdays: number;
  synpunktFeedbackWorkdays: number;
  lexMariaEventAnalysisThreshold: number;
  lexMariaIvoTargetWorkdays: number;
  annualCycleAutoStart: boolean;
  publicFormRateLimitPerMinute: number;
  /** Months the audit log is kept (AUDIT_RETENTION_MONTHS). */
  auditRetentionMonths: number;
  /** Lint's minimum interval of a static timer cycle, in seconds (TIMER_CYCLE_MIN_SECONDS). */
  timerCycleMinSeconds: number;
  sessionTtlHours: number;
  /** The HTTP edge: whether it is served over TLS (the Secure cookie, HSTS), and express's `trust proxy` (TRUST_PROXY). */
  http: { secureCookies: boolean; trustProxy: boolean | number | string };
  /** The log-in throttle (LOGIN_*): failures per account and per address in a sliding window, and the lockout. */
  login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMinutes: number; lockoutMinutes: number };
  /** log2 of scrypt's N for new password hashes (PASSWORD_HASH_COST). */
  passwordHashCost: number;
  idempotencyKeyTtlHours: number;
  outbox: { dispatchWaitMs: number; pollMs: number; leaseMs: number; maxBackOffMs: number };
  /** The e-service's personal-data notice (MUNICIPALITY_NAME, DPO_CONTACT). */
  privacy: { municipality: string | undefined; dpoContact: string | undefined };
  /** E-mail notifications; `smtpUrl` undefined: none. */
  mail: { smtpUrl: string | undefined; from: string; baseUrl: string; pollMs: number; checkMs: number };
  zeebe: {
    restAddress: string | undefined;
    grpcAddress: string | undefined;
    exportDatabaseUrl: string | undefined;
    exportSchema: string;
    skipHistory: boolean;
  };
}

/** Thrown when the environment is invalid; `problems` names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default: process.env) into a Config, listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.PASSWORD_HASH_COST < 14 && e.NODE_ENV !== 'test') {
    problems.push("PASSWORD_HASH_COST: at least 14 (scrypt at OWASP's minimum); lower only with NODE_ENV=test");
  }
  if (e.PROCESS_ENGINE === 'zeebe' && !e.ZEEBE_REST_ADDRESS) {
    problems.push('ZEEBE_REST_ADDRESS: required when PROCESS_ENGINE=zeebe');
  }
  if (e.PROCESS_ENGINE === 'zeebe' && !e.ZEEBE_EXPORT_DATABASE_URL && !e.DATABASE_URL) {
    problems.push('ZEEBE_EXPORT_DATABASE_URL: required when PROCESS_ENGINE=zeebe without DATABASE_URL (the PostgreSQL our exporter writes to)');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    processEngine: e.PROCESS_ENGINE,
    roles: { api: e.ROLE.includes('api'), engine: e.ROLE.includes('engine'), workers: e.ROLE.includes('workers') },
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    demoPassword: e.DEMO_PASSWORD,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : e.NODE_ENV !== 'production',
    setupToken: e.SETUP_TOKEN,
    clockStart: e.CLOCK_START ? new Date(e.CLOCK_START) : undefined,
    enginePollMs: e.ENGINE_POLL_MS,
    lexSarahIvoTargetWorkdays: e.LEX_SARAH_IVO_TARGET_WORKDAYS,
    synpunktFeedbackWorkdays: e.SYNPUNKT_FEEDBACK_WORKDAYS,
    lexMariaEventAnalysisThreshold: e.LEX_MARIA_EVENT_ANALYSIS_THRESHOLD,
    lexMariaIvoTargetWorkdays: e.LEX_MARIA_IVO_TARGET_WORKDAYS,
    annualCycleAutoStart: e.ANNUAL_CYCLE_AUTOSTART === 'true',
    publicFormRateLimitPerMinute: e.PUBLIC_FORM_RATE_LIMIT_PER_MINUTE,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS,
    timerCycleMinSeconds: e.TIMER_CYCLE_MIN_SECONDS,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    http: { secureCookies: e.COOKIE_SECURE ? e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production', trustProxy: trustProxyOf(e.TRUST_PROXY) },
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.LOGIN_FAILURE_WINDOW_MINUTES,
      lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
    },
    passwordHashCost: e.PASSWORD_HASH_COST,
    idempotencyKeyTtlHours: e.IDEMPOTENCY_KEY_TTL_HOURS,
    outbox: { dispatchWaitMs: e.OUTBOX_DISPATCH_WAIT_MS, pollMs: e.OUTBOX_POLL_MS, leaseMs: e.OUTBOX_LEASE_MS, maxBackOffMs: e.OUTBOX_MAX_BACKOFF_MS },
    privacy: { municipality: e.MUNICIPALITY_NAME, dpoContact: e.DPO_CONTACT },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      baseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
      pollMs: e.MAIL_POLL_MS,
      checkMs: e.NOTIFICATION_CHECK_MS,
    },
    zeebe: {
      restAddress: e.ZEEBE_REST_ADDRESS,
      grpcAddress: e.ZEEBE_GRPC_ADDRESS,
      exportDatabaseUrl: e.ZEEBE_EXPORT_DATABASE_URL ?? e.DATABASE_URL,
      exportSchema: e.ZEEBE_EXPORT_SCHEMA,
      skipHistory: e.ZEEBE_SKIP_HISTORY === 'true',
    },
  };
}

/** Test helper: the database URL of a PostgreSQL server the tests should also use, if any. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.TEST_DATABASE_URL || env.DATABASE_URL || undefined;
}

/**
 * Test helper: the Camunda broker the suites should also run on, if any (TEST_ZEEBE_REST_ADDRESS),
 * and the PostgreSQL its exporter writes to (TEST_ZEEBE_EXPORT_DATABASE_URL, default the test database).
 */
export function testZeebe(env: Record<string, string | undefined> = process.env): { restAddress: string; exportDatabaseUrl: string } | undefined {
  const restAddress = env.TEST_ZEEBE_REST_ADDRESS || undefined;
  if (!restAddress) return undefined;
  const exportDatabaseUrl = env.TEST_ZEEBE_EXPORT_DATABASE_URL || testDatabaseUrl(env);
  if (!exportDatabaseUrl)
    throw new Error('TEST_ZEEBE_REST_ADDRESS is set but there is no PostgreSQL for the exporter (TEST_ZEEBE_EXPORT_DATABASE_URL or TEST_DATABASE_URL)');
  return { restAddress, exportDatabaseUrl };
}

/** TRUST_PROXY as express's `trust proxy` takes it: a boolean, a hop count, or the list as written. */
function trustProxyOf(v: string): boolean | number | string {
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}
