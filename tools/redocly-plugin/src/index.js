// Local Redocly plugin: house-style rules and bundle decorators for every lms-apis spec.
// Redocly loads plugins as plain JavaScript, so this package ships untranspiled ESM.
import { operationIdVerb } from './rules/operation-id-verb.js';
import { operationProvenance } from './rules/operation-provenance.js';
import { pathsRefFiles } from './rules/paths-ref-files.js';

export default function lmsPlugin() {
  return {
    id: 'lms',
    rules: {
      oas3: {
        'paths-ref-files': pathsRefFiles,
        'operation-id-verb': operationIdVerb,
        'operation-provenance': operationProvenance,
      },
    },
  };
}
