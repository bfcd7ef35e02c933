/**
 * Failures while reading a CloudFormation stack template. Every one carries the
 * file and a 1-based line so the CLI can print `file:line: reason` and exit 2
 * without a stack trace; the subclasses let callers (and tests) tell the
 * failure modes apart without parsing messages.
 */
export class CfnTemplateError extends Error {
  readonly file: string;
  readonly line: number;
  /** The reason without the `file:line:` prefix. */
  readonly detail: string;
  /** 1-based column, when the failure has one (syntax errors): `file:line:column:`. */
  readonly column: number | undefined;

  constructor(file: string, line: number, detail: string, options?: { cause?: unknown; column?: number }) {
    super(`${file}:${line}${options?.column === undefined ? '' : `:${options.column}`}: ${detail}`, options);
    this.name = new.target.name;
    this.file = file;
    this.line = line;
    this.detail = detail;
    this.column = options?.column;
  }
}

/** The file could not be read at all (missing, a directory, no permission). */
export class TemplateReadError extends CfnTemplateError {
  constructor(file: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(file, 1, `cannot read stack template: ${reason}`, { cause });
  }
}

/** The text is not valid YAML or JSON (includes duplicate keys and multiple documents). */
export class TemplateSyntaxError extends CfnTemplateError {
  constructor(file: string, line: number, reason: string, cause?: unknown, column?: number) {
    super(file, line, `invalid ${file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML/JSON'}: ${reason}`, { cause, column });
  }
}

/** A `!Tag` that is neither a CloudFormation short-form function nor a YAML standard tag. */
export class UnknownTagError extends CfnTemplateError {
  readonly tag: string;

  constructor(file: string, line: number, tag: string, cause?: unknown) {
    super(file, line, `unknown tag ${tag} (not a CloudFormation intrinsic function short form)`, { cause });
    this.tag = tag;
  }
}

/** The document is not a mapping, or its `Resources` section is missing, not a mapping, or empty. */
export class MissingResourcesError extends CfnTemplateError {
  constructor(file: string, line: number, reason: string) {
    super(file, line, reason);
  }
}

/** CloudFormation refuses a template with a `null` anywhere ("'null' values are not allowed in templates"). */
export class NullValueError extends CfnTemplateError {
  readonly pointer: string;

  constructor(file: string, line: number, pointer: string) {
    super(file, line, `${pointer || '/'}: 'null' values are not allowed in templates (CloudFormation rejects the template; write a value, '' or remove the key)`);
    this.pointer = pointer;
  }
}

/**
 * A directive of AWS's Rain tool (`Rain::Embed`, `Rain::Module`, `!Rain::S3`): the file is a
 * Rain source, which `rain pkg` turns into a template; CloudFormation does not know it.
 */
export class RainDirectiveError extends CfnTemplateError {
  constructor(file: string, line: number, directive: string) {
    super(file, line, `${directive} is a Rain directive, not CloudFormation: this is a Rain source; check the template \`rain pkg\` makes of it`);
  }
}

/** A `Resources` entry is not a mapping. */
export class InvalidResourceError extends CfnTemplateError {
  readonly logicalId: string;

  constructor(file: string, line: number, logicalId: string, reason: string) {
    super(file, line, `resource ${logicalId}: ${reason}`);
    this.logicalId = logicalId;
  }
}

/** A resource has no `Type`, or its `Type` is not a string. */
export class MissingResourceTypeError extends CfnTemplateError {
  readonly logicalId: string;

  constructor(file: string, line: number, logicalId: string) {
    super(file, line, `resource ${logicalId} has no Type (a string such as AWS::S3::Bucket is required)`);
    this.logicalId = logicalId;
  }
}

/**
 * An `AWS::` type that is not `AWS::Service::Resource` (letters and digits): CloudFormation
 * refuses it as an unrecognised type, and the name must never become a template file name
 * (`AWS::S3::../../x` would read outside the templates folder). The Hook refuses it too.
 */
export class InvalidResourceTypeError extends CfnTemplateError {
  readonly logicalId: string;
  readonly typeName: string;

  constructor(file: string, line: number, logicalId: string, typeName: string) {
    super(file, line, `resource ${logicalId}: Type ${JSON.stringify(typeName)} is not a resource type name (AWS::Service::Resource, letters and digits only; CloudFormation rejects the template)`);
    this.logicalId = logicalId;
    this.typeName = typeName;
  }
}

/**
 * A reference that can never resolve: `Ref`/`Fn::Sub` to a name that is no parameter,
 * resource or pseudo parameter, `Fn::GetAtt` of a resource that does not exist, a
 * condition that is not declared. CloudFormation rejects the template; treating it as
 * "known only at deploy time" would let a typo switch a check off.
 */
export class UndefinedReferenceError extends CfnTemplateError {
  readonly logicalId: string | undefined;
  readonly reference: string;

  constructor(file: string, line: number, where: string, reference: string, reason: string) {
    super(file, line, `${where}: ${reason} (CloudFormation rejects the template)`);
    this.logicalId = where.startsWith('resource ') ? where.slice('resource '.length) : undefined;
    this.reference = reference;
  }
}

/**
 * An intrinsic function whose inputs are all known but whose result does not exist:
 * `Fn::FindInMap` of a missing map or key (and no DefaultValue), `Fn::Select` out of range.
 */
export class IntrinsicValueError extends CfnTemplateError {
  readonly logicalId: string;

  constructor(file: string, line: number, logicalId: string, reason: string, cause?: unknown) {
    super(file, line, `resource ${logicalId}: ${reason}`, { cause });
    this.logicalId = logicalId;
  }
}

/** A `--parameter-overrides` value CloudFormation would refuse (unknown name, AllowedValues, AllowedPattern, Number). */
export class ParameterValueError extends CfnTemplateError {
  readonly parameter: string;

  constructor(file: string, line: number, parameter: string, reason: string) {
    super(file, line, `parameter ${parameter}: ${reason}`);
    this.parameter = parameter;
  }
}
