/** Integrity checks on petition signatures: public API of the area. */
export * from './types';
export { integrityConfigSchema, parseIntegrityConfig, type IntegrityConfig, type SharedRange, type ConfigParseOutcome } from './config';
export {
  parseIp,
  parseIpv4,
  parseIpv6,
  formatIp,
  formatIpv6,
  parseCidr,
  formatCidr,
  cidrContains,
  maskAddress,
  prefixKey,
  SHARED_ADDRESS_SPACE,
  type IpAddress,
  type Cidr,
} from './ip';
export { featuresOf, sharedRangeOf, weakKeyOf, type EventFeatures } from './features';
export {
  velocityBurst,
  networkConcentration,
  sharedDevice,
  accountWave,
  lockstep,
  throttle,
  evaluateSignals,
  requiredLookback,
  type SignalContext,
  type WeakKeyBaseline,
  type RequiredLookback,
} from './signals';
export { CoSignIndex, UnionFind, buildCoSignIndex, type CoSignEvent, type CoSignSettings } from './lockstep';
export { combineSignals, scoreSignals, assessSignature, withGroupEvidence, groupContains, type Contribution, type RiskAssessment } from './score';
export { checkSigningAttempt, type AttemptLimit, type AttemptCheck } from './throttle';
export { integrityTranslator, renderExplanation, renderAssessment, type Translate, type IntegrityLocale } from './explain';
