import type { PlaceholderContext } from '../../src/engine/placeholders';

/** A Hook context for account 111122223333 in eu-west-1, with the given resource and parameters. */
export function testContext(typeName: string, logicalResourceId: string, params: PlaceholderContext['params']): PlaceholderContext {
  return {
    accountID: '111122223333',
    region: 'eu-west-1',
    partition: 'aws',
    stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/s/1',
    stackName: 's',
    logicalResourceId,
    typeName,
    hookTypeName: 'RCFGE::Config::Hook',
    params,
  };
}
