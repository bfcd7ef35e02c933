import { DEFAULTS } from './options';

export const VALIDATE_USAGE = `Usage: rcfge validate <stack-template | folder | glob>... [options]

Several inputs run in one process: folders are searched recursively for *.yaml, *.yml,
*.json and *.template (files without a Resources section are skipped with a note); quote
globs ('stacks/**/*.yaml'). One file that cannot be checked does not stop the others; the
exit code is the worst of the run. Options may also come from .rcfge.yaml in this folder or
a parent (long option names; flags win).

Checks every resource of a CloudFormation template with the Hook's own engine, on a
laptop or in CI, before deployment. Intrinsic functions that can be known now (pseudo
parameters, Ref to parameters, Fn::Sub, Fn::Join, Fn::If, conditions, mappings) are
resolved; values known only at deploy time (Fn::GetAtt, Ref to a resource,
Fn::ImportValue) are never judged and are listed as "not checked". An Fn::If whose
condition depends on a parameter without a value is checked in each branch (up to 16
combinations per resource). A reference to nothing (!Ref Typo, !GetAtt Nope.Arn) is an
input error, as CloudFormation refuses the template.

Templates (restricted resource schema templates):
  --templates DIR          folder of templates (default: ${DEFAULTS.templates}, relative to the current directory)
  --templates @registry    the official registry schemas (the snapshot in use, see rcfge schemas)
                           as permissive templates: what CloudFormation itself would accept
  --bucket B               read templates from S3 instead, like the Hook (SDK default credentials;
                           AWS_ENDPOINT_URL_S3 points at an S3-compatible server)
  --prefix P               key prefix in the bucket (default: "")
  --bucket-region R        region of the bucket (default: AWS_REGION, else --region)
  --missing-template fail|allow
                           a type without a template fails ("not approved") or passes,
                           as MissingTemplateAction (default: ${DEFAULTS.missingTemplate})

Deployment context (fills pseudo parameters and template placeholders):
  --account ID             account ID, $<accountID> (default: ${DEFAULTS.account})
  --region R               region, $<region> (default: ${DEFAULTS.region})
  --partition P            partition, $<partition> (default: from the region: aws, aws-cn, aws-us-gov)
  --stack-name N           stack name, AWS::StackName and $<stackName>; without it values using
                           AWS::StackName are not checked (unknown before deployment) and resources
                           whose template uses $<stackName> are not judged. AWS::StackId and
                           $<stackId> are never known (the ID holds a UUID made at creation)
  --param NAME=VALUE       a TemplateParameters value, $<param:NAME>; repeatable.
                           A list is a JSON array (quote it for the shell):
                             --param 'Accounts=["111122223333","444455556666"]'
                           Any other value is one string, commas included: Accounts=111,444
                           is the single string "111,444", not a list.
  --params-file FILE       TemplateParameters as a JSON object (e.g. templates/parameters.example.json);
                           --param values override it
  --parameter-overrides K=V
                           a value for the stack's own parameter K (lists comma-separated); repeatable
                           (or several at once, as aws cloudformation deploy: --parameter-overrides A=1 B=2);
                           over several stacks each takes the names it declares, and a name
                           none of them declares is refused (a typo)
  --operation create|update|delete
                           what CloudFormation is about to do (default: ${DEFAULTS.operation});
                           delete checks only the templates' delete policy; a resource with
                           DeletionPolicy Retain (or RetainExceptOnCreate) is kept, so SKIP

Output:
  --format F               text for people (default), json for scripts (one document per run),
                           sarif for code scanning, junit for test reports, github for
                           annotations in GitHub Actions
  --skip-non-templates     also skip (with a note) files named on the command line that have no
                           Resources section, and exit 0 when nothing is left to check: for git
                           hooks, which pass every changed *.yaml and *.json (the pre-commit
                           hook rcfge-validate sets it)
  -h, --help               show this help

Resources the Hook never sees are reported as SKIP: custom resources, AWS::CDK::Metadata,
modules (*::MODULE), SAM resources (AWS::Serverless::*), and resources whose Condition is false.

Exit codes:
  0  every checked resource complies
  1  at least one resource fails (a finding, a type without a template, an invalid template)
  2  usage or input error: bad flag, unreadable or invalid stack template, templates folder
     missing, template store unreachable (S3 down, wrong bucket, no credentials)

Examples:
  rcfge validate stack.yaml
  rcfge validate stack.yaml --params-file templates/parameters.example.json --region eu-west-1
  rcfge validate stack.yaml --bucket my-rcfge-templates --prefix templates/ --format sarif > rcfge.sarif
  rcfge validate stack.yaml --templates @registry --missing-template allow`;
