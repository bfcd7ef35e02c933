import { AuditSetupError, runAudit } from '../audit/audit';
import { sdkClients } from '../audit/clients';
import type { Settings } from '../audit/expectation';
import { auditRoleName, DEFAULT_STACK_SET_NAME } from '../audit/names';
import { formatJson } from '../audit/report/json';
import { formatJunit } from '../audit/report/junit';
import { formatSarif } from '../audit/report/sarif';
import { exitCodeOf } from '../audit/report/summary';
import { formatText } from '../audit/report/text';
import { parseCommandArgs } from './args';
import { type CliIO, type Command, UsageError } from './command';
import { toolInfo } from './format';

const usage = `Usage: rcfge audit [--stack-set-name N] [--region R] [--accounts A,B --regions R1,R2]
                   [--role-name NAME] [--format text|json|sarif|junit] [expected settings]

The drift canary: for every account and region of the StackSet (its stack instances, or the
--accounts x --regions you name), checks through the CloudFormation API that the Hook exists,
is enabled, at the version its stack registered, with the expected type configuration
(FailureMode, TargetOperations, bucket, prefix, owner, MissingTemplateAction), that the stack
instance is current and not drifted, that the member stack holds the expected parameters (and,
for the Lambda Hook, that its function has not been changed outside the stack), and that the
templates bucket answers. One line per account and region.

Run it in the StackSet's administrator account. The expected settings are the StackSet's
parameters; FailureMode and MissingTemplateAction are expected to be FAIL unless you say
otherwise (a StackSet left in WARN is drift). Each account is read through a role assumed
there (--role-name; the member stack creates RCFGEAuditRole-<region> for the account given as
AuditAccountId). Access denied, throttling and network faults are "CANNOT CHECK", never OK.

Options:
  --stack-set-name N          StackSet to audit (default ${DEFAULT_STACK_SET_NAME})
  --call-as WHO               DELEGATED_ADMIN (default) or SELF (management account)
  --region R                  the StackSet's region (default: AWS_REGION, AWS_DEFAULT_REGION)
  --accounts A,B              only these accounts (with --regions: exactly these pairs, a pair
                              without a stack instance is DRIFT)
  --regions R1,R2             only these regions
  --role-name NAME            role to assume in each account, {region} = the region checked
                              (default ${auditRoleName('{region}')}; "" = your own credentials)
  --concurrency N             accounts-regions checked at once (default 8)
  --format F                  text (default), json, sarif or junit
Expected settings (default: the StackSet's parameters):
  --hook-mode Lambda|Registered   --failure-mode FAIL|WARN (default FAIL)
  --target-operations LIST        --missing-template-action FAIL|ALLOW (default FAIL)
  --bucket B  --prefix P  --bucket-owner ACCOUNT  --bucket-region R  --release PREFIX
  -h, --help                  show this help

Exit codes: 0 every place checked and healthy; 1 drift somewhere; 2 something could not be
checked (and no drift), or a usage error.
Credentials: the AWS SDK default chain. Endpoints: the SDK's settings (AWS_ENDPOINT_URL_*).`;

const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((v) => v.trim()).filter(Boolean);

function positiveInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`audit: ${flag} must be an integer from 1 to 100, got ${JSON.stringify(value)}`);
  return n;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit', args, {
    'stack-set-name': { type: 'string' },
    'call-as': { type: 'string' },
    region: { type: 'string' },
    accounts: { type: 'string' },
    regions: { type: 'string' },
    'role-name': { type: 'string' },
    concurrency: { type: 'string' },
    format: { type: 'string' },
    'hook-mode': { type: 'string' },
    'failure-mode': { type: 'string' },
    'target-operations': { type: 'string' },
    'missing-template-action': { type: 'string' },
    bucket: { type: 'string' },
    prefix: { type: 'string' },
    'bucket-owner': { type: 'string' },
    'bucket-region': { type: 'string' },
    release: { type: 'string' },
  });
  if (values.help) {
    io.stdout(usage);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`audit: unexpected argument ${JSON.stringify(positionals[0])} (rcfge audit --help)`);
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`audit: --format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  const callAs = values['call-as'] ?? 'DELEGATED_ADMIN';
  if (callAs !== 'DELEGATED_ADMIN' && callAs !== 'SELF') throw new UsageError(`audit: --call-as must be DELEGATED_ADMIN or SELF, got ${JSON.stringify(callAs)}`);
  const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('audit: no region: pass --region (the StackSet\'s region) or set AWS_REGION');
  const accounts = list(values.accounts);
  const bad = accounts?.find((a) => !/^\d{12}$/.test(a));
  if (bad !== undefined) throw new UsageError(`audit: --accounts takes 12-digit account IDs, got ${JSON.stringify(bad)}`);
  const overrides: Settings = Object.fromEntries(
    Object.entries({
      HookMode: values['hook-mode'],
      FailureMode: values['failure-mode'],
      TargetOperations: values['target-operations'],
      MissingTemplateAction: values['missing-template-action'],
      TemplateBucket: values.bucket,
      TemplatePrefix: values.prefix,
      TemplateBucketOwner: values['bucket-owner'],
      TemplateBucketRegion: values['bucket-region'],
      ArtifactsPrefix: values.release,
    }).filter(([, v]) => v !== undefined),
  );
  const clients = sdkClients(io.env);
  try {
    const result = await runAudit({
      stackSetName: values['stack-set-name'] ?? DEFAULT_STACK_SET_NAME,
      callAs,
      region,
      roleName: values['role-name'] ?? auditRoleName('{region}'),
      accounts,
      regions: list(values.regions),
      concurrency: positiveInteger('--concurrency', values.concurrency, 8),
      overrides,
      clients,
    });
    const output = format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, toolInfo()) : format === 'junit' ? formatJunit(result) : formatText(result);
    io.stdout(output);
    return exitCodeOf(result);
  } catch (error) {
    if (error instanceof AuditSetupError) throw new UsageError(`audit: ${error.message}`);
    throw error;
  } finally {
    clients.destroy();
  }
}

export const auditCommand: Command = { name: 'audit', summary: 'drift canary: check the Hook in every account and region of the StackSet', usage, run };
