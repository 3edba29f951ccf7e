#!/usr/bin/env node
// Validates Backstage catalog YAML files (e.g. the catalog-info.yaml Paved generates) with
// @backstage/catalog-model's own validators, the same checks the catalog backend applies:
//   1. the backend's default entity policies: NoForeignRootFieldsEntityPolicy, SchemaValidEntityPolicy
//      (envelope schema), DefaultNamespaceEntityPolicy, FieldFormatEntityPolicy (all must pass; the
//      root-field check runs first only so that an unknown root field is reported by name);
//   2. the built-in kind validators (Component v1alpha1 checks spec.type/lifecycle/owner, ...);
//      an entity that no kind validator recognises is rejected, as the backend does;
//   3. for the relation fields of the built-in kinds (spec.owner, spec.system, ...), the refs
//      must parse with parseEntityRef, as the backend's BuiltinKindsEntityProcessor requires.
// A file may hold several YAML documents; empty documents (a trailing ---) are skipped, like
// the backend does. A file with no entity at all is reported invalid.
//
// Usage: node validate.mjs FILE...
// Prints one line per file to stdout: "ok FILE (N entities)" or "invalid FILE: MESSAGE".
// Exit codes: 0 all valid, 1 some file invalid, 2 usage error (no FILE, unreadable FILE).
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { parseAllDocuments } from 'yaml';
import {
  DEFAULT_NAMESPACE,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';

const USAGE = 'usage: node validate.mjs FILE...';

const policy = EntityPolicies.allOf([
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

const kindValidators = {
  component: componentEntityV1alpha1Validator,
  api: apiEntityV1alpha1Validator,
  resource: resourceEntityV1alpha1Validator,
  system: systemEntityV1alpha1Validator,
  domain: domainEntityV1alpha1Validator,
  group: groupEntityV1alpha1Validator,
  user: userEntityV1alpha1Validator,
  location: locationEntityV1alpha1Validator,
};

// Relation fields of the built-in kinds: spec field -> default kind of the referenced entity.
const refFields = {
  component: {
    owner: 'Group', system: 'System', subcomponentOf: 'Component', providesApis: 'API',
    consumesApis: 'API', dependsOn: 'Component', dependencyOf: 'Component',
  },
  api: { owner: 'Group', system: 'System' },
  resource: { owner: 'Group', system: 'System', dependsOn: 'Component', dependencyOf: 'Component' },
  system: { owner: 'Group', domain: 'Domain' },
  domain: { owner: 'Group', subdomainOf: 'Domain' },
  group: { parent: 'Group', children: 'Group', members: 'User' },
  user: { memberOf: 'Group' },
};

function shortMessage(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*To learn more about catalog file format, visit: \S+/, '').trim();
}

function checkRefs(entity) {
  const fields = refFields[String(entity.kind).toLowerCase()] ?? {};
  for (const [field, defaultKind] of Object.entries(fields)) {
    const value = entity.spec?.[field];
    if (value === undefined) continue;
    for (const ref of Array.isArray(value) ? value : [value]) {
      try {
        parseEntityRef(ref, { defaultKind, defaultNamespace: entity.metadata.namespace });
      } catch (e) {
        throw new Error(`spec.${field}: ${shortMessage(e)}`);
      }
    }
  }
}

// Returns the entity ref of a valid entity; throws an Error describing the first problem.
async function validateEntity(raw) {
  const entity = await policy.enforce(structuredClone(raw));
  const validator = kindValidators[String(entity.kind).toLowerCase()];
  // check() resolves false when kind/apiVersion are not the ones it handles, rejects when invalid.
  if (!validator || !(await validator.check(entity))) {
    throw new Error(
      `no built-in kind validator accepts kind "${entity.kind}" with apiVersion "${entity.apiVersion}"`,
    );
  }
  checkRefs(entity);
  return stringifyEntityRef(entity);
}

function describe(raw, index) {
  const kind = raw?.kind ?? '?';
  const name = raw?.metadata?.name ?? '?';
  const namespace = raw?.metadata?.namespace ?? DEFAULT_NAMESPACE;
  return `document ${index + 1} (${kind}:${namespace}/${name})`;
}

// Returns { entities } or { problems: [message...] }.
async function validateText(text) {
  const problems = [];
  const seen = new Map();
  let entities = 0;
  const documents = parseAllDocuments(text, { prettyErrors: false });
  for (const [index, document] of documents.entries()) {
    if (document.errors.length) {
      problems.push(`document ${index + 1}: YAML error: ${document.errors[0].message.split('\n')[0]}`);
      continue;
    }
    const raw = document.toJS({ maxAliasCount: 100 });
    if (raw === null || raw === undefined) continue; // empty document, e.g. a trailing ---
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`document ${index + 1}: expected an object at the root, got ${Array.isArray(raw) ? 'an array' : typeof raw}`);
      continue;
    }
    try {
      const ref = await validateEntity(raw);
      if (seen.has(ref)) {
        throw new Error(`duplicate entity ${ref}, also document ${seen.get(ref)}`);
      }
      seen.set(ref, index + 1);
      entities += 1;
    } catch (e) {
      problems.push(`${describe(raw, index)}: ${shortMessage(e)}`);
    }
  }
  if (!problems.length && entities === 0) problems.push('no entity in file');
  return problems.length ? { problems } : { entities };
}

async function main(args) {
  if (args[0] === '--') args = args.slice(1);
  else if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
    console.log(USAGE);
    return 0;
  }
  if (!args.length) {
    console.error(USAGE);
    return 2;
  }
  let invalid = false;
  let unreadable = false;
  for (const file of args) {
    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      console.error(`error ${file}: cannot read: ${e.code ?? shortMessage(e)}`);
      unreadable = true;
      continue;
    }
    const result = await validateText(text);
    if (result.problems) {
      invalid = true;
      console.log(`invalid ${file}: ${result.problems.join('; ')}`);
    } else {
      console.log(`ok ${file} (${result.entities} entities)`);
    }
  }
  return unreadable ? 2 : invalid ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
