import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag, type YAMLSeq } from 'yaml';

/**
 * CloudFormation's YAML short forms (`!Ref x`) mapped to the long-form key they
 * stand for (`{"Ref": "x"}`). Everything downstream only knows the long form,
 * exactly like CloudFormation, which converts YAML to JSON before processing.
 */
export const SHORT_FORM_KEYS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!Transform': 'Fn::Transform',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
  // The Rules section's functions.
  '!Contains': 'Fn::Contains',
  '!EachMemberEquals': 'Fn::EachMemberEquals',
  '!EachMemberIn': 'Fn::EachMemberIn',
  '!RefAll': 'Fn::RefAll',
  '!ValueOf': 'Fn::ValueOf',
  '!ValueOfAll': 'Fn::ValueOfAll',
};

/** `!GetAtt Res.Attr` is the scalar spelling of `[Res, Attr]`; attribute names may contain dots themselves. */
function getAttArguments(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function scalarTag(tag: string, key: string): ScalarTag {
  return {
    tag,
    // A scalar node can carry any value, so the long-form object simply becomes its value.
    resolve: (text: string) => ({ [key]: key === 'Fn::GetAtt' ? getAttArguments(text) : text }),
  };
}

/** Maps made by `collectionTag`, told apart from mappings written in the template. */
const wrappers = new WeakSet<object>();

/** Whether `node` is the one-key map a short form such as `!If [...]` became. */
export function isShortFormWrapper(node: unknown): node is YAMLMap<Scalar<string>, unknown> {
  return typeof node === 'object' && node !== null && wrappers.has(node);
}

function collectionTag(tag: string, key: string, collection: 'map' | 'seq'): CollectionTag {
  return {
    tag,
    collection,
    // Wrap the parsed collection in a one-key map node instead of converting it to a
    // plain value: the nodes (and so the line numbers) inside `!If [...]` survive.
    resolve: (value: YAMLMap.Parsed | YAMLSeq.Parsed) => {
      const keyNode = new Scalar(key);
      keyNode.range = value.range;
      const wrapper = new YAMLMap();
      wrapper.items.push(new Pair(keyNode, value));
      wrappers.add(wrapper);
      return wrapper;
    },
  };
}

/** Custom tags for `yaml`'s `customTags` option: every short form, in scalar, sequence and mapping spelling. */
export const CFN_YAML_TAGS: Array<ScalarTag | CollectionTag> = Object.entries(SHORT_FORM_KEYS).flatMap(
  ([tag, key]) => [scalarTag(tag, key), collectionTag(tag, key, 'seq'), collectionTag(tag, key, 'map')],
);
