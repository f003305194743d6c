/**
 * Seeded generator of labelled synthetic signature traffic for the integrity checks.
 *
 *   tsx scripts/integrity/scenarios.ts [--seed 42] [--scale 1] [--out traffic.jsonl]
 *
 * `generateTraffic({ seed })` is deterministic: the same seed (and scale) gives the same events, ids
 * and labels. It knows nothing of the checks (it imports only the event type), so the same traffic
 * can be replayed through the offline evaluator or through the real pipeline (database, queue,
 * workers). Everything here is synthetic: citizens, devices, user agents, authenticator ids.
 * Addresses are drawn from ranges chosen to resemble Kazakh networks (mobile operators' announced
 * prefixes, home and business ranges); they say nothing about who really holds an address.
 *
 * Timeline (Asia/Almaty, UTC+5), from `startAt` (a Monday 00:00):
 *   day 0      organic background only (history for baselines)
 *   day 1      10:00 viral surge (organic, must not be flagged) · 14:00 bot farm · 19:00 device farm
 *   day 2      08:00–20:00 slow drip · 09:00 account wave · 10:00 workplace terminal
 *   day 3      08:00–20:00 slow drip through residential proxies (expected to evade: see report)
 *   days 1–3   a lockstep ring co-signs 10 petitions
 * Organic background runs throughout on 50 petitions (households co-signing, offices, mobile CGNAT,
 * new citizens, cookie-less browsers, an unlisted mobile operator).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type SignatureEvent } from '../../app/domain/integrity/types';

export type ScenarioName =
  | 'background'
  | 'viral-surge'
  | 'bot-farm'
  | 'device-farm'
  | 'account-wave'
  | 'lockstep-ring'
  | 'workplace-terminal'
  | 'slow-drip'
  | 'slow-drip-proxies';

export type Label = 'attack' | 'organic';

export interface LabelledSignature extends SignatureEvent {
  readonly label: Label;
  readonly scenario: ScenarioName;
}

export interface ScenarioInfo {
  readonly name: ScenarioName;
  readonly label: Label;
  readonly description: string;
  /** Where and when the scenario happens (for counting false positives around it). */
  readonly windows: readonly { petitionId: string; from: Date; to: Date }[];
  readonly events: number;
}

export interface PetitionInfo {
  readonly id: string;
  /** Region KATO of a local petition; null for a national one. */
  readonly regionKato: string | null;
  readonly popularity: number;
}

export interface GeneratedTraffic {
  readonly seed: number;
  readonly scale: number;
  readonly startAt: Date;
  /** End of the organic-only history day. */
  readonly warmupUntil: Date;
  readonly endAt: Date;
  readonly petitions: readonly PetitionInfo[];
  readonly scenarios: readonly ScenarioInfo[];
  /** Sorted by signedAt (then signatureId). One signature per citizen per petition. */
  readonly events: readonly LabelledSignature[];
}

export interface GeneratorOptions {
  readonly seed: number;
  /** Multiplies the population and the organic volumes (attacks keep their sizes). Default 1. */
  readonly scale?: number;
  /** Monday 00:00 Almaty time. Default 2026-03-02T00:00+05:00. */
  readonly startAt?: Date;
}

// ---------------------------------------------------------------------------------------------
// Random numbers (mulberry32: small, fast, deterministic)

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r <= 0) return v;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Catalogues (synthetic)

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ALMATY_OFFSET = 5 * HOUR;

/** Level-1 KATO codes with rough population weights (millions, rounded; for synthetic traffic only). */
const REGIONS: readonly (readonly [string, number])[] = [
  ['750000000', 2.3], ['710000000', 1.5], ['790000000', 1.2], ['610000000', 2.1], ['190000000', 1.5],
  ['310000000', 1.2], ['350000000', 1.1], ['630000000', 0.7], ['150000000', 0.9], ['390000000', 0.8],
  ['550000000', 0.75], ['230000000', 0.7], ['470000000', 0.8], ['270000000', 0.7], ['430000000', 0.85],
  ['110000000', 0.8], ['590000000', 0.53], ['100000000', 0.6], ['330000000', 0.7], ['620000000', 0.22],
];

type Platform = 'ios' | 'android' | 'windows' | 'mac' | 'linux';

const UAS: Record<Platform, readonly (readonly [string, number])[]> = {
  ios: [
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1', 5],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1', 8],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1', 10],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 2],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/136.0 Mobile/15E148 Safari/604.1', 1],
  ],
  android: [
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Mobile Safari/537.36', 14],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Mobile Safari/537.36', 6],
    ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Mobile Safari/537.36', 3],
    ['Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36', 3],
    ['Mozilla/5.0 (Linux; Android 13; 23053RN02Y) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 YaBrowser/25.4.1.100 Mobile Safari/537.36', 3],
    ['Mozilla/5.0 (Linux; Android 12; M2101K6G) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36', 1],
  ],
  windows: [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36', 12],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36', 5],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36 Edg/136.0.0.0', 4],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:138.0) Gecko/20100101 Firefox/138.0', 2],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 YaBrowser/25.4.0.0 Safari/537.36', 3],
  ],
  mac: [
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15', 3],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36', 2],
  ],
  linux: [['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36', 1]],
};

/** Synthetic authenticator model ids (not the real AAGUIDs of these products). */
const AAGUID = {
  appleKeychain: 'a0000000-0000-4000-8000-00000000a001',
  googlePm: 'a0000000-0000-4000-8000-00000000a002',
  samsungPass: 'a0000000-0000-4000-8000-00000000a003',
  windowsHello: 'a0000000-0000-4000-8000-00000000a004',
  securityKey: 'a0000000-0000-4000-8000-00000000a005',
  chromeMac: 'a0000000-0000-4000-8000-00000000a006',
  softwareAuthenticator: 'a0000000-0000-4000-8000-00000000a0ff',
} as const;

function aaguidFor(rng: Rng, platform: Platform): string | null {
  if (rng.chance(0.04)) return null;
  if (rng.chance(0.02)) return AAGUID.securityKey;
  switch (platform) {
    case 'ios':
      return AAGUID.appleKeychain;
    case 'android':
      return rng.chance(0.85) ? AAGUID.googlePm : AAGUID.samsungPass;
    case 'windows':
      return rng.chance(0.8) ? AAGUID.windowsHello : AAGUID.googlePm;
    case 'mac':
      return rng.chance(0.7) ? AAGUID.appleKeychain : AAGUID.chromeMac;
    case 'linux':
      return AAGUID.googlePm;
  }
}

/** An IPv4 pool: base address and size in /24 blocks. */
interface Pool4 {
  readonly base: readonly [number, number, number];
  readonly blocks: number;
}

function pool4(text: string, blocks: number): Pool4 {
  const [a, b, c] = text.split('.').map(Number) as [number, number, number];
  return { base: [a, b, c], blocks };
}

/** Address in block i (0-based) of a pool, host 1–254. */
function addressIn(pool: Pool4, block: number, host: number): string {
  const c = pool.base[2] + block;
  const b = pool.base[1] + Math.floor(c / 256);
  return `${pool.base[0]}.${b}.${c % 256}.${host}`;
}

interface Carrier {
  readonly name: string;
  readonly weight: number;
  readonly pools: readonly Pool4[];
  readonly v6: string;
}

/**
 * Mobile operators. The first three use prefixes their autonomous systems announce (the kind of
 * range listed as CGNAT space in the configuration); the fourth is an operator missing from that list.
 */
const CARRIERS: readonly Carrier[] = [
  { name: 'kcell', weight: 0.42, pools: [pool4('2.72.0.0', 256), pool4('2.76.0.0', 128)], v6: '2a0d:4d00' },
  { name: 'beeline', weight: 0.33, pools: [pool4('37.99.0.0', 64), pool4('5.34.48.0', 16), pool4('92.49.240.0', 16)], v6: '2a02:2168' },
  { name: 'tele2', weight: 0.17, pools: [pool4('176.64.0.0', 32), pool4('85.117.96.0', 32)], v6: '2a0e:1c80' },
  { name: 'unlisted', weight: 0.08, pools: [pool4('31.40.96.0', 24)], v6: '2a0b:f300' },
];

/** Home broadband pools (each household keeps one address). */
const HOME_POOLS: readonly Pool4[] = [pool4('95.56.0.0', 1024), pool4('2.132.0.0', 1024), pool4('178.88.0.0', 512), pool4('92.46.0.0', 256)];
const HOME_V6 = '2a03:4a80';
/** Business ranges (offices). */
const OFFICE_POOL = pool4('212.154.0.0', 128);

// ---------------------------------------------------------------------------------------------
// Population

interface Device {
  readonly id: string;
  readonly platform: Platform;
  readonly userAgent: string;
  readonly aaguid: string | null;
}

interface Household {
  readonly ip: string;
  readonly ipv6: string | null;
  readonly tablet: Device | null;
  readonly members: Citizen[];
}

interface Office {
  readonly ip: string;
  readonly region: string;
  readonly employees: Citizen[];
}

interface Citizen {
  readonly id: string;
  readonly regionKato: string;
  readonly accountCreatedAt: number;
  readonly proofedAt: number;
  passkeyCreatedAt: number;
  readonly phone: Device;
  readonly desktop: Device | null;
  readonly carrier: Carrier;
  readonly household: Household;
  office: Office | null;
}

function newDevice(rng: Rng, platform: Platform, prefix: string): Device {
  return { id: `${prefix}-${rng.hex(12)}`, platform, userAgent: rng.weighted(UAS[platform]), aaguid: aaguidFor(rng, platform) };
}

class World {
  readonly citizens: Citizen[] = [];
  readonly byRegion = new Map<string, Citizen[]>();
  readonly offices: Office[] = [];
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly startAt: number,
    size: number,
  ) {
    let left = size;
    while (left > 0) {
      const n = Math.min(left, rng.weighted([[1, 0.3], [2, 0.32], [3, 0.22], [4, 0.16]] as const));
      left -= n;
      const household = this.newHousehold();
      const region = rng.weighted(REGIONS);
      for (let i = 0; i < n; i++) this.addCitizen(this.newCitizen(region, household, this.establishedAccount()));
    }
    const officeCount = Math.max(10, Math.round(size / 120));
    for (let i = 0; i < officeCount; i++) {
      const region = rng.weighted(REGIONS);
      const office: Office = {
        ip: addressIn(OFFICE_POOL, rng.int(0, OFFICE_POOL.blocks - 1), rng.int(1, 254)),
        region,
        employees: [],
      };
      this.offices.push(office);
    }
    const officesByRegion = new Map<string, Office[]>();
    for (const o of this.offices) officesByRegion.set(o.region, [...(officesByRegion.get(o.region) ?? []), o]);
    for (const c of this.citizens) {
      if (rng.chance(0.35)) {
        const local = officesByRegion.get(c.regionKato) ?? [];
        const office = local.length > 0 ? rng.pick(local) : rng.pick(this.offices);
        c.office = office;
        office.employees.push(c);
      }
    }
  }

  private newHousehold(): Household {
    const rng = this.rng;
    const pool = rng.pick(HOME_POOLS);
    return {
      ip: addressIn(pool, rng.int(0, pool.blocks - 1), rng.int(1, 254)),
      ipv6: rng.chance(0.2) ? `${HOME_V6}:${rng.hex(4)}:${rng.hex(2)}00::${rng.hex(3)}` : null,
      tablet: rng.chance(0.2) ? newDevice(rng, rng.chance(0.5) ? 'android' : 'ios', 'dev') : null,
      members: [],
    };
  }

  /** Account creation, proofing and passkey times of an established citizen. */
  private establishedAccount(): { created: number; proofed: number; passkey: number } {
    const rng = this.rng;
    const created = this.startAt - (8 * DAY + Math.min(4 * 365 * DAY, rng.exponential(300 * DAY)));
    const proofed = created + rng.uniform(1, 15) * MIN;
    let passkey = proofed + rng.uniform(0, 2) * MIN;
    // A later passkey (new phone) for some.
    if (rng.chance(0.15)) passkey = rng.uniform(proofed, this.startAt - DAY);
    return { created, proofed, passkey };
  }

  newCitizen(region: string, household: Household, times: { created: number; proofed: number; passkey: number }): Citizen {
    const rng = this.rng;
    const platform: Platform = rng.weighted([['android', 0.55], ['ios', 0.35], ['windows', 0.07], ['mac', 0.03]] as const);
    const c: Citizen = {
      id: `c-${String(++this.seq).padStart(6, '0')}`,
      regionKato: region,
      accountCreatedAt: times.created,
      proofedAt: times.proofed,
      passkeyCreatedAt: times.passkey,
      phone: newDevice(rng, platform, 'dev'),
      desktop: rng.chance(0.3) ? newDevice(rng, rng.chance(0.85) ? 'windows' : 'mac', 'dev') : null,
      carrier: rng.weighted(CARRIERS.map((k) => [k, k.weight] as const)),
      household,
      office: null,
    };
    household.members.push(c);
    return c;
  }

  addCitizen(c: Citizen): void {
    this.citizens.push(c);
    const list = this.byRegion.get(c.regionKato);
    if (list) list.push(c);
    else this.byRegion.set(c.regionKato, [c]);
  }

  /** A citizen registering now (organic newcomer): proofed and given a passkey minutes before signing. */
  newcomer(region: string, signAt: number): Citizen {
    const rng = this.rng;
    const created = signAt - rng.uniform(3, 40) * MIN;
    const c = this.newCitizen(region, this.newHousehold(), { created, proofed: created + rng.uniform(1, 2) * MIN, passkey: created + rng.uniform(2, 3) * MIN });
    this.addCitizen(c);
    return c;
  }

  randomCitizen(region: string | null, localShare: number): Citizen {
    const rng = this.rng;
    if (region !== null && rng.chance(localShare)) {
      const list = this.byRegion.get(region);
      if (list && list.length > 0) return rng.pick(list);
    }
    return rng.pick(this.citizens);
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic

/** Relative organic activity by hour of the day (Almaty time). */
const DIURNAL = [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 0.9, 1.1, 1.2, 1.25, 1.3, 1.25, 1.2, 1.2, 1.2, 1.25, 1.35, 1.5, 1.6, 1.5, 1.1, 0.6];

function almatyHour(t: number): number {
  return Math.floor(((t + ALMATY_OFFSET) % DAY) / HOUR);
}

function isWorkTime(t: number): boolean {
  const local = t + ALMATY_OFFSET;
  const weekday = new Date(local).getUTCDay();
  const h = almatyHour(t);
  return weekday >= 1 && weekday <= 5 && h >= 9 && h < 18;
}

interface Draft {
  petitionId: string;
  citizen: Citizen;
  t: number;
  ip: string;
  device: Device | null;
  userAgent: string;
  aaguid: string | null;
  passkeyCreatedAt?: number;
  label: Label;
  scenario: ScenarioName;
}

class Traffic {
  readonly drafts: Draft[] = [];
  private readonly signed = new Map<string, Set<string>>();

  constructor(
    private readonly rng: Rng,
    readonly world: World,
  ) {}

  hasSigned(petitionId: string, citizenId: string): boolean {
    return this.signed.get(petitionId)?.has(citizenId) ?? false;
  }

  /** Records a signature unless the citizen already signed the petition (one per citizen per petition). */
  add(d: Draft): boolean {
    let set = this.signed.get(d.petitionId);
    if (!set) {
      set = new Set();
      this.signed.set(d.petitionId, set);
    }
    if (set.has(d.citizen.id)) return false;
    set.add(d.citizen.id);
    this.drafts.push(d);
    return true;
  }

  /** Mobile address of a citizen's phone right now (a CGNAT public address from the operator's pool). */
  mobileIp(c: Citizen): string {
    const rng = this.rng;
    if (rng.chance(0.1)) return `${c.carrier.v6}:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}::${rng.hex(4)}`;
    const pool = rng.pick(c.carrier.pools);
    return addressIn(pool, rng.int(0, pool.blocks - 1), rng.int(1, 254));
  }

  homeIp(c: Citizen): string {
    const h = c.household;
    return h.ipv6 !== null && this.rng.chance(0.6) ? h.ipv6 : h.ip;
  }

  /** An ordinary signature: the citizen's own device and usual connection. */
  organic(petitionId: string, c: Citizen, t: number, scenario: ScenarioName, mobileShare = 0.55): boolean {
    const rng = this.rng;
    let device: Device = c.phone;
    let ip: string;
    if (c.office && isWorkTime(t) && rng.chance(0.4)) {
      device = c.desktop && rng.chance(0.3) ? c.desktop : c.phone;
      ip = c.office.ip;
    } else if (rng.chance(mobileShare)) {
      ip = this.mobileIp(c);
    } else {
      if (c.household.tablet && rng.chance(0.15)) device = c.household.tablet;
      else if (c.desktop && rng.chance(0.35)) device = c.desktop;
      ip = this.homeIp(c);
    }
    return this.add({
      petitionId,
      citizen: c,
      t,
      ip,
      device: rng.chance(0.06) ? null : device,
      userAgent: device.userAgent,
      aaguid: device.aaguid,
      label: 'organic',
      scenario,
    });
  }

  /** A household member signing the same petition shortly after, from home. */
  householdFollow(petitionId: string, c: Citizen, t: number, scenario: ScenarioName): void {
    const rng = this.rng;
    const others = c.household.members.filter((m) => m !== c && !this.hasSigned(petitionId, m.id));
    if (others.length === 0) return;
    const m = rng.pick(others);
    const device = m.household.tablet && rng.chance(0.3) ? m.household.tablet : m.phone;
    this.add({
      petitionId,
      citizen: m,
      t: t + rng.uniform(0.3, 10) * MIN,
      ip: this.homeIp(m),
      device,
      userAgent: device.userAgent,
      aaguid: device.aaguid,
      label: 'organic',
      scenario,
    });
  }
}

function zipfWeights(n: number, s: number): number[] {
  const w = Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

export function generateTraffic(options: GeneratorOptions): GeneratedTraffic {
  const seed = options.seed;
  const scale = options.scale ?? 1;
  const startAt = (options.startAt ?? new Date('2026-03-02T00:00:00+05:00')).getTime();
  const rng = new Rng(seed);
  const world = new World(rng, startAt, Math.round(40_000 * scale));
  const traffic = new Traffic(rng, world);
  const days = 4;
  const endAt = startAt + days * DAY;

  // Petitions: 50 background petitions (Zipf popularity, 40 % local), plus the surge petition.
  const popularity = zipfWeights(50, 1.1);
  const petitions: PetitionInfo[] = popularity.map((p, i) => ({
    id: `p-${String(i + 1).padStart(2, '0')}`,
    regionKato: rng.chance(0.4) ? rng.weighted(REGIONS) : null,
    popularity: p,
  }));
  const byId = new Map(petitions.map((p) => [p.id, p]));
  const pid = (rank: number) => (petitions[rank - 1] as PetitionInfo).id;

  // Organic background: ~5,000 signatures a day × scale, by hour, across the background petitions.
  const perDay = 5_000 * scale;
  const diurnalTotal = DIURNAL.reduce((a, b) => a + b, 0);
  for (let m = 0; m < days * 24 * 60; m++) {
    const t0 = startAt + m * MIN;
    const lambda = (perDay * (DIURNAL[almatyHour(t0)] ?? 1)) / diurnalTotal / 60;
    const n = rng.poisson(lambda);
    for (let i = 0; i < n; i++) {
      const t = t0 + rng.uniform(0, MIN);
      const p = rng.weighted(petitions.map((x) => [x, x.popularity] as const));
      const c = rng.chance(0.03) ? world.newcomer(p.regionKato ?? rng.weighted(REGIONS), t) : world.randomCitizen(p.regionKato, 0.85);
      if (traffic.organic(p.id, c, t, 'background') && rng.chance(0.2)) traffic.householdFollow(p.id, c, t, 'background');
    }
  }
  // Office blasts: an office's staff share a local petition by e-mail (legitimate, concentrated).
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < 3; k++) {
      const office = rng.pick(world.offices.filter((o) => o.employees.length >= 15));
      const local = petitions.filter((p) => p.regionKato === office.region);
      const p = local.length > 0 ? rng.pick(local) : rng.pick(petitions);
      const t0 = startAt + d * DAY + rng.uniform(9.5, 15) * HOUR;
      for (const e of office.employees) {
        if (!rng.chance(0.3)) continue;
        const t = t0 + rng.exponential(25 * MIN);
        const device = e.desktop && rng.chance(0.3) ? e.desktop : e.phone;
        traffic.add({ petitionId: p.id, citizen: e, t, ip: office.ip, device, userAgent: device.userAgent, aaguid: device.aaguid, label: 'organic', scenario: 'background' });
      }
    }
  }

  const scenarios: ScenarioInfo[] = [];
  const countOf = (name: ScenarioName) => traffic.drafts.filter((d) => d.scenario === name).length;
  const at = (day: number, hour: number) => startAt + day * DAY + hour * HOUR;

  // 1. Viral surge (organic): a national petition shared widely; ramps up in 30 min, decays with a 60-min half-life.
  {
    const surge: PetitionInfo = { id: 'p-surge', regionKato: null, popularity: 0 };
    petitions.push(surge);
    byId.set(surge.id, surge);
    const t0 = at(1, 10);
    const peak = 150 * scale;
    const duration = 8 * 60;
    for (let m = 0; m < duration; m++) {
      const ramp = m < 30 ? (m + 1) / 30 : Math.pow(0.5, (m - 30) / 60);
      const n = rng.poisson(peak * ramp);
      for (let i = 0; i < n; i++) {
        const t = t0 + m * MIN + rng.uniform(0, MIN);
        const c = rng.chance(0.12) ? world.newcomer(rng.weighted(REGIONS), t) : world.randomCitizen(null, 0);
        if (traffic.organic(surge.id, c, t, 'viral-surge', 0.65) && rng.chance(0.15)) traffic.householdFollow(surge.id, c, t, 'viral-surge');
      }
    }
    scenarios.push({
      name: 'viral-surge',
      label: 'organic',
      description: 'A national petition goes viral: up to ~150 signatures a minute from everywhere, 12 % newcomers, households signing together, mostly phones on mobile CGNAT.',
      windows: [{ petitionId: surge.id, from: new Date(t0), to: new Date(t0 + duration * MIN) }],
      events: countOf('viral-surge'),
    });
  }

  // 2. Bot farm: 400 signatures in 25 minutes from one hosting /24 with stolen identities.
  {
    const p = pid(8);
    const t0 = at(1, 14);
    const net = '185.22.174';
    const uas = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'];
    let made = 0;
    while (made < 400) {
      const c = rng.pick(world.citizens);
      if (traffic.hasSigned(p, c.id)) continue;
      const t = t0 + rng.uniform(0, 25) * MIN;
      if (traffic.add({ petitionId: p, citizen: c, t, ip: `${net}.${rng.int(1, 254)}`, device: { id: `dev-${rng.hex(12)}`, platform: 'linux', userAgent: '', aaguid: null }, userAgent: rng.pick(uas), aaguid: AAGUID.softwareAuthenticator, passkeyCreatedAt: t - rng.uniform(1, 72) * HOUR, label: 'attack', scenario: 'bot-farm' })) made++;
    }
    scenarios.push({ name: 'bot-farm', label: 'attack', description: '400 signatures in 25 minutes from one hosting /24, stolen identities with freshly registered passkeys, new cookie each time, headless browsers.', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t0 + 25 * MIN) }], events: countOf('bot-farm') });
  }

  // 3. Device farm: 10 phones on mobile data, each signing for 20 bought accounts over 2 hours.
  {
    const p = pid(12);
    const t0 = at(1, 19);
    const carrier = CARRIERS[0] as Carrier;
    for (let phone = 0; phone < 10; phone++) {
      const device = newDevice(rng, 'android', 'dev');
      const block = rng.int(0, 255);
      let made = 0;
      while (made < 20) {
        const c = rng.pick(world.citizens);
        if (traffic.hasSigned(p, c.id)) continue;
        const t = t0 + rng.uniform(0, 120) * MIN;
        const pool = carrier.pools[0] as Pool4;
        const ip = addressIn(pool, (block + rng.int(0, 3)) % pool.blocks, rng.int(1, 254));
        if (traffic.add({ petitionId: p, citizen: c, t, ip, device, userAgent: device.userAgent, aaguid: AAGUID.googlePm, passkeyCreatedAt: t - rng.uniform(3, 240) * HOUR, label: 'attack', scenario: 'device-farm' })) made++;
      }
    }
    scenarios.push({ name: 'device-farm', label: 'attack', description: '10 phones on mobile data (operator CGNAT) each sign for 20 bought accounts within 2 hours; passkeys registered on the farm phones hours to days before.', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t0 + 120 * MIN) }], events: countOf('device-farm') });
  }

  // 4. Account wave: 300 accounts created, proofed and given passkeys 1–30 h before signing one petition within 90 minutes.
  {
    const base = petitions[19] as PetitionInfo;
    const region = base.regionKato ?? '790000000';
    const p = base.id;
    const t0 = at(2, 9);
    for (let i = 0; i < 300; i++) {
      const t = t0 + rng.uniform(0, 90) * MIN;
      const created = t - rng.uniform(1, 30) * HOUR;
      const household = world.newcomer(rng.chance(0.8) ? region : rng.weighted(REGIONS), created + 3 * MIN).household;
      const c = household.members[0] as Citizen;
      const mobile = rng.chance(0.6);
      traffic.add({ petitionId: p, citizen: c, t, ip: mobile ? traffic.mobileIp(c) : c.household.ip, device: c.phone, userAgent: c.phone.userAgent, aaguid: c.phone.aaguid, label: 'attack', scenario: 'account-wave' });
    }
    scenarios.push({ name: 'account-wave', label: 'attack', description: '300 people recruited to register (identity proofed, passkey created) 1–30 hours before signing one petition within 90 minutes, each on their own phone and network.', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t0 + 90 * MIN) }], events: countOf('account-wave') });
  }

  // 5. Lockstep ring: 25 established accounts co-sign 10 petitions, each time within ~6 minutes of a signal.
  {
    const members: Citizen[] = [];
    while (members.length < 25) {
      const c = rng.pick(world.citizens);
      if (!members.includes(c)) members.push(c);
    }
    const targets = [15, 18, 22, 25, 27, 30, 33, 36, 40, 44].map(pid);
    const windows: { petitionId: string; from: Date; to: Date }[] = [];
    targets.forEach((p, i) => {
      const t0 = at(1 + Math.floor((i * 3) / 10), 0) + rng.uniform(9, 21) * HOUR;
      windows.push({ petitionId: p, from: new Date(t0), to: new Date(t0 + 8 * MIN) });
      for (const c of members) {
        if (!rng.chance(0.9)) continue;
        const t = t0 + rng.uniform(0, 6) * MIN;
        const ip = rng.chance(0.5) ? traffic.mobileIp(c) : traffic.homeIp(c);
        traffic.add({ petitionId: p, citizen: c, t, ip, device: c.phone, userAgent: c.phone.userAgent, aaguid: c.phone.aaguid, label: 'attack', scenario: 'lockstep-ring' });
      }
    });
    scenarios.push({ name: 'lockstep-ring', label: 'attack', description: '25 established accounts on their own devices and networks sign 10 petitions over three days, each time within 6 minutes of a signal (90 % turnout).', windows, events: countOf('lockstep-ring') });
  }

  // 6. Workplace terminal: one office computer signs for 35 colleagues (each confirms with their phone passkey).
  {
    const officeRegion = '710000000';
    const office: Office = { ip: addressIn(OFFICE_POOL, 100, 17), region: officeRegion, employees: [] };
    const local = petitions.filter((p) => p.regionKato === officeRegion);
    const p = local.length > 0 ? (local[0] as PetitionInfo).id : pid(24);
    const terminal = newDevice(rng, 'windows', 'dev');
    const t0 = at(2, 10);
    let made = 0;
    while (made < 35) {
      const c = world.randomCitizen(officeRegion, 1);
      if (traffic.hasSigned(p, c.id)) continue;
      const t = t0 + rng.uniform(0, 120) * MIN;
      if (traffic.add({ petitionId: p, citizen: c, t, ip: office.ip, device: terminal, userAgent: terminal.userAgent, aaguid: c.phone.aaguid, label: 'attack', scenario: 'workplace-terminal' })) made++;
    }
    scenarios.push({ name: 'workplace-terminal', label: 'attack', description: 'At a workplace, 35 colleagues are made to sign on one office computer within 2 hours, each confirming with their own phone passkey (cross-device).', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t0 + 120 * MIN) }], events: countOf('workplace-terminal') });
  }

  // 7. Slow drip: 150 stolen identities, one signature every ~5 minutes for 12 hours, from 12
  //    addresses in two residential /24s, each address used at most once per 5 minutes.
  const drip = (name: 'slow-drip' | 'slow-drip-proxies', p: string, day: number, spread: boolean) => {
    const t0 = at(day, 8);
    const ips = ['95.57.140', '92.46.77'].flatMap((net) => Array.from({ length: 6 }, () => `${net}.${rng.int(1, 254)}`));
    const lastUse = new Map<string, number>();
    const ua = (UAS.windows[0] as readonly [string, number])[0];
    let t = t0;
    let made = 0;
    while (made < 150) {
      t += rng.uniform(3, 6.6) * MIN;
      const c = rng.pick(world.citizens);
      if (traffic.hasSigned(p, c.id)) continue;
      let ip: string;
      let userAgent = ua;
      let aaguid: string | null = AAGUID.windowsHello;
      if (spread) {
        // Residential proxies: every signature from a different home address, browsers mimicking the population.
        const pool = rng.pick(HOME_POOLS);
        ip = addressIn(pool, rng.int(0, pool.blocks - 1), rng.int(1, 254));
        const platform: Platform = rng.weighted([['android', 0.55], ['ios', 0.35], ['windows', 0.1]] as const);
        userAgent = rng.weighted(UAS[platform]);
        aaguid = aaguidFor(rng, platform);
      } else {
        const free = ips.filter((x) => t - (lastUse.get(x) ?? -Infinity) > 300_000);
        ip = rng.pick(free.length > 0 ? free : ips);
        lastUse.set(ip, t);
      }
      if (traffic.add({ petitionId: p, citizen: c, t, ip, device: { id: `dev-${rng.hex(12)}`, platform: 'windows', userAgent, aaguid }, userAgent, aaguid, passkeyCreatedAt: t - rng.uniform(3, 14) * DAY, label: 'attack', scenario: name })) made++;
    }
    return { t0, t1: t };
  };
  {
    const p = pid(10);
    const { t0, t1 } = drip('slow-drip', p, 2, false);
    scenarios.push({ name: 'slow-drip', label: 'attack', description: '150 stolen identities (passkeys registered 3–14 days before), one signature every 3–6.6 minutes for 12 hours, from 12 addresses in two residential /24s, never over the per-address limits; a common desktop browser and authenticator, new cookie each time.', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t1) }], events: countOf('slow-drip') });
  }
  {
    const p = pid(11);
    const { t0, t1 } = drip('slow-drip-proxies', p, 3, true);
    scenarios.push({ name: 'slow-drip-proxies', label: 'attack', description: 'The same drip through residential proxies: every signature from a different home address, browsers and authenticators drawn like the population’s.', windows: [{ petitionId: p, from: new Date(t0), to: new Date(t1) }], events: countOf('slow-drip-proxies') });
  }

  scenarios.unshift({
    name: 'background',
    label: 'organic',
    description: 'Organic traffic on 50 petitions over 4 days (~5,000 a day), with households, offices, mobile CGNAT, newcomers and office e-mail blasts.',
    windows: [],
    events: countOf('background'),
  });

  // Materialize, sorted by time; ids assigned in that order.
  const drafts = traffic.drafts.filter((d) => d.t >= startAt && d.t < endAt).sort((a, b) => a.t - b.t || a.citizen.id.localeCompare(b.citizen.id) || a.petitionId.localeCompare(b.petitionId));
  const events: LabelledSignature[] = drafts.map((d, i) => ({
    signatureId: `s-${String(i + 1).padStart(7, '0')}`,
    petitionId: d.petitionId,
    citizenId: d.citizen.id,
    signedAt: new Date(Math.round(d.t)),
    ip: d.ip,
    userAgent: d.userAgent,
    deviceId: d.device?.id ?? null,
    aaguid: d.aaguid,
    accountCreatedAt: new Date(Math.round(d.citizen.accountCreatedAt)),
    proofedAt: new Date(Math.round(d.citizen.proofedAt)),
    passkeyCreatedAt: new Date(Math.round(d.passkeyCreatedAt ?? d.citizen.passkeyCreatedAt)),
    regionKato: d.citizen.regionKato,
    label: d.label,
    scenario: d.scenario,
  }));
  return {
    seed,
    scale,
    startAt: new Date(startAt),
    warmupUntil: new Date(startAt + DAY),
    endAt: new Date(endAt),
    petitions,
    scenarios: scenarios.map((s) => ({ ...s, events: events.filter((e) => e.scenario === s.name).length })),
    events,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI: write the traffic as JSON lines (one event per line; a first line with the metadata).

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seed = Number(arg('seed') ?? 42);
  const scale = Number(arg('scale') ?? 1);
  const out = arg('out');
  const traffic = generateTraffic({ seed, scale });
  const { events, ...meta } = traffic;
  const lines = [JSON.stringify({ meta }), ...events.map((e) => JSON.stringify(e))];
  if (out) {
    writeFileSync(out, lines.join('\n') + '\n');
    console.log(`${events.length} events written to ${out}`);
  } else {
    console.log(JSON.stringify({ ...meta, events: events.length }, null, 2));
  }
}
