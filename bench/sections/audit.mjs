import { round } from '../lib/stats.mjs';

const LATENCY_MS = 20;

/**
 * 8. `rcfge audit` over a large organisation: 300 accounts x 2 regions (60 x 2 with --quick),
 * every API answer delayed by 20 ms (a round trip to a regional endpoint), against the
 * stand-in for the CloudFormation and STS APIs the tests use (test/support/fake-aws), at
 * several concurrencies. In process: the SDK reads its endpoints from process.env.
 */
export async function audit(env, { quick, support, server }) {
  const accounts = Array.from({ length: quick ? 60 : 300 }, (_, i) => String(400000000000 + i));
  const regions = ['us-east-1', 'eu-west-1'];
  const saved = { ...process.env };
  const runs = [];
  try {
    for (const concurrency of [8, 32]) {
      const org = support.healthyOrganisation('Lambda', { members: accounts, regions });
      org.delayMs = LATENCY_MS;
      org.pageSize = 100;
      const aws = await support.startFakeAws(org);
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_CLOUDFORMATION: aws.endpoint,
        AWS_ENDPOINT_URL_STS: aws.endpoint,
        AWS_ENDPOINT_URL_S3: server.endpoint,
        AWS_ACCESS_KEY_ID: aws.accessKey,
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      const clients = support.sdkClients(process.env);
      const started = performance.now();
      try {
        const result = await support.runAudit({
          stackSetName: 'RCFGE-Hook', callAs: 'DELEGATED_ADMIN', region: 'us-east-1', roleName: 'RCFGEAuditRole-{region}',
          concurrency, overrides: {}, clients,
        });
        const seconds = (performance.now() - started) / 1000;
        runs.push({
          concurrency,
          places: result.places.length,
          ok: result.places.filter((p) => p.status === 'OK').length,
          seconds: round(seconds),
          places_per_second: round(result.places.length / seconds),
          api_calls: org.calls.length,
          max_in_flight: org.maxInFlight,
        });
      } finally {
        clients.destroy();
        await aws.close();
      }
    }
  } finally {
    process.env = saved;
  }
  const at = (c) => runs.find((r) => r.concurrency === c);
  return {
    places: runs[0].places,
    latency_ms: LATENCY_MS,
    default_concurrency_s: at(8).seconds,
    concurrency_32_s: at(32).seconds,
    all_ok: runs.every((r) => r.ok === r.places),
    runs,
  };
}
