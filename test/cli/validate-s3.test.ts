import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type LocalS3, localS3Client, startLocalS3, uploadTemplates } from '../../src/local/s3-server';
import { byId, FIXTURE_TEMPLATES, FIXTURES, type JsonReport, ROOT, runCli, TAG_KEYS } from '../fixtures/validate/cli';

/**
 * `--bucket/--prefix` reads templates through the Hook's S3 store, from a real
 * S3-compatible server on 127.0.0.1 (the shared one of the jest setup when present).
 */
const BUCKET = 'rcfge-shared';
const PREFIX = `validate-${randomUUID()}/`;
const saved = { ...process.env };
let own: LocalS3 | undefined;
let endpoint: string;

beforeAll(async () => {
  if (process.env.RCFGE_TEST_S3_ENDPOINT) {
    endpoint = process.env.RCFGE_TEST_S3_ENDPOINT;
  } else {
    own = await startLocalS3([BUCKET]);
    endpoint = own.endpoint;
  }
  const client = localS3Client(endpoint);
  await uploadTemplates(client, BUCKET, PREFIX, join(ROOT, FIXTURE_TEMPLATES));
  client.destroy();
  // The SDK takes its endpoint and default credentials from the process environment, as in CI.
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' });
});

afterAll(async () => {
  process.env = saved;
  await own?.close();
});

const STACK = `${FIXTURES}/mixed.yaml`;

async function validate(extra: string[], env: NodeJS.ProcessEnv = process.env) {
  return runCli(['validate', STACK, TAG_KEYS, '--format', 'json', ...extra], { env });
}

describe('rcfge validate --bucket/--prefix', () => {
  it('gives the same verdicts and findings as the same templates in a folder', async () => {
    // Act
    const fromS3 = await validate(['--bucket', BUCKET, '--prefix', PREFIX]);
    const fromDir = await validate(['--templates', FIXTURE_TEMPLATES]);
    // Assess
    expect(fromS3.stderr).toBe('');
    expect(fromS3.code).toBe(1);
    const strip = (report: JsonReport) => report.resources.map((r) => ({ id: r.logicalId, status: r.status, findings: r.findings.map((f) => [f.path, f.keyword, f.line]) }));
    expect(strip(JSON.parse(fromS3.stdout))).toEqual(strip(JSON.parse(fromDir.stdout)));
  });

  it('names the S3 object it used, and the one it looked for when a type has none', async () => {
    const report = JSON.parse((await validate(['--bucket', BUCKET, '--prefix', PREFIX])).stdout) as JsonReport;
    expect(byId(report, 'DataBucket').template).toBe(`s3://${BUCKET}/${PREFIX}aws-s3-bucket.json`);
    expect(byId(report, 'Key').findings[0].message).toContain(`s3://${BUCKET}/${PREFIX}aws-kms-key.json`);
  });

  it('hints at a missing trailing "/" when --prefix finds no template at all', async () => {
    // Act
    const run = await validate(['--bucket', BUCKET, '--prefix', PREFIX.slice(0, -1)]);
    const right = await validate(['--bucket', BUCKET, '--prefix', PREFIX]);
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`did you mean --prefix ${PREFIX} ?`);
    expect(right.stderr).toBe('');
  });

  it('exits 2 with one line on stderr when the bucket cannot be reached', async () => {
    // Prepare: nothing listens on port 9 of the loopback; one quick attempt
    process.env.AWS_ENDPOINT_URL_S3 = 'http://127.0.0.1:9';
    const env = { ...process.env, RCFGE_S3_MAX_ATTEMPTS: '1', RCFGE_S3_CONNECT_TIMEOUT_MS: '300', RCFGE_S3_DEADLINE_MS: '2000' };
    try {
      // Act
      const run = await validate(['--bucket', BUCKET, '--prefix', PREFIX], env);
      // Assess
      expect(run.code).toBe(2);
      expect(JSON.parse(run.stdout)).toMatchObject({ compliant: false, resources: [], error: expect.stringMatching(/Nothing was judged/) });
      expect(run.stderr).toMatch(/^rcfge validate: could not read template s3:\/\/rcfge-shared\/.*Nothing was judged/);
      expect(run.stderr.split('\n')).toHaveLength(1);
    } finally {
      process.env.AWS_ENDPOINT_URL_S3 = endpoint;
    }
  });
});
